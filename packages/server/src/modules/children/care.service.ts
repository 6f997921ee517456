import {
  createChildPairingSchema,
  createHelpSchema,
  createVisitSchema,
  endChildPairingSchema,
  HELP_KIND_LABELS,
  maskName,
  reverseHelpSchema,
  type LeftBehindChildDetail,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { ConflictError, fieldError, isUniqueViolation, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertApprover, disburseInTransaction, findAccount, reverseDisbursementInTransaction } from '../funds/index.js';
import * as repo from './children.repository.js';
import { parseNeeds, presentChild, type ChildrenService } from './children.service.js';
import { validate } from '../../platform/validate.js';

export type CareService = ReturnType<typeof createCareService>;

/** The ledger's record kind for help to a child: the disbursement is reversed here, not on the funds page. */
export const HELP_SOURCE = 'children_help';

/** Caring for a registered child: her 代理妈妈, the visits, and help paid through the fund ledger. */
export function createCareService({
  db,
  clock,
  cipher,
  children,
}: {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  children: ChildrenService;
}) {
  const today = children.today;
  const activeChild = async (actor: Actor, id: string) => {
    const c = await children.loadChild(actor, id, 'children.write');
    if (c.status !== 'active') throw new ConflictError('该儿童已退出名册');
    return c;
  };

  const service = {
    /** One child with her pairings, visits and help; reading a minor's details is an audited sensitive read. */
    async getChild(actor: Actor, id: string): Promise<LeftBehindChildDetail> {
      const c = await children.loadChild(actor, id, 'children.read');
      const child = presentChild(actor, c, today());
      const [pairings, visits, help] = await Promise.all([repo.listPairings(db, id), repo.listVisits(db, id), repo.listHelp(db, id)]);
      if (child.detailsVisible)
        await db.transaction().execute((trx) =>
          appendAudit(trx, clock, auditActor(actor), {
            action: 'read.sensitive',
            entityType: 'left_behind_child',
            entityId: id,
            orgUnitId: c.ownerOrgId,
            detail: { minor: true },
          }),
        );
      return {
        ...child,
        pairingHistory: pairings.map((p) => ({
          id: p.id,
          childId: p.childId,
          childName: child.name,
          proxyMotherId: p.proxyMotherId,
          proxyMotherName: p.proxyMotherName,
          startDate: p.startDate,
          endDate: p.endDate,
          endReason: p.endReason,
          note: p.note,
        })),
        visitLog: visits.map((v) => ({
          id: v.id,
          childId: v.childId,
          visitedOn: v.visitedOn,
          mode: v.mode,
          visitorKind: v.visitorKind,
          visitorName: v.visitorName,
          findings: child.detailsVisible ? cipher.decrypt(v.findingsEnc) : null,
          needs: parseNeeds(v.needs),
          followUp: child.detailsVisible ? v.followUp : null,
        })),
        helpGiven: help.map((h) => ({
          id: h.id,
          childId: h.childId,
          kind: h.kind,
          description: h.description,
          givenOn: h.paidOn,
          accountName: h.accountName,
          form: h.form,
          amountFen: Number(h.amountFen),
          quantity: h.quantity == null ? null : Number(h.quantity),
          disbursementId: h.disbursementId,
          reversed: Number(h.reversed) === 1,
        })),
      };
    },

    /** Pairs the child with a 代理妈妈 in scope; one at a time (the database settles a race). */
    async pair(actor: Actor, id: string, body: unknown) {
      const c = await activeChild(actor, id);
      const v = validate(createChildPairingSchema, body);
      const scope = requirePermission(actor, 'children.write');
      const m = await repo.findMother(db, v.proxyMotherId);
      if (!m || !pathInScope(scope, m.ownerOrgPath)) throw fieldError('proxyMotherId', '代理妈妈不存在或不在您的工作范围内');
      if (v.startDate < c.registeredOn) throw fieldError('startDate', '结对日期不能早于登记日期');
      if (v.startDate > today()) throw fieldError('startDate', '结对日期不能晚于今天');
      const taken = () =>
        new ConflictError('该儿童已有结对的代理妈妈，请先结束原结对', [{ path: 'proxyMotherId', message: '已有结对的代理妈妈' }]);
      if (await repo.findOpenPairing(db, id)) throw taken();
      const pid = newId();
      const at = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertPairing(trx, {
            id: pid,
            ownerOrgId: c.ownerOrgId,
            childId: id,
            proxyMotherId: m.id,
            startDate: v.startDate,
            endDate: null,
            endReason: null,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'pairing.start',
            entityType: 'left_behind_child',
            entityId: id,
            orgUnitId: c.ownerOrgId,
            detail: { pairingId: pid, proxyMotherId: m.id, startDate: v.startDate },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw taken();
        throw e;
      }
      return service.getChild(actor, id);
    },

    async endPairing(actor: Actor, id: string, pairingId: string, body: unknown) {
      const c = await children.loadChild(actor, id, 'children.write');
      const v = validate(endChildPairingSchema, body);
      const p = await repo.findPairing(db, pairingId);
      if (!p || p.childId !== id) throw new NotFoundError('结对');
      if (p.endDate) throw new ConflictError('该结对已结束');
      if (v.endDate < p.startDate) throw fieldError('endDate', '结束日期不能早于结对日期');
      if (v.endDate > today()) throw fieldError('endDate', '结束日期不能晚于今天');
      await db.transaction().execute(async (trx) => {
        await repo.updatePairing(trx, pairingId, { endDate: v.endDate, endReason: v.reason, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'pairing.end',
          entityType: 'left_behind_child',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { pairingId, endDate: v.endDate, reason: v.reason },
        });
      });
      return service.getChild(actor, id);
    },

    /** A visit (home, school, phone, video) with what was found — stored encrypted — and the needs seen. */
    async addVisit(actor: Actor, id: string, body: unknown) {
      const c = await activeChild(actor, id);
      const v = validate(createVisitSchema, body);
      if (v.visitedOn < c.registeredOn) throw fieldError('visitedOn', '走访日期不能早于登记日期');
      if (v.visitedOn > today()) throw fieldError('visitedOn', '走访日期不能晚于今天');
      const vid = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertVisit(trx, {
          id: vid,
          ownerOrgId: c.ownerOrgId,
          childId: id,
          visitedOn: v.visitedOn,
          mode: v.mode,
          visitorKind: v.visitorKind,
          visitorName: v.visitorName,
          findingsEnc: cipher.encrypt(v.findings),
          needs: JSON.stringify([...new Set(v.needs)]),
          followUp: v.followUp ?? null,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'visit.add',
          entityType: 'left_behind_child',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { visitId: vid, visitedOn: v.visitedOn, mode: v.mode, needs: v.needs },
        });
      });
      return service.getChild(actor, id);
    },

    /**
     * Gives help through the fund ledger: a disbursement to the child (the person) from a holding account in scope,
     * approved by a holder of funds.approve, in the same transaction as the help record. The money is the ledger's.
     */
    async giveHelp(actor: Actor, id: string, body: unknown) {
      const c = await activeChild(actor, id);
      const v = validate(createHelpSchema, body);
      const scope = requirePermission(actor, 'children.write');
      const account = await findAccount(db, v.accountId);
      if (!account || !pathInScope(scope, account.ownerPath) || !account.active || !['cash', 'budget', 'goods'].includes(account.kind))
        throw fieldError('accountId', '请选择您工作范围内的资金、预算经费或物资账户');
      const goods = account.kind === 'goods';
      if (goods && (!v.quantity || v.method !== 'in_kind'))
        throw fieldError(v.quantity ? 'method' : 'quantity', '物资帮扶须填写数量并实物发放');
      if (!goods && (!v.amountFen || v.method === 'in_kind'))
        throw fieldError(v.amountFen ? 'method' : 'amountFen', '资金帮扶须填写金额并以现金或银行转账发放');
      if (v.method === 'bank_transfer' && !v.bankCard) throw fieldError('bankCard', '银行转账须填写银行卡号');
      if (v.givenOn < c.registeredOn) throw fieldError('givenOn', '帮扶日期不能早于登记日期');
      if (v.givenOn > today()) throw fieldError('givenOn', '帮扶日期不能晚于今天');
      await assertApprover(db, v.approvedBy, account.ownerPath);
      const hid = newId();
      await db.transaction().execute(async (trx) => {
        const d = await disburseInTransaction(
          trx,
          { clock, cipher },
          {
            account,
            programmeCode: null,
            recipientKind: 'person',
            recipientPersonId: c.personId,
            recipientLabel: maskName(c.name)!,
            method: v.method,
            bankCard: v.method === 'bank_transfer' ? v.bankCard : null,
            amountFen: goods ? undefined : v.amountFen!,
            quantity: goods ? v.quantity! : undefined,
            paidOn: v.givenOn,
            approvedBy: v.approvedBy,
            purpose: `关爱留守儿童：${HELP_KIND_LABELS[v.kind]}（${v.description}）`,
            sourceKind: HELP_SOURCE,
            sourceId: hid,
            createdBy: actor.userId,
          },
        );
        await repo.insertHelp(trx, {
          id: hid,
          ownerOrgId: c.ownerOrgId,
          childId: id,
          kind: v.kind,
          description: v.description,
          disbursementId: d.id,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'help.give',
          entityType: 'left_behind_child',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { helpId: hid, disbursementId: d.id, accountId: account.id, amountFen: d.amountFen, quantity: d.quantity, kind: v.kind },
        });
      });
      return service.getChild(actor, id);
    },

    /** Reverses help given by mistake: the ledger posts the mirrored entry; the help stays, marked reversed. */
    async reverseHelp(actor: Actor, id: string, helpId: string, body: unknown) {
      const c = await children.loadChild(actor, id, 'children.write');
      const v = validate(reverseHelpSchema, body);
      const h = await repo.findHelp(db, id, helpId);
      if (!h) throw new NotFoundError('帮扶记录');
      if (Number(h.reversed) === 1) throw new ConflictError('该笔帮扶已冲销');
      await db.transaction().execute(async (trx) => {
        const r = await reverseDisbursementInTransaction(trx, clock, h.disbursementId, v.reason, actor.userId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'help.reverse',
          entityType: 'left_behind_child',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { helpId, disbursementId: h.disbursementId, reversalEntryId: r.entryId, reason: v.reason },
        });
      });
      return service.getChild(actor, id);
    },
  };
  return service;
}
