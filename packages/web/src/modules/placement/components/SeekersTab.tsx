import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { MoneyInput } from '../../../ui';
import { App, Button, Checkbox, Col, DatePicker, Flex, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import {
  EDUCATION_LABELS,
  EDUCATION_LEVELS,
  SEEKER_CATEGORIES,
  SEEKER_CATEGORY_LABELS,
  SEEKER_STATUS_LABELS,
  SEEKER_STATUSES,
  SUGGESTED_SKILLS,
  WORK_HOURS,
  WORK_HOURS_LABELS,
  type CreateSeeker,
  type Seeker,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { usePlacementMutations, useSeekers } from '../api';
import { SeekerStatusTag } from './common';

type SeekerForm = Omit<CreateSeeker, 'registeredOn' | 'placeOrgIds'> & { registeredOn: Dayjs; place?: string | null };

/** 求职人员: the 职介所's register of women looking for work, with her skills and wishes. */
export function SeekersTab() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [status, setStatus] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [page, setPage] = useState(1);
  const filters = { q: q || undefined, status, category };
  const list = useSeekers(filters, page);
  const m = usePlacementMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<SeekerForm>();

  const create = async ({ registeredOn, place, ...v }: SeekerForm) => {
    try {
      const s = await m.createSeeker.mutateAsync({
        ...v,
        registeredOn: registeredOn.format('YYYY-MM-DD'),
        placeOrgIds: place ? [place] : [],
      });
      setAdding(false);
      navigate(`/placement/seekers/${s.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const reset = () => setPage(1);

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('姓名', 'Name')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              reset();
            }}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('状态', 'Status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              reset();
            }}
            style={{ width: 110 }}
            options={SEEKER_STATUSES.map((s) => ({ value: s, label: SEEKER_STATUS_LABELS[s] }))}
          />
          <Select
            allowClear
            placeholder={t('人员类别', 'Category')}
            value={category}
            onChange={(v) => {
              setCategory(v);
              reset();
            }}
            style={{ width: 160 }}
            options={SEEKER_CATEGORIES.map((c) => ({ value: c, label: SEEKER_CATEGORY_LABELS[c] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/placement/seekers/export" params={filters} />
          {can('placement.write') && (
            <ImportDialog
              title={t('导入求职人员', 'Import job seekers')}
              templateUrl="/api/placement/seekers/template"
              uploadUrl="/api/placement/seekers/import"
              onDone={m.refresh}
              countLabels={{ persons: '新登记人员' }}
              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
            />
          )}
          {can('placement.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-seeker">
              {t('求职登记', 'Register')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Seeker>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 820 }}
          locale={{ emptyText: t('暂无求职登记', 'No job seekers') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 人`, `${n}`),
          }}
          columns={[
            {
              title: t('姓名', 'Name'),
              dataIndex: 'name',
              width: 90,
              render: (v, s) => <Link to={`/placement/seekers/${s.id}`}>{v}</Link>,
            },
            {
              title: t('人员类别', 'Category'),
              dataIndex: 'category',
              width: 130,
              render: (c: Seeker['category']) => SEEKER_CATEGORY_LABELS[c],
            },
            {
              title: t('技能', 'Skills'),
              dataIndex: 'skills',
              render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>),
            },
            { title: t('期望工时', 'Hours'), dataIndex: 'hours', width: 80, render: (h: Seeker['hours']) => WORK_HOURS_LABELS[h] },
            { title: t('登记日期', 'Registered'), dataIndex: 'registeredOn', width: 100 },
            { title: t('状态', 'Status'), dataIndex: 'status', width: 80, render: (s: Seeker['status']) => <SeekerStatusTag status={s} /> },
            { title: t('登记单位', 'Unit'), dataIndex: 'ownerOrgName', width: 110, ellipsis: true },
          ]}
          data-testid="seekers-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('求职登记', 'Register a job seeker')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createSeeker.isPending}
        destroyOnHidden
        width={640}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{
            gender: 'female',
            category: 'laid_off',
            hours: 'full_time',
            skills: [],
            registeredOn: dayjs(),
            acceptsOutside: false,
          }}
        >
          <Row gutter={12}>
            <Col xs={12} md={8}>
              <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="gender" label={t('性别', 'Sex')}>
                <Select
                  options={[
                    { value: 'female', label: '女' },
                    { value: 'male', label: '男' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="idNumber" label={t('身份证号', 'ID number')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={18} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={t('联系电话', 'Phone')}>
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="residenceOrgId"
                label={t('居住地', 'Lives in')}
                rules={[{ required: true, message: t('请选择', 'Required') }]}
              >
                <OrgUnitSelect kind={['village', 'community', 'township', 'street']} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="category" label={t('人员类别', 'Category')}>
                <Select options={SEEKER_CATEGORIES.map((c) => ({ value: c, label: SEEKER_CATEGORY_LABELS[c] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="education" label={t('学历', 'Education')}>
                <Select allowClear options={EDUCATION_LEVELS.map((e) => ({ value: e, label: EDUCATION_LABELS[e] }))} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="skills" label={t('技能（可输入新技能）', 'Skills')}>
                <Select mode="tags" maxCount={20} options={SUGGESTED_SKILLS.map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="hours" label={t('期望工时', 'Hours')}>
                <Select options={WORK_HOURS.map((h) => ({ value: h, label: WORK_HOURS_LABELS[h] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="expectedWageFen" label={t('期望月薪', 'Expected wage')}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="place" label={t('意向地点（不填为不限）', 'Where')}>
                <OrgUnitSelect kind={['township', 'street', 'village', 'community']} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="acceptsOutside" valuePropName="checked">
                <Checkbox>{t('愿意外出务工（可参加劳务输出）', 'Will work away from home')}</Checkbox>
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="wishes" label={t('求职意向', 'Wishes')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="registeredOn" label={t('登记日期', 'Registered on')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item
                name="ownerOrgId"
                label={t('登记单位', 'Registered by')}
                rules={[{ required: true, message: t('请选择', 'Required') }]}
              >
                <OrgUnitSelect />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
