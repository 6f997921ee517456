import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Table, Typography } from 'antd';
import type { CreateRotation, Rotation } from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { FormDialog, OrgUnitSelect, QueryState } from '../../../ui';
import { useCadresMutations, useRotations } from '../api';
import { share } from '../format';

type RotationForm = Omit<CreateRotation, 'startDate' | 'endDate'> & { dates: [Dayjs, Dayjs | null] };

/** 上挂下派: the rotation batches with their women's share. */
export function RotationsTab() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const list = useRotations();
  const m = useCadresMutations();
  const [adding, setAdding] = useState(false);

  const create = async (v: RotationForm) => {
    const r = await m.createRotation.mutateAsync({
      ownerOrgId: v.ownerOrgId,
      title: v.title,
      description: v.description,
      startDate: v.dates[0].format('YYYY-MM-DD'),
      endDate: v.dates[1]?.format('YYYY-MM-DD') ?? null,
    });
    navigate(`/cadres/rotations/${r.id}`);
  };

  return (
    <>
      {can('cadres.write') && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('新建上挂下派批次', 'New rotation')}
          </Button>
        </Flex>
      )}
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Rotation>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data ?? []}
          scroll={{ x: 700 }}
          locale={{ emptyText: t('暂无上挂下派批次', 'No rotations') }}
          columns={[
            { title: t('批次', 'Rotation'), dataIndex: 'title', render: (v, r) => <Link to={`/cadres/rotations/${r.id}`}>{v}</Link> },
            { title: t('起止', 'Dates'), key: 'dates', width: 200, render: (_: unknown, r) => `${r.startDate} 至 ${r.endDate ?? '—'}` },
            { title: t('干部', 'Cadres'), dataIndex: 'total', width: 70, align: 'right' },
            { title: t('女干部', 'Women'), dataIndex: 'women', width: 70, align: 'right' },
            {
              title: t('女干部占比', "Women's share"),
              dataIndex: 'womenShare',
              width: 110,
              align: 'right',
              render: (v: number | null) => <Typography.Text strong>{share(v)}</Typography.Text>,
            },
          ]}
          data-testid="rotations-table"
        />
      </QueryState>
      <FormDialog<RotationForm>
        open={adding}
        title={t('新建上挂下派批次', 'New rotation')}
        onClose={() => setAdding(false)}
        onSubmit={create}
      >
        <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} placeholder={t('如：2026年度干部上挂下派', 'e.g. 2026 rotation')} />
        </Form.Item>
        <Form.Item name="dates" label={t('起止日期', 'Dates')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('组织单位', 'Organised by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
          <OrgUnitSelect />
        </Form.Item>
        <Form.Item name="description" label={t('说明', 'Description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormDialog>
    </>
  );
}
