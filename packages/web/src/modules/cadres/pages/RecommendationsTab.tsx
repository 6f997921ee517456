import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { RECOMMENDATION_STATUS_LABELS, RECOMMENDATION_STATUSES, type CreateRecommendation, type PartyRecommendation } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useCadresMutations, useRecommendations } from '../api';

type RecommendationForm = Omit<CreateRecommendation, 'recommendedOn'> & { recommendedOn: Dayjs };

/** 推优入党: women recommended to the party, with their status. */
export function RecommendationsTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message, modal } = App.useApp();
  const [yearFilter, setYearFilter] = useState<number | undefined>(new Date().getFullYear());
  const [status, setStatus] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { year: yearFilter, status };
  const list = useRecommendations(filters, page);
  const m = useCadresMutations();
  const [adding, setAdding] = useState(false);

  const create = async (v: RecommendationForm) => {
    await m.createRecommendation.mutateAsync({ ...v, recommendedOn: v.recommendedOn.format('YYYY-MM-DD') });
    message.success(t('已登记', 'Saved'));
  };
  const changeStatus = (p: PartyRecommendation) => {
    let next = p.status;
    modal.confirm({
      title: t(`更新状态：${p.candidateName}`, 'Update status'),
      content: (
        <Select
          defaultValue={p.status}
          style={{ width: '100%' }}
          onChange={(v) => (next = v)}
          options={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: RECOMMENDATION_STATUS_LABELS[s] }))}
        />
      ),
      onOk: async () => {
        try {
          await m.setStatus.mutateAsync({ id: p.id, status: next, statusDate: dayjs().format('YYYY-MM-DD') });
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
          <InputNumber
            placeholder={t('年度', 'Year')}
            value={yearFilter}
            onChange={(v) => {
              setYearFilter(v ?? undefined);
              setPage(1);
            }}
            min={2000}
            max={2100}
            style={{ width: 110 }}
          />
          <Select
            allowClear
            placeholder={t('全部状态', 'All')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 150 }}
            options={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: RECOMMENDATION_STATUS_LABELS[s] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/cadres/recommendations/export" params={filters} />
          {can('cadres.write') && (
            <ImportDialog
              title={t('导入推优登记表', 'Import')}
              templateUrl="/api/cadres/recommendations/template"
              uploadUrl="/api/cadres/recommendations/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('cadres.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记推优', 'Recommend')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<PartyRecommendation>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 700 }}
          locale={{ emptyText: t('暂无推优记录', 'None') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 名`, `${n}`),
          }}
          columns={[
            { title: t('推荐日期', 'Date'), dataIndex: 'recommendedOn', width: 105 },
            { title: t('推荐对象', 'Candidate'), dataIndex: 'candidateName', width: 100 },
            { title: t('单位', 'Unit'), dataIndex: 'unitName', ellipsis: true, render: (v) => v ?? '—' },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 170,
              render: (s: PartyRecommendation['status'], p) => (
                <>
                  <Tag color={s === 'not_adopted' ? 'default' : 'magenta'}>{RECOMMENDATION_STATUS_LABELS[s]}</Tag>
                  {p.statusDate && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.statusDate}
                    </Typography.Text>
                  )}
                </>
              ),
            },
            ...(can('cadres.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 80,
                    render: (_: unknown, p: PartyRecommendation) => (
                      <Typography.Link onClick={() => changeStatus(p)}>{t('更新状态', 'Status')}</Typography.Link>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="recommendations-table"
        />
      </QueryState>
      <FormDialog<RecommendationForm>
        open={adding}
        title={t('登记推优', 'Recommend')}
        onClose={() => setAdding(false)}
        onSubmit={create}
        initialValues={{ recommendedOn: dayjs() }}
      >
        <Form.Item name="candidateName" label={t('推荐对象（女）', 'Candidate')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="unitName" label={t('单位', 'Unit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="recommendedOn" label={t('推荐日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('推荐单位', 'Recommended by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
          <OrgUnitSelect />
        </Form.Item>
        <Form.Item name="note" label={t('备注', 'Note')}>
          <Input maxLength={500} />
        </Form.Item>
      </FormDialog>
    </>
  );
}
