import type { Programme, ProgrammeInput } from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { assertVersion } from '../../platform/versioning.js';
import { newId } from '../../platform/ids.js';
import * as repo from './relief.repository.js';
import type { ReliefContext } from './relief.context.js';
import { presentProgramme } from './relief.present.js';

/** Relief programmes: their rules, quota, paying account and where they report to. */
export function createProgrammeService(ctx: ReliefContext) {
  const { db, dialect, clock, checkProgrammeFields } = ctx;
  return {
    // ---------- programmes ----------

    async listProgrammes(actor: Actor, q: { year?: number }): Promise<Programme[]> {
      const scope = requirePermission(actor, 'relief.read');
      const rows = await repo.listProgrammes(db, scope, q);
      const counts = await repo.countByStatus(
        db,
        scope,
        rows.map((r) => r.id),
      );
      return rows.map((r) =>
        presentProgramme(r, Object.fromEntries(counts.filter((c) => c.programmeId === r.id).map((c) => [c.status, Number(c.n)]))),
      );
    },

    async getProgramme(actor: Actor, id: string): Promise<Programme> {
      const scope = requirePermission(actor, 'relief.read');
      const p = await repo.findProgrammeVisible(db, scope, id);
      if (!p) throw new NotFoundError('项目');
      const counts = await repo.countByStatus(db, scope, [id]);
      return presentProgramme(p, Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])));
    },

    /** Sets up a programme of the caller's unit (programme officer or leader): rules, quota, reporting, fund account. */
    async createProgramme(actor: Actor, input: ProgrammeInput): Promise<Programme> {
      const scope = requirePermission(actor, 'relief.approve');
      const ownerOrgId = scope.paths[0].split('/').filter(Boolean).pop()!;
      await checkProgrammeFields(scope, input);
      if (await repo.findProgrammeByCodeYear(db, ownerOrgId, input.code, input.year))
        throw new ConflictError(`${input.year}年已有代码为 ${input.code} 的项目`, [{ path: 'code', message: '该年度已有此代码的项目' }]);
      const at = clock.now().toISOString();
      const row = {
        id: newId(),
        ownerOrgId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        year: input.year,
        rules: JSON.stringify(input.rules),
        quota: input.quota ?? null,
        reportTo: JSON.stringify(input.reportTo),
        fundAccountId: input.fundAccountId ?? null,
        grantAmountFen: input.grantAmountFen ?? null,
        description: input.description ?? null,
        active: 1,
        createdAt: at,
        updatedAt: at,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertProgramme(trx, row);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'relief_programme',
          entityId: row.id,
          orgUnitId: ownerOrgId,
          detail: {
            after: { code: row.code, name: row.name, year: row.year, rules: input.rules, quota: row.quota, reportTo: input.reportTo },
          },
        });
      });
      return presentProgramme({ ...row, version: 1, fundAccountName: null });
    },

    async updateProgramme(
      actor: Actor,
      id: string,
      patch: Partial<ProgrammeInput> & { active?: boolean },
      ifMatch?: number | null,
    ): Promise<Programme> {
      const scope = requirePermission(actor, 'relief.approve');
      const p = await repo.findProgramme(db, id);
      if (!p || !pathInScope(scope, p.ownerPath)) throw new NotFoundError('项目');
      await checkProgrammeFields(scope, patch);
      const next = {
        name: patch.name ?? p.name,
        kind: patch.kind ?? p.kind,
        rules: patch.rules ? JSON.stringify(patch.rules) : p.rules,
        quota: patch.quota === undefined ? p.quota : patch.quota,
        reportTo: patch.reportTo ? JSON.stringify(patch.reportTo) : p.reportTo,
        fundAccountId: patch.fundAccountId === undefined ? p.fundAccountId : patch.fundAccountId,
        grantAmountFen: patch.grantAmountFen === undefined ? p.grantAmountFen : patch.grantAmountFen,
        description: patch.description === undefined ? p.description : patch.description,
        active: patch.active === undefined ? p.active : patch.active ? 1 : 0,
        updatedAt: clock.now().toISOString(),
      };
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, {
          table: 'relief_programmes',
          id,
          expected: ifMatch,
          entityType: 'relief_programme',
          what: '救助项目',
        });
        await repo.updateProgramme(trx, id, next);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'relief_programme',
          entityId: id,
          orgUnitId: p.ownerOrgId,
          detail: { changes: patch },
        });
      });
      return this.getProgramme(actor, id);
    },
  };
}
