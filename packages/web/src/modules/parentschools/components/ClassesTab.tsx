import { LinkOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
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
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CLASS_SOURCE_LABELS, type CreateClass, type ParentSchoolClass } from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useClasses, useLinkableSessions, useParentSchoolMutations, useSites, useTeachers } from '../api';

type ClassForm = Omit<CreateClass, 'heldOn'> & { heldOn: Dayjs };

/** Classes with the parents present: recorded here, or a family-education training session taken as the site's class. */
export function ClassesTab() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const [siteId, setSiteId] = useState<string>();
  const [year, setYear] = useState(dayjs().year());
  const [page, setPage] = useState(1);
  const filters = { siteId, year };
  const list = useClasses(filters, page);
  const sites = useSites({ status: 'open' }, 1, 200);
  const teachers = useTeachers();
  const m = useParentSchoolMutations();
  const [dialog, setDialog] = useState<'class' | 'link' | null>(null);
  const linkable = useLinkableSessions(year, dialog === 'link');
  const [form] = Form.useForm<ClassForm>();
  const [linkForm] = Form.useForm<{ siteId: string; trainingSessionId: string }>();
  const siteOptions = (sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));

  const create = async (v: ClassForm) => {
    try {
      await m.createClass.mutateAsync({ ...v, heldOn: v.heldOn.format('YYYY-MM-DD') });
      setDialog(null);
      message.success(t('已登记', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const link = async (v: { siteId: string; trainingSessionId: string }) => {
    try {
      await m.linkSession.mutateAsync(v);
      setDialog(null);
      message.success(t('已计入该家长学校', 'Linked'));
    } catch (e) {
      message.error(applyServerErrors(linkForm, e));
    }
  };

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('全部家长学校', 'All sites')}
            data-testid="class-site-filter"
            value={siteId}
            onChange={(v) => {
              setSiteId(v);
              setPage(1);
            }}
            style={{ width: 220 }}
            options={siteOptions}
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
          <ExportButton url="/api/parentschools/classes/export" params={filters} />
          {can('parentschools.write') && (
            <>
              <ImportDialog
                title={t('导入授课记录', 'Import classes')}
                templateUrl="/api/parentschools/classes/template"
                uploadUrl="/api/parentschools/classes/import"
                onDone={m.refresh}
                trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
              />
              <Button icon={<LinkOutlined />} onClick={() => setDialog('link')} data-testid="link-session">
                {t('计入家庭教育培训班', 'Take a training session')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('class')} data-testid="new-class">
                {t('登记授课', 'New class')}
              </Button>
            </>
          )}
        </Space>
      </Flex>
      <QueryState loading={list.isLoading} error={list.error}>
        <Table<ParentSchoolClass>
          rowKey="id"
          size="small"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 820 }}
          locale={{ emptyText: t('暂无授课记录', 'No classes') }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => t(`共 ${n} 次`, `${n}`),
          }}
          columns={[
            { title: t('日期', 'Date'), dataIndex: 'heldOn', width: 100 },
            { title: t('家长学校', 'Site'), dataIndex: 'siteName', width: 170, ellipsis: true },
            {
              title: t('主题', 'Topic'),
              dataIndex: 'topic',
              render: (v: string, c) => (
                <>
                  {v}{' '}
                  {c.source === 'training' && (
                    <Tag color="magenta" title={c.courseTitle ?? ''}>
                      {CLASS_SOURCE_LABELS.training}
                    </Tag>
                  )}
                </>
              ),
            },
            { title: t('授课人', 'Teacher'), dataIndex: 'teacherName', width: 90, render: (v) => v ?? '—' },
            { title: t('课时', 'Hours'), dataIndex: 'hours', width: 60, align: 'right' },
            { title: t('到课家长', 'Parents'), dataIndex: 'attendance', width: 90, align: 'right' },
            ...(can('parentschools.write')
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 60,
                    render: (_: unknown, c: ParentSchoolClass) => (
                      <Popconfirm
                        title={c.source === 'training' ? t('不再计入该家长学校？', 'Unlink?') : t('删除这条授课记录？', 'Delete?')}
                        onConfirm={() => m.deleteClass.mutateAsync(c.id).catch((e) => message.error(applyServerErrors(null, e)))}
                      >
                        <Typography.Link type="danger">{t('删除', 'Delete')}</Typography.Link>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="classes-table"
        />
      </QueryState>
      <Modal
        open={dialog === 'class'}
        title={t('登记授课', 'New class')}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={m.createClass.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create} initialValues={{ heldOn: dayjs(), hours: 1.5 }}>
          <Form.Item name="siteId" label={t('家长学校', 'Site')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <Select showSearch optionFilterProp="label" options={siteOptions} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="heldOn" label={t('授课日期', 'Date')} rules={[{ required: true }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="hours" label={t('课时', 'Hours')} rules={[{ required: true }]}>
                <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="topic" label={t('授课主题', 'Topic')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={12}>
              <Form.Item name="teacherId" label={t('授课教师', 'Teacher')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  options={(teachers.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12}>
              <Form.Item name="teacherName" label={t('或填写授课人', 'Or name')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="attendance"
            label={t('到课家长人数', 'Parents present')}
            rules={[{ required: true, message: t('请填写', 'Required') }]}
          >
            <InputNumber min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={dialog === 'link'}
        title={t('计入家庭教育培训班期次', 'Take a family-education session')}
        onCancel={() => setDialog(null)}
        onOk={() => linkForm.submit()}
        confirmLoading={m.linkSession.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t(
            '在家长学校举办的家庭教育培训班期次计为该校的一次授课；日期、主题和参训人数仍以培训记录为准，不重复统计。',
            "A family-education training session held at the site counts as one of its classes; its date and attendance stay the training's.",
          )}
        </Typography.Paragraph>
        <Form form={linkForm} layout="vertical" onFinish={link}>
          <Form.Item
            name="trainingSessionId"
            label={t('培训期次', 'Session')}
            rules={[{ required: true, message: t('请选择', 'Required') }]}
          >
            <Select
              loading={linkable.isLoading}
              notFoundContent={t('没有可计入的家庭教育培训期次', 'No session to take')}
              options={(linkable.data ?? []).map((s) => ({
                value: s.id,
                label: `${s.sessionDate} ${s.courseTitle}·${s.topic}（${s.venue ?? '—'}，${s.attendeeCount}人）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="siteId" label={t('家长学校', 'Site')} rules={[{ required: true, message: t('请选择', 'Required') }]}>
            <Select showSearch optionFilterProp="label" options={siteOptions} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
