import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Grid, Input, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import {
  formatIndicatorValue,
  INDICATOR_BREAKDOWN_LABELS,
  OUTLINE_LABELS,
  OUTLINES,
  type IndicatorValue,
  type IndicatorValueStatus,
  type Outline,
} from '@jinguo/domain';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useIndicatorMutations, useIndicatorValues } from '../api';
import { RegionSelect, ValueHistoryDrawer, ValueStatusTag, YearInput } from '../components/common';
import { thisYear } from '../../../ui/format';

type ReasonDialog = { kind: 'return'; ids: string[] } | { kind: 'reopen'; value: IndicatorValue };

/** 数据审核: the monitoring group checks what member units submitted — approve (locks it), return with a reason, or reopen. */
export function ReviewPage() {
  const { t } = useI18n();
  // Fixed columns only where there is room for them: on a phone they would cover the table.
  const wide = !!Grid.useBreakpoint().md;
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') ?? 'submitted') as IndicatorValueStatus;
  const [year, setYear] = useState(thisYear());
  const [regionOrgId, setRegionOrgId] = useState<string | null>(null);
  const [outline, setOutline] = useState<Outline>();
  const list = useIndicatorValues({ year, regionOrgId: regionOrgId ?? undefined, outline, status: tab });
  const m = useIndicatorMutations();
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<ReasonDialog | null>(null);
  const [history, setHistory] = useState<IndicatorValue | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const rows = list.data ?? [];
  const chosen = rows.filter((v) => selected.includes(v.id));

  const approve = () => {
    const ids = chosen.map((v) => v.id);
    const warned = chosen.filter((v) => v.warnings.length > 0).length;
    modal.confirm({
      title: t(`审核通过 ${ids.length} 项？`, `Approve ${ids.length}?`),
      content: t(
        `通过后数据锁定，不能再修改；如需更正须“重新打开”。${warned ? `其中 ${warned} 项与上年相比波动较大，请确认已看过说明。` : ''}`,
        'Approved values are locked.',
      ),
      okText: t('审核通过', 'Approve'),
      onOk: async () => {
        try {
          await m.approve.mutateAsync(ids);
          setSelected([]);
          message.success(t(`已审核通过 ${ids.length} 项`, `${ids.length} approved`));
        } catch (e) {
          message.error(applyServerErrors(null, e));
          throw e;
        }
      },
    });
  };
  const decide = async ({ reason }: { reason: string }) => {
    if (!dialog) return;
    try {
      if (dialog.kind === 'return') {
        await m.return.mutateAsync({ ids: dialog.ids, reason });
        setSelected([]);
        message.success(t(`已退回 ${dialog.ids.length} 项`, 'Returned'));
      } else {
        await m.reopen.mutateAsync({ id: dialog.value.id, reason });
        message.success(t('已重新打开，填报单位可修改后重新报送', 'Reopened'));
      }
      setDialog(null);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  const table = (
    <QueryState loading={list.isLoading} error={list.error}>
      <Table<IndicatorValue>
        rowKey="id"
        size="small"
        dataSource={rows}
        scroll={{ x: 1100 }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: tab === 'submitted' ? t('没有待审核的数据', 'Nothing waiting') : t('暂无数据', 'None') }}
        data-testid="review-table"
        rowSelection={
          tab === 'submitted'
            ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), columnWidth: 36, fixed: wide }
            : undefined
        }
        columns={[
          {
            title: t('指标', 'Indicator'),
            key: 'indicator',
            width: wide ? 200 : 150,
            fixed: wide ? ('left' as const) : undefined,
            render: (_: unknown, v) => (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v.indicatorCode}{' '}
                </Typography.Text>
                {v.indicatorName}
              </>
            ),
          },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
          {
            title: t('分组', 'Breakdown'),
            dataIndex: 'breakdown',
            width: 56,
            render: (b: IndicatorValue['breakdown']) => INDICATOR_BREAKDOWN_LABELS[b],
          },
          {
            title: t('数值', 'Value'),
            key: 'value',
            width: 110,
            align: 'right',
            render: (_: unknown, v) => (
              <>
                <Typography.Text strong data-testid="review-value">
                  {formatIndicatorValue(v.value, v)}
                </Typography.Text>
                {v.numerator != null && v.denominator != null && (
                  <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                    {v.numerator.toLocaleString('zh-CN')} / {v.denominator.toLocaleString('zh-CN')}
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('上年', 'Last year'),
            dataIndex: 'previousValue',
            width: 80,
            align: 'right',
            render: (p: number | null, v) => formatIndicatorValue(p, v),
          },
          {
            title: t('提示与说明', 'Warnings and note'),
            key: 'note',
            width: 200,
            render: (_: unknown, v) => (
              <>
                {v.warnings.map((w) => (
                  <div key={w} style={{ color: '#d46b08', fontSize: 12, lineHeight: 1.4 }} data-testid="review-warning">
                    {w}
                  </div>
                ))}
                {v.note ? (
                  <div style={{ fontSize: 13 }}>
                    {t('说明：', 'Note: ')}
                    {v.note}
                  </div>
                ) : (
                  v.warnings.length === 0 && <Typography.Text type="secondary">—</Typography.Text>
                )}
                {v.returnReason && v.status === 'returned' && (
                  <div style={{ color: '#cf1322', fontSize: 12 }}>
                    {t('退回原因：', 'Returned: ')}
                    {v.returnReason}
                  </div>
                )}
              </>
            ),
          },
          { title: t('来源', 'Source'), dataIndex: 'source', width: 110, ellipsis: true, render: (s: string | null) => s ?? '—' },
          {
            title: tab === 'submitted' ? t('报送', 'Submitted') : t('经办', 'By'),
            key: 'who',
            width: 130,
            render: (_: unknown, v) => {
              const [name, at] = tab === 'submitted' || !v.decidedAt ? [v.submittedByName, v.submittedAt] : [v.decidedByName, v.decidedAt];
              return (
                <div style={{ fontSize: 12, lineHeight: 1.4 }}>
                  <div>{name ?? '—'}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(at)}
                  </Typography.Text>
                </div>
              );
            },
          },
          {
            title: '',
            key: 'ops',
            width: tab === 'submitted' ? 60 : 130,
            fixed: wide ? ('right' as const) : undefined,
            render: (_: unknown, v) => (
              <Flex gap={8} wrap align="center">
                {tab !== 'submitted' && <ValueStatusTag status={v.status} />}
                <Typography.Link onClick={() => setHistory(v)} data-testid="value-history-link">
                  {t('记录', 'History')}
                </Typography.Link>
                {v.status === 'approved' && (
                  <Typography.Link type="warning" onClick={() => setDialog({ kind: 'reopen', value: v })} data-testid="reopen">
                    {t('重新打开', 'Reopen')}
                  </Typography.Link>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </QueryState>
  );

  return (
    <>
      <PageHeader
        title={t('数据审核', 'Review figures')}
        subtitle={t(
          '监测统计组审核成员单位报送的数据：通过后锁定；有疑问的退回并写明原因',
          'Approve submitted figures (locks them) or return them with a reason',
        )}
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <YearInput
          value={year}
          onChange={(y) => {
            setYear(y);
            setSelected([]);
          }}
        />
        <RegionSelect
          value={regionOrgId}
          onChange={(id) => {
            setRegionOrgId(id);
            setSelected([]);
          }}
          allowClear
          autoSelect={false}
        />
        <Select
          allowClear
          placeholder={t('全部纲要', 'Both outlines')}
          value={outline}
          onChange={setOutline}
          style={{ width: 140 }}
          options={OUTLINES.map((o) => ({ value: o, label: OUTLINE_LABELS[o] }))}
        />
        {tab === 'submitted' && (
          <Space wrap style={{ marginInlineStart: 'auto' }}>
            <Button
              icon={<RollbackOutlined />}
              danger
              disabled={chosen.length === 0}
              onClick={() => setDialog({ kind: 'return', ids: chosen.map((v) => v.id) })}
              data-testid="return-values"
            >
              {t(`退回${chosen.length ? `（${chosen.length}）` : ''}`, 'Return')}
            </Button>
            <Button type="primary" icon={<CheckOutlined />} disabled={chosen.length === 0} onClick={approve} data-testid="approve-values">
              {t(`审核通过${chosen.length ? `（${chosen.length}）` : ''}`, 'Approve')}
            </Button>
          </Space>
        )}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setParams({ tab: k });
          setSelected([]);
        }}
        items={[
          { key: 'submitted', label: t('待审核', 'Waiting') },
          { key: 'approved', label: t('已审核', 'Approved') },
          { key: 'returned', label: t('已退回', 'Returned') },
        ].map((i) => ({ ...i, children: i.key === tab ? table : null }))}
      />
      <Modal
        open={!!dialog}
        title={
          dialog?.kind === 'return'
            ? t(`退回 ${dialog.ids.length} 项数据`, 'Return')
            : t(`重新打开：${dialog?.kind === 'reopen' ? dialog.value.indicatorName : ''}`, 'Reopen')
        }
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={dialog?.kind === 'return' ? t('退回', 'Return') : t('重新打开', 'Reopen')}
        okButtonProps={{ danger: dialog?.kind === 'return' }}
        confirmLoading={m.return.isPending || m.reopen.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={decide} preserve={false}>
          <Typography.Paragraph type="secondary">
            {dialog?.kind === 'return'
              ? t('退回后填报单位会收到通知，按原因修改后重新报送。', 'The reporter is notified and can fix and resubmit.')
              : t(
                  '重新打开后数据退回填报单位修改，需重新报送、审核；原因记入数据记录和审计日志。',
                  'The value goes back to the reporter; the reason is recorded.',
                )}
          </Typography.Paragraph>
          <Form.Item
            name="reason"
            label={dialog?.kind === 'return' ? t('退回原因', 'Reason') : t('重新打开的原因', 'Reason')}
            rules={[{ required: true, whitespace: true, message: t('请填写原因', 'Required') }]}
          >
            <Input.TextArea autoFocus maxLength={500} autoSize={{ minRows: 3 }} data-testid="reason" />
          </Form.Item>
        </Form>
      </Modal>
      <ValueHistoryDrawer
        valueId={history?.id ?? null}
        title={history ? `${history.indicatorName}（${history.regionName} ${INDICATOR_BREAKDOWN_LABELS[history.breakdown]}）` : ''}
        format={(v) => (history ? formatIndicatorValue(v, history) : String(v))}
        onClose={() => setHistory(null)}
      />
    </>
  );
}
