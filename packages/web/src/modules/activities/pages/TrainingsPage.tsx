import { PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Flex, Form, Grid, Input, List, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { TRAINING_CATEGORIES, TRAINING_CATEGORY_LABELS, type CourseListItem, type CreateCourse } from '@jinguo/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, OrgUnitSelect, PageHeader, QueryState, useDebounced } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useActivitiesMutations, useCourses } from '../api';

type CourseForm = Omit<CreateCourse, 'startDate' | 'endDate'> & { dates: [Dayjs, Dayjs | null] };

/** 培训: courses (培训班) with their sessions (期), attendance and what became of the trainees. */
export function TrainingsPage() {
  const { t } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const [category, setCategory] = useState<string>();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [page, setPage] = useState(1);
  const filters = { category, q: q || undefined };
  const list = useCourses(filters, page);
  const m = useActivitiesMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<CourseForm>();

  const create = async (v: CourseForm) => {
    try {
      const c = await m.createCourse.mutateAsync({
        title: v.title,
        category: v.category,
        ownerOrgId: v.ownerOrgId,
        partner: v.partner,
        description: v.description,
        startDate: v.dates[0].format('YYYY-MM-DD'),
        endDate: v.dates[1]?.format('YYYY-MM-DD') ?? null,
      });
      message.success(t('已建立培训班', 'Course created'));
      setAdding(false);
      navigate(`/trainings/${c.id}`);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('培训', 'Training')}
        subtitle={t(
          '技能培训、家庭教育、健康培训、管理研修：每期的学时、授课人和参训人数，学员的就业创业跟踪',
          'Courses, sessions, trainees and their outcomes',
        )}
        extra={
          <>
            <ExportButton url="/api/activities/courses/export" params={filters} />
            {can('activities.write') && (
              <ImportDialog
                title={t('导入培训班', 'Import courses')}
                templateUrl="/api/activities/courses/template"
                uploadUrl="/api/activities/courses/import"
                onDone={m.refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
              />
            )}
            {can('activities.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="new-course">
                {t('新建培训班', 'New course')}
              </Button>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            placeholder={t('全部类别', 'All categories')}
            value={category}
            onChange={(v) => {
              setCategory(v);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 160 }}
            options={TRAINING_CATEGORIES.map((c) => ({ value: c, label: TRAINING_CATEGORY_LABELS[c] }))}
          />
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('培训班名称', 'Title')}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: mobile ? '100%' : 240 }}
          />
        </Flex>
      </Card>
      <QueryState loading={list.isLoading} error={list.error}>
        {mobile ? (
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('暂无培训班', 'No courses') }}
            renderItem={(c) => (
              <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => navigate(`/trainings/${c.id}`)}>
                <Space wrap>
                  <Tag>{TRAINING_CATEGORY_LABELS[c.category]}</Tag>
                  <Typography.Text strong>{c.title}</Typography.Text>
                </Space>
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {c.startDate} · {c.sessions}
                  {t('期', '')} · {c.attendees}
                  {t('人次', '')}
                  {c.reemployed ? ` · ${t('再就业', 're-employed')} ${c.reemployed}` : ''}
                </div>
              </Card>
            )}
          />
        ) : (
          <Table<CourseListItem>
            rowKey="id"
            size="small"
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('暂无培训班', 'No courses') }}
            pagination={{
              current: page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showSizeChanger: false,
              showTotal: (n) => t(`共 ${n} 个`, `${n}`),
            }}
            columns={[
              { title: t('开始日期', 'Start'), dataIndex: 'startDate', width: 105 },
              {
                title: t('类别', 'Category'),
                dataIndex: 'category',
                width: 95,
                render: (c: CourseListItem['category']) => TRAINING_CATEGORY_LABELS[c],
              },
              {
                title: t('培训班', 'Course'),
                dataIndex: 'title',
                ellipsis: true,
                render: (v, c) => <Link to={`/trainings/${c.id}`}>{v}</Link>,
              },
              { title: t('合作单位', 'Partner'), dataIndex: 'partner', width: 180, ellipsis: true, render: (v) => v ?? '—' },
              { title: t('期数', 'Sessions'), dataIndex: 'sessions', width: 70, align: 'right' },
              { title: t('参训人次', 'Attendance'), dataIndex: 'attendees', width: 90, align: 'right' },
              { title: t('再就业', 'Re-employed'), dataIndex: 'reemployed', width: 80, align: 'right' },
              { title: t('创业', 'Business'), dataIndex: 'startedBusiness', width: 70, align: 'right' },
            ]}
            data-testid="courses-table"
          />
        )}
      </QueryState>
      <Modal
        open={adding}
        title={t('新建培训班', 'New course')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.createCourse.isPending}
        destroyOnHidden
        width={640}
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ category: 'skills' }}>
          <Form.Item
            name="title"
            label={t('培训班名称', 'Title')}
            rules={[{ required: true, whitespace: true, message: t('请填写名称', 'Required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="category" label={t('类别', 'Category')} rules={[{ required: true }]}>
                <Select options={TRAINING_CATEGORIES.map((c) => ({ value: c, label: TRAINING_CATEGORY_LABELS[c] }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="dates" label={t('起止日期', 'Dates')} rules={[{ required: true, message: t('请选择日期', 'Required') }]}>
                <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="ownerOrgId"
            label={t('主办单位', 'Organiser')}
            rules={[{ required: true, message: t('请选择主办单位', 'Required') }]}
          >
            <OrgUnitSelect />
          </Form.Item>
          <Form.Item name="partner" label={t('合作单位（如职业技能培训学校）', 'Partner')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('说明', 'Description')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
