import { LockOutlined } from '@ant-design/icons';
import { MoneyInput, moneyRule } from '../../../ui';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CARER_KIND_LABELS,
  CHILD_NEED_LABELS,
  CHILD_NEEDS,
  CHILD_STATUS_LABELS,
  formatFen,
  HELP_KIND_LABELS,
  HELP_KINDS,
  LEFT_BEHIND_SITUATION_LABELS,
  VISIT_MODE_LABELS,
  VISIT_MODES,
  VISITOR_KIND_LABELS,
  VISITOR_KINDS,
  type ChildHelp,
  type ChildVisit,
} from '@jinguo/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useCan } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, PageHeader, QueryState } from '../../../ui';
import { useChild, useChildrenMutations, useHelpSources, useMothers } from '../api';

type Dialog = 'pair' | 'visit' | 'help' | 'end' | null;
const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** One child: details (only with children.minors.read; the read is audited), her 代理妈妈, visits and help. */
export function ChildPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const child = useChild(id);
  const m = useChildrenMutations();
  const [dialog, setDialog] = useState<Dialog>(null);
  const mothers = useMothers();
  const sources = useHelpSources(dialog === 'help');
  const [form] = Form.useForm();
  const c = child.data;
  const write = can('children.write') && c?.status === 'active';
  const open = c?.pairingHistory.find((p) => !p.endDate);

  const run = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      setDialog(null);
      message.success(done);
    } catch (e) {
      message.error(applyServerErrors(form, e));
    }
  };
  const onFinish = (v: Record<string, unknown>) => {
    switch (dialog) {
      case 'pair':
        return run(
          () => m.pair.mutateAsync({ id, proxyMotherId: v.proxyMotherId as string, startDate: day(v.startDate as Dayjs) }),
          t('已结对', 'Paired'),
        );
      case 'visit':
        return run(
          () =>
            m.addVisit.mutateAsync({
              id,
              visitedOn: day(v.visitedOn as Dayjs),
              mode: v.mode as ChildVisit['mode'],
              visitorKind: v.visitorKind as ChildVisit['visitorKind'],
              visitorName: v.visitorName as string,
              findings: v.findings as string,
              needs: (v.needs as ChildVisit['needs']) ?? [],
              followUp: (v.followUp as string) || null,
            }),
          t('已记录走访', 'Visit recorded'),
        );
      case 'help': {
        const account = sources.data?.accounts.find((a) => a.id === v.accountId);
        const goods = account?.kind === 'goods';
        return run(
          () =>
            m.giveHelp.mutateAsync({
              id,
              kind: v.kind as ChildHelp['kind'],
              description: v.description as string,
              accountId: v.accountId as string,
              amountFen: goods ? null : ((v.amount as number | null) ?? undefined),
              quantity: goods ? (v.quantity as number) : null,
              method: goods ? 'in_kind' : 'cash',
              givenOn: day(v.givenOn as Dayjs),
              approvedBy: v.approvedBy as string,
            }),
          t('已发放', 'Paid'),
        );
      }
      case 'end':
        return run(
          () => m.endChild.mutateAsync({ id, endedOn: day(v.endedOn as Dayjs), reason: v.reason as string }),
          t('已退出名册', 'Ended'),
        );
    }
  };

  return (
    <QueryState loading={child.isLoading} error={child.error}>
      {c && (
        <>
          <PageHeader
            title={
              <>
                {c.name} <Tag color={c.status === 'active' ? 'magenta' : undefined}>{CHILD_STATUS_LABELS[c.status]}</Tag>
              </>
            }
            subtitle={`${c.townshipName}${c.villageName ? ` · ${c.villageName}` : ''} · ${t('登记于', 'since')} ${c.registeredOn}`}
            extra={
              write && (
                <Space wrap>
                  {!open && (
                    <Button onClick={() => setDialog('pair')} data-testid="pair">
                      {t('结对代理妈妈', 'Pair')}
                    </Button>
                  )}
                  <Button onClick={() => setDialog('visit')} data-testid="add-visit">
                    {t('记录走访', 'Visit')}
                  </Button>
                  {can('funds.read') && (
                    <Button type="primary" onClick={() => setDialog('help')} data-testid="give-help">
                      {t('发放帮扶', 'Give help')}
                    </Button>
                  )}
                  <Button danger onClick={() => setDialog('end')}>
                    {t('退出名册', 'End')}
                  </Button>
                </Space>
              )
            }
          />
          {c.detailsVisible ? (
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 12 }} data-testid="child-details">
              <Descriptions.Item label={t('年龄', 'Age')}>{c.age ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('就读学校', 'School')}>{`${c.schoolName ?? '—'} ${c.grade ?? ''}`}</Descriptions.Item>
              <Descriptions.Item label={t('留守情形', 'Situation')}>
                {c.situation ? LEFT_BEHIND_SITUATION_LABELS[c.situation] : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('父母务工地', 'Parents work in')}>
                {[c.fatherWorkPlace, c.motherWorkPlace].filter(Boolean).join('；') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('照料', 'Carer')}>
                {c.carerKind
                  ? [CARER_KIND_LABELS[c.carerKind], c.carerName, c.carerRelation && `（${c.carerRelation}）`, c.carerPhoneMasked]
                      .filter(Boolean)
                      .join(' ')
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('监护人同意', 'Consent')}>{c.consentRecorded ? t('已记录', 'Recorded') : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('关爱需求', 'Needs')}>
                {(c.needs ?? []).map((n) => (
                  <Tag key={n}>{CHILD_NEED_LABELS[n]}</Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Alert
              type="info"
              showIcon
              icon={<LockOutlined />}
              style={{ marginBottom: 12 }}
              message={t('未成年人详细信息仅限有权限的人员查看。', "A minor's details are shown only to those allowed.")}
            />
          )}
          <Card size="small" title={t('代理妈妈', 'Proxy mother')} style={{ marginBottom: 12 }}>
            {c.pairingHistory.length === 0 ? (
              <Typography.Text type="secondary">{t('尚未结对', 'Not paired yet')}</Typography.Text>
            ) : (
              c.pairingHistory.map((p) => (
                <div key={p.id}>
                  <Typography.Text strong>{p.proxyMotherName}</Typography.Text> {p.startDate} {t('至', 'to')} {p.endDate ?? t('今', 'now')}
                  {!p.endDate && can('children.write') && (
                    <Popconfirm
                      title={t('结束该结对？', 'End this pairing?')}
                      onConfirm={() =>
                        m.endPairing
                          .mutateAsync({ id, pairingId: p.id, endDate: dayjs().format('YYYY-MM-DD'), reason: t('结束结对', 'Ended') })
                          .catch((e) => message.error(applyServerErrors(null, e)))
                      }
                    >
                      <Typography.Link style={{ marginLeft: 8 }}>{t('结束', 'End')}</Typography.Link>
                    </Popconfirm>
                  )}
                </div>
              ))
            )}
          </Card>
          <Card size="small" title={t(`走访记录（${c.visitLog.length}次）`, 'Visits')} style={{ marginBottom: 12 }}>
            <Table<ChildVisit>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.visitLog}
              scroll={{ x: 640 }}
              locale={{ emptyText: t('暂无走访', 'No visits') }}
              columns={[
                { title: t('日期', 'Date'), dataIndex: 'visitedOn', width: 100 },
                { title: t('方式', 'How'), dataIndex: 'mode', width: 80, render: (v: ChildVisit['mode']) => VISIT_MODE_LABELS[v] },
                { title: t('走访人', 'By'), dataIndex: 'visitorName', width: 90 },
                { title: t('情况', 'Found'), dataIndex: 'findings', render: (v: string | null) => v ?? <LockOutlined /> },
                {
                  title: t('需求', 'Needs'),
                  dataIndex: 'needs',
                  width: 140,
                  render: (v: ChildVisit['needs']) => v.map((n) => <Tag key={n}>{CHILD_NEED_LABELS[n]}</Tag>),
                },
              ]}
              data-testid="visits-table"
            />
          </Card>
          <Card size="small" title={t(`帮扶（合计 ${formatFen(c.helpFen)} 元）`, 'Help')}>
            <Table<ChildHelp>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={c.helpGiven}
              scroll={{ x: 600 }}
              locale={{ emptyText: t('暂无帮扶', 'No help yet') }}
              columns={[
                { title: t('日期', 'Date'), dataIndex: 'givenOn', width: 100 },
                { title: t('类别', 'Kind'), dataIndex: 'kind', width: 110, render: (v: ChildHelp['kind']) => HELP_KIND_LABELS[v] },
                { title: t('内容', 'What'), dataIndex: 'description', ellipsis: true },
                {
                  title: t('金额（元）', 'Amount'),
                  dataIndex: 'amountFen',
                  width: 100,
                  align: 'right',
                  render: (v: number, h) => (h.reversed ? <Typography.Text delete>{formatFen(v)}</Typography.Text> : formatFen(v)),
                },
                ...(can('children.write')
                  ? [
                      {
                        title: '',
                        key: 'x',
                        width: 60,
                        render: (_: unknown, h: ChildHelp) =>
                          h.reversed ? (
                            <Tag>{t('已冲销', 'Reversed')}</Tag>
                          ) : (
                            <Popconfirm
                              title={t('冲销这笔帮扶？', 'Reverse?')}
                              onConfirm={() =>
                                m.reverseHelp
                                  .mutateAsync({ id, helpId: h.id, reason: t('发放有误', 'Mistake') })
                                  .catch((e) => message.error(applyServerErrors(null, e)))
                              }
                            >
                              <Typography.Link type="danger">{t('冲销', 'Reverse')}</Typography.Link>
                            </Popconfirm>
                          ),
                      },
                    ]
                  : []),
              ]}
              data-testid="help-table"
            />
          </Card>
          <Modal
            open={!!dialog}
            title={
              {
                pair: t('结对代理妈妈', 'Pair'),
                visit: t('记录走访', 'Visit'),
                help: t('发放帮扶（资金台账）', 'Help'),
                end: t('退出名册', 'End'),
              }[dialog ?? 'pair']
            }
            onCancel={() => setDialog(null)}
            onOk={() => form.submit()}
            destroyOnHidden
          >
            <Form form={form} layout="vertical" onFinish={onFinish} preserve={false}>
              {dialog === 'pair' && (
                <>
                  <Form.Item
                    name="proxyMotherId"
                    label={t('代理妈妈', 'Proxy mother')}
                    rules={[{ required: true, message: t('请选择', 'Required') }]}
                  >
                    <Select
                      showSearch
                      optionFilterProp="label"
                      options={(mothers.data ?? []).map((x) => ({
                        value: x.id,
                        label: `${x.name}（${x.townshipName}，结对${x.activePairings}名）`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="startDate" label={t('结对日期', 'Since')} initialValue={dayjs()} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </>
              )}
              {dialog === 'visit' && (
                <>
                  <Space wrap>
                    <Form.Item name="visitedOn" label={t('走访日期', 'Date')} initialValue={dayjs()} rules={[{ required: true }]}>
                      <DatePicker />
                    </Form.Item>
                    <Form.Item name="mode" label={t('方式', 'How')} initialValue="home">
                      <Select style={{ width: 110 }} options={VISIT_MODES.map((x) => ({ value: x, label: VISIT_MODE_LABELS[x] }))} />
                    </Form.Item>
                    <Form.Item name="visitorKind" label={t('走访人身份', 'Visitor')} initialValue="proxy_mother">
                      <Select style={{ width: 110 }} options={VISITOR_KINDS.map((x) => ({ value: x, label: VISITOR_KIND_LABELS[x] }))} />
                    </Form.Item>
                  </Space>
                  <Form.Item name="visitorName" label={t('走访人姓名', 'Visitor name')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item name="findings" label={t('走访情况', 'What was found')} rules={[{ required: true, whitespace: true }]}>
                    <Input.TextArea rows={3} maxLength={1000} />
                  </Form.Item>
                  <Form.Item name="needs" label={t('发现的需求', 'Needs')}>
                    <Select mode="multiple" options={CHILD_NEEDS.map((n) => ({ value: n, label: CHILD_NEED_LABELS[n] }))} />
                  </Form.Item>
                  <Form.Item name="followUp" label={t('后续措施', 'Follow-up')}>
                    <Input maxLength={500} />
                  </Form.Item>
                </>
              )}
              {dialog === 'help' && (
                <>
                  <Form.Item name="kind" label={t('帮扶类别', 'Kind')} initialValue="study">
                    <Select options={HELP_KINDS.map((k) => ({ value: k, label: HELP_KIND_LABELS[k] }))} />
                  </Form.Item>
                  <Form.Item name="description" label={t('帮扶内容', 'What')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name="accountId"
                    label={t('支出账户', 'Account')}
                    rules={[{ required: true, message: t('请选择', 'Required') }]}
                  >
                    <Select
                      options={(sources.data?.accounts ?? []).map((a) => ({
                        value: a.id,
                        label: `${a.name}（余额${formatFen(a.balanceFen)}）`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      sources.data?.accounts.find((a) => a.id === form.getFieldValue('accountId'))?.kind === 'goods' ? (
                        <Form.Item
                          name="quantity"
                          label={t('数量', 'Quantity')}
                          rules={[{ required: true, message: t('请填写', 'Required') }]}
                        >
                          <InputNumber min={1} style={{ width: '100%' }} />
                        </Form.Item>
                      ) : (
                        <Form.Item name="amount" label={t('金额', 'Amount')} rules={[moneyRule()]}>
                          <MoneyInput />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <Form.Item name="givenOn" label={t('发放日期', 'Paid on')} initialValue={dayjs()} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item
                    name="approvedBy"
                    label={t('审批人', 'Approved by')}
                    rules={[{ required: true, message: t('请选择', 'Required') }]}
                  >
                    <Select options={(sources.data?.approvers ?? []).map((a) => ({ value: a.id, label: a.displayName }))} />
                  </Form.Item>
                </>
              )}
              {dialog === 'end' && (
                <>
                  <Form.Item name="endedOn" label={t('退出日期', 'Ended on')} initialValue={dayjs()} rules={[{ required: true }]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name="reason" label={t('原因', 'Reason')} rules={[{ required: true, whitespace: true }]}>
                    <Input maxLength={200} placeholder={t('如：父母返乡、已满16周岁', 'e.g. parents returned')} />
                  </Form.Item>
                </>
              )}
            </Form>
          </Modal>
        </>
      )}
    </QueryState>
  );
}
