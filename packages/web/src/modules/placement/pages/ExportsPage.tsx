import { PlusOutlined } from '@ant-design/icons';
import { MoneyInput } from '../../../ui';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import type { CreateExportBatch, ExportBatch } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatYuan, OrgUnitSelect, PageHeader, QueryState } from '../../../ui';
import { useBatches, useEmployers, usePlacementMutations } from '../api';
import { FigureStrip } from '../components/FigureStrip';

type BatchForm = Omit<CreateExportBatch, 'departureDate'> & { departureDate: Dayjs };

/** 劳务输出: batches of women sent to work elsewhere, with travel support and the follow-ups that are due. */
export function ExportsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [year, setYear] = useState<number | undefined>(new Date().getFullYear());
  const batches = useBatches(year);
  const employers = useEmployers({ active: 'true' }, 1, 200);
  const m = usePlacementMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<BatchForm>();
  const create = async ({ departureDate, ...v }: BatchForm) => {
    try {
      const b = await m.createBatch.mutateAsync({ ...v, departureDate: departureDate.format('YYYY-MM-DD') });
      setAdding(false);
      navigate(`/placement/exports/${b.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  return (
    <>
      <PageHeader
        title={t('劳务输出', 'Labour export')}
        subtitle={t(
          '输出批次、人员和路费补贴；出发后1、3、6个月跟踪回访',
          'Batches, people and travel support; follow-ups after 1, 3 and 6 months',
        )}
        extra={
          can('placement.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-batch">
              {t('新建输出批次', 'New batch')}
            </Button>
          )
        }
      />
      <FigureStrip
        refs={['placement.exported', 'placement.exportSupport', 'placement.followUps']}
        year={year ?? new Date().getFullYear()}
      />
      <Flex style={{ marginBottom: 12 }}>
        <InputNumber
          placeholder={t('年度', 'Year')}
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => setYear(v ?? undefined)}
          style={{ width: 110 }}
        />
      </Flex>
      <QueryState loading={batches.isLoading} error={batches.error}>
        <Table<ExportBatch>
          rowKey="id"
          size="small"
          dataSource={batches.data ?? []}
          pagination={false}
          scroll={{ x: 820 }}
          locale={{ emptyText: t('暂无输出批次', 'No batches') }}
          columns={[
            { title: t('批次', 'Batch'), dataIndex: 'title', render: (v, b) => <Link to={`/placement/exports/${b.id}`}>{v}</Link> },
            { title: t('输出地', 'Destination'), dataIndex: 'destination', width: 120 },
            { title: t('用人单位', 'Employer'), dataIndex: 'employerName', width: 180, ellipsis: true },
            { title: t('出发日期', 'Departure'), dataIndex: 'departureDate', width: 100 },
            { title: t('输出人数', 'People'), dataIndex: 'departed', width: 80, align: 'right' },
            { title: t('路费补贴', 'Support'), dataIndex: 'supportFen', width: 110, align: 'right', render: (v: number) => formatYuan(v) },
            {
              title: t('待回访', 'Follow-ups due'),
              dataIndex: 'followUpsDue',
              width: 80,
              align: 'right',
              render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : 0),
            },
          ]}
          data-testid="batches-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('新建输出批次', 'New batch')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createBatch.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ departureDate: dayjs(), supportPerPersonFen: 0 }}>
          <Form.Item name="title" label={t('批次名称', 'Title')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="destination" label={t('输出地', 'Destination')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('如：浙江省宁波市', 'e.g. Ningbo, Zhejiang')} />
          </Form.Item>
          <Form.Item name="employerId" label={t('用人单位', 'Employer')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
            />
          </Form.Item>
          <Form.Item name="departureDate" label={t('出发日期', 'Departure')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="supportPerPersonFen" label={t('人均路费补贴', 'Travel support per person')}>
            <MoneyInput />
          </Form.Item>
          <Form.Item name="ownerOrgId" label={t('组织单位', 'Organised by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="note" label={t('说明', 'Note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
