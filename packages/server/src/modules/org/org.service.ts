import {
  childFederationLevel,
  codeProblem,
  GEOGRAPHIC_KINDS,
  levelForKind,
  parentProblem,
  type CreateOrgUnit,
  type OrgKind,
  type OrgLevel,
  type OrgUnit,
} from '@jinguo/domain';
import type { z } from 'zod';
import type { updateOrgUnitSchema } from '@jinguo/domain';
import { dialectOf, type Db } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit, diff } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import * as repo from './org.repository.js';

export type OrgService = ReturnType<typeof createOrgService>;

export function presentUnit(u: repo.OrgUnitRow & { childCount?: number | null }): OrgUnit {
  return {
    id: u.id,
    parentId: u.parentId,
    name: u.name,
    kind: u.kind,
    level: u.level,
    code: u.code,
    agencyType: u.agencyType,
    depth: u.depth,
    active: u.active === 1,
    sortOrder: u.sortOrder,
    version: Number(u.version),
    childCount: u.childCount == null ? undefined : Number(u.childCount),
  };
}

const codeTaken = () => new ConflictError('代码已被其他单位使用', [{ path: 'code', message: '代码已被其他单位使用' }]);
const nameTaken = () => new ConflictError('同一上级单位下已有同名单位', [{ path: 'name', message: '同一上级单位下已有同名单位' }]);

/** Checks a unit's code against its level (6/9/12 digits) and its parent's code (a township code extends its district's). */
function checkCode(
  code: string | null | undefined,
  level: OrgLevel | null,
  parent: { code: string | null; level: OrgLevel | null } | null,
) {
  const problem = codeProblem(code, level, parent);
  if (problem) throw fieldError('code', problem);
}

/** The tree mirrors the administrative map: a village under a township, a township under a district, a district under a city. */
function checkParent(kind: OrgKind, level: OrgLevel | null, parent: { kind: OrgKind; level: OrgLevel | null }, field: string) {
  const problem = parentProblem({ kind, level }, parent);
  if (problem) throw fieldError(field, problem);
}

export function createOrgService({ db, clock }: { db: Db; clock: Clock }) {
  /** The unit as stored after a change (its version moved). */
  async function current(id: string) {
    return presentUnit((await repo.findUnit(db, id))!);
  }

  /** A unit inside the caller's scope for the permission, or 404 (outside scope is "not found"). */
  async function loadInScope(actor: Actor, permission: 'org.read' | 'org.manage', id: string) {
    const scope = requirePermission(actor, permission);
    const unit = await repo.findUnit(db, id);
    if (!unit || !pathInScope(scope, unit.path)) throw new NotFoundError('单位');
    return { unit, scope };
  }

  /** Runs a write; a unique constraint that a concurrent write won is a 409 on the field it guards, not a 500. */
  async function write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err)) throw codeTaken();
      throw err;
    }
  }

  return {
    /** The tops of the caller's visible tree, with their children counts. */
    async listRoots(actor: Actor) {
      const scope = requirePermission(actor, 'org.read');
      return (await repo.listScopeRoots(db, scope)).map(presentUnit);
    },

    async listChildren(actor: Actor, parentId: string) {
      const { scope } = await loadInScope(actor, 'org.read', parentId);
      return (await repo.listChildren(db, scope, parentId)).map(presentUnit);
    },

    async search(actor: Actor, q: { q?: string; kind?: OrgKind[]; activeOnly?: boolean; limit?: number }) {
      const scope = requirePermission(actor, 'org.read');
      return (await repo.searchUnits(db, scope, { text: q.q, kinds: q.kind, activeOnly: q.activeOnly, limit: q.limit ?? 50 })).map(
        presentUnit,
      );
    },

    /** One unit with its ancestors (breadcrumb) and whether the caller may manage it. */
    async get(actor: Actor, id: string) {
      const { unit } = await loadInScope(actor, 'org.read', id);
      const [ancestors, { n }] = await Promise.all([repo.listAncestors(db, unit.path), repo.countChildren(db, unit.id)]);
      const canManage = can(actor, 'org.manage') && pathInScope(requirePermission(actor, 'org.manage'), unit.path);
      return { ...presentUnit({ ...unit, childCount: n }), ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })), canManage };
    },

    /** Adds a unit under a parent inside the caller's manage scope. */
    async create(actor: Actor, input: CreateOrgUnit) {
      const { unit: parent } = await loadInScope(actor, 'org.manage', input.parentId).catch((err) => {
        if (err instanceof NotFoundError) throw fieldError('parentId', '上级单位不存在或无权管理');
        throw err;
      });
      if (!parent.active) throw fieldError('parentId', '上级单位已停用');
      // A federation under a city is a district's, under a province a city's: the level follows the parent's.
      const level = input.level ?? (input.kind === 'federation' ? childFederationLevel(parent.level) : levelForKind(input.kind));
      checkParent(input.kind, level, parent, input.kind === 'federation' && input.level ? 'level' : 'kind');
      if (!GEOGRAPHIC_KINDS.includes(input.kind) && input.code && !/^\d{6,12}$/.test(input.code))
        throw fieldError('code', '代码格式不正确');
      checkCode(input.code, level, parent);
      if (input.kind === 'agency' && !input.agencyType) throw fieldError('agencyType', '合作机构须选择机构类别');
      if (input.code && (await repo.findUnitByCode(db, input.code))) throw codeTaken();
      if (await repo.findSiblingByName(db, parent.id, input.name)) throw nameTaken();
      const id = newId();
      const at = clock.now().toISOString();
      const row = {
        id,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        kind: input.kind,
        level: level ?? null,
        code: input.code ?? null,
        name: input.name,
        agencyType: input.kind === 'agency' ? (input.agencyType ?? null) : null,
        active: 1,
        sortOrder: input.sortOrder ?? 0,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      await write(() =>
        db.transaction().execute(async (trx) => {
          await repo.insertUnit(trx, row);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'create',
            entityType: 'org_unit',
            entityId: id,
            orgUnitId: id,
            detail: {
              after: {
                name: row.name,
                kind: row.kind,
                level: row.level,
                code: row.code,
                agencyType: row.agencyType,
                parentId: row.parentId,
              },
            },
          });
        }),
      );
      return presentUnit({ ...row, childCount: 0 });
    },

    /**
     * Renames or re-codes a unit; a new code is checked against the level and the parent's code, and coded
     * descendants follow it. With `ifMatch` only if the unit is still at that version (else 412 naming who changed it).
     */
    async update(actor: Actor, id: string, patch: z.infer<typeof updateOrgUnitSchema>, ifMatch?: number | null) {
      const { unit } = await loadInScope(actor, 'org.manage', id);
      const parent = unit.parentId ? await repo.findUnit(db, unit.parentId) : undefined;
      const codeChanged = patch.code !== undefined && patch.code !== unit.code;
      if (codeChanged) {
        checkCode(patch.code, unit.level, parent ?? null);
        if (patch.code && (await repo.findUnitByCode(db, patch.code))) throw codeTaken();
      }
      if (
        patch.name !== undefined &&
        patch.name !== unit.name &&
        unit.parentId &&
        (await repo.findSiblingByName(db, unit.parentId, patch.name, id))
      )
        throw nameTaken();
      if (unit.kind === 'agency' && patch.agencyType === null) throw fieldError('agencyType', '合作机构须选择机构类别');
      if (unit.kind !== 'agency' && patch.agencyType) throw fieldError('agencyType', '只有合作机构有机构类别');
      const next: repo.OrgUnitRow = {
        ...unit,
        name: patch.name ?? unit.name,
        code: patch.code !== undefined ? patch.code : unit.code,
        agencyType: patch.agencyType !== undefined ? patch.agencyType : unit.agencyType,
        sortOrder: patch.sortOrder ?? unit.sortOrder,
      };
      const changes = diff(unit, next);
      if (Object.keys(changes).length === 0) return presentUnit(unit);
      const at = clock.now().toISOString();
      await write(() =>
        db.transaction().execute(async (trx) => {
          await assertVersion(trx, dialectOf(trx), { table: 'org_units', id, expected: ifMatch, entityType: 'org_unit', what: '单位' });
          await repo.updateUnit(trx, id, {
            name: next.name,
            code: next.code,
            agencyType: next.agencyType,
            sortOrder: next.sortOrder,
            updatedAt: at,
          });
          if (codeChanged && unit.code && next.code) await repo.recodeSubtree(trx, unit.path, unit.code, next.code, at);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'update',
            entityType: 'org_unit',
            entityId: id,
            orgUnitId: id,
            detail: { changes },
          });
        }),
      );
      return current(id);
    },

    /**
     * Moves a unit (and its whole subtree: paths and depths) under a new parent; a unit cannot move into its own
     * subtree. A coded unit moving under a parent with another code takes a new code (`code`), and its coded
     * descendants follow.
     */
    async move(actor: Actor, id: string, parentId: string, code?: string | null) {
      const { unit, scope } = await loadInScope(actor, 'org.manage', id);
      if (!unit.parentId) throw new ValidationError('顶级单位不能移动');
      const parent = await repo.findUnit(db, parentId);
      if (!parent || !pathInScope(scope, parent.path)) throw fieldError('parentId', '目标上级单位不存在或无权管理');
      if (parent.path.startsWith(unit.path)) throw fieldError('parentId', '不能移动到本单位或其下级单位之下');
      if (!parent.active) throw fieldError('parentId', '目标上级单位已停用');
      checkParent(unit.kind, unit.level, parent, 'parentId');
      const nextCode = code !== undefined ? code : unit.code;
      if (parent.id === unit.parentId && nextCode === unit.code) return presentUnit(unit);
      checkCode(nextCode, unit.level, parent);
      if (nextCode && nextCode !== unit.code && (await repo.findUnitByCode(db, nextCode))) throw codeTaken();
      if (await repo.findSiblingByName(db, parent.id, unit.name, unit.id)) throw nameTaken();
      const newPath = `${parent.path}${unit.id}/`;
      const at = clock.now().toISOString();
      const { n: moved } = await repo.countSubtree(db, unit.path);
      await write(() =>
        db.transaction().execute(async (trx) => {
          await repo.moveSubtree(trx, unit.path, newPath, parent.depth + 1 - unit.depth, at);
          await repo.updateUnit(trx, id, { parentId: parent.id, code: nextCode });
          if (unit.code && nextCode && nextCode !== unit.code) await repo.recodeSubtree(trx, newPath, unit.code, nextCode, at);
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'move',
            entityType: 'org_unit',
            entityId: id,
            orgUnitId: id,
            detail: {
              fromParentId: unit.parentId,
              toParentId: parent.id,
              units: Number(moved),
              ...(nextCode !== unit.code && { code: [unit.code, nextCode] }),
            },
          });
        }),
      );
      return current(id);
    },

    /** Deactivates (never deletes: records refer to units); a unit with active children cannot be deactivated. */
    async setActive(actor: Actor, id: string, active: boolean) {
      const { unit } = await loadInScope(actor, 'org.manage', id);
      if (unit.active === (active ? 1 : 0)) return presentUnit(unit);
      if (!unit.parentId && !active) throw new ValidationError('顶级单位不能停用');
      if (!active && Number((await repo.countActiveChildren(db, id)).n) > 0) throw new ConflictError('请先停用其下级单位');
      if (active && unit.parentId) {
        const parent = await repo.findUnit(db, unit.parentId);
        if (parent && !parent.active) throw new ConflictError('上级单位已停用，请先启用上级单位');
      }
      await db.transaction().execute(async (trx) => {
        await repo.updateUnit(trx, id, { active: active ? 1 : 0, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: active ? 'activate' : 'deactivate',
          entityType: 'org_unit',
          entityId: id,
          orgUnitId: id,
        });
      });
      return current(id);
    },
  };
}
