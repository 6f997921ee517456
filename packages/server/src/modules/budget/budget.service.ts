import type { FastifyReply } from 'fastify';
import {
  approveBudgetLineSchema,
  availableFen,
  BUDGET_LINE_RULES,
  createBudgetLineSchema,
  executionRate,
  formatChineseDate,
  monthIndex,
  permissionsOf,
  requestBudgetLineSchema,
  shanghaiDate,
  updateBudgetLineSchema,
  type BudgetExecution,
  type BudgetLine,
  type BudgetLineListQuery,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { DOCX_MIME } from '../../platform/gongwen.js';
import { newId } from '../../platform/ids.js';
import { findAccount } from '../funds/index.js';
import { findUnit } from '../org/index.js';
import { findProgrammeByCodeFor } from '../relief/index.js';
import { budgetRequestDocx, budgetRequestTitle, nextYearLines } from './budget.document.js';
import { linesExport, linesImport } from './budget.excel.js';
import * as repo from './budget.repository.js';
import { validate } from '../../platform/validate.js';

export type BudgetService = ReturnType<typeof createBudgetService>;

export function presentLine(l: repo.LineRow): BudgetLine {
  const approved = l.approvedFen == null ? null : Number(l.approvedFen);
  const executed = Number(l.executedFen);
  const committed = Number(l.committedFen);
  return {
    id: l.id,
    ownerOrgId: l.ownerOrgId,
    ownerOrgName: l.ownerOrgName,
    year: Number(l.year),
    purpose: l.purpose,
    name: l.name,
    programmeCode: l.programmeCode,
    fundAccountId: l.fundAccountId,
    requestedFen: Number(l.requestedFen),
    requestedOn: l.requestedOn,
    approvedFen: approved,
    approvedOn: l.approvedOn,
    approvalRef: l.approvalRef,
    status: l.status,
    note: l.note,
    executedFen: executed,
    committedFen: committed,
    availableFen: availableFen(approved, executed, committed),
    executionRate: executionRate(executed, approved),
  };
}

/** Builds the execution table (by line and month) from the lines and one aggregate of their spending. */
export function executionTable(
  year: number,
  lines: repo.LineRow[],
  months: { lineId: string; month: string; fen: number }[],
): BudgetExecution {
  const rows = lines.map((l) => {
    const p = presentLine(l);
    const m = Array.from({ length: 12 }, () => 0);
    for (const x of months) if (x.lineId === l.id) m[monthIndex(`${year}-${x.month}-01`)] += Number(x.fen);
    return {
      lineId: p.id,
      name: p.name,
      purpose: p.purpose,
      status: p.status,
      requestedFen: p.requestedFen,
      approvedFen: p.approvedFen,
      executedFen: p.executedFen,
      committedFen: p.committedFen,
      executionRate: p.executionRate,
      months: m,
    };
  });
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  const approvedFen = sum((r) => r.approvedFen ?? 0);
  const executedFen = sum((r) => r.executedFen);
  return {
    year,
    lines: rows,
    totals: {
      requestedFen: sum((r) => r.requestedFen),
      approvedFen,
      executedFen,
      committedFen: sum((r) => r.committedFen),
      executionRate: executionRate(executedFen, approvedFen),
      months: Array.from({ length: 12 }, (_, i) => sum((r) => r.months[i])),
    },
  };
}

/** 妇儿工委 and 两纲 budget lines: drafted, requested, approved (核定), and their execution from the ledger. */
export function createBudgetService({ db, clock }: { db: Db; clock: Clock }) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());

  async function loadLine(actor: Actor, id: string, permission: 'budget.read' | 'budget.write') {
    const scope = requirePermission(actor, permission);
    const l = await repo.findLine(db, id);
    if (!l || !pathInScope(scope, l.ownerOrgPath)) throw new NotFoundError('预算项目');
    return l;
  }
  async function checkAccount(scope: Scope, id: string | null | undefined) {
    if (!id) return;
    const a = await findAccount(db, id);
    if (!a || !pathInScope(scope, a.ownerPath) || (a.kind !== 'budget' && a.kind !== 'cash'))
      throw fieldError('fundAccountId', '请选择您工作范围内的预算经费或资金账户');
  }
  function homeUnit(actor: Actor) {
    requirePermission(actor, 'budget.write');
    return actor.grants.find((g) => permissionsOf(g.role).includes('budget.write'))!.orgUnitId;
  }
  return {
    async listLines(actor: Actor, q: BudgetLineListQuery) {
      const scope = requirePermission(actor, 'budget.read');
      const { items, total } = await repo.listLines(db, scope, q);
      return { items: items.map(presentLine), total, page: q.page, pageSize: q.pageSize };
    },
    loadLine,

    async createLine(actor: Actor, body: unknown) {
      const scope = requirePermission(actor, 'budget.write');
      const v = validate(createBudgetLineSchema, body);
      const owner = await findUnit(db, v.ownerOrgId);
      if (!owner || !pathInScope(scope, owner.path)) throw fieldError('ownerOrgId', '预算单位不存在或不在您的工作范围内');
      if (v.programmeCode && !(await findProgrammeByCodeFor(db, v.programmeCode, owner.path)))
        throw fieldError('programmeCode', `项目代码 ${v.programmeCode} 不存在或不属于本单位及上级单位`);
      if (v.purpose === 'programme' && !v.programmeCode) throw fieldError('programmeCode', '项目经费须选择所属项目');
      await checkAccount(scope, v.fundAccountId);
      const conflict = () => new ConflictError('本年度已有同名预算项目', [{ path: 'name', message: '本年度已有同名预算项目' }]);
      if (await repo.findLineByName(db, v.ownerOrgId, v.year, v.name)) throw conflict();
      const id = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertLines(trx, [
            {
              id,
              ownerOrgId: v.ownerOrgId,
              year: v.year,
              purpose: v.purpose,
              name: v.name,
              programmeCode: v.programmeCode ?? null,
              fundAccountId: v.fundAccountId ?? null,
              requestedFen: v.requestedFen,
              requestedOn: null,
              approvedFen: null,
              approvedOn: null,
              approvalRef: null,
              status: 'draft',
              note: v.note ?? null,
              createdBy: actor.userId,
              createdAt: at,
              updatedAt: at,
            },
          ]);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'budget_line',
            entityId: id,
            orgUnitId: v.ownerOrgId,
            detail: { after: { year: v.year, purpose: v.purpose, name: v.name, requestedFen: v.requestedFen } },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict();
        throw e;
      }
      return presentLine((await repo.findLine(db, id))!);
    },

    /** Edits a line; the requested amount only while it is drafted (once submitted, the request stands). */
    async updateLine(actor: Actor, id: string, body: unknown) {
      const l = await loadLine(actor, id, 'budget.write');
      const v = validate(updateBudgetLineSchema, body);
      if (v.requestedFen !== undefined && !BUDGET_LINE_RULES.canEditRequest(l.status))
        throw new ConflictError('已申报的预算不能再修改申请金额', [{ path: 'requestedFen', message: '已申报的预算不能再修改申请金额' }]);
      await checkAccount(requirePermission(actor, 'budget.write'), v.fundAccountId);
      if (v.name && v.name !== l.name && (await repo.findLineByName(db, l.ownerOrgId, Number(l.year), v.name)))
        throw new ConflictError('本年度已有同名预算项目', [{ path: 'name', message: '本年度已有同名预算项目' }]);
      const patch = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined));
      const changes = Object.fromEntries(Object.keys(patch).map((k) => [k, [l[k as keyof repo.LineRow] ?? null, patch[k] ?? null]]));
      await db.transaction().execute(async (trx) => {
        await repo.updateLine(trx, id, { ...patch, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'budget_line',
          entityId: id,
          orgUnitId: l.ownerOrgId,
          detail: { changes },
        });
      });
      return presentLine((await repo.findLine(db, id))!);
    },

    /** Submits a drafted line to the finance bureau (申报). */
    async submitLine(actor: Actor, id: string, body: unknown) {
      const l = await loadLine(actor, id, 'budget.write');
      const v = validate(requestBudgetLineSchema, body);
      if (!BUDGET_LINE_RULES.canSubmit(l.status)) throw new ConflictError('该预算已申报');
      if (v.requestedOn > today()) throw fieldError('requestedOn', '申报日期不能晚于今天');
      await db.transaction().execute(async (trx) => {
        await repo.updateLine(trx, id, { status: 'requested', requestedOn: v.requestedOn, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'submit',
          entityType: 'budget_line',
          entityId: id,
          orgUnitId: l.ownerOrgId,
          detail: { requestedFen: Number(l.requestedFen), requestedOn: v.requestedOn },
        });
      });
      return presentLine((await repo.findLine(db, id))!);
    },

    /**
     * Records the amount the finance bureau approved (核定); recorded again for a supplementary appropriation.
     * It cannot fall below what is already spent and committed on the line.
     */
    async approveLine(actor: Actor, id: string, body: unknown) {
      const l = await loadLine(actor, id, 'budget.write');
      const v = validate(approveBudgetLineSchema, body);
      if (!BUDGET_LINE_RULES.canApprove(l.status)) throw new ConflictError('预算须先申报，才能登记核定金额');
      if (v.approvedOn > today()) throw fieldError('approvedOn', '核定日期不能晚于今天');
      if (l.requestedOn && v.approvedOn < l.requestedOn) throw fieldError('approvedOn', '核定日期不能早于申报日期');
      const used = Number(l.executedFen) + Number(l.committedFen);
      if (v.approvedFen < used) throw fieldError('approvedFen', `核定金额不能少于已执行和已承诺的金额（${(used / 100).toFixed(2)}元）`);
      await db.transaction().execute(async (trx) => {
        await repo.updateLine(trx, id, {
          status: 'approved',
          approvedFen: v.approvedFen,
          approvedOn: v.approvedOn,
          approvalRef: v.approvalRef ?? null,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'approve',
          entityType: 'budget_line',
          entityId: id,
          orgUnitId: l.ownerOrgId,
          detail: {
            before: l.approvedFen == null ? null : Number(l.approvedFen),
            after: v.approvedFen,
            approvalRef: v.approvalRef ?? null,
          },
        });
      });
      return presentLine((await repo.findLine(db, id))!);
    },

    /** Execution by line and month for a year in scope (optionally one unit's lines). */
    async execution(actor: Actor, year: number, ownerOrgId?: string) {
      const scope = requirePermission(actor, 'budget.read');
      const [lines, months] = await Promise.all([
        repo.linesOfYear(db, scope, year, ownerOrgId),
        repo.executionByMonth(db, scope, year, ownerOrgId),
      ]);
      return executionTable(year, lines, months);
    },

    async exportLines(actor: Actor, q: Omit<BudgetLineListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'budget.read');
      return sendExport(reply, excel, {
        actor,
        spec: linesExport,
        rows: keysetRows((after, limit) => repo.listLinesAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    linesTemplate: (reply: FastifyReply) => sendTemplate(reply, linesImport),
    /** Drafts lines from a sheet into the caller's unit (all or nothing). */
    async importLines(actor: Actor, source: UploadSource) {
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: linesImport,
        targetKey: `lines:${home}`,
        orgUnitId: home,
        entityType: 'budget_line',
        context: { ownerOrgId: home, createdBy: actor.userId, clock, seen: new Map() },
      });
    },

    /**
     * 经费预算的请示 for next year (.docx, 公文 layout): this year's execution (the table above, same scope) and
     * next year's lines — drafted ones as they stand, the others proposed from this year's figures. Audited as an export.
     */
    async requestDocument(actor: Actor, year: number, ownerOrgId?: string) {
      const scope = requirePermission(actor, 'budget.read');
      const organId = ownerOrgId ?? actor.grants.find((g) => permissionsOf(g.role).includes('budget.read'))!.orgUnitId;
      const organ = await findUnit(db, organId);
      if (!organ || !pathInScope(scope, organ.path)) throw fieldError('ownerOrgId', '预算单位不存在或不在您的工作范围内');
      const [lines, months, drafted] = await Promise.all([
        repo.linesOfYear(db, scope, year, organ.id),
        repo.executionByMonth(db, scope, year, organ.id),
        repo.linesOfYear(db, scope, year + 1, organ.id),
      ]);
      const current = executionTable(year, lines, months);
      const next = nextYearLines(
        current,
        drafted.map((l) => ({ name: l.name, purpose: l.purpose, requestedFen: Number(l.requestedFen) })),
      );
      const date = formatChineseDate(today());
      const body = await budgetRequestDocx({ organ: organ.name, addressee: addresseeOf(organ), date, asOf: date, current, next });
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'export',
          entityType: 'budget_line',
          orgUnitId: organ.id,
          detail: { kind: 'budget.request', format: 'docx', year, lines: current.lines.length, nextLines: next.length },
        }),
      );
      return { body, filename: `${organ.name}${budgetRequestTitle(year)}.docx`, contentType: DOCX_MIME };
    },
  };
}

/** To whom the request goes: a district federation asks the district's finance bureau, a township its government. */
function addresseeOf(unit: { name: string; kind: string }): string {
  const place = unit.name.replace(/(妇女联合会|妇联)$/, '');
  return unit.kind === 'federation' ? `${place}财政局` : `${place}人民政府`;
}
