import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { SITE_KIND_LABELS, SITE_KINDS, type CreateSite, type ParentSchoolSite } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useParentSchoolMutations, useSites } from '../api';

type SiteForm = Omit<CreateSite, 'establishedOn'> & { establishedOn: Dayjs; hostMode: 'unit' | 'name' };

/** The parent schools in scope with this year's classes and parents; open, edit, close (停办). */
export function SitesTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [kind, setKind] = useState<string>();
  const [status, setStatus] = useState<string | undefined>('open');
  const [year, setYear] = useState(dayjs().year());
  const [page, setPage] = useState(1);
  const filters = { q: q || undefined, kind, status, year };
  const list = useSites(filters, page);
  const m = useParentSchoolMutations();
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<ParentSchoolSite | null>(null);
  const [form] = Form.useForm<SiteForm>();
  const [closeForm] = Form.useForm<{ closedOn: Dayjs }>();
  const hostMode = Form.useWatch('hostMode', form);

  const create = async (v: SiteForm) => {
    const { hostMode: mode, establishedOn, ...rest } = v;
    try {
      await m.createSite.mutateAsync({
        ...rest,
        hostOrgId: mode === 'unit' ? rest.hostOrgId : null,
        hostName: mode === 'name' ? rest.hostName : null,
        establishedOn: establishedOn.format('YYYY-MM-DD'),
      });
      setAdding(false);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const close = async (v: { closedOn: Dayjs }) => {
    try {
      await m.updateSite.mutateAsync({ id: closing!.id, closedOn: v.closedOn.format('YYYY-MM-DD') });
      setClosing(null);
      message.success(t('已停办', 'Closed'));
    } catch (e) {
      message.error(applyServerErrors(closeForm, e));
    }
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('名称或举办单位', 'Name or host')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: 190 }}
          />
          <Select
            allowClear
            placeholder={t('办学类型', 'Kind')}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            style={{ width: 110 }}
            options={SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS[k] }))}
          />
          <Select
            allowClear
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 100 }}
            placeholder={t('全部', 'All')}
            options={[
              { value: 'open', label: t('在办', 'Open') },
              { value: 'closed', label: t('已停办', 'Closed') },
            ]}
          />
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            style={{ width: 100 }}
            addonAfter={t('年', '')}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/parentschools/sites/export" params={filters} />
          {can('parentschools.write') && (
            <ImportDialog
              title={t('导入家长学校名册', 'Import sites')}
              templateUrl="/api/parentschools/sites/template"
              uploadUrl="/api/parentschools/sites/import"
              onDone={m.refresh}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('parentschools.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-site">
              {t('登记家长学校', 'New site')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<ParentSchoolSite>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 820 }}
          locale={{ emptyText: t('暂无家长学校', 'No parent schools') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 所`, `${n}`),
          }}
          columns={[
            {
              title: t('家长学校', 'Site'),
              dataIndex: 'name',
              render: (v: string, s) => (
                <>
                  {v} {s.closedOn && s.closedOn <= dayjs().format('YYYY-MM-DD') && <Tag>{t('已停办', 'Closed')}</Tag>}
                </>
              ),
            },
            { title: t('类型', 'Kind'), dataIndex: 'kind', width: 80, render: (k: ParentSchoolSite['kind']) => SITE_KIND_LABELS[k] },
            { title: t('举办单位', 'Host'), dataIndex: 'hostName', width: 140, ellipsis: true },
            { title: t('所属妇联', 'Run by'), dataIndex: 'ownerOrgName', width: 110 },
            { title: t('成立', 'Since'), dataIndex: 'establishedOn', width: 100 },
            { title: t(`${year}年授课`, 'Classes'), dataIndex: 'classes', width: 90, align: 'right' },
            {
              title: t('参训家长（人次）', 'Parents'),
              dataIndex: 'attendance',
              width: 120,
              align: 'right',
              render: (v: number) => <Typography.Text strong>{v}</Typography.Text>,
            },
            ...(can('parentschools.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 60,
                    render: (_: unknown, s: ParentSchoolSite) =>
                      s.closedOn ? null : (
                        <Typography.Link
                          onClick={() => {
                            closeForm.setFieldsValue({ closedOn: dayjs() });
                            setClosing(s);
                          }}
                        >
                          {t('停办', 'Close')}
                        </Typography.Link>
                      ),
                  },
                ]
              : []),
          ]}
          data-testid="sites-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记家长学校', 'New parent school')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createSite.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{ kind: 'community', hostMode: 'unit', establishedOn: dayjs() }}
        >
          <Form.Item name="name" label={t('家长学校名称', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('如：春华社区家长学校', 'e.g. …')} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="kind" label={t('办学类型', 'Kind')}>
                <Select options={SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS[k] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="establishedOn" label={t('成立日期', 'Since')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="hostMode" label={t('举办单位', 'Host')}>
            <Radio.Group
              options={[
                { value: 'unit', label: t('从组织机构选择', 'A unit of the tree') },
                { value: 'name', label: t('填写名称', 'Type its name') },
              ]}
            />
          </Form.Item>
          {hostMode === 'name' ? (
            <Form.Item name="hostName" label={t('举办单位名称', 'Host name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          ) : (
            <Form.Item
              name="hostOrgId"
              label={t('举办单位（学校、社区、村）', 'Host unit')}
              rules={[{ required: true, message: t('请选择', 'Required') }]}
            >
              <OrgUnitSelect kind={['school', 'community', 'village', 'street', 'township']} activeOnly />
            </Form.Item>
          )}
          <Form.Item name="ownerOrgId" label={t('所属妇联', 'Run by')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect kind={['federation', 'township', 'street']} />
          </Form.Item>
          <Form.Item name="principal" label={t('负责人', 'Principal')}>
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!closing}
        title={t(`停办：${closing?.name ?? ''}`, 'Close site')}
        onCancel={() => setClosing(null)}
        onOk={() => closeForm.submit()}
        confirmLoading={m.updateSite.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('停办后次日起不再计入家长学校数；已有授课记录保留。', 'The site stops counting from the next day; its classes stay.')}
        </Typography.Paragraph>
        <Form form={closeForm} layout="vertical" onFinish={close}>
          <Form.Item name="closedOn" label={t('停办日期', 'Closed on')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
