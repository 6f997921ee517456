/**
 * The raw twin of three of the app's lists — GET /api/cases, /api/people and /api/agency/referrals — for the
 * list benchmark: node:http and prepared statements (better-sqlite3, or pg named statements over a pool of 10),
 * no framework, no query builder, no schema library. It checks the session cookie the way the app does (session
 * and user, idle and absolute limits, the once-a-minute touch, the grants), runs the same statements as the app
 * in the same order (the same FROM, JOIN, WHERE and ORDER BY; only the columns the answer needs), and writes JSON
 * byte-identical to the app's — the benchmark compares the two answers before it measures anything.
 *
 * Only what the benchmark asks is implemented (cases: a unit filter, status, sort, page; people: page; the
 * inbox: status, page); anything else answers 400.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_SETTINGS, isPastDeadline, permissionsOf, shanghaiDate, type Permission, type Role } from '@jinguo/domain';

type Params = unknown[];
type Runner = {
  all: <T>(text: string, params: Params) => Promise<T[]>;
  run: (text: string, params: Params) => Promise<void>;
  close: () => Promise<void>;
};

function sqliteRunner(db: SqliteDatabase.Database): Runner {
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepare = (text: string) => {
    let s = statements.get(text);
    if (!s) {
      s = db.prepare(text);
      statements.set(text, s);
    }
    return s;
  };
  return {
    all: async <T>(text: string, params: Params) => prepare(text).all(...params) as T[],
    run: async (text, params) => void prepare(text).run(...params),
    close: async () => void db.close(),
  };
}

function pgRunner(url: string): Runner {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const names = new Map<string, { name: string; text: string }>();
  const named = (text: string) => {
    let n = names.get(text);
    if (!n) {
      let i = 0;
      // ? → $1, $2 … (no ? appears inside the literals of these statements)
      const pgText = text.replace(/\?/g, () => `$${++i}`);
      n = { name: `raw_${names.size}`, text: pgText };
      names.set(text, n);
    }
    return n;
  };
  return {
    all: async <T>(text: string, params: Params) => (await pool.query({ ...named(text), values: params })).rows as T[],
    run: async (text, params) => void (await pool.query({ ...named(text), values: params })),
    close: () => pool.end(),
  };
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const upper = (p: string) => `${p.slice(0, -1)}0`;

type Grant = { id: string; role: Role; orgUnitId: string; orgPath: string; orgName: string };
type Caller = { userId: string; grants: Grant[] };

/** The materialised paths in which the caller holds the permission, those under another dropped (collapsePaths). */
function scopeOf(caller: Caller, permission: Permission): string[] | null {
  const paths = [...new Set(caller.grants.filter((g) => permissionsOf(g.role).includes(permission)).map((g) => g.orgPath))].sort();
  if (paths.length === 0) return null;
  const out: string[] = [];
  for (const p of paths) if (!out.some((a) => p.startsWith(a))) out.push(p);
  return out;
}
/** `(col >= ? AND col < ?) OR …` for the scope's paths, with its parameters. */
function ranges(column: string, paths: string[]): [string, string[]] {
  return [paths.map(() => `(${column} >= ? AND ${column} < ?)`).join(' OR '), paths.flatMap((p) => [p, upper(p)])];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(String(status));
  }
}

export type RawServer = { url: string; close: () => Promise<void> };

/** Starts the raw server on a random port of 127.0.0.1 over the same database as the app. */
export async function startRawServer(target: { sqlite: SqliteDatabase.Database } | { pgUrl: string }): Promise<RawServer> {
  const sqlite = 'sqlite' in target;
  const db = sqlite ? sqliteRunner(target.sqlite) : pgRunner(target.pgUrl);
  const settings = { ...DEFAULT_SETTINGS };
  for (const r of await db.all<{ key: string; value: string }>('SELECT key, value FROM settings', []))
    (settings as Record<string, unknown>)[r.key] = JSON.parse(r.value);
  const counts = new Map<string, { version: string; n: number }>();

  async function authenticate(req: http.IncomingMessage): Promise<Caller> {
    const token = /(?:^|;\s*)jinguo_session=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
    if (!token || !/^[0-9a-f]{32}$/.test(token)) throw new HttpError(401, { statusCode: 401 });
    const id = createHash('sha256').update(token).digest('hex');
    const [s] = await db.all<{ userId: string; lastSeenAt: string; expiresAt: string; mustChangePassword: number; active: number }>(
      `SELECT s.user_id AS "userId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
              u.username, u.display_name AS "displayName", u.must_change_password AS "mustChangePassword", u.active
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
      [id],
    );
    if (!s) throw new HttpError(401, { statusCode: 401 });
    const now = Date.now();
    const lastSeen = new Date(s.lastSeenAt).getTime();
    if (now > lastSeen + settings.sessionIdleMinutes * 60_000 || new Date(now).toISOString() >= s.expiresAt) {
      await db.run('DELETE FROM sessions WHERE id = ?', [id]);
      throw new HttpError(401, { statusCode: 401 });
    }
    if (now - lastSeen > 60_000) await db.run('UPDATE sessions SET last_seen_at = ? WHERE id = ?', [new Date(now).toISOString(), id]);
    if (!s.active) throw new HttpError(401, { statusCode: 401 });
    const grants = await db.all<Grant>(
      `SELECT ra.id, ra.role, ra.org_unit_id AS "orgUnitId", ou.path AS "orgPath", ou.name AS "orgName"
       FROM role_assignments ra JOIN org_units ou ON ou.id = ra.org_unit_id WHERE ra.user_id = ? AND ou.active = ? ORDER BY ou.path`,
      [s.userId, 1],
    );
    if (s.mustChangePassword === 1) throw new HttpError(403, { statusCode: 403 });
    return { userId: s.userId, grants };
  }

  /**
   * The count, reused while the database is unchanged, as db/count-cache.ts does: on SQLite while total_changes()
   * and data_version stand still, on PostgreSQL while data_version's row does (read with the count, one snapshot).
   */
  async function count(text: string, params: Params): Promise<number> {
    const version = sqlite
      ? (
          await db.all<{ c: number; d: number }>('SELECT total_changes() AS c, (SELECT data_version FROM pragma_data_version) AS d', [])
        ).map((v) => `${v.c}:${v.d}`)[0]
      : String((await db.all<{ v: number }>('SELECT version AS v FROM data_version WHERE id = 1', []))[0].v);
    const key = `${text}\u0000${JSON.stringify(params)}`;
    const hit = counts.get(key);
    if (hit && hit.version === version) return hit.n;
    let entry: { version: string; n: number };
    if (sqlite) entry = { version, n: Number((await db.all<{ n: number }>(text, params))[0].n) };
    else {
      const [r] = await db.all<{ v: number; n: number }>(
        `SELECT (SELECT version FROM data_version WHERE id = 1) AS v, q.n FROM (${text}) q`,
        params,
      );
      entry = { version: String(r.v), n: Number(r.n) };
    }
    counts.set(key, entry);
    return entry.n;
  }

  function page(q: URLSearchParams): { page: number; pageSize: number; offset: number } {
    const p = Number(q.get('page') ?? 1);
    const pageSize = Number(q.get('pageSize') ?? 50);
    if (!Number.isInteger(p) || p < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new HttpError(400, {});
    return { page: p, pageSize, offset: (p - 1) * pageSize };
  }

  async function cases(caller: Caller, q: URLSearchParams): Promise<string> {
    const paths = scopeOf(caller, 'cases.read');
    if (!paths) throw new HttpError(403, {});
    const unit = q.get('orgUnitId');
    const status = q.get('status');
    const sort = q.get('sort') ?? 'received_desc';
    if (!unit || (sort !== 'received_desc' && sort !== 'received_asc')) throw new HttpError(400, { unsupported: true });
    const { page: p, pageSize, offset } = page(q);
    const [r, rp] = ranges('u.path', paths);
    const owners = (
      await db.all<{ id: string }>(
        `SELECT u.id FROM org_units u WHERE u.kind IN ('federation', 'township', 'street') AND (${r}) AND EXISTS (SELECT 1 FROM org_units f WHERE f.id = ? AND u.path >= f.path AND u.path < substr(f.path, 1, length(f.path) - 1) || '0') LIMIT 501`,
        [...rp, unit],
      )
    ).map((o) => o.id);
    if (owners.length > 500) throw new HttpError(400, { unsupported: true });
    const where = [
      owners.length === 0 ? '1 = 0' : owners.length === 1 ? 'c.owner_org_id = ?' : `c.owner_org_id IN (${placeholders(owners.length)})`,
    ];
    const params: unknown[] = owners.length ? [...owners] : [];
    if (status) {
      where.push('c.status = ?');
      params.push(status);
    }
    const w = where.join(' AND ');
    const dir = sort === 'received_asc' ? 'ASC' : 'DESC';
    const total = await count(`SELECT count(*) AS n FROM cases c WHERE ${w}`, params);
    const rows = await db.all<Record<string, string | null>>(
      `SELECT c.id, c.case_no AS "caseNo", c.channel, c.received_date AS "receivedDate", c.category, cc.label AS "categoryLabel", c.summary,
              c.status, c.risk_level AS "riskLevel", c.applicant_person_id AS "applicantId", p.name AS "applicantName",
              p.phone_masked AS "applicantPhoneMasked", c.owner_org_id AS "ownerOrgId", o.name AS "ownerName", u.display_name AS "assigneeName",
              c.next_due_date AS "nextDueDate"
       FROM (SELECT c.id, c.priority, c.received_date FROM cases c WHERE ${w}
             ORDER BY c.priority DESC, c.received_date ${dir}, c.id ${dir} LIMIT ? OFFSET ?) pg
       JOIN cases c ON c.id = pg.id
       JOIN persons p ON p.id = c.applicant_person_id
       JOIN org_units o ON o.id = c.owner_org_id
       LEFT JOIN users u ON u.id = c.assignee_user_id
       LEFT JOIN case_categories cc ON cc.code = c.category
       ORDER BY pg.priority DESC, pg.received_date ${dir}, pg.id ${dir}`,
      [...params, pageSize, offset],
    );
    const today = shanghaiDate(new Date());
    for (const row of rows) {
      (row as Record<string, unknown>).overdue = isPastDeadline(row.nextDueDate, today);
      row.categoryLabel ??= row.category;
    }
    return JSON.stringify({ items: rows, total, page: p, pageSize });
  }

  async function people(caller: Caller, q: URLSearchParams): Promise<string> {
    const paths = scopeOf(caller, 'people.read');
    if (!paths) throw new HttpError(403, {});
    if ([...q.keys()].some((k) => k !== 'page' && k !== 'pageSize')) throw new HttpError(400, { unsupported: true });
    const { page: p, pageSize, offset } = page(q);
    let broad = false;
    if (sqlite) {
      const [ur, urp] = ranges('u.path', paths);
      const inScope = await count(`SELECT count(*) AS n FROM org_units u WHERE (${ur})`, urp);
      const all = await count('SELECT count(*) AS n FROM org_units u', []);
      broad = inScope * 50 >= all;
    }
    const [r, rp] = ranges('ou.path', paths);
    const col = (c: string) => (broad ? `${c} || ''` : c);
    const where = `p.merged_into_id IS NULL AND (${col('p.owner_org_id')} IN (SELECT ou.id FROM org_units ou WHERE ${r}) OR ${col('p.residence_org_id')} IN (SELECT ou.id FROM org_units ou WHERE ${r}))`;
    const params = [...rp, ...rp];
    const total = await count(`SELECT count(*) AS n FROM persons p WHERE ${where}`, params);
    const rows = await db.all<{ tags: string | string[] }>(
      `SELECT p.id, p.name, p.gender, p.birth_date AS "birthDate", p.id_number_masked AS "idNumberMasked", p.phone_masked AS "phoneMasked",
              p.residence_org_id AS "residenceOrgId", r.name AS "residenceName", p.tags
       FROM persons p LEFT JOIN org_units r ON r.id = p.residence_org_id
       WHERE ${where} ORDER BY p.name, p.id LIMIT ? OFFSET ?`,
      [...params, pageSize, offset],
    );
    for (const row of rows) {
      try {
        const v = JSON.parse(row.tags as string);
        row.tags = Array.isArray(v) ? v.map(String) : [];
      } catch {
        row.tags = [];
      }
    }
    return JSON.stringify({ items: rows, total, page: p, pageSize });
  }

  async function inbox(caller: Caller, q: URLSearchParams): Promise<string> {
    const paths = scopeOf(caller, 'referrals.respond');
    if (!paths) throw new HttpError(403, {});
    const status = q.get('status');
    const statuses = status === 'open' ? ['sent', 'accepted'] : status === 'closed' ? ['declined', 'done', 'revoked'] : [];
    if (status && !statuses.length) throw new HttpError(400, {});
    const { page: p, pageSize, offset } = page(q);
    const [r, rp] = ranges('ou.path', paths);
    let where = `f.agency_org_id IN (SELECT ou.id FROM org_units ou WHERE ${r})`;
    const params: unknown[] = [...rp];
    if (statuses.length) {
      where += ` AND f.status IN (${placeholders(statuses.length)})`;
      params.push(...statuses);
    }
    const n = await count(`SELECT count(*) AS n FROM case_referrals f WHERE ${where}`, params);
    const rows = await db.all<Record<string, unknown>>(
      `SELECT f.id, c.case_no AS "caseNo", f.kind, o.name AS "fromOrgName", a.name AS "agencyName", f.service_requested AS "serviceRequested",
              f.note_for_agency AS "noteForAgency", f.sent_date AS "sentDate", f.due_date AS "dueDate", f.status,
              p.name AS "applicantName", p.gender AS "applicantGender", p.birth_date AS "applicantBirthDate", p.phone_masked AS "applicantPhone",
              f.consent_id AS "consentId", cc.label AS "categoryLabel", c.category, c.risk_level AS "riskLevel",
              f.answered_date AS "answeredDate", f.receipt_note AS "receiptNote", f.decline_reason AS "declineReason", f.outcome,
              f.done_date AS "doneDate", f.filed_date AS "filedDate", f.court_case_no AS "courtCaseNo", f.court_result AS "courtResult"
       FROM (SELECT f.id, CASE WHEN f.status IN ('sent', 'accepted') THEN 0 ELSE 1 END AS open_last, c.priority, f.sent_date
             FROM case_referrals f JOIN cases c ON c.id = f.case_id WHERE ${where}
             ORDER BY open_last, c.priority DESC, f.sent_date DESC, f.id DESC LIMIT ? OFFSET ?) pg
       JOIN case_referrals f ON f.id = pg.id
       JOIN cases c ON c.id = f.case_id
       JOIN persons p ON p.id = c.applicant_person_id
       JOIN org_units a ON a.id = f.agency_org_id
       JOIN org_units o ON o.id = f.owner_org_id
       LEFT JOIN case_categories cc ON cc.code = c.category
       ORDER BY pg.open_last, pg.priority DESC, pg.sent_date DESC, pg.id DESC`,
      [...params, pageSize, offset],
    );
    const today = shanghaiDate(new Date());
    const items = rows.map((x) => {
      const birth = x.applicantBirthDate as string | null;
      const years = birth ? Number(today.slice(0, 4)) - Number(birth.slice(0, 4)) : 0;
      return {
        id: x.id,
        caseNo: x.caseNo,
        kind: x.kind,
        fromOrgName: x.fromOrgName,
        agencyName: x.agencyName,
        serviceRequested: x.serviceRequested,
        noteForAgency: x.noteForAgency,
        sentDate: x.sentDate,
        dueDate: x.dueDate,
        status: x.status,
        overdue: (x.status === 'sent' || x.status === 'accepted') && isPastDeadline(x.dueDate as string, today),
        applicantName: x.applicantName,
        applicantGender: x.applicantGender === 'female' ? '女' : '男',
        applicantAge: birth ? (today.slice(5) < birth.slice(5) ? years - 1 : years) : null,
        // A list shows no contact details: the masked phone, as the app's inbox.
        applicantPhone: x.applicantPhone,
        consentRecorded: !!x.consentId,
        categoryLabel: x.categoryLabel ?? x.category,
        riskLevel: x.riskLevel,
        narrative: null,
        answeredDate: x.answeredDate,
        receiptNote: x.receiptNote,
        declineReason: x.declineReason,
        outcome: x.outcome,
        doneDate: x.doneDate,
        filedDate: x.filedDate,
        courtCaseNo: x.courtCaseNo,
        courtResult: x.courtResult,
        contactName: null,
      };
    });
    return JSON.stringify({ items, total: n, page: p, pageSize });
  }

  const routes: Record<string, (caller: Caller, q: URLSearchParams) => Promise<string>> = {
    '/api/cases': cases,
    '/api/people': people,
    '/api/agency/referrals': inbox,
  };
  const server = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url ?? '/', 'http://x');
      const route = routes[u.pathname];
      if (!route || req.method !== 'GET') throw new HttpError(404, {});
      const body = await route(await authenticate(req), u.searchParams);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    } catch (err) {
      const e = err instanceof HttpError ? err : new HttpError(500, { message: String(err) });
      res.writeHead(e.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(e.body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
