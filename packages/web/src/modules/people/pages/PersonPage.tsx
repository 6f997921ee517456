import { EditOutlined, EyeOutlined, MergeCellsOutlined } from '@ant-design/icons';
import {
  App,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Grid,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CASE_CHANNEL_LABELS, PERSON_GENDER_LABELS, formatFen, type CaseListItem } from '@jinguo/domain';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useDuplicates, usePeopleMutations, usePerson, usePersonCases, type Revealed } from '../api';
import { PersonEditDialog } from '../components/PersonEditDialog';
import { CaseStatusTag, RiskTag } from '../../../ui/CaseTags';

/** 人员详情: the person (masked, full values on an audited reveal), household, every case of theirs, duplicates. */
export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const q = usePerson(id);
  const p = q.data;
  const cases = usePersonCases(id, can('cases.read'));
  const dups = useDuplicates(id, !!p?.can.merge);
  const { reveal, merge } = usePeopleMutations();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [merging, setMerging] = useState(false);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ duplicateId: string; reason: string }>();
  const notFound = q.error instanceof ApiError && q.error.status === 404;

  return (
    <QueryState loading={q.isLoading} error={notFound ? null : q.error} empty={notFound} emptyText={t('人员不存在或无权访问', 'Not found')}>
      {p && (
        <>
          <PageHeader
            title={
              <Space>
                {p.name}
                {p.tags.map((x) => (
                  <Tag key={x} color="magenta">
                    {x}
                  </Tag>
                ))}
              </Space>
            }
            subtitle={`${PERSON_GENDER_LABELS[p.gender]}${p.birthDate ? ` · ${p.birthDate}` : ''} · ${p.residenceName ?? ''}`}
            extra={
              <>
                {p.can.edit && !p.mergedIntoId && (
                  <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-person">
                    {t('修改', 'Edit')}
                  </Button>
                )}
                {p.can.reveal && !revealed && (
                  <Button
                    icon={<EyeOutlined />}
                    onClick={async () => {
                      try {
                        setRevealed(await reveal.mutateAsync(id));
                      } catch (e) {
                        message.error(applyServerErrors(null, e));
                      }
                    }}
                    data-testid="reveal-person"
                  >
                    {t('查看完整信息（记入审计）', 'Reveal (audited)')}
                  </Button>
                )}
                {p.can.merge && (dups.data?.length ?? 0) > 0 && (
                  <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                    {t('合并重复', 'Merge duplicate')}
                  </Button>
                )}
              </>
            }
          />
          {p.mergedIntoId && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                <>
                  {t('该记录已合并到', 'Merged into')} <Link to={`/people/${p.mergedIntoId}`}>{t('另一人员', 'another person')}</Link>
                </>
              }
            />
          )}
          {(dups.data?.length ?? 0) > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(`发现 ${dups.data!.length} 条可能重复的登记（同名同生日或同电话）：`, 'Possible duplicates:')}
              description={dups.data!.map((d) => (
                <Link key={d.id} to={`/people/${d.id}`} style={{ marginRight: 12 }}>
                  {d.name} {d.phoneMasked ?? ''} {d.residenceName ?? ''}
                </Link>
              ))}
            />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('基本信息', 'Details')}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('身份证号', 'ID number')}>
                    <span data-testid="person-id">{revealed ? (revealed.idNumber ?? '—') : (p.idNumberMasked ?? '—')}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('电话', 'Phone')}>
                    {revealed ? (revealed.phone ?? '—') : (p.phoneMasked ?? '—')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('住址', 'Address')}>
                    {revealed ? (revealed.address ?? '—') : (p.addressMasked ?? '—')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('民族', 'Ethnicity')}>{p.ethnicity ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('居住地', 'Residence')}>{p.residenceName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('登记单位', 'Registered by')}>{p.ownerName}</Descriptions.Item>
                  {p.household && (
                    <>
                      <Descriptions.Item label={t('家庭人口', 'Household')}>{p.household.members}人</Descriptions.Item>
                      <Descriptions.Item label={t('家庭年收入', 'Annual income')}>
                        {formatFen(p.household.annualIncomeFen)}元（人均{formatFen(p.household.incomePerHeadFen)}元）
                      </Descriptions.Item>
                    </>
                  )}
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('信访维权事项', 'Cases')}>
                {mobile ? (
                  <List
                    size="small"
                    dataSource={cases.data?.items ?? []}
                    locale={{ emptyText: t('没有事项', 'No cases') }}
                    renderItem={(r) => (
                      <List.Item>
                        <div>
                          <Space wrap size={4}>
                            <Link to={`/cases/${r.id}`}>{r.caseNo}</Link>
                            <CaseStatusTag status={r.status} />
                            <RiskTag level={r.riskLevel} />
                          </Space>
                          <div>{r.summary}</div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {r.receivedDate} · {CASE_CHANNEL_LABELS[r.channel]}
                          </Typography.Text>
                        </div>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Table<CaseListItem>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={cases.data?.items ?? []}
                    loading={cases.isLoading}
                    scroll={{ x: 580 }}
                    locale={{ emptyText: t('没有事项', 'No cases') }}
                    columns={[
                      { title: t('编号', 'No.'), dataIndex: 'caseNo', width: 96, render: (v, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
                      { title: t('收到', 'Received'), dataIndex: 'receivedDate', width: 100 },
                      {
                        title: t('渠道', 'Channel'),
                        dataIndex: 'channel',
                        width: 70,
                        render: (v: CaseListItem['channel']) => CASE_CHANNEL_LABELS[v],
                      },
                      { title: t('诉求', 'Summary'), dataIndex: 'summary', ellipsis: true },
                      {
                        title: t('状态', 'Status'),
                        dataIndex: 'status',
                        width: 150,
                        render: (v, r) => (
                          <Space size={2}>
                            <CaseStatusTag status={v} />
                            <RiskTag level={r.riskLevel} />
                          </Space>
                        ),
                      },
                    ]}
                  />
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('救助、结对等记录由相应模块登记后在此汇总。', 'Grants and pairings appear here as their modules record them.')}
                </Typography.Text>
              </Card>
            </Col>
          </Row>
          <Modal
            open={merging}
            title={t('合并重复登记', 'Merge a duplicate')}
            onCancel={() => setMerging(false)}
            onOk={() => form.submit()}
            confirmLoading={merge.isPending}
            destroyOnHidden
            okText={t('合并', 'Merge')}
          >
            <Typography.Paragraph type="secondary">
              {t(
                '所选重复记录的事项、救助等将并入本人，重复记录保留为指向本人的标记。此操作记入审计。',
                'The duplicate’s records move here; audited.',
              )}
            </Typography.Paragraph>
            <Form
              form={form}
              layout="vertical"
              preserve={false}
              onFinish={async (v) => {
                try {
                  const r = await merge.mutateAsync({ id, ...v });
                  message.success(t(`已合并，转移 ${r.referencesMoved} 条关联记录`, 'Merged'));
                  setMerging(false);
                } catch (e) {
                  message.error(applyServerErrors(form, e));
                }
              }}
            >
              <Form.Item name="duplicateId" label={t('重复的记录', 'Duplicate')} rules={[{ required: true }]}>
                <Select
                  options={(dups.data ?? []).map((d) => ({
                    value: d.id,
                    label: `${d.name} ${d.idNumberMasked ?? ''} ${d.phoneMasked ?? ''} ${d.residenceName ?? ''}`,
                  }))}
                />
              </Form.Item>
              <Form.Item name="reason" label={t('合并原因', 'Reason')} rules={[{ required: true }]}>
                <Input maxLength={200} />
              </Form.Item>
            </Form>
          </Modal>
          {editing && (
            <PersonEditDialog
              p={p}
              onClose={() => {
                setEditing(false);
                setRevealed(null);
              }}
              onReload={() => q.refetch()}
            />
          )}
        </>
      )}
    </QueryState>
  );
}
