import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { MoneyInput } from '../../../ui';
import { App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag } from 'antd';
import {
  SUGGESTED_SKILLS,
  VACANCY_STATUS_LABELS,
  VACANCY_STATUSES,
  WORK_HOURS,
  WORK_HOURS_LABELS,
  type CreateVacancy,
  type Vacancy,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { useEmployers, usePlacementMutations, useVacancies } from '../api';
import { wageText } from './common';

type VacancyForm = Omit<CreateVacancy, 'publishedOn'> & { publishedOn: Dayjs };

/** 招聘岗位: the employers' vacancies, open ones first; each opens its matching page. */
export function VacanciesTab() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [status, setStatus] = useState<string | undefined>('open');
  const [page, setPage] = useState(1);
  const filters = { q: q || undefined, status };
  const list = useVacancies(filters, page);
  const employers = useEmployers({ active: 'true' }, 1, 200);
  const m = usePlacementMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<VacancyForm>();

  const create = async ({ publishedOn, ...v }: VacancyForm) => {
    try {
      const created = await m.createVacancy.mutateAsync({ ...v, publishedOn: publishedOn.format('YYYY-MM-DD') });
      setAdding(false);
      navigate(`/placement/vacancies/${created.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('岗位或单位', 'Job or employer')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: 180 }}
          />
          <Select
            allowClear
            placeholder={t('全部', 'All')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 110 }}
            options={VACANCY_STATUSES.map((s) => ({ value: s, label: VACANCY_STATUS_LABELS[s] }))}
          />
        </Flex>
        <Space wrap>
          <ExportButton url="/api/placement/vacancies/export" params={filters} />
          {can('placement.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-vacancy">
              {t('发布岗位', 'New vacancy')}
            </Button>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<Vacancy>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('暂无岗位', 'No vacancies') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            {
              title: t('岗位', 'Job'),
              dataIndex: 'title',
              width: 130,
              render: (v, r) => <Link to={`/placement/vacancies/${r.id}`}>{v}</Link>,
            },
            { title: t('用人单位', 'Employer'), dataIndex: 'employerName', ellipsis: true },
            {
              title: t('技能要求', 'Skills'),
              dataIndex: 'skills',
              width: 150,
              render: (v: string[]) => v.map((s) => <Tag key={s}>{s}</Tag>),
            },
            {
              title: t('录用/招聘', 'Filled'),
              key: 'filled',
              width: 80,
              align: 'right',
              render: (_: unknown, r) => `${r.filled}/${r.positions}`,
            },
            { title: t('月薪', 'Wage'), key: 'wage', width: 120, render: (_: unknown, r) => wageText(r.wageMinFen, r.wageMaxFen) },
            { title: t('工作地点', 'Where'), dataIndex: 'locationText', width: 120, ellipsis: true },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 80,
              render: (s: Vacancy['status']) => <Tag color={s === 'open' ? 'green' : 'default'}>{VACANCY_STATUS_LABELS[s]}</Tag>,
            },
          ]}
          data-testid="vacancies-table"
        />
      </QueryState>
      <Modal
        open={adding}
        title={t('发布岗位', 'New vacancy')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createVacancy.isPending}
        destroyOnHidden
        width={640}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={create}
          initialValues={{ hours: 'full_time', positions: 1, skills: [], publishedOn: dayjs() }}
        >
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="employerId" label={t('用人单位', 'Employer')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="title" label={t('岗位名称', 'Job title')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="skills" label={t('技能要求', 'Skills')}>
                <Select mode="tags" maxCount={20} options={SUGGESTED_SKILLS.map((s) => ({ value: s, label: s }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="hours" label={t('工时', 'Hours')}>
                <Select options={WORK_HOURS.map((h) => ({ value: h, label: WORK_HOURS_LABELS[h] }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="positions" label={t('招聘人数', 'Positions')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10000} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="publishedOn" label={t('发布日期', 'Published')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="wageMinFen" label={t('月薪下限', 'Wage from')}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="wageMaxFen" label={t('月薪上限', 'Wage to')}>
                <MoneyInput />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="locationOrgId" label={t('工作地点（区内；区外不选）', 'Workplace in the district')}>
                <OrgUnitSelect kind={['township', 'street', 'village', 'community']} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="locationText" label={t('地点说明', 'Location')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} placeholder={t('如：东城街道人民路、浙江省宁波市', 'e.g. street or city')} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="ageMin" label={t('年龄下限', 'Age from')}>
                <InputNumber min={16} max={70} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="ageMax" label={t('年龄上限', 'Age to')}>
                <InputNumber min={16} max={70} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
