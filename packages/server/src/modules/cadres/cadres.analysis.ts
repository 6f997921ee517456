import {
  CADRE_DIMENSION_KEYS,
  CADRE_DIMENSION_LABELS,
  CADRE_DIMENSIONS,
  CADRE_RANKS,
  createCadreTargetSchema,
  RECOMMENDATION_STATUSES,
  shanghaiDate,
  shareGap,
  sharePercent,
  UNKNOWN_KEY,
  UNKNOWN_LABEL,
  type CadreAnalysis,
  type CadreAnalysisQuery,
  type CadreDimension,
  type CadreShareRow,
  type CadreTarget,
  type CreateCadreTarget,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { fieldError, NotFoundError } from '../../platform/errors.js';
import { DOCX_MIME } from '../../platform/gongwen.js';
import { newId } from '../../platform/ids.js';
import { findUnit, findUnitByCode } from '../org/index.js';
import * as repo from './cadres.repository.js';
import { cadreAnalysisDocx } from './cadres.report.js';
import { validate } from '../../platform/validate.js';

export type CadreAnalysisService = ReturnType<typeof createCadreAnalysisService>;

/** How many years back the analysis follows the women's share (this year and the four before). */
const TREND_YEARS = 5;
/** Units listed by name in the analysis (most cadres first). */
const UNIT_ROWS = 30;

const WOMEN = 'cadres.roster.women';

function shareRow(
  key: string,
  label: string,
  r: { total: number; women: number } | undefined,
  params: Record<string, string>,
): CadreShareRow {
  const total = Number(r?.total ?? 0);
  const women = Number(r?.women ?? 0);
  return { key, label, total, women, womenShare: sharePercent(women, total), fact: { name: WOMEN, params } };
}

function presentTarget(t: Awaited<ReturnType<typeof repo.listTargets>>[number]): CadreTarget {
  return {
    id: t.id,
    ownerOrgId: t.ownerOrgId,
    label: t.label,
    dimension: t.dimension,
    key: t.key,
    targetShare: Number(t.targetShareBp) / 100,
    note: t.note,
  };
}

/**
 * The women-cadre analysis (《关于选拔任用女干部的分析报告》): the roster on 31 December of a year by rank, post
 * level, age band, education and unit, its change over the years, the pool of candidates (reserve cadres and
 * 推优), and the gaps against the unit's targets — every figure counted by the same queries as the cadres.roster.*
 * facts, so each can be opened as the list of cadres behind it. Also the Word report and the targets.
 */
export function createCadreAnalysisService({ db, clock }: { db: Db; clock: Clock }) {
  /** The unit analysed (id or code) inside the caller's scope, else the top of the scope. */
  async function unitFor(actor: Actor, scope: Scope, org: string | undefined) {
    if (org) {
      const unit = /^[0-9a-f-]{36}$/i.test(org) ? await findUnit(db, org) : await findUnitByCode(db, org);
      if (!unit || !pathInScope(scope, unit.path)) throw new NotFoundError('单位');
      return { id: unit.id, name: unit.name, path: unit.path };
    }
    const g = actor.grants.find((x) => scope.paths.includes(x.orgPath))!;
    return { id: g.orgUnitId, name: g.orgName, path: g.orgPath };
  }

  async function dimensionRows(scope: Scope, asOf: string, dim: CadreDimension): Promise<CadreShareRow[]> {
    const rows = await repo.rosterBreakdown(db, scope, asOf, dim);
    const keys = Object.entries(CADRE_DIMENSION_KEYS[dim]);
    const out = keys.map(([key, label]) =>
      shareRow(
        key,
        label,
        rows.find((r) => r.key === key),
        { [dim]: key },
      ),
    );
    const unknown = rows.find((r) => r.key === UNKNOWN_KEY);
    if (unknown && Number(unknown.total) > 0) out.push(shareRow(UNKNOWN_KEY, UNKNOWN_LABEL, unknown, { [dim]: UNKNOWN_KEY }));
    return out;
  }

  async function targetStatus(scope: Scope, asOf: string, unitId: string) {
    const targets = await repo.listTargets(db, unitId);
    return Promise.all(
      targets.map(async (t) => {
        const filter: repo.RosterFilter =
          t.dimension === 'overall' ? {} : t.dimension === 'reserve' ? { reserve: true } : { [t.dimension]: t.key ?? '' };
        const r = await repo.countRoster(db, scope, asOf, filter);
        const actual = sharePercent(Number(r.women), Number(r.total));
        const target = Number(t.targetShareBp) / 100;
        const gap = shareGap(actual, target);
        return { ...presentTarget(t), actual, gap, met: gap == null ? null : gap >= 0 };
      }),
    );
  }

  async function analyse(actor: Actor, q: CadreAnalysisQuery): Promise<CadreAnalysis> {
    const unit = await unitFor(actor, requirePermission(actor, 'cadres.read'), q.org);
    const scope: Scope = { permission: 'cadres.read', paths: [unit.path] };
    const year = q.year ?? Number(shanghaiDate(clock.now()).slice(0, 4));
    const asOf = `${year}-12-31`;
    const overall = await repo.countRoster(db, scope, asOf);
    const dimensions = [];
    for (const dim of CADRE_DIMENSIONS)
      dimensions.push({ dimension: dim, label: CADRE_DIMENSION_LABELS[dim], rows: await dimensionRows(scope, asOf, dim) });
    const units = (await repo.rosterByUnit(db, scope, asOf, UNIT_ROWS)).map((r) => shareRow(r.key, r.key, r, { unit: r.key }));
    const trend = [];
    for (let y = year - TREND_YEARS + 1; y <= year; y++) {
      const r = await repo.countRoster(db, scope, `${y}-12-31`);
      trend.push({ year: y, total: Number(r.total), women: Number(r.women), womenShare: sharePercent(Number(r.women), Number(r.total)) });
    }
    const reserve = shareRow('reserve', '后备干部', await repo.countRoster(db, scope, asOf, { reserve: true }), { reserve: '1' });
    const recs = await repo.recommendationsByStatus(db, scope, `${year}-01-01`, asOf);
    const rank = dimensions[0].rows;
    return {
      year,
      asOf,
      org: { id: unit.id, name: unit.name },
      total: Number(overall.total),
      women: Number(overall.women),
      womenShare: sharePercent(Number(overall.women), Number(overall.total)),
      byRank: CADRE_RANKS.map((k) => {
        const r = rank.find((x) => x.key === k)!;
        return { rank: k, total: r.total, women: r.women, womenShare: r.womenShare };
      }),
      dimensions,
      units,
      trend,
      reserve,
      recommendations: {
        total: recs.reduce((s, r) => s + Number(r.count), 0),
        byStatus: RECOMMENDATION_STATUSES.map((status) => ({ status, count: Number(recs.find((r) => r.status === status)?.count ?? 0) })),
      },
      targets: await targetStatus(scope, asOf, unit.id),
    };
  }

  return {
    analyse,

    /** The analysis as a 公文 Word report with tables and charts; audited like an export. */
    async report(actor: Actor, q: CadreAnalysisQuery) {
      const a = await analyse(actor, q);
      const body = await cadreAnalysisDocx(a, shanghaiDate(clock.now()));
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'export',
          entityType: 'cadre_analysis',
          orgUnitId: a.org.id,
          detail: { kind: 'cadres.analysis-report', year: a.year, total: a.total, women: a.women },
        }),
      );
      return { body, filename: `${a.org.name}关于选拔任用女干部的分析报告（${a.year}年）.docx`, contentType: DOCX_MIME };
    },

    async listTargets(actor: Actor, org: string | undefined) {
      const unit = await unitFor(actor, requirePermission(actor, 'cadres.read'), org);
      return (await repo.listTargets(db, unit.id)).map(presentTarget);
    },

    async createTarget(actor: Actor, body: CreateCadreTarget) {
      const scope = requirePermission(actor, 'cadres.write');
      const v = validate(createCadreTargetSchema, body);
      const unit = await findUnit(db, v.ownerOrgId);
      if (!unit || !pathInScope(scope, unit.path)) throw fieldError('ownerOrgId', '目标所属单位不存在或不在您的工作范围内');
      const id = newId();
      const at = clock.now().toISOString();
      const row = {
        id,
        ownerOrgId: v.ownerOrgId,
        label: v.label,
        dimension: v.dimension,
        key: v.key ?? null,
        targetShareBp: Math.round(v.targetShare * 100),
        note: v.note ?? null,
        createdBy: actor.userId,
        createdAt: at,
        updatedAt: at,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertTarget(trx, row);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'cadre_target',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { label: v.label, dimension: v.dimension, key: v.key ?? null, targetShare: v.targetShare } },
        });
      });
      return presentTarget(row);
    },

    async deleteTarget(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'cadres.write');
      const t = await repo.findTarget(db, id);
      if (!t || !pathInScope(scope, t.ownerOrgPath)) throw new NotFoundError('目标');
      await db.transaction().execute(async (trx) => {
        await repo.deleteTarget(trx, id);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'delete',
          entityType: 'cadre_target',
          entityId: id,
          orgUnitId: t.ownerOrgId,
          detail: { before: { label: t.label, targetShare: Number(t.targetShareBp) / 100 } },
        });
      });
      return { ok: true as const };
    },
  };
}
