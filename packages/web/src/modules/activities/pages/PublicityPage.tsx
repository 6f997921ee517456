import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Grid, Input, Modal, Popconfirm, Select, Table, Typography } from 'antd';
import {
  PUBLICITY_LEVEL_LABELS,
  PUBLICITY_LEVELS,
  PUBLICITY_MEDIA,
  PUBLICITY_MEDIUM_LABELS,
  type CreatePublicity,
  type Publicity,
} from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useActivitiesMutations, usePublicity } from '../api';

type PublicityForm = Omit<CreatePublicity, 'publishedOn'> & { publishedOn: Dayjs };

/** 宣传报道: reports placed in newspapers, magazines, websites and new media. */
export function PublicityPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [level, setLevel] = useState<string>();
  const [medium, setMedium] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { level, medium };
  const list = usePublicity(filters, page);
  const m = useActivitiesMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<PublicityForm>();

  const create = async (v: PublicityForm) => {
    try {
      await m.createPublicity.mutateAsync({ ...v, publishedOn: v.publishedOn.format('YYYY-MM-DD'), link: v.link || null });
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('宣传报道', 'Publicity')}
        subtitle={t('在报刊、网站、新媒体刊发的宣传报道', 'Reports in newspapers, magazines, websites and new media')}
        extra={
          <>
            <ExportButton url="/api/activities/publicity/export" params={filters} />
            {can('activities.write') && (
              <ImportDialog
                title={t('导入宣传报道', 'Import')}
                templateUrl="/api/activities/publicity/template"
                uploadUrl="/api/activities/publicity/import"
                onDone={m.refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
              />
            )}
            {can('activities.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                {t('登记报道', 'New report')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('全部级别', 'All levels')}
            value={level}
            onChange={(v) => {
              setLevel(v);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 140 }}
            options={PUBLICITY_LEVELS.map((x) => ({ value: x, label: PUBLICITY_LEVEL_LABELS[x] }))}
          />
          <Select
            allowClear
            placeholder={t('全部媒体类型', 'All media')}
            value={medium}
            onChange={(v) => {
              setMedium(v);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 140 }}
            options={PUBLICITY_MEDIA.map((x) => ({ value: x, label: PUBLICITY_MEDIUM_LABELS[x] }))}
          />
        </Flex>
      </Card>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Publicity>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('暂无宣传报道', 'No reports') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 篇`, `${n}`),
          }}
          columns={[
            { title: t('发布日期', 'Date'), dataIndex: 'publishedOn', width: 105 },
            { title: t('媒体', 'Outlet'), dataIndex: 'outlet', width: 150, ellipsis: true },
            { title: t('类型', 'Medium'), dataIndex: 'medium', width: 80, render: (v: Publicity['medium']) => PUBLICITY_MEDIUM_LABELS[v] },
            { title: t('级别', 'Level'), dataIndex: 'level', width: 70, render: (v: Publicity['level']) => PUBLICITY_LEVEL_LABELS[v] },
            {
              title: t('标题', 'Title'),
              dataIndex: 'title',
              ellipsis: true,
              render: (v, p) =>
                p.link ? (
                  <a href={p.link} target="_blank" rel="noreferrer noopener">
                    {v}
                  </a>
                ) : (
                  v
                ),
            },
            { title: t('报送单位', 'Unit'), dataIndex: 'ownerOrgName', width: 120, ellipsis: true },
            ...(can('activities.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 60,
                    render: (_: unknown, p: Publicity) => (
                      <Popconfirm title={t('删除该报道？', 'Delete?')} onConfirm={() => m.deletePublicity.mutateAsync(p.id)}>
                        <Typography.Link type="danger">{t('删除', 'Delete')}</Typography.Link>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="publicity-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记宣传报道', 'New report')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createPublicity.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ medium: 'newspaper', level: 'city' }}>
          <Form.Item
            name="outlet"
            label={t('媒体名称', 'Outlet')}
            rules={[{ required: true, whitespace: true, message: t('请填写媒体名称', 'Required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="medium" label={t('媒体类型', 'Medium')} style={{ flex: 1 }}>
              <Select options={PUBLICITY_MEDIA.map((x) => ({ value: x, label: PUBLICITY_MEDIUM_LABELS[x] }))} />
            </Form.Item>
            <Form.Item name="level" label={t('级别', 'Level')} style={{ flex: 1 }}>
              <Select options={PUBLICITY_LEVELS.map((x) => ({ value: x, label: PUBLICITY_LEVEL_LABELS[x] }))} />
            </Form.Item>
          </Flex>
          <Form.Item
            name="title"
            label={t('标题', 'Title')}
            rules={[{ required: true, whitespace: true, message: t('请填写标题', 'Required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="publishedOn" label={t('发布日期', 'Date')} rules={[{ required: true, message: t('请选择日期', 'Required') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="link" label={t('链接（选填）', 'Link')}>
            <Input maxLength={500} placeholder="https://" />
          </Form.Item>
          <Form.Item name="ownerOrgId" label={t('报送单位', 'Unit')} rules={[{ required: true, message: t('请选择单位', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
