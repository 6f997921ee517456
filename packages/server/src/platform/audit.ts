import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { orgInScope, pathInScopeSql } from '../db/scope.js';
import type { Scope } from './actor.js';
import type { Clock } from './clock.js';

export type AuditContext = { actorId: string | null; actorName: string | null; ip: string | null };
export type AuditEntry = {
  /** e.g. "create", "update", "delete", "login", "login.failed", "read.sensitive", "reveal" */
  action: string;
  entityType: string;
  entityId?: string | null;
  orgUnitId?: string | null;
  detail?: Record<string, unknown> | null;
};

/** Keys whose values never reach the audit trail or logs; their presence is recorded, the value is not. */
const SECRET_KEYS = /(password|token|secret|csrf|hash|idnumber|phone|address|narrative|bankcard|bankaccount|diagnosis|enc)$/i;
export const REDACTED = '[已隐去]';

export function redact(value: unknown, extra: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(value)) return value.map((v) => redact(v, extra));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) || extra.has(k) ? (v == null ? v : REDACTED) : redact(v, extra);
    return out;
  }
  return value;
}

/** The fields that changed between two versions of a record, as { field: [before, after] }, redacted. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = SECRET_KEYS.test(key) ? [REDACTED, REDACTED] : [before[key], after[key]];
    }
  }
  return changes;
}

function entryHash(
  prevHash: string,
  row: {
    seq: number;
    at: string;
    actorId: string | null;
    actorName: string | null;
    ip: string | null;
    action: string;
    entityType: string;
    entityId: string | null;
    orgUnitId: string | null;
    detail: string | null;
  },
): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actorId,
    row.actorName,
    row.ip,
    row.action,
    row.entityType,
    row.entityId,
    row.orgUnitId,
    row.detail,
  ]);
  return createHash('sha256').update(prevHash).update('|').update(canonical).digest('hex');
}

/**
 * Appends one entry to the hash-chained audit trail, inside the caller's transaction so the entry
 * exists exactly when the change does. The head row's UPDATE serialises concurrent appends.
 */
export async function appendAudit(trx: Executor, clock: Clock, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const head = await trx
    .updateTable('auditHead')
    .set((eb) => ({ lastSeq: eb('lastSeq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['lastSeq', 'lastHash'])
    .executeTakeFirstOrThrow();
  const row = {
    seq: Number(head.lastSeq),
    at: clock.now().toISOString(),
    actorId: ctx.actorId,
    actorName: ctx.actorName,
    ip: ctx.ip,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    orgUnitId: entry.orgUnitId ?? null,
    detail: entry.detail ? JSON.stringify(redact(entry.detail)) : null,
  };
  const hash = entryHash(head.lastHash, row);
  await trx
    .insertInto('auditLog')
    .values({ ...row, prevHash: head.lastHash, hash })
    .execute();
  await trx.updateTable('auditHead').set({ lastHash: hash }).where('id', '=', 1).execute();
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenSeq: number; reason: string };

/** Re-walks the chain; names the first entry whose hash or link does not hold. */
export async function verifyAuditChain(db: Executor): Promise<AuditVerification> {
  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        return { ok: false, entries: expectedSeq - 1, firstBrokenSeq: expectedSeq, reason: `第${expectedSeq}条记录缺失` };
      if (r.prevHash !== prevHash) return { ok: false, entries: seq - 1, firstBrokenSeq: seq, reason: `第${seq}条记录与上一条的链接不符` };
      if (entryHash(prevHash, { ...r, seq }) !== r.hash)
        return { ok: false, entries: seq - 1, firstBrokenSeq: seq, reason: `第${seq}条记录内容被改动` };
      prevHash = r.hash;
      expectedSeq++;
      after = seq;
    }
  }
  const head = await db.selectFrom('auditHead').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  if (Number(head.lastSeq) !== expectedSeq - 1 || head.lastHash !== prevHash) {
    return { ok: false, entries: expectedSeq - 1, firstBrokenSeq: expectedSeq, reason: '审计日志末尾的记录被删除' };
  }
  return { ok: true, entries: expectedSeq - 1 };
}

export type AuditQuery = {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * A filter bound as a UTC instant: a business date "YYYY-MM-DD" is a whole day in Asia/Shanghai (from its
 * start, to the start of the next day, so `to` includes that day); an ISO instant is taken as given.
 */
export function auditInstant(value: string, bound: 'start' | 'end'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return new Date(value).toISOString();
  const startUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (bound === 'end' ? 1 : 0)) - SHANGHAI_OFFSET_MS;
  return new Date(startUtc).toISOString();
}

/**
 * The auditor's search, newest first, bounded by the auditor's scope in the query: entries about a unit in
 * the scope, and entries about no unit (logins, settings, accounts) made by someone who holds a role in the
 * scope. Entries of no unit and no such person (system jobs, unknown usernames at the login form, accounts
 * without a role) are for an auditor whose scope covers a whole tree (a root unit) — never those of people
 * who hold roles only under another root.
 */
export async function searchAudit(db: Executor, q: AuditQuery, scope: Scope) {
  const coversRoot =
    (await db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).where(pathInScopeSql('path', scope)).limit(1).execute())
      .length > 0;
  let query = db.selectFrom('auditLog').where((eb) =>
    eb.or([
      orgInScope(eb, 'audit_log.org_unit_id', scope),
      eb.and([
        eb('auditLog.orgUnitId', 'is', null),
        eb.or([
          eb(
            'auditLog.actorId',
            'in',
            eb
              .selectFrom('roleAssignments as ra')
              .select('ra.userId')
              .where((e) => orgInScope(e, 'ra.org_unit_id', scope)),
          ),
          // No person, or one with no role anywhere: for a top unit's auditor. Someone holding a role under another
          // top unit (another district on the same install) is that district's auditor's to see.
          ...(coversRoot
            ? [
                eb('auditLog.actorId', 'is', null),
                eb.not(eb('auditLog.actorId', 'in', eb.selectFrom('roleAssignments as rb').select('rb.userId'))),
              ]
            : []),
        ]),
      ]),
    ]),
  );
  if (q.actor) query = query.where('actorName', '=', q.actor);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.entityType) query = query.where('entityType', '=', q.entityType);
  if (q.entityId) query = query.where('entityId', '=', q.entityId);
  if (q.from) query = query.where('at', '>=', auditInstant(q.from, 'start'));
  if (q.to) query = query.where('at', '<', auditInstant(q.to, 'end'));
  const [{ total }] = await query.select(sql<number>`count(*)`.as('total')).execute();
  const items = await query
    .select(['seq', 'at', 'actorId', 'actorName', 'ip', 'action', 'entityType', 'entityId', 'orgUnitId', 'detail', 'hash'])
    .orderBy('seq', 'desc')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: items.map((r) => ({ ...r, seq: Number(r.seq) })), total: Number(total), page: q.page, pageSize: q.pageSize };
}
