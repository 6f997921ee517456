import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { orgInScope, pathInScopeSql } from '../db/scope.js';
import type { Scope } from './actor.js';
import type { Clock } from './clock.js';
import { toStorableText } from './input.js';
import type { AuditProblem, AuditVerification } from '@jinguo/domain';

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
    // Bookkeeping that moves with every write (the If-Match version included) is not a change of its own.
    if (key === 'updatedAt' || key === 'version') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changes[key] = SECRET_KEYS.test(key) ? [REDACTED, REDACTED] : [before[key], after[key]];
    }
  }
  return changes;
}

/** The columns of an audit row that its hash covers, in their order. */
type HashedRow = {
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
};

/**
 * The canonical form of an entry as stored: a JSON array of its columns in a fixed order (the form every entry since
 * the first has been hashed in). The verifier re-reads the row and hashes this again, so it must be built from what the
 * database holds — appendAudit checks that the row it wrote reads back identical before the entry can commit.
 */
function canonicalEntry(row: HashedRow): string {
  return JSON.stringify([
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
}

function entryHash(prevHash: string, row: HashedRow): string {
  return createHash('sha256').update(prevHash).update('|').update(canonicalEntry(row)).digest('hex');
}

/** A text column as the databases will store it: the input guard refuses such text at the edge; this is the backstop. */
function storable(s: string | null): string | null {
  return s === null ? null : toStorableText(s);
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
  // JSON.stringify writes U+0000 and lone surrogates as \u escapes, so the detail text is always storable as is.
  const row: HashedRow = {
    seq: Number(head.lastSeq),
    at: clock.now().toISOString(),
    actorId: storable(ctx.actorId),
    actorName: storable(ctx.actorName),
    ip: storable(ctx.ip),
    action: toStorableText(entry.action),
    entityType: toStorableText(entry.entityType),
    entityId: storable(entry.entityId ?? null),
    orgUnitId: storable(entry.orgUnitId ?? null),
    detail: entry.detail ? JSON.stringify(redact(entry.detail)) : null,
  };
  const hash = entryHash(head.lastHash, row);
  const stored = await trx
    .insertInto('auditLog')
    .values({ ...row, prevHash: head.lastHash, hash })
    .returning(['seq', 'at', 'actorId', 'actorName', 'ip', 'action', 'entityType', 'entityId', 'orgUnitId', 'detail'])
    .executeTakeFirstOrThrow();
  // What the verifier will read must be what was hashed: an entry that would never verify is not written at all
  // (the transaction, and with it the change being audited, rolls back).
  if (canonicalEntry({ ...stored, seq: Number(stored.seq) }) !== canonicalEntry(row))
    throw new Error(`audit entry ${row.seq} would not read back as written`);
  await trx.updateTable('auditHead').set({ lastHash: hash }).where('id', '=', 1).execute();
}

// A problem is one thing wrong with the trail: from seq to toSeq (a run of missing entries), or one entry. A
// verification lists every problem in sequence order (the first MAX_REPORTED_AUDIT_PROBLEMS), the exact count, and the
// first problem's entry and reason (for callers that show one line). Both shapes live in @jinguo/domain (the route
// sends them, the web page reads them).
export type { AuditProblem, AuditVerification } from '@jinguo/domain';
/** Problems listed in a verification; the count is always exact. */
export const MAX_REPORTED_AUDIT_PROBLEMS = 1000;

/**
 * Re-walks the whole chain and reports every problem, not only the first: a trail poisoned at one entry must not hide
 * a forgery further on. Each entry is checked on its own — its content against its own hash, its link against the
 * entry before it — so one changed entry is one problem; a run of missing sequence numbers is one problem; the head
 * row (last sequence number and hash) is checked against the last entry, which finds a deleted or appended tail.
 */
export async function verifyAuditChain(db: Executor): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  let problemCount = 0;
  const report = (p: AuditProblem) => {
    problemCount++;
    if (problems.length < MAX_REPORTED_AUDIT_PROBLEMS) problems.push(p);
  };
  const missing = (from: number, to: number, atEnd: boolean) =>
    report({
      kind: atEnd ? 'head' : 'missing',
      seq: from,
      ...(to > from ? { toSeq: to } : {}),
      reason: atEnd ? '审计日志末尾的记录被删除' : to > from ? `第${from}–${to}条记录缺失（共${to - from + 1}条）` : `第${from}条记录缺失`,
    });

  let prevHash = '0'.repeat(64);
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(2000).execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      entries++;
      const afterGap = seq !== expectedSeq;
      // The entry after a gap links to the missing one: the gap is the problem, not the link.
      if (afterGap) missing(expectedSeq, seq - 1, false);
      else if (r.prevHash !== prevHash)
        report({ kind: 'link', seq, reason: `第${seq}条记录与第${seq - 1}条的链接不符（其中一条被改写或替换）` });
      if (entryHash(r.prevHash, { ...r, seq }) !== r.hash) report({ kind: 'content', seq, reason: `第${seq}条记录内容被改动` });
      prevHash = r.hash;
      expectedSeq = seq + 1;
    }
  }
  const head = await db.selectFrom('auditHead').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const lastSeq = Number(head.lastSeq);
  const seenTo = expectedSeq - 1;
  if (lastSeq > seenTo) missing(seenTo + 1, lastSeq, true);
  else if (lastSeq < seenTo)
    report({
      kind: 'head',
      seq: lastSeq + 1,
      ...(seenTo > lastSeq + 1 ? { toSeq: seenTo } : {}),
      reason: `第${lastSeq + 1}条起的记录不在链头之内（链头记到第${lastSeq}条）`,
    });
  else if (head.lastHash !== prevHash) report({ kind: 'head', seq: lastSeq, reason: `链头的哈希与第${lastSeq}条记录不符` });

  if (problemCount === 0) return { ok: true, entries, problems, problemCount };
  return { ok: false, entries, problems, problemCount, firstBrokenSeq: problems[0].seq, reason: problems[0].reason };
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
