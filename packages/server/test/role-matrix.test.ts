import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf, ROLES, type Permission, type Role } from '@jinguo/domain';
import { INSTALL_ADMINS } from '../src/db/bootstrap.js';
import { DEMO_USERS } from '../src/modules/org/org.demo.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { makeIdNumber } from './relief-funds-fixtures.js';
import { CLONED_TABLES, cloneNeighbourDistrict, listTables, NEIGHBOUR_MARK, NOT_CLONED } from './role-matrix.fixture.js';
import { KINDS, type Kind, type KindSpec, type Row } from './role-matrix.kinds.js';
import { MATRIX, type Ctx, type Entry, type Fixture, type Want } from './role-matrix.table.js';

/**
 * Every route of the OpenAPI document × one demo account per role × (no session, a record inside the role's
 * scope, a record outside it), against the expectations in role-matrix.table.ts, on one shared demo database
 * per dialect (the demo district and a neighbouring district cloned from it). Besides the status, no answer to a
 * demo account may name anything of the neighbour district or the record outside the caller's scope.
 */
type Caller = {
  role: Role;
  username: string;
  userId: string;
  unitId: string;
  path: string;
  session: TestSession;
  permissions: ReadonlySet<Permission>;
};

// The business roles' demo accounts and the three administrators every install creates (三员分立).
const ACCOUNTS = [...DEMO_USERS, ...INSTALL_ADMINS];
const ACCOUNT_OF_ROLE = Object.fromEntries(ROLES.map((r) => [r, ACCOUNTS.find((u) => u.role === r)?.username])) as Record<
  Role,
  string | undefined
>;

function statusOf(w: Want): readonly number[] {
  if (typeof w === 'number') return [w];
  if (Array.isArray(w)) return w as readonly number[];
  const s = (w as { status: number | readonly number[] }).status;
  return typeof s === 'number' ? [s] : s;
}

/** Why the answer does not match, or null. */
function mismatch(res: LightMyRequestResponse, want: Want): string | null {
  if (!statusOf(want).includes(res.statusCode))
    return `status ${res.statusCode}, want ${statusOf(want).join('|')}: ${res.body.slice(0, 200)}`;
  if (typeof want === 'object' && !Array.isArray(want)) {
    const w = want as { field?: string; message?: RegExp };
    const body = res.json() as { fields?: { path: string }[]; message?: string };
    if (w.field && !body.fields?.some((f) => f.path === w.field))
      return `fields ${JSON.stringify(body.fields)}, want ${w.field}: ${body.message}`;
    if (w.message && !w.message.test(body.message ?? '')) return `message ${body.message}, want ${w.message}`;
  }
  return null;
}

function isText(res: LightMyRequestResponse) {
  return /json|text|html/.test(String(res.headers['content-type'] ?? ''));
}

describe.each(TEST_DATABASES)('role × route matrix on %s', (kind) => {
  let t: TestApp;
  let fixture: Fixture;
  let demoRootPath: string;
  const rows = new Map<Kind, Row[]>();
  const callers: Caller[] = [];
  let routes: string[] = [];

  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'full' });
    const db = t.handle.db;
    // Records the demo lacks, made the ordinary way before the neighbour is cloned (it gets copies).
    const chair = await t.login('chair');
    const tpl = await chair.inject({ method: 'POST', url: '/api/reports/templates', payload: { name: '矩阵模板' } });
    if (tpl.statusCode !== 201) throw new Error(`template: ${tpl.body}`);
    const sum = await chair.inject({ method: 'POST', url: '/api/reports/summaries/generate', payload: { year: 2026 } });
    if (sum.statusCode !== 200 && sum.statusCode !== 201) throw new Error(`summary: ${sum.body}`);
    // An ended pairing, a reversed 春蕾 payment and a withdrawn nomination of 牛佛镇: every step on them is refused.
    const programme = await t.login('programme');
    const pairing = await db.selectFrom('sponsorshipPairings').select('id').orderBy('id').executeTakeFirstOrThrow();
    const ended = await programme.inject({
      method: 'POST',
      url: `/api/sponsorship/pairings/${pairing.id}/end`,
      payload: { reason: '矩阵' },
    });
    if (ended.statusCode !== 200) throw new Error(`end pairing: ${ended.body}`);
    const finance = await t.login('finance');
    const payment = await db.selectFrom('sponsorshipPayments').select('id').orderBy('id').executeTakeFirstOrThrow();
    const reversed = await finance.inject({
      method: 'POST',
      url: `/api/sponsorship/payments/${payment.id}/reverse`,
      payload: { reason: '矩阵' },
    });
    if (reversed.statusCode !== 200) throw new Error(`reverse payment: ${reversed.body}`);
    const campaign = await db
      .selectFrom('honourCampaigns')
      .select('id')
      .where('code', '=', 'WOMEN_CIVILIZED_POST')
      .executeTakeFirstOrThrow();
    const niufo = await t.login('niufo');
    const niufoUnit = (await db.selectFrom('orgUnits').select('id').where('name', '=', '牛佛镇').executeTakeFirstOrThrow()).id;
    const nominated = await niufo.inject({
      method: 'POST',
      url: '/api/honours/nominations',
      payload: {
        campaignId: campaign.id,
        level: 'district',
        year: 2026,
        ownerOrgId: niufoUnit,
        holderName: '矩阵候选集体',
        memberCount: 20,
        womenCount: 15,
        leaderFemale: true,
        nominatedOn: '2026-11-01',
      },
    });
    if (nominated.statusCode !== 201) throw new Error(`nominate: ${nominated.body}`);
    const withdrawn = await niufo.inject({ method: 'POST', url: `/api/honours/nominations/${nominated.json().id}/withdraw` });
    if (withdrawn.statusCode !== 200) throw new Error(`withdraw: ${withdrawn.body}`);
    // 牛佛镇's and a department's own training course, session and trainee; a 牛佛镇 publicity item, a revoked
    // award and a summary: records of kinds the demo keeps at the district only.
    const liaison = await t.login('liaison');
    const health = (await db.selectFrom('orgUnits').select('id').where('name', '=', '区卫生健康局').executeTakeFirstOrThrow()).id;
    for (const [s, unit] of [
      [niufo, niufoUnit],
      [liaison, health],
    ] as const) {
      const course = await s.inject({
        method: 'POST',
        url: '/api/activities/courses',
        payload: { title: '矩阵培训班', category: 'skills', ownerOrgId: unit, startDate: '2026-10-01' },
      });
      if (course.statusCode !== 201) throw new Error(`course: ${course.body}`);
      const session = await s.inject({
        method: 'POST',
        url: `/api/activities/courses/${course.json().id}/sessions`,
        payload: { topic: '矩阵', sessionDate: '2026-10-02', hours: 2 },
      });
      if (session.statusCode !== 201) throw new Error(`session: ${session.body}`);
      const sessionId = (
        await db.selectFrom('trainingSessions').select('id').where('courseId', '=', course.json().id).executeTakeFirstOrThrow()
      ).id;
      const trainee = await s.inject({
        method: 'POST',
        url: `/api/activities/sessions/${sessionId}/trainees`,
        payload: { name: '矩阵学员', gender: 'female' },
      });
      if (trainee.statusCode !== 201) throw new Error(`trainee: ${trainee.body}`);
      const publicity = await s.inject({
        method: 'POST',
        url: '/api/activities/publicity',
        payload: { outlet: '矩阵', medium: 'website', level: 'district', title: '矩阵', publishedOn: '2026-10-03', ownerOrgId: unit },
      });
      if (publicity.statusCode !== 201) throw new Error(`publicity: ${publicity.body}`);
    }
    const award = await niufo.inject({
      method: 'POST',
      url: '/api/honours/awards',
      payload: {
        campaignId: campaign.id,
        level: 'district',
        year: 2026,
        awardedOn: '2026-10-01',
        holderName: '矩阵集体',
        ownerOrgId: niufoUnit,
      },
    });
    if (award.statusCode !== 201) throw new Error(`award: ${award.body}`);
    const revoked = await niufo.inject({
      method: 'POST',
      url: `/api/honours/awards/${award.json().id}/revoke`,
      payload: { revokedOn: '2026-11-01', reason: '矩阵' },
    });
    if (revoked.statusCode !== 200) throw new Error(`revoke: ${revoked.body}`);
    const townSummary = await chair.inject({
      method: 'POST',
      url: '/api/reports/summaries/generate',
      payload: { year: 2026, org: niufoUnit },
    });
    if (townSummary.statusCode !== 200 && townSummary.statusCode !== 201) throw new Error(`town summary: ${townSummary.body}`);
    // Two case extensions, decided: one of the district's (the chair approves) and one of 牛佛镇's (its chair returns
    // it, the rights officer withdraws it), so that no step is open on them for any account.
    const requester = await t.login('rights');
    const districtUnit = (await db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    for (const [unit, decider, decision] of [
      [districtUnit, chair, 'approve'],
      [niufoUnit, niufo, 'return'],
    ] as const) {
      const village = (await db.selectFrom('orgUnits').select('id').where('name', '=', '大山村').executeTakeFirstOrThrow()).id;
      const made = await requester.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          channel: 'phone',
          receivedDate: '2026-11-20',
          category: 'other',
          summary: '矩阵延期',
          ownerOrgId: unit,
          applicant: { name: '矩阵申请人', gender: 'female', residenceOrgId: village },
        },
      });
      if (made.statusCode !== 201) throw new Error(`case: ${made.body}`);
      const openCase = { id: made.json().id as string };
      const accepted = await requester.inject({ method: 'POST', url: `/api/cases/${openCase.id}/accept`, payload: { date: '2026-11-20' } });
      if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.body}`);
      const ext = await requester.inject({
        method: 'POST',
        url: `/api/cases/${openCase.id}/extend`,
        payload: { days: 10, reason: '矩阵' },
      });
      if (ext.statusCode !== 200) throw new Error(`extend: ${ext.body}`);
      const req = await db.selectFrom('approvalRequests').select('id').where('subjectId', '=', openCase.id).executeTakeFirstOrThrow();
      const decided = await decider.inject({
        method: 'POST',
        url: `/api/approvals/${req.id}/decide`,
        payload: { decision, step: 1, comment: '矩阵' },
      });
      if (decided.statusCode !== 200) throw new Error(`decide: ${decided.body}`);
      if (decision === 'return') {
        const w = await requester.inject({ method: 'POST', url: `/api/approvals/${req.id}/withdraw` });
        if (w.statusCode !== 200) throw new Error(`withdraw: ${w.body}`);
      }
    }
    // 任务下发 and 通知公告: a task and a notice from the district to its townships and streets (the neighbour gets copies).
    const districtId = (await db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    const towns = { mode: 'kinds', kinds: ['township', 'street'] };
    const task = await chair.inject({
      method: 'POST',
      url: '/api/tasks',
      payload: {
        ownerOrgId: districtId,
        title: '矩阵任务',
        deadline: '2026-12-31',
        targets: towns,
        fields: [{ key: 'women', label: '人数', type: 'persons' }],
      },
    });
    if (task.statusCode !== 201) throw new Error(`task: ${task.body}`);
    const notice = await chair.inject({
      method: 'POST',
      url: '/api/notices',
      payload: { ownerOrgId: districtId, title: '矩阵通知', body: '矩阵', targets: towns },
    });
    if (notice.statusCode !== 201) throw new Error(`notice: ${notice.body}`);
    await cloneNeighbourDistrict(t);
    // A printed letter's live link, for a referral the police may still answer.
    const rights = await t.login('rights');
    const dongxing = (await db.selectFrom('orgUnits').select('id').where('name', '=', '东兴社区').executeTakeFirstOrThrow()).id;
    const police = (await db.selectFrom('orgUnits').select('id').where('name', '=', '东城派出所').executeTakeFirstOrThrow()).id;
    const created = await rights.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'visit',
        receivedDate: '2026-11-27',
        category: 'marriage_family',
        summary: '矩阵转介',
        applicant: { name: '矩阵当事人', gender: 'female', residenceOrgId: dongxing },
      },
    });
    const caseId = created.json().id;
    await rights.inject({ method: 'POST', url: `/api/cases/${caseId}/accept`, payload: { date: '2026-11-28' } });
    const consentId = (
      await rights.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/consents`,
        payload: { agencyOrgId: police, purpose: '矩阵', givenBy: '本人', givenDate: '2026-11-28', method: 'written' },
      })
    ).json().id;
    const referral = await rights.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/referrals`,
      payload: { agencyOrgId: police, serviceRequested: '矩阵', dueDate: '2026-12-20', consentId },
    });
    const letter = await rights.inject({ method: 'POST', url: `/api/referrals/${referral.json().id}/letter` });
    const holiday = await db.selectFrom('holidays').selectAll().orderBy('date').executeTakeFirstOrThrow();
    fixture = {
      linkToken: new URL(letter.json().url).pathname.split('/').pop()!,
      holidayDate: holiday.date,
      holidayName: holiday.name,
      holidayKind: holiday.kind,
      maleIdNumber: makeIdNumber('1980-05-12', 13),
      girlIdNumber: makeIdNumber('2010-05-12', 24),
      unitCampaignId: campaign.id,
    };
    demoRootPath = (await db.selectFrom('orgUnits').select('path').where('code', '=', '510399').executeTakeFirstOrThrow()).path;
    for (const k of Object.keys(KINDS) as Kind[]) rows.set(k, await (KINDS[k] as KindSpec).rows(t));
    for (const role of ROLES) {
      const username = ACCOUNT_OF_ROLE[role];
      if (!username) throw new Error(`no demo account for ${role}`);
      const u = await db
        .selectFrom('users as u')
        .innerJoin('roleAssignments as ra', 'ra.userId', 'u.id')
        .innerJoin('orgUnits as o', 'o.id', 'ra.orgUnitId')
        .select(['u.id', 'o.id as unitId', 'o.path'])
        .where('u.username', '=', username)
        .executeTakeFirstOrThrow();
      callers.push({
        role,
        username,
        userId: u.id,
        unitId: u.unitId,
        path: u.path,
        session: await t.login(username),
        permissions: new Set(permissionsOf(role)),
      });
    }
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
  }, 600_000);
  afterAll(() => t?.close());

  it('has one entry per route of the OpenAPI document, and none for a route that is gone', () => {
    expect(
      routes.filter((r) => !MATRIX[r]),
      'routes without an entry in role-matrix.table.ts',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((r) => !routes.includes(r)),
      'entries for routes that no longer exist',
    ).toEqual([]);
  });

  it('clones every table that holds records of a unit (a new table must be listed in role-matrix.fixture.ts)', async () => {
    const tables = await listTables(t);
    expect(tables.filter((tb) => !CLONED_TABLES.includes(tb) && !NOT_CLONED.includes(tb))).toEqual([]);
  });

  it('answers every route × role × (no session, inside, outside) as the table says, and leaks nothing', async () => {
    const failures: string[] = [];
    const skipped: string[] = [];
    let checked = 0;

    const visibleFn = (k: Kind) =>
      (KINDS[k] as KindSpec).visible ?? ((r: Row, rolePath: string) => r.paths.some((p) => p.startsWith(rolePath)));
    function pick(k: Kind, c: { userId: string; unitId: string; path: string }, variant: 'inside' | 'outside'): Row | undefined {
      const spec = KINDS[k] as KindSpec;
      const vis = visibleFn(k);
      const all = rows.get(k)!;
      if (variant === 'inside') {
        const inside = all.filter((r) => vis(r, c.path));
        return spec.prefer ? [...inside].sort((a, b) => spec.prefer!(a, c) - spec.prefer!(b, c))[0] : inside[0];
      }
      // Outside: a sibling of the same district first (another township), then an ancestor's, then the neighbour's.
      const rank = (r: Row) => {
        const same = r.paths.some((p) => p.startsWith(demoRootPath));
        const ancestor = r.paths.some((p) => c.path.startsWith(p));
        return same ? (ancestor ? 1 : 0) : 2;
      };
      return all.filter((r) => !vis(r, c.path)).sort((a, b) => rank(a) - rank(b))[0];
    }

    const anyone = { userId: '', unitId: '', path: demoRootPath };
    for (const route of routes) {
      const found: Entry | undefined = MATRIX[route];
      if (!found) continue;
      const entry: Entry = found;
      const [method, pathTemplate] = route.split(' ');
      const perms = entry.permission;

      async function call(
        caller: Caller | null,
        variant: 'inside' | 'outside',
        row: Row | undefined,
        me: { userId: string; unitId: string; path: string },
      ) {
        const ctx: Ctx = {
          id: row?.id ?? '',
          row: row ?? { id: '', paths: [] },
          variant,
          other: (k, v = 'inside') => {
            const r = pick(k, me, v) ?? (caller && !mayCall(caller) ? rows.get(k)![0] : undefined);
            if (!r) throw new Error(`no ${v} ${k} for ${caller?.role ?? 'anyone'}`);
            return r;
          },
          self: { userId: me.userId, unitId: me.unitId },
          fixture,
        };
        const params: Record<string, string> = { ...(row ? { id: row.id } : {}), ...(entry.params?.(ctx) ?? {}) };
        let url = pathTemplate.replace(/\{(\w+)\}/g, (_, p: string) => params[p] ?? `{${p}}`);
        const q = entry.query?.(ctx);
        if (q) url += `?${q}`;
        const payload = entry.body?.(ctx);
        const headers: Record<string, string> = {};
        let body: string | object | undefined = payload as object | undefined;
        if (entry.multipart) {
          headers['content-type'] = 'multipart/form-data; boundary=matrix';
          body = '--matrix--\r\n';
        }
        const opts = { method: method as 'GET', url, payload: body, headers };
        if (!caller) return t.app.inject(opts);
        const session = entry.freshSession ? await t.login(caller.username) : caller.session;
        return session.inject(opts);
      }

      /** Whether the caller holds the route's permission at all (else 403, whatever the record). */
      function mayCall(caller: Caller): boolean {
        if (perms === 'public' || perms === 'session') return true;
        const list = typeof perms === 'string' ? [perms] : perms;
        return list.some((p) => caller.permissions.has(p as Permission));
      }

      function expected(caller: Caller | null, variant: 'inside' | 'outside'): Want {
        if (perms === 'public') return variant === 'inside' ? entry.ok : (entry.outside ?? 404);
        if (!caller) return 401;
        const override = entry.roles?.[caller.role];
        if (override !== undefined) {
          if (typeof override === 'object' && !Array.isArray(override) && ('inside' in override || 'outside' in override)) {
            const o = (override as { inside?: Want; outside?: Want })[variant];
            if (o !== undefined) return o;
          } else return override as Want;
        }
        if (!mayCall(caller)) return 403;
        if (variant === 'inside') return entry.also && !caller.permissions.has(entry.also) ? 403 : entry.ok;
        return entry.outside ?? 404;
      }

      const variants: ('inside' | 'outside')[] = entry.record ? ['inside', 'outside'] : ['inside'];
      // No session: 401 before anything else (or the public answer).
      for (const variant of perms === 'public' ? variants : (['inside'] as const)) {
        const row = entry.record ? pick(entry.record, anyone, variant) : undefined;
        if (entry.record && !row) {
          skipped.push(`${route} anonymous ${variant}`);
          continue;
        }
        const res = await call(null, variant, row, anyone);
        checked++;
        const why = mismatch(res, expected(null, variant));
        if (why) failures.push(`${route} [no session, ${variant}] ${why}`);
      }
      // The accounts in parallel (each its variants in turn): PostgreSQL then works while Node does, and no call
      // depends on another's (every write is refused, or adds a harmless row of its own).
      const checkCaller = async (caller: Caller) => {
        const leakKind = entry.leak ?? entry.record;
        const leakRow = leakKind ? pick(leakKind, caller, 'outside') : undefined;
        for (const variant of variants) {
          // A caller without the permission is refused whatever the record (and a route for every account ignores
          // it): any record of the kind will do.
          const row = entry.record
            ? (pick(entry.record, caller, variant) ??
              (mayCall(caller) && perms !== 'session' ? undefined : pick(entry.record, anyone, variant)))
            : undefined;
          if (entry.record && !row) {
            skipped.push(`${route} ${caller.role} ${variant}`);
            continue;
          }
          let res: LightMyRequestResponse;
          try {
            res = await call(caller, variant, row, caller);
          } catch (err) {
            skipped.push(`${route} ${caller.role} ${variant}: ${(err as Error).message}`);
            continue;
          }
          checked++;
          const want = expected(caller, variant);
          const why = mismatch(res, want);
          if (why) failures.push(`${route} [${caller.role}, ${variant}] ${why}`);
          if (isText(res)) {
            if (res.body.includes(NEIGHBOUR_MARK)) failures.push(`${route} [${caller.role}, ${variant}] names the neighbour district`);
            if (!entry.idsMayAppear && leakRow && (entry.leak || variant === 'inside') && res.body.includes(leakRow.id))
              failures.push(`${route} [${caller.role}, ${variant}] shows ${leakKind} ${leakRow.id} outside the scope`);
          }
        }
      };
      await Promise.all(callers.map(checkCaller));
    }
    console.log(`role matrix on ${kind}: ${checked} cases checked; ${skipped.length} without a record of the kind`);
    if (process.env.JINGUO_MATRIX_REPORT)
      fs.writeFileSync(`${process.env.JINGUO_MATRIX_REPORT}.${kind}`, [...failures, '--- skipped', ...skipped].join('\n'));
    expect(failures).toEqual([]);
  }, 900_000);
});
