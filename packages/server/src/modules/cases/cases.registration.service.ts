import type { z } from 'zod';
import {
  assessRisk,
  CASE_CHANNEL_LABELS,
  CASE_STATUS_LABELS,
  DV_CATEGORY,
  isOpenCaseStatus,
  type CaseListQuery,
  type CreateCase,
  type RiskAnswers,
  type updateCaseSchema,
} from '@jinguo/domain';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, ForbiddenError } from '../../platform/errors.js';
import { assertVersion } from '../../platform/versioning.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import { presentCaseListItem } from './cases.present.js';
import { findUnit } from '../org/index.js';
import { findOrCreatePerson, findPerson, listEncryptedContacts } from '../people/index.js';
import * as repo from './cases.repository.js';
import { newCaseRow } from './cases.rows.js';
import type { CasesContext } from './cases.context.js';
import { FEDERATION_KINDS } from './cases.levels.js';

/** Registering a petition, its list and file, revealing the applicant, edits of the registration, the categories. */
export function createRegistrationService(ctx: CasesContext) {
  const {
    db,
    dialect,
    clock,
    cipher,
    today,
    nowIso,
    calendar,
    loadCase,
    assertAssignee,
    followUpFrom,
    derived,
    event,
    categories,
    buildFilter,
    get,
  } = ctx;
  return {
    async listCategories(actor: Actor) {
      if (!can(actor, 'cases.read') && !can(actor, 'settings.manage')) throw new ForbiddenError();
      return (await categories()).map((c) => ({ code: c.code, label: c.label, active: c.active === 1 }));
    },

    async saveCategories(actor: Actor, rows: { code: string; label: string; active: boolean }[]) {
      requirePermission(actor, 'settings.manage');
      const codes = new Set<string>();
      for (const [i, r] of rows.entries()) {
        if (codes.has(r.code)) throw fieldError(`categories.${i}.code`, `类别代码 ${r.code} 重复`);
        codes.add(r.code);
      }
      const before = await categories();
      for (const b of before)
        if (!codes.has(b.code)) throw fieldError('categories', `类别“${b.label}”不能删除（已有事项使用时只能停用），请将其设为停用`);
      if (!rows.find((r) => r.code === DV_CATEGORY)) throw fieldError('categories', '家庭暴力类别不能删除');
      await db.transaction().execute(async (trx) => {
        await repo.saveCategories(trx, rows);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'case_categories',
          detail: {
            before: before.map((b) => `${b.code}:${b.label}:${b.active}`),
            after: rows.map((r) => `${r.code}:${r.label}:${r.active ? 1 : 0}`),
          },
        });
      });
      return (await categories()).map((c) => ({ code: c.code, label: c.label, active: c.active === 1 }));
    },

    /** Registers a petition: its number, the applicant (found or added to the registry), parties, risk, first deadline. */
    async register(actor: Actor, input: CreateCase, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'cases.write');
      const t = today();
      if (input.receivedDate > t) throw fieldError('receivedDate', '收到日期不能晚于今天');
      let owner = input.ownerOrgId ? await findUnit(db, input.ownerOrgId) : null;
      if (input.ownerOrgId && (!owner || !pathInScope(scope, owner.path))) throw fieldError('ownerOrgId', '承办单位不存在或无权登记');
      if (!owner) owner = (await findUnit(db, actor.grants.find((g) => scope.paths.includes(g.orgPath))!.orgUnitId))!;
      if (!FEDERATION_KINDS.has(owner.kind)) throw fieldError('ownerOrgId', '承办单位须为妇联（区、乡镇或街道）');
      const cat = (await categories()).find((c) => c.code === input.category);
      if (!cat?.active) throw fieldError('category', '请选择有效的类别');
      if (input.riskAnswers && input.category !== DV_CATEGORY) throw fieldError('riskAnswers', '风险评估只适用于家庭暴力类事项');
      if (input.assigneeUserId) await assertAssignee(input.assigneeUserId, owner.path);
      if (input.applicantId) {
        const p = await findPerson(db, input.applicantId);
        const peopleScope = can(actor, 'people.read') ? requirePermission(actor, 'people.read') : scope;
        if (
          !p ||
          p.mergedIntoId ||
          !((p.ownerPath && pathInScope(peopleScope, p.ownerPath)) || (p.residencePath && pathInScope(peopleScope, p.residencePath)))
        )
          throw fieldError('applicantId', '申请人不存在或无权访问');
      } else if (input.applicant && !can(actor, 'people.write')) {
        throw new ForbiddenError('没有登记人员的权限');
      }
      const risk = input.riskAnswers ? assessRisk(input.riskAnswers as RiskAnswers).level : null;
      const cal = await calendar();
      const id = newId();
      const at = nowIso();
      const year = Number(input.receivedDate.slice(0, 4));
      const created = await db.transaction().execute(async (trx) => {
        const applicantId =
          input.applicantId ??
          (
            await findOrCreatePerson(
              trx,
              { cipher, clock, actor, residenceScope: requirePermission(actor, 'people.write') },
              { ...input.applicant!, ownerOrgId: input.applicant!.ownerOrgId ?? owner.id },
            )
          ).id;
        const seq = await repo.allocateCaseSeq(trx, owner.id, year);
        const caseNo = `${year}-${String(seq).padStart(4, '0')}`;
        await repo.insertCase(
          trx,
          newCaseRow(
            {
              id,
              ownerOrgId: owner.id,
              year,
              seq,
              caseNo,
              channel: input.channel,
              category: input.category,
              matterType: input.matterType ?? null,
              summary: input.summary,
              narrativeEnc: input.narrative ? cipher.encrypt(input.narrative) : null,
              applicantPersonId: applicantId,
              assigneeUserId: input.assigneeUserId ?? actor.userId,
              riskAnswers: input.riskAnswers ? JSON.stringify(input.riskAnswers) : null,
              riskAssessedDate: risk ? input.receivedDate : null,
              nextFollowUpDate: followUpFrom(risk, input.receivedDate),
              receivedDate: input.receivedDate,
              riskLevel: risk,
              createdBy: actor.userId,
            },
            at,
            (base) => derived(base, cal),
          ),
        );
        await repo.insertParties(
          trx,
          (input.parties ?? []).map((p) => ({
            id: newId(),
            caseId: id,
            personId: null,
            name: p.name,
            role: p.role,
            relation: p.relation,
            note: p.note ?? null,
          })),
        );
        await event(trx, actor, id, {
          date: input.receivedDate,
          transition: 'register',
          from: null,
          to: 'registered',
          reason: `${CASE_CHANNEL_LABELS[input.channel]}登记`,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'case',
          entityId: id,
          orgUnitId: owner.id,
          detail: { caseNo, channel: input.channel, category: input.category, riskLevel: risk, narrative: input.narrative ? true : null },
        });
        await recordIdempotencyKey(trx, idem, id);
        return { id, caseNo };
      });
      return created;
    },

    async list(actor: Actor, q: CaseListQuery & { applicantId?: string }) {
      const filter = await buildFilter(actor, q);
      const [total, rows] = await Promise.all([
        repo.countCases(db, filter),
        repo.listCases(db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize, sort: q.sort }),
      ]);
      const t = today();
      return { items: rows.map((r) => presentCaseListItem(r, t)), total, page: q.page, pageSize: q.pageSize };
    },

    get,

    async revealApplicant(actor: Actor, id: string) {
      const { c } = await loadCase(actor, id);
      requirePermission(actor, 'people.reveal');
      const [p] = await listEncryptedContacts(db, [c.applicantPersonId]);
      const out = {
        idNumber: p.idNumberEnc ? cipher.decrypt(p.idNumberEnc) : null,
        phone: p.phoneEnc ? cipher.decrypt(p.phoneEnc) : null,
        address: p.addressEnc ? cipher.decrypt(p.addressEnc) : null,
      };
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'reveal',
          entityType: 'person',
          entityId: c.applicantPersonId,
          orgUnitId: c.ownerOrgId,
          detail: { viaCase: c.caseNo },
        }),
      );
      return out;
    },

    /** Edits the registration; with `ifMatch` only if the case is still at that version (else 412 naming who changed it). */
    async update(actor: Actor, id: string, patch: z.infer<typeof updateCaseSchema>, ifMatch?: number | null) {
      const { c } = await loadCase(actor, id, 'cases.write');
      if (!isOpenCaseStatus(c.status)) throw new ConflictError(`事项已${CASE_STATUS_LABELS[c.status]}，不能修改登记内容`);
      if (patch.category) {
        const cat = (await categories()).find((x) => x.code === patch.category);
        if (!cat?.active) throw fieldError('category', '请选择有效的类别');
      }
      if (patch.assigneeUserId) await assertAssignee(patch.assigneeUserId, c.ownerPath);
      const set: Partial<repo.CaseRow> = { updatedAt: nowIso() };
      if (patch.category !== undefined) set.category = patch.category;
      if (patch.matterType !== undefined) set.matterType = patch.matterType ?? null;
      if (patch.summary !== undefined) set.summary = patch.summary;
      if (patch.narrative !== undefined) set.narrativeEnc = patch.narrative ? cipher.encrypt(patch.narrative) : null;
      if (patch.assigneeUserId !== undefined) set.assigneeUserId = patch.assigneeUserId ?? null;
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, { table: 'cases', id, expected: ifMatch, entityType: 'case', what: '事项' });
        await repo.updateCase(trx, id, set);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { fields: Object.keys(patch) },
        });
      });
      return get(actor, id);
    },
  };
}
