import { SafetyOutlined, SearchOutlined } from '@ant-design/icons';
import {
  App,
  Select,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { applyServerErrors, formatDateTime, PageHeader } from '../../../ui';
import type { AuditLogEntry, AuditProblem } from '@jinguo/domain';
import { useAuditLog, useVerifyAudit, type AuditFilters } from '../api';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, auditActionLabel, auditEntityLabel } from '../labels';

const ACTION_COLORS: Record<string, string> = {
  'login.failed': 'error',
  'account.locked': 'error',
  delete: 'error',
  'password.reset': 'warning',
  'role.assign': 'purple',
  'role.revoke': 'purple',
  reveal: 'orange',
  'read.sensitive': 'orange',
};

const PROBLEM_COLORS: Record<AuditProblem['kind'], string> = { content: 'error', link: 'warning', missing: 'magenta', head: 'purple' };

function problemLabel(t: (zh: string, en: string) => string, kind: AuditProblem['kind']): string {
  switch (kind) {
    case 'content':
      return t('内容被改动', 'edited');
    case 'link':
      return t('链接不符', 'broken link');
    case 'missing':
      return t('记录缺失', 'missing');
    case 'head':
      return t('链头不符', 'head mismatch');
  }
}

/** Pretty-prints an entry's JSON detail (before/after of an update, the reason of a failure …). */
function prettyDetail(detail: string | null): string {
  if (!detail) return '—';
  try {
    return JSON.stringify(JSON.parse(detail), null, 2);
  } catch {
    return detail;
  }
}

/** 审计日志: the auditor searches the append-only trail and checks its hash chain. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [form] = Form.useForm();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const log = useAuditLog(filters, page, pageSize);
  const verify = useVerifyAudit();
  const [open, setOpen] = useState<AuditLogEntry | null>(null);

  async function runVerify() {
    try {
      const r = await verify.mutateAsync();
      if (r.ok) {
        modal.success({
          title: t('审计链完整', 'The audit chain is intact'),
          content: t(`已逐条校验全部 ${r.entries} 条记录的哈希链，未发现改动或缺失。`, `All ${r.entries} entries verified.`),
          okText: t('好的', 'OK'),
        });
      } else {
        modal.error({
          title: t('审计链校验失败', 'The audit chain is broken'),
          width: 560,
          content: (
            <div data-testid="audit-broken">
              <p>
                {t(
                  `在 ${r.entries} 条记录中发现 ${r.problemCount} 处问题，列出的记录不可信。请立即报告安全管理员并保全数据库。`,
                  `${r.problemCount} problem(s) in ${r.entries} entries; the entries listed cannot be trusted.`,
                )}
              </p>
              <ul data-testid="audit-problems" style={{ maxHeight: 320, overflowY: 'auto', paddingInlineStart: 20 }}>
                {r.problems.map((p) => (
                  <li key={`${p.kind}-${p.seq}`}>
                    <Tag color={PROBLEM_COLORS[p.kind]}>{problemLabel(t, p.kind)}</Tag>
                    {p.reason}
                  </li>
                ))}
              </ul>
              {r.problemCount > r.problems.length && (
                <p>{t(`仅列出前 ${r.problems.length} 处。`, `Only the first ${r.problems.length} are listed.`)}</p>
              )}
            </div>
          ),
          okText: t('知道了', 'OK'),
        });
      }
    } catch (e) {
      message.error(applyServerErrors(null, e));
    }
  }

  const entityCell = (e: AuditLogEntry) => (
    <span>
      {auditEntityLabel(t, e.entityType)}
      {e.entityId && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
          {e.entityId.slice(-8)}
        </Typography.Text>
      )}
    </span>
  );
  const actionTag = (a: string) => (
    <Tag color={ACTION_COLORS[a] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {auditActionLabel(t, a)}
    </Tag>
  );

  const columns: ColumnsType<AuditLogEntry> = mobile
    ? [
        {
          key: 'entry',
          title: t('记录', 'Entry'),
          render: (_, e) => (
            <div>
              <Flex justify="space-between" gap={8}>
                <span>
                  {actionTag(e.action)} {entityCell(e)}
                </span>
                <Typography.Text type="secondary">#{e.seq}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)} · {e.actorName ?? '—'} · {e.ip ?? '—'}
              </Typography.Text>
            </div>
          ),
        },
      ]
    : [
        { key: 'seq', title: t('序号', 'No.'), dataIndex: 'seq', width: 80, align: 'right' },
        { key: 'at', title: t('时间', 'Time'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
        {
          key: 'actor',
          title: t('用户', 'User'),
          dataIndex: 'actorName',
          width: 120,
          ellipsis: true,
          render: (v: string | null) => v ?? '—',
        },
        { key: 'ip', title: t('来源地址', 'From'), dataIndex: 'ip', width: 130, ellipsis: true, render: (v: string | null) => v ?? '—' },
        { key: 'action', title: t('操作', 'Action'), dataIndex: 'action', width: 130, render: (v: string) => actionTag(v) },
        { key: 'entity', title: t('对象', 'Record'), render: (_, e) => entityCell(e) },
        {
          key: 'detail',
          title: t('详情', 'Detail'),
          width: 90,
          render: (_, e) => (
            <Button size="small" type="link" onClick={() => setOpen(e)}>
              {t('查看', 'View')}
            </Button>
          ),
        },
      ];

  const options = (labels: Record<string, [string, string]>) =>
    Object.entries(labels).map(([value, [zh, en]]) => ({ value, label: lang === 'en' ? `${en} (${value})` : zh }));

  return (
    <div>
      <PageHeader
        title={t('审计日志', 'Audit trail')}
        subtitle={t(
          '只可追加、逐条哈希链接的操作记录：谁、何时、从哪里、做了什么',
          'Append-only, hash-chained: who, when, from where, what',
        )}
        extra={
          <Button type="primary" icon={<SafetyOutlined />} loading={verify.isPending} onClick={runVerify}>
            {t('校验审计链', 'Verify the chain')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: mobile ? 8 : 16 } }}>
        <Form
          form={form}
          onFinish={(v: { actor?: string; action?: string; entityType?: string; range?: [Dayjs | null, Dayjs | null] | null }) => {
            setFilters({
              actor: v.actor?.trim() || undefined,
              action: v.action?.trim() || undefined,
              entityType: v.entityType?.trim() || undefined,
              from: v.range?.[0]?.format('YYYY-MM-DD'),
              to: v.range?.[1]?.format('YYYY-MM-DD'),
            });
            setPage(1);
          }}
        >
          <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={5} xl={4}>
              <Form.Item name="actor" noStyle>
                <Input allowClear placeholder={t('用户名', 'Username')} aria-label={t('用户', 'User')} />
              </Form.Item>
            </Col>
            <Col xs={12} md={5} xl={4}>
              <Form.Item name="action" noStyle>
                <Select
                  allowClear
                  options={options(AUDIT_ACTIONS)}
                  placeholder={t('操作（全部）', 'Action (all)')}
                  aria-label={t('操作', 'Action')}
                  style={{ width: '100%' }}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={5} xl={4}>
              <Form.Item name="entityType" noStyle>
                <Select
                  allowClear
                  options={options(AUDIT_ENTITY_TYPES)}
                  placeholder={t('对象类型（全部）', 'Record type (all)')}
                  aria-label={t('对象类型', 'Record type')}
                  style={{ width: '100%' }}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={9} xl={6} style={mobile ? { order: 1 } : undefined}>
              <Form.Item name="range" noStyle>
                <DatePicker.RangePicker
                  allowEmpty={[true, true]}
                  style={{ width: '100%' }}
                  aria-label={t('日期', 'Dates')}
                  placeholder={[t('开始日期', 'From'), t('结束日期', 'To')]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={24} xl={6} style={mobile ? { order: 2 } : undefined}>
              <Flex gap={8}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('查询', 'Search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setFilters({});
                    setPage(1);
                  }}
                >
                  {t('重置', 'Reset')}
                </Button>
              </Flex>
            </Col>
          </Row>
        </Form>
        <Table<AuditLogEntry>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={log.data?.items ?? []}
          loading={log.isFetching}
          onRow={mobile ? (e) => ({ onClick: () => setOpen(e), style: { cursor: 'pointer' } }) : undefined}
          scroll={mobile ? undefined : { x: 900 }}
          locale={{ emptyText: log.error ? applyServerErrors(null, log.error) : t('没有符合条件的记录', 'No matching entries') }}
          pagination={{
            current: page,
            pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: !mobile,
            pageSizeOptions: [20, 50, 100, 200],
            size: mobile ? 'small' : undefined,
            showTotal: mobile ? undefined : (n) => t(`共 ${n} 条`, `${n} entries`),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      </Card>
      <Modal
        open={!!open}
        title={open ? t(`审计记录 #${open.seq}`, `Entry #${open.seq}`) : ''}
        onCancel={() => setOpen(null)}
        footer={<Button onClick={() => setOpen(null)}>{t('关闭', 'Close')}</Button>}
        width={720}
      >
        {open && (
          <>
            <Descriptions
              size="small"
              column={1}
              bordered
              styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}
              items={[
                { key: 'at', label: t('时间', 'Time'), children: `${formatDateTime(open.at)}（${open.at}）` },
                { key: 'actor', label: t('用户', 'User'), children: open.actorName ?? '—' },
                { key: 'ip', label: t('来源地址', 'From'), children: open.ip ?? '—' },
                {
                  key: 'action',
                  label: t('操作', 'Action'),
                  children: (
                    <>
                      {/* The stored key, for whoever reads the raw log: in English mode only. */}
                      {actionTag(open.action)} {lang === 'en' && <Typography.Text type="secondary">{open.action}</Typography.Text>}
                    </>
                  ),
                },
                {
                  key: 'entity',
                  label: t('对象', 'Record'),
                  children: (
                    <>
                      {auditEntityLabel(t, open.entityType)}{' '}
                      <Typography.Text copyable type="secondary">
                        {open.entityId ?? ''}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  key: 'hash',
                  label: t('哈希', 'Hash'),
                  children: (
                    <Typography.Text code style={{ fontSize: 11, wordBreak: 'break-all' }}>
                      {open.hash}
                    </Typography.Text>
                  ),
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('详细内容', 'Detail')}
            </Typography.Title>
            <pre
              data-testid="audit-detail"
              style={{
                background: '#fafafa',
                border: '1px solid #f0f0f0',
                borderRadius: 6,
                padding: 12,
                maxHeight: 320,
                overflow: 'auto',
                fontSize: 12,
                margin: 0,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-all',
              }}
            >
              {prettyDetail(open.detail)}
            </pre>
          </>
        )}
      </Modal>
    </div>
  );
}
