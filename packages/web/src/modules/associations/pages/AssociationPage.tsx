import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import {
  ACTIVITY_TYPE_LABELS,
  ASSOCIATION_KIND_LABELS,
  ASSOCIATION_MEMBER_KIND_LABELS,
  ASSOCIATION_MEMBER_KINDS,
  ASSOCIATION_ROLES,
  type AssociationMember,
  type AssociationMemberInput,
  type EventListItem,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, qs } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useAssociation, useAssociationsMutations, useMembers } from '../api';

type MemberForm = Omit<AssociationMemberInput, 'joinedOn' | 'leftOn'> & { joinedOn: Dayjs; leftOn?: Dayjs | null };

/** 协会详情: members (current or all, import/export) and the activities linked to the association. */
export function AssociationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const association = useAssociation(id);
  const [current, setCurrent] = useState<'true' | 'false' | ''>('true');
  const [page, setPage] = useState(1);
  const filters = { current: current || undefined };
  const members = useMembers(id, filters, page);
  const events = useQuery({
    queryKey: ['activities', 'events', { associationId: id }],
    enabled: can('activities.read'),
    queryFn: () => api.get<{ items: EventListItem[]; total: number }>(`/api/activities/events${qs({ associationId: id, pageSize: 100 })}`),
  });
  const m = useAssociationsMutations();
  const [editing, setEditing] = useState<AssociationMember | 'new' | null>(null);
  const [form] = Form.useForm<MemberForm>();
  const a = association.data;

  const save = async (v: MemberForm) => {
    const body = { ...v, joinedOn: v.joinedOn.format('YYYY-MM-DD'), leftOn: v.leftOn?.format('YYYY-MM-DD') ?? null };
    try {
      if (editing === 'new') await m.addMember.mutateAsync({ id, ...body });
      else if (editing) await m.updateMember.mutateAsync({ id, memberId: editing.id, ...body });
      setEditing(null);
      message.success(t('已保存', 'Saved'));
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const open = (x: AssociationMember | 'new') => {
    setEditing(x);
    form.setFieldsValue(
      x === 'new'
        ? { memberKind: 'person', role: '会员', joinedOn: dayjs(), leftOn: null, name: undefined, unitName: undefined }
        : { ...x, joinedOn: dayjs(x.joinedOn), leftOn: x.leftOn ? dayjs(x.leftOn) : null },
    );
  };

  return (
    <QueryState loading={association.isLoading} error={association.error}>
      {a && (
        <>
          <PageHeader
            title={a.name}
            subtitle={
              <Space wrap>
                <Tag color="magenta">{ASSOCIATION_KIND_LABELS[a.kind]}</Tag>
                {a.ownerOrgName}
              </Space>
            }
          />
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('成立日期', 'Founded')}>{a.foundedOn ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('联系人', 'Contact')}>{a.contactName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('现有会员 / 今年活动', 'Members / activities')}>
                {a.members} / {a.activitiesThisYear}
              </Descriptions.Item>
              {a.description && (
                <Descriptions.Item label={t('简介', 'About')} span={3}>
                  {a.description}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Tabs
            items={[
              {
                key: 'members',
                label: t('会员', 'Members'),
                children: (
                  <>
                    <Row justify="space-between" gutter={[8, 8]} style={{ marginBottom: 12 }}>
                      <Col>
                        <Segmented
                          value={current}
                          onChange={(v) => {
                            setCurrent(v as typeof current);
                            setPage(1);
                          }}
                          options={[
                            { value: 'true', label: t('在册', 'Current') },
                            { value: 'false', label: t('已退出', 'Left') },
                            { value: '', label: t('全部', 'All') },
                          ]}
                        />
                      </Col>
                      <Col>
                        <Space wrap>
                          <ExportButton url={`/api/associations/${id}/members/export`} params={filters} />
                          {can('associations.write') && (
                            <ImportDialog
                              title={t('导入会员名单', 'Import members')}
                              templateUrl={`/api/associations/${id}/members/template`}
                              uploadUrl={`/api/associations/${id}/members/import`}
                              onDone={m.refresh}
                              trigger={<Button icon={<UploadOutlined />}>{t('导入', 'Import')}</Button>}
                            />
                          )}
                          {can('associations.write') && (
                            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
                              {t('添加会员', 'Add member')}
                            </Button>
                          )}
                        </Space>
                      </Col>
                    </Row>
                    <Table<AssociationMember>
                      rowKey="id"
                      size="small"
                      loading={members.isFetching}
                      dataSource={members.data?.items ?? []}
                      scroll={{ x: 700 }}
                      locale={{ emptyText: t('暂无会员', 'No members') }}
                      pagination={{
                        current: page,
                        pageSize: 20,
                        total: members.data?.total ?? 0,
                        onChange: setPage,
                        showSizeChanger: false,
                        showTotal: (n) => t(`共 ${n} 名`, `${n}`),
                      }}
                      columns={[
                        { title: t('会员', 'Member'), dataIndex: 'name', ellipsis: true },
                        {
                          title: t('类型', 'Kind'),
                          dataIndex: 'memberKind',
                          width: 90,
                          render: (k: AssociationMember['memberKind']) => ASSOCIATION_MEMBER_KIND_LABELS[k],
                        },
                        { title: t('工作单位', 'Unit'), dataIndex: 'unitName', ellipsis: true, render: (v) => v ?? '—' },
                        { title: t('职务', 'Role'), dataIndex: 'role', width: 90 },
                        { title: t('加入', 'Joined'), dataIndex: 'joinedOn', width: 105 },
                        { title: t('退出', 'Left'), dataIndex: 'leftOn', width: 105, render: (v) => v ?? '—' },
                        ...(can('associations.write')
                          ? [
                              {
                                title: '',
                                key: 'x',
                                width: 60,
                                render: (_: unknown, x: AssociationMember) => (
                                  <Typography.Link onClick={() => open(x)}>{t('修改', 'Edit')}</Typography.Link>
                                ),
                              },
                            ]
                          : []),
                      ]}
                      data-testid="members-table"
                    />
                  </>
                ),
              },
              {
                key: 'activities',
                label: t(`活动（${events.data?.total ?? 0}）`, 'Activities'),
                children: (
                  <Table<EventListItem>
                    rowKey="id"
                    size="small"
                    dataSource={events.data?.items ?? []}
                    pagination={false}
                    scroll={{ x: 600 }}
                    locale={{ emptyText: t('尚无登记为该协会的活动；登记活动时选择“协会活动”即可关联', 'No activities linked yet') }}
                    columns={[
                      { title: t('日期', 'Date'), dataIndex: 'startDate', width: 105 },
                      {
                        title: t('类型', 'Type'),
                        dataIndex: 'type',
                        width: 100,
                        render: (v: EventListItem['type']) => ACTIVITY_TYPE_LABELS[v],
                      },
                      {
                        title: t('活动', 'Event'),
                        dataIndex: 'title',
                        ellipsis: true,
                        render: (v, e) => <Link to={`/activities/${e.id}`}>{v}</Link>,
                      },
                      { title: t('参加人数', 'People'), dataIndex: 'participantCount', width: 90, align: 'right' },
                    ]}
                  />
                ),
              },
            ]}
          />
          <Modal
            open={!!editing}
            title={editing === 'new' ? t('添加会员', 'Add member') : t('修改会员', 'Edit member')}
            onCancel={() => setEditing(null)}
            onOk={() => form.submit()}
            confirmLoading={m.addMember.isPending || m.updateMember.isPending}
            forceRender
          >
            <Form form={form} layout="vertical" onFinish={save}>
              <Form.Item name="memberKind" label={t('会员类型', 'Kind')}>
                <Radio.Group options={ASSOCIATION_MEMBER_KINDS.map((k) => ({ value: k, label: ASSOCIATION_MEMBER_KIND_LABELS[k] }))} />
              </Form.Item>
              <Form.Item name="name" label={t('会员名称', 'Name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="unitName" label={t('工作单位', 'Unit')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="role" label={t('职务', 'Role')} rules={[{ required: true }]}>
                <Select options={ASSOCIATION_ROLES.map((r) => ({ value: r, label: r }))} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item name="joinedOn" label={t('加入日期', 'Joined')} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="leftOn" label={t('退出日期', 'Left')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
