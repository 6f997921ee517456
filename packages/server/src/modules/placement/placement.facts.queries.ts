import { sql } from 'kysely';
import { FOLLOW_UP_RESULTS, type FollowUpResult } from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import { ValidationError } from '../../platform/errors.js';
import type { FactContext, FactParams, FactRecords } from '../../platform/facts.js';
import { traineeOutcomes } from '../activities/index.js';

/** The queries behind the 职介所's figures: each one SQL aggregate (and its drill-down) over records dated in the period. */

export const MODULE = 'placement';
export type Paging = { limit: number; offset: number };

export function seekersRegistered(ctx: FactContext) {
  return ctx.db
    .selectFrom('placementSeekers as s')
    .where((eb) => orgInScope(eb, 's.owner_org_id', ctx.scope))
    .where('s.registeredOn', '>=', ctx.period.from)
    .where('s.registeredOn', '<=', ctx.period.to);
}
export function vacanciesPublished(ctx: FactContext) {
  return ctx.db
    .selectFrom('placementVacancies as v')
    .innerJoin('placementEmployers as e', 'e.id', 'v.employerId')
    .where((eb) => orgInScope(eb, 'v.owner_org_id', ctx.scope))
    .where('v.publishedOn', '>=', ctx.period.from)
    .where('v.publishedOn', '<=', ctx.period.to);
}
export function referralsMade(ctx: FactContext) {
  return ctx.db
    .selectFrom('placementReferrals as r')
    .innerJoin('placementSeekers as s', 's.id', 'r.seekerId')
    .innerJoin('placementEmployers as e', 'e.id', 'r.employerId')
    .where((eb) => orgInScope(eb, 'r.owner_org_id', ctx.scope))
    .where('r.referredOn', '>=', ctx.period.from)
    .where('r.referredOn', '<=', ctx.period.to);
}
/** Referrals that ended in a hire dated in the period (介绍就业). */
export function hires(ctx: FactContext) {
  return ctx.db
    .selectFrom('placementReferrals as r')
    .innerJoin('placementSeekers as s', 's.id', 'r.seekerId')
    .innerJoin('placementEmployers as e', 'e.id', 'r.employerId')
    .where((eb) => orgInScope(eb, 'r.owner_org_id', ctx.scope))
    .where('r.status', '=', 'hired')
    .where('r.outcomeOn', '>=', ctx.period.from)
    .where('r.outcomeOn', '<=', ctx.period.to);
}
/** Women who left with a 劳务输出 batch departing in the period (members who did not go are not counted). */
export function departures(ctx: FactContext) {
  return ctx.db
    .selectFrom('placementExportMembers as m')
    .innerJoin('placementExportBatches as b', 'b.id', 'm.batchId')
    .innerJoin('placementSeekers as s', 's.id', 'm.seekerId')
    .where((eb) => orgInScope(eb, 'm.owner_org_id', ctx.scope))
    .where('m.status', '=', 'departed')
    .where('b.departureDate', '>=', ctx.period.from)
    .where('b.departureDate', '<=', ctx.period.to);
}

/**
 * Everyone who found work in the period, one row per way (training outcome, hire, departure), keyed by person.
 * A trainee is the registry person when her roster row names one, else the job seeker it is linked to as "training
 * taken", else the roster row itself; a hire or departure is the seeker's registry person. So one woman trained,
 * then placed by the 职介所 and sent with a 劳务输出 batch is one key.
 */
export function reemployed(ctx: FactContext) {
  const trained = traineeOutcomes(ctx, { outcome: 'reemployed' })
    .leftJoin('placementSeekerTrainings as st', 'st.traineeId', 't.id')
    .leftJoin('placementSeekers as ls', 'ls.id', 'st.seekerId')
    .select([
      sql<string>`coalesce(t.person_id, ls.person_id, 'trainee:' || t.id)`.as('personKey'),
      sql<string>`'training'`.as('source'),
      't.name as name',
      't.outcomeDate as date',
    ]);
  const hired = hires(ctx).select([
    's.personId as personKey',
    sql<string>`'placement'`.as('source'),
    's.name as name',
    'r.outcomeOn as date',
  ]);
  const exported = departures(ctx).select([
    's.personId as personKey',
    sql<string>`'export'`.as('source'),
    's.name as name',
    'b.departureDate as date',
  ]);
  return ctx.db.selectFrom(
    trained
      .unionAll(hired as never)
      .unionAll(exported as never)
      .as('u'),
  );
}

export const SOURCE_LABELS: Record<string, string> = { training: '培训后再就业', placement: '职介所介绍就业', export: '劳务输出' };
export const viaKey = (source: string) => `via${source[0].toUpperCase()}${source.slice(1)}`;

/** One row per person: her name, the first date she found work in the period, and how. */
export async function peopleRecords(
  q: ReturnType<typeof reemployed>,
  page: Paging,
  sources: (keyof typeof SOURCE_LABELS)[],
): Promise<FactRecords> {
  const [{ total }] = await q.select(sql<number>`count(distinct u.person_key)`.as('total')).execute();
  const rows = await q
    .select([
      'u.personKey',
      sql<string>`min(u.name)`.as('name'),
      sql<string>`min(u.date)`.as('firstDate'),
      // camelCase aliases: the CamelCasePlugin maps them to snake_case in SQL and back in the rows.
      ...sources.map((s) => sql<number>`max(case when u.source = ${s} then 1 else 0 end)`.as(viaKey(s))),
    ])
    .groupBy('u.personKey')
    .orderBy(sql`min(u.date)`)
    .orderBy('u.personKey')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    columns: [
      { key: 'name', label: '姓名' },
      { key: 'firstDate', label: '日期' },
      { key: 'via', label: '就业途径' },
    ],
    total: Number(total),
    rows: rows.map((r) => {
      const row = r as Record<string, unknown>;
      return {
        id: String(row.personKey),
        name: String(row.name),
        firstDate: String(row.firstDate),
        via: sources
          .filter((s) => Number(row[viaKey(s)]) === 1)
          .map((s) => SOURCE_LABELS[s])
          .join('、'),
      };
    }),
  };
}

export function followUps(ctx: FactContext, params: FactParams) {
  let q = ctx.db
    .selectFrom('placementFollowUps as f')
    .innerJoin('placementExportMembers as m', 'm.id', 'f.memberId')
    .innerJoin('placementSeekers as s', 's.id', 'm.seekerId')
    .innerJoin('placementExportBatches as b', 'b.id', 'f.batchId')
    .where((eb) => orgInScope(eb, 'f.owner_org_id', ctx.scope))
    .where('f.doneOn', '>=', ctx.period.from)
    .where('f.doneOn', '<=', ctx.period.to);
  if (params.months) {
    if (!['1', '3', '6'].includes(params.months)) throw new ValidationError(`未知的回访节点：${params.months}（可选：1、3、6）`);
    q = q.where('f.months', '=', Number(params.months));
  }
  if (params.result) {
    if (!(FOLLOW_UP_RESULTS as readonly string[]).includes(params.result))
      throw new ValidationError(`未知的回访结果：${params.result}（可选：${FOLLOW_UP_RESULTS.join('、')}）`);
    q = q.where('f.result', '=', params.result as FollowUpResult);
  }
  return q;
}

export const count = sql<number>`count(*)`.as('v');
