import {
  BUILTIN_TEMPLATE_ID,
  factRefKey,
  figuresOf,
  summaryPlaceholders,
  formatFactValue,
  parseFactRef,
  shanghaiDate,
  summaryContentSchema,
  templateBodySchema,
  unitCarriedByText,
  type DashboardOut,
  type EditParagraph,
  type ExportFormat,
  type FactRecordsOut,
  type FactRef,
  type FactsOut,
  type MovedFigure,
  type SummaryContent,
  type SummaryFigure,
  type SummaryListItem,
  type SummaryOut,
  type SummarySegment,
  type SummaryStatus,
  type SummaryVersion,
  type TemplateBody,
  type TemplateOut,
} from '@jinguo/domain';
import type { Db, DialectName } from '../../db/database.js';
import type { ReadRouter } from '../../platform/replicas.js';
import { pathInScope, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import type { FactDefinition, SummaryBlockDef } from '../../platform/facts.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import { createFactEngine, mapLimit, monthPeriod, presentUnit, yearPeriod, type Access, type FactOutcome } from './facts.engine.js';
import * as repo from './reports.repository.js';
import type { ReportUnit } from './reports.repository.js';
import { builtinTemplate, expandTemplate, figureOf, renderSummary, templateRefs } from './summary.generator.js';
import { summaryToDocx, summaryToHtml, summaryToMarkdown } from './summary.export.js';

/** The modules' contributions to the built-in template: their blocks, and the lines of work with nothing yet. */
export type ModuleWork = { blocks: SummaryBlockDef[]; pending: string[] };

/** Read from the module list at call time (modules/index.ts lists reports itself, so it is imported lazily). */
export async function loadModuleWork(): Promise<ModuleWork> {
  const { MODULES } = await import('../index.js');
  return {
    blocks: MODULES.flatMap((m) => m.summary ?? []),
    pending: MODULES.filter((m) => !m.summary?.length && !m.facts).map((m) => m.name),
  };
}

type Logger = { error: (obj: unknown, msg: string) => void };

export type ReportsDeps = {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  facts: FactDefinition[];
  moduleWork?: () => Promise<ModuleWork>;
  log?: Logger;
  /** Where the heavy figure reads go (read replicas); the primary when absent. */
  reads?: ReadRouter;
};

export type ExportFile = { body: Buffer | string; contentType: string; filename: string };

const PAGE_MAX = 200;

/** A short id for blocks inside one document ("b12"): stable across its versions, unique within it. */
function blockIdFactory() {
  let n = 0;
  return () => `b${++n}`;
}

export function createReportsService(deps: ReportsDeps) {
  const { db, clock } = deps;
  const engine = createFactEngine({ db, dialect: deps.dialect, facts: deps.facts, log: deps.log, reads: deps.reads });
  const moduleWork = deps.moduleWork ?? loadModuleWork;

  function needScope(access: Access, permission: 'reports.read' | 'reports.write'): Scope {
    const scope = access.scopeFor(permission);
    if (!scope) throw new ForbiddenError();
    return scope;
  }

  /** The unit a report is for: the one named (by code or id) inside the scope, else the top of the scope. */
  async function resolveUnit(scope: Scope, key: string | undefined): Promise<ReportUnit> {
    if (key) {
      const unit = await repo.findUnitByCodeOrId(db, key);
      if (!unit || !pathInScope(scope, unit.path)) throw new NotFoundError('单位');
      return unit;
    }
    const [top] = await repo.findUnitsByPaths(db, scope.paths);
    if (!top) throw new NotFoundError('单位');
    return top;
  }

  function parseRefs(list: string[] | undefined, field: string): FactRef[] {
    return (list ?? []).map((text) => {
      const ref = parseFactRef(text);
      if (!ref) throw fieldError(field, `数据项"${text}"的格式不正确，应为 名称 或 名称?参数=值`);
      return ref;
    });
  }

  const plainRefs = () => engine.facts.map((f) => ({ name: f.name, params: {} }));

  async function unitOfSummary(access: Access, permission: 'reports.read' | 'reports.write', id: string) {
    const scope = needScope(access, permission);
    const row = await repo.findSummary(db, id);
    const unit = row ? await repo.findUnitById(db, row.ownerOrgId) : undefined;
    if (!row || !unit || !pathInScope(scope, unit.path)) throw new NotFoundError('工作总结');
    return { row, unit, scope };
  }

  function presentSummary(row: NonNullable<Awaited<ReturnType<typeof repo.findSummary>>>, unit: ReportUnit, access: Access): SummaryOut {
    const writeScope = access.scopeFor('reports.write');
    return {
      id: row.id,
      year: Number(row.year),
      org: presentUnit(unit),
      status: row.status,
      templateId: row.templateId,
      version: Number(row.version),
      content: JSON.parse(row.content) as SummaryContent,
      generatedAt: row.generatedAt,
      frozenAt: row.frozenAt,
      updatedAt: row.updatedAt,
      can: { write: !!writeScope && pathInScope(writeScope, unit.path) && row.status !== 'frozen' },
    };
  }

  // ─── Templates ──────────────────────────────────────────────────────────────────────────────

  async function templateBody(scope: Scope, templateId: string): Promise<{ id: string; body: TemplateBody }> {
    if (templateId === BUILTIN_TEMPLATE_ID) return { id: BUILTIN_TEMPLATE_ID, body: builtinTemplate() };
    const t = await repo.findTemplate(db, templateId);
    const owner = t ? await repo.findUnitById(db, t.ownerOrgId) : undefined;
    if (!t || !owner || !(pathInScope(scope, owner.path) || scope.paths.some((p) => p.startsWith(owner.path))))
      throw new NotFoundError('模板');
    return { id: t.id, body: JSON.parse(t.body) as TemplateBody };
  }

  async function templateForWrite(access: Access, id: string) {
    const scope = needScope(access, 'reports.write');
    const t = await repo.findTemplate(db, id);
    const owner = t ? await repo.findUnitById(db, t.ownerOrgId) : undefined;
    if (!t || !owner || !pathInScope(scope, owner.path)) throw new NotFoundError('模板');
    return { t, owner };
  }

  function presentTemplate(t: {
    id: string;
    name: string;
    ownerOrgId: string;
    body: string;
    updatedAt: string;
    version: number;
  }): TemplateOut {
    return {
      id: t.id,
      name: t.name,
      builtin: false,
      orgUnitId: t.ownerOrgId,
      body: JSON.parse(t.body),
      updatedAt: t.updatedAt,
      version: Number(t.version),
    };
  }

  /** Writes a new version of a summary at the expected version, with its version row and audit entry, in one transaction. */
  async function saveVersion(
    access: Access,
    summaryId: string,
    unitId: string,
    expectedVersion: number,
    next: {
      status: SummaryStatus;
      content: SummaryContent;
      action: string;
      extra?: Record<string, unknown>;
      patch?: Record<string, unknown>;
    },
  ) {
    const at = clock.now().toISOString();
    const version = expectedVersion + 1;
    await db.transaction().execute(async (trx) => {
      const ok = await repo.updateSummaryAtVersion(trx, summaryId, expectedVersion, {
        status: next.status,
        content: JSON.stringify(next.content),
        version,
        updatedAt: at,
        ...(next.patch ?? {}),
      });
      if (!ok) throw new ConflictError('该总结已被他人修改，请刷新后重试');
      await repo.insertSummaryVersion(trx, {
        id: newId(),
        summaryId,
        version,
        status: next.status,
        action: next.action,
        content: JSON.stringify(next.content),
        createdAt: at,
        createdBy: access.audit.actorId,
      });
      await appendAudit(trx, clock, access.audit, {
        action: `report.${next.action}`,
        entityType: 'report_summary',
        entityId: summaryId,
        orgUnitId: unitId,
        detail: { version, status: next.status, ...(next.extra ?? {}) },
      });
    });
  }

  /** Current values of a summary's figures, for the moved-figure notice and for refreshing. */
  async function currentFigures(access: Access, unit: ReportUnit, year: number, content: SummaryContent) {
    const refs = figuresOf(content).map((f) => ({ name: f.figure.fact, params: f.figure.params }));
    return engine.computeMany(access, unit, yearPeriod(year), refs);
  }

  function refreshFigure(old: SummaryFigure, outcome: FactOutcome | undefined): SummaryFigure {
    const next = figureOf(outcome, { name: old.fact, params: old.params });
    // A figure printed without its unit ("7000" before "余元") keeps being printed that way.
    const unit = next.kind ? unitCarriedByText(next.kind) : null;
    if (next.status === 'ok' && unit && old.status === 'ok' && !old.text.endsWith(unit) && next.text.endsWith(unit))
      next.text = next.text.slice(0, -unit.length);
    return next;
  }

  const service = {
    engine,

    /** GET /api/facts: every fact (or the ones asked for) for the caller's scope within one unit and year. */
    async facts(access: Access, q: { year: number; org?: string; f?: string[] }): Promise<FactsOut> {
      const scope = needScope(access, 'reports.read');
      const unit = await resolveUnit(scope, q.org);
      const refs = q.f?.length ? parseRefs(q.f, 'f') : plainRefs();
      const values = await engine.computeMany(access, unit, yearPeriod(q.year), refs);
      return { year: q.year, org: presentUnit(unit), facts: refs.map((r) => values.get(factRefKey(r.name, r.params))!.out) };
    },

    /** The rows behind a figure; their total equals the figure. Reading them is audited (they may name people). */
    async records(
      access: Access,
      name: string,
      q: { year: number; org?: string; month?: number; page: number; pageSize: number; params: Record<string, string> },
    ): Promise<FactRecordsOut> {
      const scope = needScope(access, 'reports.read');
      const unit = await resolveUnit(scope, q.org);
      if (!engine.has(name)) throw new NotFoundError('数据项');
      const ref = { name, params: q.params };
      const period = q.month ? monthPeriod(q.year, q.month) : yearPeriod(q.year);
      const pageSize = Math.min(q.pageSize, PAGE_MAX);
      const { outcome, records } = await engine.records(access, unit, period, ref, { limit: pageSize, offset: (q.page - 1) * pageSize });
      if (outcome.out.status === 'forbidden') throw new ForbiddenError('没有查看该项数据的权限');
      if (!records) throw new Error(`fact ${name} failed to compute`);
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, access.audit, {
          action: 'read.records',
          entityType: 'fact',
          entityId: outcome.out.ref,
          orgUnitId: unit.id,
          detail: { year: q.year, month: q.month ?? null, page: q.page, total: records.total },
        }),
      );
      return {
        fact: outcome.out,
        org: presentUnit(unit),
        year: q.year,
        month: q.month ?? null,
        columns: records.columns,
        rows: records.rows,
        total: records.total,
        page: q.page,
        pageSize,
      };
    },

    /** Units the caller may make reports for (the scope picker): the top of the scope and two levels below. */
    async scopes(access: Access) {
      const scope = needScope(access, 'reports.read');
      const tops = await repo.findUnitsByPaths(db, scope.paths);
      const maxDepth = Math.max(...tops.map((t) => t.depth)) + 2;
      return (await repo.listScopeUnits(db, scope, maxDepth)).map((u) => ({ ...presentUnit(u), depth: u.depth }));
    },

    /**
     * The dashboard: every figure for the year against the previous year (同比), and for one chosen figure
     * its month-by-month trend and its split over the unit's townships and streets. The splits are the same
     * fact computed over a month or over a child unit's subtree, so no module has to provide them.
     */
    async dashboard(access: Access, q: { year: number; org?: string; fact?: string }): Promise<DashboardOut> {
      const scope = needScope(access, 'reports.read');
      const unit = await resolveUnit(scope, q.org);
      const refs = plainRefs();
      const [now, prev] = await Promise.all([
        engine.computeMany(access, unit, yearPeriod(q.year), refs),
        engine.computeMany(access, unit, yearPeriod(q.year - 1), refs),
      ]);
      const headlines = refs
        .map((r) => {
          const key = factRefKey(r.name, r.params);
          const cur = now.get(key)!.out;
          const before = prev.get(key)!.out;
          const previous = before.status === 'ok' ? before.value : null;
          return {
            ...cur,
            previous,
            previousText: before.status === 'ok' ? before.text : '—',
            change: cur.value != null && previous != null ? Math.round((cur.value - previous) * 100) / 100 : null,
          };
        })
        .filter((h) => h.status === 'ok' || h.status === 'error');

      const focusRef = q.fact
        ? parseRefs([q.fact], 'fact')[0]
        : (headlines.find((h) => h.module !== 'org' && h.kind !== 'breakdown') ?? headlines[0]);
      if (!focusRef) return { year: q.year, org: presentUnit(unit), headlines, focus: null };
      const ref = { name: focusRef.name, params: focusRef.params };
      const fact = await engine.compute(access, unit, yearPeriod(q.year), ref);
      if (fact.out.status === 'missing') throw new NotFoundError('数据项');
      const months: { month: number; value: number | null; previous: number | null }[] = [];
      await mapLimit(
        Array.from({ length: 12 }, (_, i) => i + 1),
        4,
        async (month) => {
          const [a, b] = await Promise.all([
            engine.compute(access, unit, monthPeriod(q.year, month), ref),
            engine.compute(access, unit, monthPeriod(q.year - 1, month), ref),
          ]);
          months.push({ month, value: a.out.status === 'ok' ? a.out.value : null, previous: b.out.status === 'ok' ? b.out.value : null });
        },
      );
      months.sort((a, b) => a.month - b.month);
      const children = await repo.listGeographicChildren(db, unit.id);
      const units: { org: ReturnType<typeof presentUnit>; value: number | null; text: string; own?: boolean }[] = [];
      await mapLimit(children, 4, async (child) => {
        const o = await engine.compute(access, child, yearPeriod(q.year), ref);
        units.push({ org: presentUnit(child), value: o.out.status === 'ok' ? o.out.value : null, text: o.out.text });
      });
      const order = new Map(children.map((c, i) => [c.id, i]));
      units.sort((a, b) => order.get(a.org.id)! - order.get(b.org.id)!);
      // The unit's own records (区妇联本级: in no township or street) as the first bar, so the bars add up to the total.
      // Only for figures that add up (counts and money); a rate of the rest would be a different figure.
      const additive = fact.out.kind === 'count' || fact.out.kind === 'money';
      if (children.length > 0 && additive && fact.out.status === 'ok' && fact.out.value != null) {
        const own = fact.out.value - units.reduce((s, u) => s + (u.value ?? 0), 0);
        units.unshift({
          org: { ...presentUnit(unit), name: `${unit.name}本级` },
          value: own,
          text: formatFactValue(fact.out.kind, own),
          own: true,
        });
      }
      return { year: q.year, org: presentUnit(unit), headlines, focus: { fact: fact.out, months, units } };
    },

    // ─── Templates ────────────────────────────────────────────────────────────────────────────

    /** The built-in template (assembled from the modules now) and the templates saved in or above the caller's units. */
    async listTemplates(access: Access): Promise<TemplateOut[]> {
      const scope = needScope(access, 'reports.read');
      const work = await moduleWork();
      const ancestors = [...new Set(scope.paths.flatMap((p) => p.split('/').filter(Boolean)))];
      const stored = await repo.listTemplates(db, scope, ancestors);
      return [
        {
          id: BUILTIN_TEMPLATE_ID,
          name: '内置模板（按参考总结结构）',
          builtin: true,
          orgUnitId: null,
          body: expandTemplate(builtinTemplate(), work.blocks, work.pending),
          updatedAt: null,
          version: 0,
        },
        ...stored.map(presentTemplate),
      ];
    },

    async getTemplate(access: Access, id: string): Promise<TemplateOut> {
      const all = await service.listTemplates(access);
      const t = all.find((x) => x.id === id);
      if (!t) throw new NotFoundError('模板');
      return t;
    },

    /** Saves a template for the caller's unit; without a body it starts as a copy of the built-in one with the modules' paragraphs written out. */
    async createTemplate(access: Access, input: { name: string; body?: TemplateBody; org?: string }): Promise<TemplateOut> {
      const scope = needScope(access, 'reports.write');
      const owner = await resolveUnit(scope, input.org);
      const work = await moduleWork();
      const body = input.body ?? expandTemplate(builtinTemplate(), work.blocks, work.pending);
      // Written out, a "modules" section no longer follows the modules: staff edit its paragraphs directly.
      const stored = templateBodySchema.parse({ ...body, sections: body.sections.map(({ source: _source, ...s }) => s) });
      const at = clock.now().toISOString();
      const row = {
        id: newId(),
        ownerOrgId: owner.id,
        name: input.name,
        body: JSON.stringify(stored),
        createdAt: at,
        createdBy: access.audit.actorId,
        updatedAt: at,
        version: 1,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertTemplate(trx, row);
        await appendAudit(trx, clock, access.audit, {
          action: 'create',
          entityType: 'report_template',
          entityId: row.id,
          orgUnitId: owner.id,
          detail: { name: row.name },
        });
      });
      return presentTemplate(row);
    },

    /** Edits a saved template; with `ifMatch` only if it is still at that version (else 412 naming who changed it). */
    async updateTemplate(
      access: Access,
      id: string,
      patch: { name?: string; body?: TemplateBody },
      ifMatch?: number | null,
    ): Promise<TemplateOut> {
      if (id === BUILTIN_TEMPLATE_ID) throw fieldError('id', '内置模板不能修改，请先另存为新模板');
      const { t, owner } = await templateForWrite(access, id);
      const at = clock.now().toISOString();
      const next = { ...t, name: patch.name ?? t.name, body: patch.body ? JSON.stringify(patch.body) : t.body, updatedAt: at };
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, deps.dialect, {
          table: 'report_templates',
          id,
          expected: ifMatch,
          entityType: 'report_template',
          what: '模板',
        });
        await repo.updateTemplate(trx, id, { name: next.name, body: next.body, updatedAt: at });
        await appendAudit(trx, clock, access.audit, {
          action: 'update',
          entityType: 'report_template',
          entityId: id,
          orgUnitId: owner.id,
          detail: { name: next.name, bodyChanged: !!patch.body },
        });
      });
      return presentTemplate((await repo.findTemplate(db, id))!);
    },

    async deleteTemplate(access: Access, id: string): Promise<void> {
      if (id === BUILTIN_TEMPLATE_ID) throw fieldError('id', '内置模板不能删除');
      const { t, owner } = await templateForWrite(access, id);
      await db.transaction().execute(async (trx) => {
        await repo.deleteTemplate(trx, id);
        await appendAudit(trx, clock, access.audit, {
          action: 'delete',
          entityType: 'report_template',
          entityId: id,
          orgUnitId: owner.id,
          detail: { name: t.name },
        });
      });
    },

    // ─── Summaries ────────────────────────────────────────────────────────────────────────────

    /** The document a template gives for a unit and year, computed now and not stored (the CLI's fresh export). */
    async compose(
      access: Access,
      q: { year: number; org?: string; templateId?: string },
    ): Promise<{ unit: ReportUnit; templateId: string; content: SummaryContent }> {
      const scope = needScope(access, 'reports.write');
      const unit = await resolveUnit(scope, q.org);
      const template = await templateBody(scope, q.templateId ?? BUILTIN_TEMPLATE_ID);
      const work = await moduleWork();
      const body = expandTemplate(template.body, work.blocks, work.pending);
      const figures = await engine.computeMany(access, unit, yearPeriod(q.year), templateRefs(body));
      const content = renderSummary(body, {
        year: q.year,
        orgName: unit.name,
        orgLevel: unit.level,
        date: shanghaiDate(clock.now()),
        figures,
        newId: blockIdFactory(),
      });
      return { unit, templateId: template.id, content };
    },

    async listSummaries(access: Access, q: { year?: number; org?: string; status?: SummaryStatus }): Promise<SummaryListItem[]> {
      const scope = needScope(access, 'reports.read');
      const unit = q.org ? await resolveUnit(scope, q.org) : undefined;
      const rows = await repo.listSummaries(db, scope, { year: q.year, unitPath: unit?.path, status: q.status });
      return rows.map((r) => ({
        id: r.id,
        year: Number(r.year),
        org: { id: r.ownerOrgId, name: r.orgName, code: r.orgCode, kind: r.orgKind },
        status: r.status,
        templateId: r.templateId,
        version: Number(r.version),
        generatedAt: r.generatedAt,
        frozenAt: r.frozenAt,
        updatedAt: r.updatedAt,
      }));
    },

    /** Fills every placeholder from the facts and stores the result as a draft (a new version if one exists). */
    async generate(access: Access, input: { year: number; org?: string; templateId?: string; overwrite?: boolean }): Promise<SummaryOut> {
      const { unit, templateId, content } = await service.compose(access, input);
      const existing = await repo.findSummaryByOrgYear(db, unit.id, input.year);
      if (existing?.status === 'frozen') throw new ConflictError('该年度总结已定稿，不能重新生成');
      if (existing?.status === 'edited' && !input.overwrite)
        throw new ConflictError('该总结已有人工修改，重新生成将以新草稿覆盖（修改内容保留在历史版本中）；请确认后重试');
      const at = clock.now().toISOString();
      let id = existing?.id;
      if (existing) {
        await saveVersion(access, existing.id, unit.id, Number(existing.version), {
          status: 'draft',
          content,
          action: 'generate',
          extra: { templateId },
          patch: { templateId, generatedAt: at },
        });
      } else {
        id = newId();
        try {
          await db.transaction().execute(async (trx) => {
            await repo.insertSummary(trx, {
              id: id!,
              ownerOrgId: unit.id,
              year: input.year,
              status: 'draft',
              templateId,
              version: 1,
              content: JSON.stringify(content),
              generatedAt: at,
              frozenAt: null,
              frozenBy: null,
              createdAt: at,
              updatedAt: at,
            });
            await repo.insertSummaryVersion(trx, {
              id: newId(),
              summaryId: id!,
              version: 1,
              status: 'draft',
              action: 'generate',
              content: JSON.stringify(content),
              createdAt: at,
              createdBy: access.audit.actorId,
            });
            await appendAudit(trx, clock, access.audit, {
              action: 'report.generate',
              entityType: 'report_summary',
              entityId: id,
              orgUnitId: unit.id,
              detail: { year: input.year, templateId, version: 1 },
            });
          });
        } catch (err) {
          // Two people generating the same unit's first summary at once: one wins the unique (unit, year) key.
          if (/unique|23505/i.test(`${(err as { code?: string }).code ?? ''} ${(err as Error).message}`))
            throw new ConflictError('该年度总结刚由他人生成，请刷新后查看');
          throw err;
        }
      }
      return service.get(access, id!);
    },

    async get(access: Access, id: string): Promise<SummaryOut> {
      const { row, unit } = await unitOfSummary(access, 'reports.read', id);
      return presentSummary(row, unit, access);
    },

    /**
     * Replaces one paragraph's text. Figures cannot be typed in: the new text refers to the paragraph's own
     * figures by position, so every number that stays in the text stays linked to its records.
     */
    async editParagraph(access: Access, id: string, input: EditParagraph): Promise<SummaryOut> {
      const { row, unit } = await unitOfSummary(access, 'reports.write', id);
      if (row.status === 'frozen') throw new ConflictError('总结已定稿，不能修改');
      if (Number(row.version) !== input.version) throw new ConflictError('该总结已被他人修改，请刷新后重试');
      const content = JSON.parse(row.content) as SummaryContent;
      const block = [...content.preamble, ...content.sections.flatMap((s) => [...s.blocks, ...s.sections.flatMap((x) => x.blocks)])].find(
        (b) => b.id === input.blockId,
      );
      if (block?.type !== 'paragraph') throw fieldError('blockId', '段落不存在');
      const figures = block.segments.flatMap((s) => (s.t === 'fig' ? [s.figure] : []));
      const segments: SummarySegment[] = [];
      for (const s of input.segments) {
        if (s.t === 'fig') {
          if (s.index >= figures.length) throw fieldError('segments', '段落中的数据只能保留或删除，不能新增');
          segments.push({ t: 'fig', figure: figures[s.index] });
        } else if (s.text) {
          const prev = segments[segments.length - 1];
          if (prev?.t === 'text') prev.text += s.text;
          else segments.push({ t: 'text', text: s.text });
        }
      }
      block.segments = segments;
      block.role = 'body';
      await saveVersion(access, id, unit.id, Number(row.version), {
        status: 'edited',
        content: summaryContentSchema.parse(content),
        action: 'edit',
        extra: { blockId: input.blockId },
      });
      return service.get(access, id);
    },

    /** Puts the current values into every figure, keeping the edited text (before freezing). */
    async refresh(access: Access, id: string, version: number): Promise<SummaryOut> {
      const { row, unit } = await unitOfSummary(access, 'reports.write', id);
      if (row.status === 'frozen') throw new ConflictError('总结已定稿，数据不再更新');
      if (Number(row.version) !== version) throw new ConflictError('该总结已被他人修改，请刷新后重试');
      const content = JSON.parse(row.content) as SummaryContent;
      const current = await currentFigures(access, unit, Number(row.year), content);
      const get = (f: SummaryFigure) => current.get(factRefKey(f.fact, f.params));
      const visit = (blocks: SummaryContent['preamble']) => {
        for (const b of blocks) {
          if (b.type === 'paragraph') for (const s of b.segments) if (s.t === 'fig') s.figure = refreshFigure(s.figure, get(s.figure));
          if (b.type === 'table')
            for (const r of b.rows) for (const s of r.segments) if (s.t === 'fig') s.figure = refreshFigure(s.figure, get(s.figure));
          if (b.type === 'chart') {
            const o = get(b.figure);
            b.figure = refreshFigure(b.figure, o);
            b.breakdown = o?.out.breakdown ?? [];
          }
        }
      };
      visit(content.preamble);
      for (const s of content.sections) {
        visit(s.blocks);
        for (const sub of s.sections) visit(sub.blocks);
      }
      await saveVersion(access, id, unit.id, Number(row.version), { status: row.status, content, action: 'refresh' });
      return service.get(access, id);
    },

    /** Freezes the summary as it stands: its text and figures never change again, whatever happens to the records. */
    async freeze(access: Access, id: string, version: number): Promise<SummaryOut> {
      const { row, unit } = await unitOfSummary(access, 'reports.write', id);
      if (row.status === 'frozen') throw new ConflictError('总结已定稿');
      if (Number(row.version) !== version) throw new ConflictError('该总结已被他人修改，请刷新后重试');
      const content = JSON.parse(row.content) as SummaryContent;
      // A prompt frozen in would go into the 公文 and the .docx as body text: the writer replaces each one first.
      const placeholders = summaryPlaceholders(content);
      if (placeholders.length > 0) {
        const sections = [...new Set(placeholders.map((p) => p.section))];
        throw new ConflictError(
          `尚有${placeholders.length}段待撰写内容（${sections.join('；')}），请撰写后再定稿`,
          placeholders.map((p) => ({ path: `blocks.${p.blockId}`, message: `${p.section}：待撰写` })),
        );
      }
      const at = clock.now().toISOString();
      await saveVersion(access, id, unit.id, Number(row.version), {
        status: 'frozen',
        content,
        action: 'freeze',
        patch: { frozenAt: at, frozenBy: access.audit.actorId },
      });
      return service.get(access, id);
    },

    /** The figures whose value today differs from what the summary says (the "moved since" notice). */
    async moved(access: Access, id: string): Promise<MovedFigure[]> {
      const { row, unit } = await unitOfSummary(access, 'reports.read', id);
      const content = JSON.parse(row.content) as SummaryContent;
      const current = await currentFigures(access, unit, Number(row.year), content);
      const out: MovedFigure[] = [];
      const seen = new Set<string>();
      for (const { blockId, figure } of figuresOf(content)) {
        const key = factRefKey(figure.fact, figure.params);
        const now = current.get(key)!.out;
        if (now.status === figure.status && now.value === figure.value) continue;
        // A reader who may not see a figure cannot tell whether it moved: say nothing rather than guess.
        if (now.status === 'forbidden') continue;
        if (seen.has(`${blockId}|${key}`)) continue;
        seen.add(`${blockId}|${key}`);
        out.push({
          blockId,
          figure,
          currentValue: now.value,
          currentText: now.status === 'ok' && now.kind ? formatFactValue(now.kind, now.value) : now.text,
          currentStatus: now.status,
        });
      }
      return out;
    },

    async versions(access: Access, id: string): Promise<SummaryVersion[]> {
      await unitOfSummary(access, 'reports.read', id);
      return (await repo.listSummaryVersions(db, id)).map((v) => ({
        version: Number(v.version),
        status: v.status,
        action: v.action,
        createdAt: v.createdAt,
        createdBy: v.createdBy ?? null,
      }));
    },

    async version(
      access: Access,
      id: string,
      version: number,
    ): Promise<{ version: number; status: SummaryStatus; action: string; createdAt: string; content: SummaryContent }> {
      await unitOfSummary(access, 'reports.read', id);
      const v = await repo.findSummaryVersion(db, id, version);
      if (!v) throw new NotFoundError('版本');
      return { version: Number(v.version), status: v.status, action: v.action, createdAt: v.createdAt, content: JSON.parse(v.content) };
    },

    /** The summary (or one of its versions) as .docx, Markdown or the print view; exporting is audited. */
    async export(access: Access, id: string, format: ExportFormat, version?: number): Promise<ExportFile> {
      const { row, unit } = await unitOfSummary(access, 'reports.read', id);
      const content = version ? (await service.version(access, id, version)).content : (JSON.parse(row.content) as SummaryContent);
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, access.audit, {
          action: 'export',
          entityType: 'report_summary',
          entityId: id,
          orgUnitId: unit.id,
          detail: { format, version: version ?? Number(row.version) },
        }),
      );
      return renderExport(content, format, `${unit.name}${row.year}年工作总结`);
    },
  };
  return service;
}

export async function renderExport(content: SummaryContent, format: ExportFormat, baseName: string): Promise<ExportFile> {
  switch (format) {
    case 'docx':
      return {
        body: await summaryToDocx(content),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        filename: `${baseName}.docx`,
      };
    case 'md':
      return { body: summaryToMarkdown(content), contentType: 'text/markdown; charset=utf-8', filename: `${baseName}.md` };
    case 'html':
      return { body: summaryToHtml(content), contentType: 'text/html; charset=utf-8', filename: `${baseName}.html` };
  }
}

export type ReportsService = ReturnType<typeof createReportsService>;
