import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { EDUCATION_LABELS, EDUCATION_LEVELS, STAFF_CATEGORIES, STAFF_CATEGORY_LABELS, type CreateStaff, type Staff } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { FigureStrip } from '../../placement';
import { useStaffdevMutations, useStaffList } from '../api';

const FIGURES = ['staffdev.trainings', 'staffdev.people', 'staffdev.hours', 'staffdev.degrees', 'staffdev.certificates'];

/** 干部教育培训: the federation's own staff and cadres, each with the year's trainings, hours, degree study and certificates. */
export function StaffPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [category, setCategory] = useState<string>();
  const [year, setYear] = useState(new Date().getFullYear());
  const [page, setPage] = useState(1);
  const filters = { q: q || undefined, category, year };
  const list = useStaffList(filters, page);
  const m = useStaffdevMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CreateStaff>();

  const create = async (v: CreateStaff) => {
    try {
      const s = await m.create.mutateAsync(v);
      setAdding(false);
      navigate(`/staffdev/${s.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('干部教育培训', 'Staff development')}
        subtitle={t(
          '选送参加全国、省、市、区各类培训，学历教育和证书；每人一本登记，点击数字查看明细',
          'Trainings at every level, degree studies and certificates; one register per person',
        )}
        extra={
          <InputNumber
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => v && setYear(v)}
            addonBefore={t('年度', 'Year')}
            style={{ width: 150 }}
          />
        }
      />
      <FigureStrip refs={FIGURES} year={year} testId="staffdev-figures" />
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('姓名', 'Name')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('人员类别', 'Category')}
            value={category}
            onChange={(v) => {
              setCategory(v);
              setPage(1);
            }}
            style={{ width: 150 }}
            options={STAFF_CATEGORIES.map((c) => ({ value: c, label: STAFF_CATEGORY_LABELS[c] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/staffdev/staff/export" params={filters} label={t('导出登记表', 'Export register')} />
          <ExportButton url="/api/staffdev/trainings/export" params={{ year }} label={t('导出培训记录', 'Export trainings')} />
          {can('staffdev.write') && (
            <>
              <ImportDialog
                title={t('导入干部队伍名册', 'Import staff')}
                templateUrl="/api/staffdev/staff/template"
                uploadUrl="/api/staffdev/staff/import"
                onDone={m.refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入名册', 'Import staff')}</Button>}
              />
              <ImportDialog
                title={t('导入培训记录', 'Import trainings')}
                templateUrl="/api/staffdev/trainings/template"
                uploadUrl="/api/staffdev/trainings/import"
                onDone={m.refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入培训', 'Import trainings')}</Button>}
              />
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-staff">
                {t('登记人员', 'Add person')}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Staff>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('暂无人员：登记或按模板导入名册', 'Nobody yet') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('姓名', 'Name'),
              dataIndex: 'name',
              width: 90,
              render: (v, s) => (
                <Link to={`/staffdev/${s.id}`} style={s.active ? undefined : { color: '#8c8c8c' }}>
                  {v}
                </Link>
              ),
            },
            {
              title: t('人员类别', 'Category'),
              dataIndex: 'category',
              width: 120,
              render: (c: Staff['category']) => STAFF_CATEGORY_LABELS[c],
            },
            { title: t('职务', 'Position'), dataIndex: 'position', ellipsis: true, render: (v) => v ?? '—' },
            {
              title: t('学历', 'Education'),
              dataIndex: 'education',
              width: 100,
              render: (v: Staff['education']) => (v ? EDUCATION_LABELS[v] : '—'),
            },
            { title: t(`${year}年培训`, 'Trainings'), dataIndex: 'trainings', width: 90, align: 'right' },
            { title: t('学时', 'Hours'), dataIndex: 'hours', width: 70, align: 'right' },
            {
              title: t('学历教育', 'Degree study'),
              dataIndex: 'studying',
              width: 90,
              render: (v: boolean) => (v ? <Tag color="magenta">{t('参加', 'Yes')}</Tag> : '—'),
            },
            { title: t('证书', 'Certificates'), dataIndex: 'certificates', width: 70, align: 'right' },
            { title: t('所在单位', 'Unit'), dataIndex: 'ownerOrgName', width: 110, ellipsis: true },
          ]}
          data-testid="staff-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('登记人员', 'Add person')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ gender: 'female', category: 'federation' }}>
          <Row gutter={12}>
            <Col xs={16}>
              <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={8}>
              <Form.Item name="gender" label={t('性别', 'Sex')}>
                <Select
                  options={[
                    { value: 'female', label: '女' },
                    { value: 'male', label: '男' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="category" label={t('人员类别', 'Category')}>
                <Select options={STAFF_CATEGORIES.map((c) => ({ value: c, label: STAFF_CATEGORY_LABELS[c] }))} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="position" label={t('职务', 'Position')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="birthYear" label={t('出生年份', 'Born')}>
                <InputNumber min={1940} max={2010} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="education" label={t('学历', 'Education')}>
                <Select allowClear options={EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="ownerOrgId" label={t('所在单位', 'Unit')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <OrgUnitSelect />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
