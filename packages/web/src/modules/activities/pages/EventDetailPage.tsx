import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import {
  ACTIVITY_TYPE_LABELS,
  formatFen,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  PARTICIPANT_KIND_LABELS,
  RESOURCE_CATEGORY_LABELS,
  RESOURCE_CATEGORY_UNITS,
  type ActivityEvent,
  type AddParticipant,
  type Participant,
} from '@jinguo/domain';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { ExportButton } from '../../../ui/ExportButton';
import { ImportDialog } from '../../../ui/ImportDialog';
import { useActivitiesMutations, useEvent, useParticipants } from '../api';

/** 活动详情: the event's figures, resource lines with their totals, the roster (import/export) and photos. */
export function EventDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const event = useEvent(id);
  const m = useActivitiesMutations();
  const e = event.data;

  return (
    <QueryState loading={event.isLoading} error={event.error}>
      {e && (
        <>
          <PageHeader
            title={e.title}
            subtitle={
              <Space wrap>
                <Tag color="magenta">{ACTIVITY_TYPE_LABELS[e.type]}</Tag>
                {e.startDate}
                {e.endDate && e.endDate !== e.startDate ? ` 至 ${e.endDate}` : ''} · {e.ownerOrgName}
              </Space>
            }
            extra={
              e.canEdit && (
                <>
                  <Button icon={<EditOutlined />} onClick={() => navigate(`/activities/${id}/edit`)} data-testid="edit-event">
                    {t('修改', 'Edit')}
                  </Button>
                  <Popconfirm
                    title={t('删除该活动及其名单、照片？', 'Delete this event with its roster and photos?')}
                    okText={t('删除', 'Delete')}
                    okButtonProps={{ danger: true }}
                    onConfirm={async () => {
                      await m.deleteEvent.mutateAsync(id);
                      message.success(t('已删除', 'Deleted'));
                      navigate('/activities');
                    }}
                  >
                    <Button danger icon={<DeleteOutlined />}>
                      {t('删除', 'Delete')}
                    </Button>
                  </Popconfirm>
                </>
              )
            }
          />
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={e.participantMode === 'roster' ? t('参加人数（按名单）', 'Participants (roster)') : t('参加人数', 'Participants')}
                  value={e.participantCount}
                  suffix={t('人', '')}
                  data-testid="participant-count"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('走访学校幼儿园', 'Schools visited')} value={e.unitsVisited} suffix={t('所', '')} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('办好事实事 / 演出', 'Deeds / shows')} value={`${e.goodDeeds} / ${e.performances}`} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('物资价值', 'Resources value')}
                  value={formatFen(e.resourceValueFen)}
                  suffix={t('元', 'yuan')}
                  data-testid="resource-value"
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('地点', 'Venue')}>{e.venue ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('活动对象', 'Target group')}>{e.targetGroup ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('协办单位', 'Partners')}>{e.partnerUnits.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('协会活动', 'Association')}>
                {e.associationName ? <Link to={`/associations/${e.associationId}`}>{e.associationName}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('分类人数', 'By group')}>
                {PARTICIPANT_GROUPS.filter((g) => e.groupCounts[g])
                  .map((g) => `${PARTICIPANT_GROUP_LABELS[g]} ${e.groupCounts[g]}`)
                  .join('，') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('走访单位', 'Visited')}>{e.visitedUnitNames.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('活动内容', 'Description')} span={2}>
                {e.description ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('物资明细', 'Resource lines')} style={{ marginBottom: 12 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={e.resources}
              scroll={{ x: 520 }}
              locale={{ emptyText: t('未登记物资', 'No resources') }}
              columns={[
                {
                  title: t('类别', 'Category'),
                  dataIndex: 'category',
                  width: 100,
                  render: (c: keyof typeof RESOURCE_CATEGORY_LABELS) => RESOURCE_CATEGORY_LABELS[c],
                },
                { title: t('物品', 'Item'), dataIndex: 'item' },
                {
                  title: t('数量', 'Qty'),
                  dataIndex: 'quantity',
                  width: 90,
                  align: 'right',
                  render: (q: number, r) => `${q}${RESOURCE_CATEGORY_UNITS[r.category]}`,
                },
                { title: t('价值（元）', 'Value'), dataIndex: 'valueFen', width: 120, align: 'right', render: (v: number) => formatFen(v) },
              ]}
              summary={() =>
                e.resources.length > 0 ? (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={2}>
                      <Typography.Text strong>{t('合计', 'Total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">
                      <Typography.Text strong>{e.resourceQuantity}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={3} align="right">
                      <Typography.Text strong>{formatFen(e.resourceValueFen)}</Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                ) : null
              }
            />
          </Card>
          <RosterCard event={e} />
          <PhotosCard event={e} />
        </>
      )}
    </QueryState>
  );
}

function RosterCard({ event: e }: { event: ActivityEvent }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const roster = useParticipants(e.id, page);
  const m = useActivitiesMutations();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<AddParticipant>();

  const add = async (v: AddParticipant) => {
    try {
      await m.addParticipant.mutateAsync({ id: e.id, ...v });
      message.success(t('已加入名单', 'Added'));
      form.resetFields();
      setAdding(false);
    } catch (err) {
      message.error(applyServerErrors(form, err));
    }
  };

  return (
    <Card
      size="small"
      title={t(`参与名单（${e.rosterCount}）`, `Roster (${e.rosterCount})`)}
      style={{ marginBottom: 12 }}
      extra={
        <Space wrap>
          <ExportButton url={`/api/activities/events/${e.id}/participants/export`} label={t('导出名单', 'Export')} />
          {e.canEdit && (
            <ImportDialog
              title={t('导入参与名单', 'Import roster')}
              templateUrl={`/api/activities/events/${e.id}/participants/template`}
              uploadUrl={`/api/activities/events/${e.id}/participants/import`}
              onDone={() => m.refresh()}
              trigger={
                <Button icon={<UploadOutlined />} data-testid="import-roster">
                  {t('导入名单', 'Import')}
                </Button>
              }
            />
          )}
          {e.canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('添加', 'Add')}
            </Button>
          )}
        </Space>
      }
    >
      {e.rosterCount === 0 && e.participantMode === 'count' ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(
            '未登记名单：参加人数为直接填写的人数。导入或添加名单后，人数按名单计算。',
            'No roster: the count was typed. With a roster the count follows it.',
          )}
        />
      ) : (
        <Table<Participant>
          rowKey="id"
          size="small"
          dataSource={roster.data?.items ?? []}
          loading={roster.isFetching}
          scroll={{ x: 640 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: roster.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            size: 'small',
          }}
          columns={[
            { title: t('类型', 'Kind'), dataIndex: 'kind', width: 70, render: (k: Participant['kind']) => PARTICIPANT_KIND_LABELS[k] },
            { title: t('姓名或单位', 'Name'), dataIndex: 'name' },
            {
              title: t('性别', 'Sex'),
              dataIndex: 'gender',
              width: 60,
              render: (g: Participant['gender']) => (g ? (g === 'female' ? '女' : '男') : '—'),
            },
            { title: t('所在单位', 'Unit'), dataIndex: 'unitName', render: (v) => v ?? '—' },
            {
              title: t('类别', 'Group'),
              dataIndex: 'group',
              width: 100,
              render: (g: Participant['group']) => (g ? PARTICIPANT_GROUP_LABELS[g] : '—'),
            },
            { title: t('电话', 'Phone'), dataIndex: 'phoneMasked', width: 120, render: (v) => v ?? '—' },
            ...(e.canEdit
              ? [
                  {
                    title: '',
                    key: 'x',
                    width: 60,
                    render: (_: unknown, p: Participant) => (
                      <Popconfirm
                        title={t('从名单中移除？', 'Remove?')}
                        onConfirm={() => m.removeParticipant.mutateAsync({ id: e.id, participantId: p.id })}
                      >
                        <Typography.Link type="danger">{t('移除', 'Remove')}</Typography.Link>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
          data-testid="roster-table"
        />
      )}
      <Modal
        open={adding}
        title={t('添加参与人员或单位', 'Add to roster')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={m.addParticipant.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={add} initialValues={{ kind: 'person' }}>
          <Form.Item name="kind" label={t('类型', 'Kind')}>
            <Select
              options={[
                { value: 'person', label: '个人' },
                { value: 'unit', label: '单位' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('姓名或单位名称', 'Name')}
            rules={[{ required: true, whitespace: true, message: t('请填写', 'Required') }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="gender" label={t('性别', 'Sex')}>
            <Select
              allowClear
              options={[
                { value: 'female', label: '女' },
                { value: 'male', label: '男' },
              ]}
            />
          </Form.Item>
          <Form.Item name="unitName" label={t('所在单位', 'Unit')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="group" label={t('人员类别', 'Group')}>
            <Select allowClear options={PARTICIPANT_GROUPS.map((g) => ({ value: g, label: PARTICIPANT_GROUP_LABELS[g] }))} />
          </Form.Item>
          <Form.Item name="phone" label={t('联系电话', 'Phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function PhotosCard({ event: e }: { event: ActivityEvent }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const m = useActivitiesMutations();
  const [caption, setCaption] = useState('');
  return (
    <Card
      size="small"
      title={t(`活动照片（${e.photos.length}）`, `Photos (${e.photos.length})`)}
      extra={
        e.canEdit && (
          <Space wrap>
            <Input
              size="small"
              placeholder={t('照片说明（选填）', 'Caption')}
              value={caption}
              onChange={(x) => setCaption(x.target.value)}
              style={{ width: 160 }}
            />
            <Upload
              accept="image/jpeg,image/png,image/webp"
              showUploadList={false}
              beforeUpload={async (file) => {
                try {
                  await m.uploadPhoto.mutateAsync({ id: e.id, file, caption: caption || undefined });
                  setCaption('');
                  message.success(t('已上传', 'Uploaded'));
                } catch (err) {
                  message.error(err instanceof Error ? err.message : String(err));
                }
                return false;
              }}
            >
              <Button size="small" icon={<UploadOutlined />} loading={m.uploadPhoto.isPending}>
                {t('上传照片', 'Upload')}
              </Button>
            </Upload>
          </Space>
        )
      }
    >
      {e.photos.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无照片（JPG、PNG 或 WebP，每张不超过 10 MB）', 'No photos')} />
      ) : (
        <Image.PreviewGroup>
          <Space wrap size={12}>
            {e.photos.map((p) => (
              <div key={p.id} style={{ width: 160 }}>
                <Image
                  src={`/api/activities/events/${e.id}/photos/${p.id}`}
                  width={160}
                  height={110}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                  alt={p.caption ?? p.fileName}
                />
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: 120, fontSize: 12 }}>
                    {p.caption ?? p.fileName}
                  </Typography.Text>
                  {e.canEdit && (
                    <Popconfirm
                      title={t('删除这张照片？', 'Delete photo?')}
                      onConfirm={() => m.deletePhoto.mutateAsync({ id: e.id, photoId: p.id })}
                    >
                      <Typography.Link type="danger" style={{ fontSize: 12 }}>
                        {t('删除', 'Delete')}
                      </Typography.Link>
                    </Popconfirm>
                  )}
                </Space>
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
