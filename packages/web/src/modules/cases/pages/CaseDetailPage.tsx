import { ClockCircleOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Empty,
  Flex,
  Grid,
  List,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import {
  ACTION_KIND_LABELS,
  CASE_CHANNEL_LABELS,
  CASE_OUTCOME_LABELS,
  CASE_STATUS_LABELS,
  CASE_TRANSITIONS,
  DV_CATEGORY,
  MATTER_TYPE_LABELS,
  PARTY_RELATION_LABELS,
  PARTY_ROLE_LABELS,
  PROTECTION_ORDER_STATUS_LABELS,
  REFERRAL_KIND_LABELS,
  SATISFACTION_LABELS,
  type CaseDetail,
  type CaseStatus,
  type CaseTransition,
} from '@jinguo/domain';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/api';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatDateTime, PageHeader, QueryState } from '../../../ui';
import { useCase, useCaseMutations } from '../api';
import { CaseEditDialog } from '../components/CaseEditDialog';
import { HandoverModal, HandoverPanel, PressModal, ReportModal } from '../components/HandoverPanel';
import {
  ActionModal,
  ConsentModal,
  ExtendModal,
  ReferralModal,
  RevokeModal,
  RiskModal,
  TransitionModal,
  WithdrawConsentModal,
} from '../components/CaseDialogs';
import { DueText, ReferralStatusTag } from '../components/tags';
import { CaseStatusTag, RiskTag } from '../../../ui/CaseTags';

type Revealed = { idNumber: string | null; phone: string | null; address: string | null };

/**
 * One entry of the case's timeline: a workflow step, an action, or a referral event. Ordered by the day it happened,
 * then by entry: `seq` is the record's id, and ids are issued in the order records are written (platform/ids.ts).
 */
type Entry = { date: string; seq: string; colour: string; content: ReactNode; key: string };

/** An extension's request and its outcomes on the timeline (the approval engine writes them). */
const EXTENSION_EVENTS: Record<string, string> = {
  extendRequest: '申请延期',
  extendReturn: '延期申请退回',
  extendReject: '延期申请未获批准',
  extendWithdraw: '延期申请撤回',
};

/**
 * The extension request still open on the case, from its timeline: waiting for the unit head (extendRequest) or
 * returned to be fixed (extendReturn). A second request is refused meanwhile, so the page does not offer one.
 */
function extensionOpen(c: CaseDetail): 'extendRequest' | 'extendReturn' | null {
  const last = c.events.filter((e) => e.transition === 'extend' || e.transition in EXTENSION_EVENTS).at(-1)?.transition;
  return last === 'extendRequest' || last === 'extendReturn' ? last : null;
}

/** Entries of the history that are not workflow steps: registration, the extension, and the steps between levels. */
const EVENT_LABELS: Record<string, string> = {
  register: '登记',
  extend: '延期',
  transfer: '转送',
  assign: '交办',
  report: '报结',
  press: '督办',
};

/** The states in which the applicant may ask, or has asked, for 复查/复核: the page names who decides. */
const REVIEW_STATES: CaseStatus[] = ['closed', 'review_requested', 'review_decided', 'rereview_requested', 'final'];

function timeline(c: CaseDetail): Entry[] {
  const entries: Entry[] = [];
  for (const e of c.events) {
    const label =
      EVENT_LABELS[e.transition] ??
      EXTENSION_EVENTS[e.transition] ??
      CASE_TRANSITIONS[e.transition as CaseTransition]?.label ??
      e.transition;
    entries.push({
      key: `e${e.id}`,
      date: e.date,
      seq: e.id,
      colour: e.toStatus === 'closed' ? 'green' : 'blue',
      content: (
        <>
          <Typography.Text strong>{label}</Typography.Text>
          {e.fromStatus && e.fromStatus !== e.toStatus && (
            <Typography.Text type="secondary"> → {CASE_STATUS_LABELS[e.toStatus as CaseStatus]}</Typography.Text>
          )}
          {e.reason && <div>{e.reason}</div>}
          {e.actorName && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorName}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    });
  }
  for (const a of c.actions) {
    entries.push({
      key: `a${a.id}`,
      date: a.date,
      seq: a.id,
      colour: a.kind === 'protection_order' || a.kind === 'police_warning' ? 'red' : 'gray',
      content: (
        <>
          <Typography.Text strong>{ACTION_KIND_LABELS[a.kind]}</Typography.Text>
          {a.protectionOrderStatus && <Tag style={{ marginLeft: 6 }}>{PROTECTION_ORDER_STATUS_LABELS[a.protectionOrderStatus]}</Tag>}
          {a.byName && <Typography.Text type="secondary"> · {a.byName}</Typography.Text>}
          <div>{a.note}</div>
          {a.protectionOrderStatus === 'applied' && a.protectionOrderDue && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              法院应于 {formatDateTime(a.protectionOrderDue)} 前作出裁定（{a.protectionOrderEmergency ? '紧急，24小时' : '72小时'}）
            </Typography.Text>
          )}
          {a.warningNo && (
            <div style={{ fontSize: 12 }}>
              {a.policeOrgName} {a.warningNo}
            </div>
          )}
        </>
      ),
    });
  }
  for (const r of c.referrals) {
    entries.push({
      key: `r${r.id}`,
      date: r.sentDate,
      seq: r.id,
      colour: 'purple',
      content: (
        <>
          <Typography.Text strong>转介 {r.agencyName}</Typography.Text> <ReferralStatusTag status={r.status} overdue={r.overdue} />
          <div>{r.serviceRequested}</div>
          {r.answeredDate && (
            <div style={{ fontSize: 12 }}>
              {r.answeredDate} {r.status === 'declined' ? `拒绝：${r.declineReason}` : `接收${r.receiptNote ? `：${r.receiptNote}` : ''}`}
            </div>
          )}
          {r.filedDate && (
            <div style={{ fontSize: 12 }}>
              立案 {r.filedDate} {r.courtCaseNo}
            </div>
          )}
          {r.outcome && (
            <div style={{ fontSize: 12 }}>
              {r.doneDate} 办结：{r.outcome}
            </div>
          )}
        </>
      ),
    });
  }
  const bySeq = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return entries.sort((a, b) => bySeq(a.date, b.date) || bySeq(a.seq, b.seq));
}

/** 事项详情: the file, its deadlines, its timeline of actions and referrals, and the steps the caller may take. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const mobile = !Grid.useBreakpoint().md;
  const q = useCase(id);
  const m = useCaseMutations(id);
  const [transition, setTransition] = useState<CaseTransition | null>(null);
  const [dialog, setDialog] = useState<
    'action' | 'extend' | 'risk' | 'consent' | 'referral' | 'edit' | 'handover' | 'report' | 'press' | null
  >(null);
  const [revoke, setRevoke] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const c = q.data;
  const notFound = q.error instanceof ApiError && q.error.status === 404;

  const reveal = async () => {
    try {
      setRevealed(await m.revealApplicant.mutateAsync());
    } catch (e) {
      message.error(applyServerErrors(null, e));
    }
  };

  return (
    <QueryState loading={q.isLoading} error={notFound ? null : q.error} empty={notFound} emptyText={t('事项不存在或无权访问', 'Not found')}>
      {c && (
        <>
          <PageHeader
            title={
              <Space wrap>
                <span data-testid="case-no">{c.caseNo}</span>
                <CaseStatusTag status={c.status} />
                <RiskTag level={c.riskLevel} />
              </Space>
            }
            subtitle={`${c.ownerName} · ${CASE_CHANNEL_LABELS[c.channel]} · ${c.categoryLabel}`}
            extra={
              <>
                {c.can.transitions
                  .filter((x) => x !== 'start')
                  .map((x) => (
                    <Button
                      key={x}
                      type={x === 'accept' || x === 'close' ? 'primary' : 'default'}
                      onClick={() => setTransition(x as CaseTransition)}
                      data-testid={`do-${x}`}
                    >
                      {CASE_TRANSITIONS[x as CaseTransition].label}
                    </Button>
                  ))}
                {c.can.handover && (
                  <Button onClick={() => setDialog('handover')} data-testid="do-handover">
                    {t('转送/交办', 'Pass on')}
                  </Button>
                )}
                {c.can.write && (
                  <Dropdown
                    menu={{
                      items: [
                        { key: 'action', label: t('记录办理措施', 'Record an action') },
                        ...(c.can.refer ? [{ key: 'referral', label: t('转介至合作机构', 'Refer') }] : []),
                        { key: 'consent', label: t('记录当事人同意', 'Record consent') },
                        ...(c.category === DV_CATEGORY ? [{ key: 'risk', label: t('风险评估', 'Risk screening') }] : []),
                        ...(c.can.extend && !extensionOpen(c) ? [{ key: 'extend', label: t('延长期限', 'Extend') }] : []),
                        { key: 'edit', label: t('修改登记信息', 'Edit registration') },
                      ],
                      onClick: ({ key }) => setDialog(key as never),
                    }}
                  >
                    <Button data-testid="more-actions">{t('办理', 'Work')}</Button>
                  </Dropdown>
                )}
                <Link to={`/print/cases/${c.id}`} target="_blank">
                  <Button icon={<PrinterOutlined />}>{t('信访登记表', 'Print form')}</Button>
                </Link>
              </>
            }
          />
          {c.overdue && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={t(`已超过期限（${c.nextDueDate}），请尽快办理`, 'Past its deadline')}
            />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={15}>
              <HandoverPanel c={c} onReport={() => setDialog('report')} onPress={() => setDialog('press')} />
              <Card size="small" title={t('登记信息', 'Registration')}>
                <Descriptions size="small" column={mobile ? 1 : 2} bordered={!mobile} styles={{ label: { whiteSpace: 'nowrap' } }}>
                  <Descriptions.Item label={t('收到日期', 'Received')}>{c.receivedDate}</Descriptions.Item>
                  <Descriptions.Item label={t('渠道', 'Channel')}>{CASE_CHANNEL_LABELS[c.channel]}</Descriptions.Item>
                  <Descriptions.Item label={t('类别', 'Category')}>
                    {c.categoryLabel}
                    {c.matterType ? ` · ${MATTER_TYPE_LABELS[c.matterType]}` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('承办人', 'Assignee')}>{c.assigneeName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('申请人', 'Applicant')} span={mobile ? 1 : 2}>
                    <Space wrap>
                      {c.applicant.residenceName ? <Link to={`/people/${c.applicant.id}`}>{c.applicantName}</Link> : c.applicantName}
                      <span>{c.applicant.gender === 'female' ? '女' : '男'}</span>
                      <span data-testid="applicant-id">{revealed?.idNumber ?? c.applicant.idNumberMasked ?? t('无身份证号', 'no ID')}</span>
                      <span data-testid="applicant-phone">{revealed?.phone ?? c.applicantPhoneMasked ?? ''}</span>
                      {revealed?.address && <span>{revealed.address}</span>}
                      <span>{c.applicant.residenceName}</span>
                      {c.applicant.tags.map((x) => (
                        <Tag key={x}>{x}</Tag>
                      ))}
                      {c.can.revealApplicant && !revealed && (
                        <Button size="small" type="link" icon={<EyeOutlined />} onClick={reveal} data-testid="reveal">
                          {t('查看完整信息（记入审计）', 'Reveal (audited)')}
                        </Button>
                      )}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('诉求摘要', 'Summary')} span={mobile ? 1 : 2}>
                    {c.summary}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('详细情况', 'Narrative')} span={mobile ? 1 : 2}>
                    {c.narrative ? (
                      <div style={{ whiteSpace: 'pre-wrap' }}>{c.narrative}</div>
                    ) : c.narrativeWithheld ? (
                      <Typography.Text type="secondary">
                        {t('家庭暴力事项的详细情况仅维权干事和领导可阅', 'DV narratives: rights officers and leaders only')}
                      </Typography.Text>
                    ) : (
                      '—'
                    )}
                  </Descriptions.Item>
                  {c.parties.length > 0 && (
                    <Descriptions.Item label={t('当事人', 'Parties')} span={mobile ? 1 : 2}>
                      {c.parties.map((p) => `${p.name}（${PARTY_ROLE_LABELS[p.role]}，${PARTY_RELATION_LABELS[p.relation]}）`).join('；')}
                    </Descriptions.Item>
                  )}
                  {c.acceptedDate && <Descriptions.Item label={t('受理日期', 'Accepted')}>{c.acceptedDate}</Descriptions.Item>}
                  {c.extensionDays != null && (
                    <Descriptions.Item label={t('延期', 'Extension')}>
                      {c.extensionDays}日：{c.extensionReason}
                    </Descriptions.Item>
                  )}
                  {c.extensionDays == null && extensionOpen(c) && (
                    <Descriptions.Item label={t('延期', 'Extension')}>
                      {extensionOpen(c) === 'extendRequest'
                        ? t('延期申请审批中（见“我的待办”）', 'Extension awaiting approval')
                        : t('延期申请已退回，请在审批页修改后重新提交', 'Extension returned: fix and resubmit')}
                    </Descriptions.Item>
                  )}
                  {c.notAcceptedReason && (
                    <Descriptions.Item label={t('不予受理理由', 'Not accepted')} span={mobile ? 1 : 2}>
                      {c.notAcceptedReason}
                    </Descriptions.Item>
                  )}
                  {c.divertedTo && (
                    <Descriptions.Item label={t('导入诉讼', 'Diverted')} span={mobile ? 1 : 2}>
                      {c.divertedTo}：{c.divertedReason}
                    </Descriptions.Item>
                  )}
                  {c.closedDate && (
                    <>
                      <Descriptions.Item label={t('办结日期', 'Closed')}>
                        {c.closedDate}（{c.daysToClose}天）
                      </Descriptions.Item>
                      <Descriptions.Item label={t('结果/满意度', 'Outcome')}>
                        {c.outcome ? CASE_OUTCOME_LABELS[c.outcome] : ''} · {c.satisfaction ? SATISFACTION_LABELS[c.satisfaction] : ''}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('答复意见', 'Reply')} span={mobile ? 1 : 2}>
                        {c.reply}
                      </Descriptions.Item>
                    </>
                  )}
                  {REVIEW_STATES.includes(c.status) && c.reviewOrgName && (
                    <Descriptions.Item label={t('复查/复核', 'Review by')} span={mobile ? 1 : 2}>
                      <span data-testid="review-units">
                        {t(
                          `复查由${c.reviewOrgName}决定，复核由${c.rereviewOrgName}决定（申请人收到答复之日起30日内提出）`,
                          `Review: ${c.reviewOrgName}; re-review: ${c.rereviewOrgName}`,
                        )}
                      </span>
                    </Descriptions.Item>
                  )}
                  {c.reviewResult && (
                    <Descriptions.Item label={t('复查', 'Review')} span={mobile ? 1 : 2}>
                      {c.reviewResult}
                    </Descriptions.Item>
                  )}
                  {c.rereviewResult && (
                    <Descriptions.Item label={t('复核', 'Re-review')} span={mobile ? 1 : 2}>
                      {c.rereviewResult}
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </Card>
              <Card size="small" title={t('办理经过', 'Timeline')} style={{ marginTop: 16 }} data-testid="timeline">
                <Timeline
                  items={timeline(c).map((e) => ({
                    key: e.key,
                    color: e.colour,
                    label: mobile ? undefined : e.date,
                    content: (
                      <>
                        {mobile && <Typography.Text type="secondary">{e.date} </Typography.Text>}
                        {e.content}
                      </>
                    ),
                  }))}
                  mode={mobile ? undefined : 'start'}
                />
              </Card>
            </Col>
            <Col xs={24} lg={9}>
              <Card
                size="small"
                title={
                  <Space>
                    <ClockCircleOutlined />
                    {t('法定期限', 'Statutory deadlines')}
                  </Space>
                }
              >
                <List
                  size="small"
                  dataSource={c.deadlines}
                  renderItem={(d) => (
                    <List.Item>
                      <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
                        <Typography.Text type={d.ours ? undefined : 'secondary'} style={{ fontSize: 13 }}>
                          {d.label}
                        </Typography.Text>
                        <span style={{ flexShrink: 0 }}>
                          <DueText due={d.due} overdue={d.overdue} /> {d.met === true && <Tag color="success">按期</Tag>}
                          {d.met === false && <Tag color="error">逾期</Tag>}
                        </span>
                      </Flex>
                    </List.Item>
                  )}
                />
                {c.nextFollowUpDate && (
                  <Alert
                    type={c.riskLevel === 'high' ? 'warning' : 'info'}
                    showIcon
                    style={{ marginTop: 8 }}
                    title={t(`下次回访：${c.nextFollowUpDate}`, `Next visit ${c.nextFollowUpDate}`)}
                  />
                )}
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
                  {t('期限按民法典计算：开始当日不计入，最后一日为法定休假日的顺延至休假日结束的次日。', 'Civil Code day counting.')}
                </Typography.Paragraph>
              </Card>
              <Card
                size="small"
                title={t('转介', 'Referrals')}
                style={{ marginTop: 16 }}
                extra={
                  c.can.refer && (
                    <Button size="small" onClick={() => setDialog('referral')} data-testid="refer">
                      {t('转介', 'Refer')}
                    </Button>
                  )
                }
              >
                {c.referrals.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('尚无转介', 'No referrals')} />
                ) : (
                  <Table
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={c.referrals}
                    columns={[
                      {
                        title: t('机构', 'Agency'),
                        dataIndex: 'agencyName',
                        render: (v, r) => (
                          <>
                            {v}
                            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                              {REFERRAL_KIND_LABELS[r.kind]} · {t('期限', 'due')} {r.dueDate}
                              {r.consentRecorded ? '' : ' · 未经同意'}
                            </div>
                          </>
                        ),
                      },
                      {
                        title: t('状态', 'Status'),
                        dataIndex: 'status',
                        width: 96,
                        render: (v, r) => <ReferralStatusTag status={v} overdue={r.overdue} />,
                      },
                      {
                        title: '',
                        key: 'ops',
                        width: 64,
                        render: (_, r) =>
                          c.can.write && (r.status === 'sent' || r.status === 'accepted') ? (
                            <Dropdown
                              menu={{
                                items: [
                                  {
                                    key: 'letter',
                                    label: (
                                      <Link to={`/print/referrals/${r.id}`} target="_blank">
                                        {t('打印转介函', 'Print letter')}
                                      </Link>
                                    ),
                                  },
                                  { key: 'revoke', label: t('撤回', 'Revoke'), onClick: () => setRevoke(r.id) },
                                ],
                              }}
                            >
                              <Button size="small" type="link" data-testid={`referral-ops-${r.agencyName}`}>
                                …
                              </Button>
                            </Dropdown>
                          ) : null,
                      },
                    ]}
                  />
                )}
              </Card>
              <Card
                size="small"
                title={t('当事人同意（信息共享）', 'Consents')}
                style={{ marginTop: 16 }}
                extra={
                  c.can.write && (
                    <Button size="small" onClick={() => setDialog('consent')} data-testid="add-consent">
                      {t('记录', 'Record')}
                    </Button>
                  )
                }
              >
                {c.consents.length === 0 ? (
                  <Typography.Text type="secondary">{t('尚未记录。转介前须取得当事人对接收机构的单独同意。', 'None yet.')}</Typography.Text>
                ) : (
                  <List
                    size="small"
                    dataSource={c.consents}
                    renderItem={(k) => (
                      <List.Item
                        actions={
                          c.can.write && !k.withdrawnAt
                            ? [
                                <Button key="withdraw" size="small" type="link" onClick={() => setWithdrawing(k.id)}>
                                  {t('撤回', 'Withdraw')}
                                </Button>,
                              ]
                            : undefined
                        }
                      >
                        <div>
                          <div>
                            {k.agencyName}：{k.purpose}
                          </div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {k.givenBy} · {k.givenDate} · {k.method === 'written' ? '书面' : '口头已记录'}{' '}
                            {k.withdrawnAt ? ` · ${k.withdrawnDate ?? ''}已撤回` : ''}
                          </Typography.Text>
                        </div>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <TransitionModal c={c} transition={transition} onClose={() => setTransition(null)} />
          <ActionModal c={c} open={dialog === 'action'} onClose={() => setDialog(null)} />
          <ExtendModal c={c} open={dialog === 'extend'} onClose={() => setDialog(null)} />
          {dialog === 'risk' && <RiskModal c={c} open onClose={() => setDialog(null)} />}
          <ConsentModal c={c} open={dialog === 'consent'} onClose={() => setDialog(null)} />
          <ReferralModal c={c} open={dialog === 'referral'} onClose={() => setDialog(null)} />
          {dialog === 'edit' && <CaseEditDialog c={c} onClose={() => setDialog(null)} onReload={() => q.refetch()} />}
          <RevokeModal c={c} referralId={revoke} onClose={() => setRevoke(null)} />
          <WithdrawConsentModal c={c} consentId={withdrawing} onClose={() => setWithdrawing(null)} />
          {dialog === 'handover' && <HandoverModal c={c} open onClose={() => setDialog(null)} onReload={() => q.refetch()} />}
          {dialog === 'report' && <ReportModal c={c} open onClose={() => setDialog(null)} onReload={() => q.refetch()} />}
          {dialog === 'press' && <PressModal c={c} open onClose={() => setDialog(null)} onReload={() => q.refetch()} />}
        </>
      )}
    </QueryState>
  );
}
