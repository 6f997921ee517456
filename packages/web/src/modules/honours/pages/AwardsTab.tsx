import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { HONOUR_LEVEL_LABELS, HONOUR_LEVELS, type CreateAward, type HonourAward } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect, QueryState, thisYear } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useAwards, useCampaigns, useHonoursMutations } from '../api';

type AwardForm = Omit<CreateAward, 'awardedOn'> & { awardedOn: Dayjs };

/** 已获称号: titles held, with their re-reviews (复审) and revocations. */
export function AwardsTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string>();
  const [level, setLevel] = useState<string>();
  const [status, setStatus] = useState<string | undefined>('active');
  const [page, setPage] = useState(1);
  const filters = { campaignId, level, status };
  const list = useAwards(filters, page);
  const m = useHonoursMutations();
  const [adding, setAdding] = useState(false);

  const create = async (v: AwardForm) => {
    await m.createAward.mutateAsync({ ...v, awardedOn: v.awardedOn.format('YYYY-MM-DD') });
    message.success(t('已登记', 'Saved'));
  };
  const reexamine = (a: HonourAward) => {
    let result: 'pass' | 'fail' = 'pass';
    let note = '';
    modal.confirm({
      title: t(`复审：${a.holderName}（${a.campaignName}）`, 'Re-review'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            defaultValue="pass"
            onChange={(e) => (result = e.target.value)}
            options={[
              { value: 'pass', label: t('合格，保留称号', 'Pass') },
              { value: 'fail', label: t('不合格，撤销称号', 'Fail: revoke') },
            ]}
          />
          <Input.TextArea
            placeholder={t('说明（不合格时必填）', 'Note (required to revoke)')}
            onChange={(e) => (note = e.target.value)}
            maxLength={1000}
          />
        </Space>
      ),
      onOk: async () => {
        try {
          await m.reexamine.mutateAsync({ id: a.id, reviewedOn: dayjs().format('YYYY-MM-DD'), result, note: note || undefined });
          message.success(t('已记录复审', 'Recorded'));
        } catch (e) {
          message.error(e instanceof Error ? e.message : String(e));
          throw e;
        }
      },
    });
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('全部项目', 'All campaigns')}
            value={campaignId}
            onChange={(v) => {
              setCampaignId(v);
              setPage(1);
            }}
            style={{ width: 160 }}
            options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            allowClear
            placeholder={t('全部级别', 'All levels')}
            value={level}
            onChange={(v) => {
              setLevel(v);
              setPage(1);
            }}
            style={{ width: 110 }}
            options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))}
          />
          <Select
            allowClear
            placeholder={t('全部状态', 'All')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 110 }}
            options={[
              { value: 'active', label: t('有效', 'Active') },
              { value: 'revoked', label: t('已撤销', 'Revoked') },
            ]}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/honours/awards/export" params={filters} />
          {can('honours.write') && (
            <ImportDialog
              title={t('导入荣誉称号', 'Import titles')}
              templateUrl="/api/honours/awards/template"
              uploadUrl="/api/honours/awards/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('honours.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记已获称号', 'Record a title')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<HonourAward>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 980 }}
          locale={{ emptyText: t('暂无荣誉称号', 'No titles') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 个`, `${n}`),
          }}
          columns={[
            { title: t('授予日期', 'Awarded'), dataIndex: 'awardedOn', width: 105 },
            { title: t('称号', 'Title'), dataIndex: 'campaignName', width: 120 },
            { title: t('级别', 'Level'), dataIndex: 'level', width: 70, render: (l: HonourAward['level']) => HONOUR_LEVEL_LABELS[l] },
            { title: t('获得者', 'Holder'), dataIndex: 'holderName', ellipsis: true },
            { title: t('证书编号', 'Certificate'), dataIndex: 'certificateNo', width: 190, ellipsis: true, render: (v) => v ?? '—' },
            { title: t('下次复审', 'Next review'), dataIndex: 'nextReviewDue', width: 105, render: (v) => v ?? '—' },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 150,
              render: (s: HonourAward['status'], a) =>
                s === 'active' ? (
                  <Tag color="green">{t('有效', 'Active')}</Tag>
                ) : (
                  <Tag color="red" title={a.revokeReason ?? ''}>
                    {t(`已撤销 ${a.revokedOn}`, `Revoked ${a.revokedOn}`)}
                  </Tag>
                ),
            },
            ...(can('honours.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 60,
                    render: (_: unknown, a: HonourAward) =>
                      a.status === 'active' && <Typography.Link onClick={() => reexamine(a)}>{t('复审', 'Review')}</Typography.Link>,
                  },
                ]
              : []),
          ]}
          data-testid="awards-table"
        />
      </QueryState>
      <FormDialog<AwardForm>
        open={adding}
        title={t('登记已获称号', 'Record a title')}
        onClose={() => setAdding(false)}
        onSubmit={create}
        initialValues={{ level: 'district', year: thisYear(), awardedOn: dayjs() }}
      >
        <Form.Item name="campaignId" label={t('称号', 'Title')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
          <Select options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="level" label={t('级别', 'Level')}>
              <Select options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="year" label={t('年度', 'Year')}>
              <InputNumber min={1980} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="awardedOn" label={t('授予日期', 'Awarded on')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="holderName"
          label={t('获得者', 'Holder')}
          rules={[{ required: true, whitespace: true, message: t('请填写', 'Required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="holderOrgId" label={t('获得者在系统中的单位（选填）', 'Unit in the system (optional)')}>
          <OrgUnitSelect />
        </Form.Item>
        <Form.Item name="certificateNo" label={t('证书编号', 'Certificate no.')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('登记单位', 'Recorded by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
          <OrgUnitSelect />
        </Form.Item>
      </FormDialog>
    </>
  );
}
