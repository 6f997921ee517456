import { expectedCodeLength, levelForKind, type CreateOrgUnit, type OrgKind, type OrgUnit } from '@jinguo/domain';
import { z } from 'zod';
import { updateOrgUnitSchema } from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit, diff } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './org.repository.js';

export type OrgService = ReturnType<typeof createOrgService>;

const GEOGRAPHIC: OrgKind[] = ['federation', 'township', 'street', 'village', 'community'];

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
    childCount: u.childCount == null ? undefined : Number(u.childCount),
  };
}

/** Checks a unit's code against its level (6/9/12 digits) and its parent's code (a township code extends its district's). */
function checkCode(code: string | null | undefined, level: string | null | undefined, parentCode: string | null) {
  if (!code) return;
  const expected = expectedCodeLength(level as never);
  if (expected && code.length !== expected) throw fieldError('code', `该层级的代码应为${expected}位数字`);
  if (expected && parentCode && parentCode.length < code.length && !code.startsWith(parentCode)) {
    throw fieldError('code', `代码应以上级单位代码 ${parentCode} 开头`);
  }
}

export function createOrgService({ db, clock }: { db: Db; clock: Clock }) {
  /** A unit inside the caller's scope for the permission, or 404 (outside scope is "not found"). */
  async function loadInScope(actor: Actor, permission: 'org.read' | 'org.manage', id: string) {
    const scope = requirePermission(actor, permission);
    const unit = await repo.findUnit(db, id);
    if (!unit || !pathInScope(scope, unit.path)) throw new NotFoundError('单位');
    return { unit, scope };
  }

  return {
    /** The tops of the caller's visible tree, with their children counts. */
    async listRoots(actor: Actor) {
      const scope = requirePermission(actor, 'org.read');
      const roots = await repo.listScopeRoots(db, scope);
      const out: OrgUnit[] = [];
      for (const r of roots) {
        const children = await repo.listChildren(db, scope, r.id);
        out.push({ ...presentUnit(r), childCount: children.length });
      }
      return out;
    },

    async listChildren(actor: Actor, parentId: string) {
      const { scope } = await loadInScope(actor, 'org.read', parentId);
      return (await repo.listChildren(db, scope, parentId)).map(presentUnit);
    },

    async search(actor: Actor, q: { q?: string; kind?: OrgKind[]; activeOnly?: boolean; limit?: number }) {
      const scope = requirePermission(actor, 'org.read');
      return (await repo.searchUnits(db, scope, { text: q.q, kinds: q.kind, activeOnly: q.activeOnly, limit: q.limit ?? 50 })).map(presentUnit);
    },

    async get(actor: Actor, id: string) {
      const { unit } = await loadInScope(actor, 'org.read', id);
      const ancestors = await repo.listAncestors(db, unit.path);
      return { ...presentUnit(unit), ancestors: ancestors.map((a) => ({ id: a.id, name: a.name })) };
    },

    /** Adds a unit under a parent inside the caller's manage scope. */
    async create(actor: Actor, input: CreateOrgUnit) {
      const { unit: parent } = await loadInScope(actor, 'org.manage', input.parentId).catch(() => {
        throw fieldError('parentId', '上级单位不存在或无权管理');
      });
      if (!parent.active) throw fieldError('parentId', '上级单位已停用');
      const level = input.level ?? levelForKind(input.kind);
      if (!GEOGRAPHIC.includes(input.kind) && input.code && !/^\d{6,12}$/.test(input.code)) throw fieldError('code', '代码格式不正确');
      checkCode(input.code, level, parent.code);
      if (input.kind === 'agency' && !input.agencyType) throw fieldError('agencyType', '合作机构须选择机构类别');
      if (input.code && (await repo.findUnitByCode(db, input.code))) throw new ConflictError('代码已被其他单位使用', [{ path: 'code', message: '代码已被其他单位使用' }]);
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
        createdAt: at,
        updatedAt: at,
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertUnit(trx, row);
        await appendAudit(trx, clock, auditActor(actor), { action: 'create', entityType: 'org_unit', entityId: id, orgUnitId: id, detail: { after: { name: row.name, kind: row.kind, code: row.code, parentId: row.parentId } } });
      });
      return presentUnit(row);
    },

    async update(actor: Actor, id: string, patch: z.infer<typeof updateOrgUnitSchema>) {
      const { unit } = await loadInScope(actor, 'org.manage', id);
      if (patch.code !== undefined && patch.code !== unit.code) {
        const parent = unit.parentId ? await repo.findUnit(db, unit.parentId) : undefined;
        checkCode(patch.code, unit.level, parent?.code ?? null);
        if (patch.code && (await repo.findUnitByCode(db, patch.code))) throw new ConflictError('代码已被其他单位使用', [{ path: 'code', message: '代码已被其他单位使用' }]);
      }
      const next = { ...unit, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
      await db.transaction().execute(async (trx) => {
        await repo.updateUnit(trx, id, { name: next.name, code: next.code ?? null, agencyType: next.agencyType ?? null, sortOrder: next.sortOrder, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), { action: 'update', entityType: 'org_unit', entityId: id, orgUnitId: id, detail: { changes: diff(unit, next) } });
      });
      return presentUnit(next as repo.OrgUnitRow);
    },

    /** Moves a unit (and its whole subtree) under a new parent; a unit cannot move into its own subtree. */
    async move(actor: Actor, id: string, parentId: string) {
      const { unit, scope } = await loadInScope(actor, 'org.manage', id);
      if (!unit.parentId) throw new ValidationError('顶级单位不能移动');
      const parent = await repo.findUnit(db, parentId);
      if (!parent || !pathInScope(scope, parent.path)) throw fieldError('parentId', '目标上级单位不存在或无权管理');
      if (parent.path.startsWith(unit.path)) throw fieldError('parentId', '不能移动到本单位或其下级单位之下');
      if (!parent.active) throw fieldError('parentId', '目标上级单位已停用');
      if (parent.id === unit.parentId) return presentUnit(unit);
      const newPath = `${parent.path}${unit.id}/`;
      await db.transaction().execute(async (trx) => {
        await repo.moveSubtree(trx, unit.path, newPath, parent.depth + 1 - unit.depth, clock.now().toISOString());
        await repo.updateUnit(trx, id, { parentId: parent.id });
        await appendAudit(trx, clock, auditActor(actor), { action: 'move', entityType: 'org_unit', entityId: id, orgUnitId: id, detail: { fromParentId: unit.parentId, toParentId: parent.id } });
      });
      return presentUnit({ ...unit, parentId: parent.id, path: newPath, depth: parent.depth + 1 });
    },

    /** Deactivates (never deletes: records refer to units); a unit with active children cannot be deactivated. */
    async setActive(actor: Actor, id: string, active: boolean) {
      const { unit } = await loadInScope(actor, 'org.manage', id);
      if (!unit.parentId && !active) throw new ValidationError('顶级单位不能停用');
      if (!active && Number((await repo.countActiveChildren(db, id)).n) > 0) throw new ConflictError('请先停用其下级单位');
      if (active && unit.parentId) {
        const parent = await repo.findUnit(db, unit.parentId);
        if (parent && !parent.active) throw new ConflictError('上级单位已停用，请先启用上级单位');
      }
      await db.transaction().execute(async (trx) => {
        await repo.updateUnit(trx, id, { active: active ? 1 : 0, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), { action: active ? 'activate' : 'deactivate', entityType: 'org_unit', entityId: id, orgUnitId: id });
      });
      return presentUnit({ ...unit, active: active ? 1 : 0 });
    },
  };
}
