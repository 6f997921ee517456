import type { FastifyReply } from 'fastify';
import {
  ASSOCIATION_MEMBER_KIND_LABELS,
  createAssociationSchema,
  memberSchemaInput,
  shanghaiDate,
  updateAssociationSchema,
  type AssociationMemberInput,
  type CreateAssociation,
  type MemberListQuery,
} from '@jinguo/domain';
import type { z } from 'zod';
import { dialectOf, type Db } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import {
  cells,
  keysetRows,
  sendExport,
  sendTemplate,
  startImport,
  type ExportSpec,
  type ImportSpec,
  type UploadSource,
} from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import * as repo from './associations.repository.js';
import type { AssociationMembersTable } from './associations.tables.js';
import { validate } from '../../platform/validate.js';
import { findUnit } from '../org/index.js';

export type AssociationsService = ReturnType<typeof createAssociationsService>;

type MemberImportRow = {
  memberKind: 'person' | 'organisation' | null;
  name: string;
  unitName: string | null;
  role: string;
  joinedOn: string;
  leftOn: string | null;
  note: string | null;
};
type MemberImportContext = { associationId: string; ownerOrgId: string; clock: Clock };

/** The member list's Excel template and import (the shared mechanism, platform/excel.ts). */
export const membersImport: ImportSpec<MemberImportRow, MemberImportContext> = {
  kind: 'associations.members',
  title: '协会会员名单',
  columns: [
    {
      key: 'memberKind',
      header: '会员类型',
      example: '个人会员',
      note: '个人会员 或 单位会员；不填为个人会员',
      parse: cells.oneOf(ASSOCIATION_MEMBER_KIND_LABELS),
    },
    { key: 'name', header: '会员名称', required: true, example: '周丽', parse: cells.text(100) },
    { key: 'unitName', header: '工作单位', example: '示例区川力实业有限公司', parse: cells.text(100) },
    {
      key: 'role',
      header: '职务',
      required: true,
      example: '理事',
      note: '如 会长、副会长、秘书长、常务理事、理事、会员',
      parse: cells.text(20),
    },
    { key: 'joinedOn', header: '加入日期', required: true, example: '2026-03-08', parse: cells.date() },
    { key: 'leftOn', header: '退出日期', example: '', parse: cells.date() },
    { key: 'note', header: '备注', example: '', parse: cells.text(500) },
  ],
  validateRow: (v) => (v.leftOn && v.leftOn < v.joinedOn ? [{ column: 'leftOn', message: '退出日期不能早于加入日期' }] : []),
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    await repo.insertMembers(
      trx,
      rows.map(({ values: v }) => ({
        id: newId(),
        associationId: ctx.associationId,
        ownerOrgId: ctx.ownerOrgId,
        memberKind: v.memberKind ?? 'person',
        name: v.name,
        unitName: v.unitName,
        role: v.role,
        joinedOn: v.joinedOn,
        leftOn: v.leftOn,
        note: v.note,
        createdAt: at,
        updatedAt: at,
      })),
    );
    return { created: rows.length };
  },
};

export const membersExport: ExportSpec<AssociationMembersTable> = {
  kind: 'associations.members',
  title: '协会会员名单',
  entityType: 'association',
  columns: [
    { key: 'memberKind', header: '会员类型', value: (r) => ASSOCIATION_MEMBER_KIND_LABELS[r.memberKind] },
    { key: 'name', header: '会员名称', width: 20 },
    { key: 'unitName', header: '工作单位', width: 24 },
    { key: 'role', header: '职务' },
    { key: 'joinedOn', header: '加入日期', format: 'date' },
    { key: 'leftOn', header: '退出日期', format: 'date' },
    { key: 'note', header: '备注', width: 24 },
  ],
};

/** Associations and their members; their activities are the events that name them (activities module). */
export function createAssociationsService({ db, clock }: { db: Db; clock: Clock }) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());
  const year = () => today().slice(0, 4);

  async function load(actor: Actor, id: string, permission: 'associations.read' | 'associations.write') {
    const scope = requirePermission(actor, permission);
    const a = await repo.findAssociation(db, id);
    if (!a || !pathInScope(scope, a.ownerOrgPath)) throw new NotFoundError('协会');
    return { a, scope };
  }

  async function present(actor: Actor, id: string) {
    const scope = requirePermission(actor, 'associations.read');
    const [row] = await repo.listAssociations(db, scope, today(), `${year()}-01-01`, `${year()}-12-31`, id);
    return presentRow(row);
  }

  function presentRow(r: Awaited<ReturnType<typeof repo.listAssociations>>[number]) {
    return {
      id: r.id,
      ownerOrgId: r.ownerOrgId,
      ownerOrgName: r.ownerOrgName,
      name: r.name,
      kind: r.kind,
      foundedOn: r.foundedOn,
      contactName: r.contactName,
      description: r.description,
      active: r.active === 1,
      members: Number(r.members ?? 0),
      activitiesThisYear: Number(r.activitiesThisYear ?? 0),
      version: Number(r.version),
    };
  }

  return {
    async list(actor: Actor) {
      const scope = requirePermission(actor, 'associations.read');
      return (await repo.listAssociations(db, scope, today(), `${year()}-01-01`, `${year()}-12-31`)).map(presentRow);
    },

    async get(actor: Actor, id: string) {
      await load(actor, id, 'associations.read');
      return present(actor, id);
    },

    async create(actor: Actor, body: CreateAssociation) {
      const scope = requirePermission(actor, 'associations.write');
      const v = validate(createAssociationSchema, body);
      const unit = await findUnit(db, v.ownerOrgId);
      if (!unit || !pathInScope(scope, unit.path)) throw fieldError('ownerOrgId', '主管单位不存在或不在您的工作范围内');
      if (await repo.findAssociationByName(db, v.ownerOrgId, v.name))
        throw new ConflictError('已有同名协会', [{ path: 'name', message: '已有同名协会' }]);
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertAssociation(trx, {
          id,
          ownerOrgId: v.ownerOrgId,
          name: v.name,
          kind: v.kind,
          foundedOn: v.foundedOn ?? null,
          contactName: v.contactName ?? null,
          description: v.description ?? null,
          active: 1,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'association',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { name: v.name, kind: v.kind } },
        });
      });
      return present(actor, id);
    },

    /** Edits an association; with `ifMatch` only if it is still at that version (else 412 naming who changed it). */
    async update(actor: Actor, id: string, body: z.input<typeof updateAssociationSchema>, ifMatch?: number | null) {
      const { a } = await load(actor, id, 'associations.write');
      const v = validate(updateAssociationSchema, body);
      if (v.name && v.name !== a.name && (await repo.findAssociationByName(db, a.ownerOrgId, v.name)))
        throw new ConflictError('已有同名协会', [{ path: 'name', message: '已有同名协会' }]);
      const patch = { ...v, active: v.active === undefined ? undefined : v.active ? 1 : 0 };
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialectOf(trx), { table: 'associations', id, expected: ifMatch, entityType: 'association', what: '协会' });
        await repo.updateAssociation(trx, id, {
          ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)),
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'association',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { changes: v },
        });
      });
      return present(actor, id);
    },

    async listMembers(actor: Actor, id: string, q: MemberListQuery) {
      await load(actor, id, 'associations.read');
      const { items, total } = await repo.listMembers(db, id, q, today());
      return { items: items.map(presentMember), total, page: q.page, pageSize: q.pageSize };
    },

    async addMember(actor: Actor, id: string, body: AssociationMemberInput) {
      const { a } = await load(actor, id, 'associations.write');
      const v = validate(memberSchemaInput, body);
      const memberId = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertMembers(trx, [
          {
            id: memberId,
            associationId: id,
            ownerOrgId: a.ownerOrgId,
            memberKind: v.memberKind,
            name: v.name,
            unitName: v.unitName ?? null,
            role: v.role,
            joinedOn: v.joinedOn,
            leftOn: v.leftOn ?? null,
            note: v.note ?? null,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'member.add',
          entityType: 'association',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { memberId, role: v.role },
        });
      });
      return presentMember((await repo.findMember(db, id, memberId))!);
    },

    async updateMember(actor: Actor, id: string, memberId: string, body: AssociationMemberInput) {
      const { a } = await load(actor, id, 'associations.write');
      const before = await repo.findMember(db, id, memberId);
      if (!before) throw new NotFoundError('会员');
      const v = validate(memberSchemaInput, body);
      await db.transaction().execute(async (trx) => {
        await repo.updateMember(trx, memberId, {
          memberKind: v.memberKind,
          name: v.name,
          unitName: v.unitName ?? null,
          role: v.role,
          joinedOn: v.joinedOn,
          leftOn: v.leftOn ?? null,
          note: v.note ?? null,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'member.update',
          entityType: 'association',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { memberId, before: { role: before.role, leftOn: before.leftOn }, after: { role: v.role, leftOn: v.leftOn ?? null } },
        });
      });
      return presentMember((await repo.findMember(db, id, memberId))!);
    },

    membersTemplate: (reply: FastifyReply) => sendTemplate(reply, membersImport),

    async importMembers(actor: Actor, id: string, source: UploadSource) {
      const { a } = await load(actor, id, 'associations.write');
      return startImport(excel, {
        actor,
        source,
        spec: membersImport,
        targetKey: id,
        orgUnitId: a.ownerOrgId,
        entityType: 'association',
        entityId: id,
        context: { associationId: id, ownerOrgId: a.ownerOrgId, clock },
      });
    },

    async exportMembers(actor: Actor, id: string, q: Omit<MemberListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const { a } = await load(actor, id, 'associations.read');
      return sendExport(reply, excel, {
        actor,
        spec: membersExport,
        rows: keysetRows((after, limit) => repo.listMembersAfter(db, id, q, today(), after, limit)),
        filters: { associationId: id, ...q },
        orgUnitId: a.ownerOrgId,
      });
    },

    canWrite: (actor: Actor) => can(actor, 'associations.write'),
  };
}

function presentMember(m: AssociationMembersTable) {
  return {
    id: m.id,
    associationId: m.associationId,
    memberKind: m.memberKind,
    name: m.name,
    unitName: m.unitName,
    role: m.role,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
    note: m.note,
  };
}
