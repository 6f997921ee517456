import { maskName, permissionsOf, ROLES, type CreateDisbursement, type Disbursement } from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError } from '../../platform/errors.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import * as repo from './funds.repository.js';
import { findUnit } from '../org/index.js';
import { findHousehold, findPerson, personInScope } from '../people/index.js';
import type { FundsContext } from './funds.context.js';
import { assertApprover, disburseInTransaction, reverseDisbursementInTransaction } from './funds.movements.js';
import { presentDisbursement, REVERSED_AT_SOURCE } from './funds.present.js';

/** Money and goods paid out (拨付), their reversals and who may approve them. */
export function createPayoutService(ctx: FundsContext) {
  const { db, clock, cipher, today, programmeIsTransferOnly, accountInScope, programmeCheck, loadDisbursement } = ctx;
  return {
    /** Pays money or goods out of a holding account to a person, household, village or event. */
    async recordDisbursement(actor: Actor, input: CreateDisbursement, idem?: IdempotencyClaim | null): Promise<Disbursement> {
      const scope = requirePermission(actor, 'funds.write');
      const account = await accountInScope(scope, input.accountId);
      if (account.kind === 'income' || account.kind === 'expense') throw fieldError('accountId', '请选择资金、预算经费或物资账户');
      if (input.paidOn > today()) throw fieldError('paidOn', '拨付日期不能晚于今天');
      const goods = account.kind === 'goods';
      if (goods && !input.quantity) throw fieldError('quantity', '物资拨付须填写数量');
      if (goods && input.method !== 'in_kind') throw fieldError('method', '物资只能实物发放');
      if (!goods && !input.amountFen) throw fieldError('amountFen', '请填写金额');
      if (!goods && input.method === 'in_kind') throw fieldError('method', '资金须以银行转账或现金发放');
      const programmeCode = input.programmeCode ?? account.programmeCode ?? null;
      await programmeCheck(programmeCode, account.ownerPath);
      if (!goods && input.method !== 'bank_transfer' && (await programmeIsTransferOnly(programmeCode, account.ownerPath)))
        throw fieldError('method', '该项目只能通过银行转账发放，不能发放现金');
      await assertApprover(db, input.approvedBy, account.ownerPath);
      let label = '';
      switch (input.recipientKind) {
        case 'person': {
          const p = await findPerson(db, input.recipientPersonId!);
          if (!p || p.mergedIntoId || !personInScope(scope, p)) throw fieldError('recipientPersonId', '受助人不存在或不在您的工作范围内');
          label = maskName(p.name)!;
          break;
        }
        case 'household': {
          const h = await findHousehold(db, input.recipientHouseholdId!);
          const hUnits = h
            ? await Promise.all([findUnit(db, h.ownerOrgId), h.residenceOrgId ? findUnit(db, h.residenceOrgId) : undefined])
            : [];
          if (!hUnits.some((u) => u && pathInScope(scope, u.path)))
            throw fieldError('recipientHouseholdId', '受助家庭不存在或不在您的工作范围内');
          label = '家庭';
          break;
        }
        case 'village': {
          const unit = await findUnit(db, input.recipientOrgId!);
          if (!unit || !['village', 'community', 'township', 'street'].includes(unit.kind) || !pathInScope(scope, unit.path))
            throw fieldError('recipientOrgId', '请选择您工作范围内的村（社区）或乡镇（街道）');
          label = unit.name;
          break;
        }
        case 'event':
          label = input.recipientEventName!;
      }
      let id = '';
      await db.transaction().execute(async (trx) => {
        const r = await disburseInTransaction(
          trx,
          { clock, cipher },
          {
            account,
            programmeCode,
            recipientKind: input.recipientKind,
            recipientPersonId: input.recipientKind === 'person' ? input.recipientPersonId : null,
            recipientHouseholdId: input.recipientKind === 'household' ? input.recipientHouseholdId : null,
            recipientOrgId: input.recipientKind === 'village' ? input.recipientOrgId : null,
            recipientEventName: input.recipientKind === 'event' ? input.recipientEventName : null,
            recipientLabel: label,
            method: input.method,
            bankCard: input.method === 'bank_transfer' ? input.bankCard : null,
            amountFen: input.amountFen,
            quantity: input.quantity,
            paidOn: input.paidOn,
            approvedBy: input.approvedBy,
            purpose: input.purpose,
            createdBy: actor.userId,
          },
        );
        id = r.id;
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'fund_disbursement',
          entityId: id,
          orgUnitId: account.ownerOrgId,
          detail: {
            accountId: account.id,
            programmeCode,
            amountFen: r.amountFen,
            quantity: r.quantity,
            recipientKind: input.recipientKind,
            method: input.method,
            approvedBy: input.approvedBy,
          },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return presentDisbursement((await repo.findDisbursement(db, id))!);
    },

    async listDisbursements(
      actor: Actor,
      q: {
        programmeCode?: string;
        accountId?: string;
        recipientPersonId?: string;
        from?: string;
        to?: string;
        page: number;
        pageSize: number;
      },
    ) {
      const scope = requirePermission(actor, 'funds.read');
      const r = await repo.listDisbursements(db, scope, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: r.items.map(presentDisbursement), total: r.total, page: q.page, pageSize: q.pageSize };
    },

    async getDisbursement(actor: Actor, id: string) {
      return presentDisbursement(await loadDisbursement(requirePermission(actor, 'funds.read'), id));
    },

    /** Reverses a disbursement made here; one made for a relief application, a 春蕾 term or a child's help is reversed there. */
    async reverseDisbursement(actor: Actor, id: string, reason: string, idem?: IdempotencyClaim | null) {
      const scope = requirePermission(actor, 'funds.write');
      const d = await loadDisbursement(scope, id);
      if (d.sourceKind) throw new ConflictError(REVERSED_AT_SOURCE[d.sourceKind] ?? '该笔拨付由业务记录发起，请在原业务页面冲销');
      await db.transaction().execute(async (trx) => {
        const r = await reverseDisbursementInTransaction(trx, clock, id, reason, actor.userId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'reverse',
          entityType: 'fund_disbursement',
          entityId: id,
          orgUnitId: r.ownerOrgId,
          detail: { reason, reversalEntryId: r.entryId },
        });
        await recordIdempotencyKey(trx, idem, id);
      });
      return presentDisbursement((await repo.findDisbursement(db, id))!);
    },

    /** People who may approve a disbursement (funds.approve) over the caller's units, for the form. */
    async approvers(actor: Actor) {
      const scope = requirePermission(actor, 'funds.read');
      const roles = ROLES.filter((r) => permissionsOf(r).includes('funds.approve'));
      return repo.listApprovers(db, scope, roles);
    },
  };
}
