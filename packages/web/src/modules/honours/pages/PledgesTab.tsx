import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Empty, Flex, Form, Input, Row, Select, Space, Table } from 'antd';
import type { CreatePledge, HonourPledge } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useCampaigns, useHonoursMutations, usePledges } from '../api';

type PledgeForm = Omit<CreatePledge, 'signedOn'> & { signedOn: Dayjs };

/** 承诺书: signed pledges (清廉家庭 …). */
export function PledgesTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { campaignId };
  const list = usePledges(filters, page);
  const m = useHonoursMutations();
  const [adding, setAdding] = useState(false);
  const integrity = campaigns.data?.find((c) => c.code === 'INTEGRITY_FAMILY')?.id;

  const create = async (v: PledgeForm) => {
    await m.createPledge.mutateAsync({ ...v, signedOn: v.signedOn.format('YYYY-MM-DD') });
    message.success(t('已登记', 'Saved'));
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('全部类别', 'All')}
          value={campaignId}
          onChange={(v) => {
            setCampaignId(v);
            setPage(1);
          }}
          style={{ width: 160 }}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Space wrap>
          <ExportButton url="/api/honours/pledges/export" params={filters} />
          {can('honours.write') && (
            <ImportDialog
              title={t('导入承诺书签订登记', 'Import pledges')}
              templateUrl="/api/honours/pledges/template"
              uploadUrl="/api/honours/pledges/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('honours.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('登记承诺书', 'Record a pledge')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<HonourPledge>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无承诺书', 'No pledges')} /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 份`, `${n}`),
          }}
          columns={[
            { title: t('签订日期', 'Signed'), dataIndex: 'signedOn', width: 105 },
            { title: t('类别', 'Campaign'), dataIndex: 'campaignName', width: 110 },
            { title: t('签订人', 'Signer'), dataIndex: 'signerName', width: 100 },
            { title: t('职务', 'Position'), dataIndex: 'signerPosition', width: 100, render: (v) => v ?? '—' },
            { title: t('工作单位', 'Unit'), dataIndex: 'signerUnit', ellipsis: true, render: (v) => v ?? '—' },
            { title: t('组织单位', 'Organised by'), dataIndex: 'ownerOrgName', width: 120, ellipsis: true },
          ]}
          data-testid="pledges-table"
        />
      </QueryState>
      <FormDialog<PledgeForm>
        open={adding}
        title={t('登记承诺书', 'Record a pledge')}
        onClose={() => setAdding(false)}
        onSubmit={create}
        initialValues={{ campaignId: integrity, signedOn: dayjs() }}
      >
        <Form.Item name="campaignId" label={t('承诺类别', 'Campaign')} rules={[{ required: true }]}>
          <Select options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item
          name="signerName"
          label={t('签订人', 'Signer')}
          rules={[{ required: true, whitespace: true, message: t('请填写', 'Required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="signerPosition" label={t('职务', 'Position')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="signerUnit" label={t('工作单位', 'Unit')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="signedOn" label={t('签订日期', 'Signed on')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('组织单位', 'Organised by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
          <OrgUnitSelect />
        </Form.Item>
      </FormDialog>
    </>
  );
}
