import type { z } from 'zod';
import type { caseConsentInputSchema } from '@jinguo/domain';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findUnit } from '../org/index.js';
import * as repo from './cases.repository.js';
import type { CasesContext } from './cases.context.js';

/** Her separate consents to share her data with an agency (PIPL Art. 29), and their withdrawal. */
export function createConsentService(ctx: CasesContext) {
  const { db, clock, today, nowIso, loadCase, checkDate, revokeInTransaction, get } = ctx;
  return {
    /** Records her separate consent to share her data with one agency (PIPL Art. 29): who, when, for what. */
    async addConsent(actor: Actor, id: string, k: z.infer<typeof caseConsentInputSchema>) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const agency = await findUnit(db, k.agencyOrgId);
      if (agency?.kind !== 'agency') throw fieldError('agencyOrgId', '请选择合作机构');
      checkDate(k.givenDate, 'givenDate', c.receivedDate, '收到日期');
      const consentId = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertConsent(trx, {
          id: consentId,
          caseId: id,
          personId: c.applicantPersonId,
          agencyOrgId: agency.id,
          purpose: k.purpose,
          givenBy: k.givenBy,
          givenDate: k.givenDate,
          method: k.method,
          recordedBy: actor.userId,
          recordedAt: nowIso(),
          withdrawnAt: null,
          withdrawnDate: null,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'consent.record',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { consentId, agency: agency.name, purpose: k.purpose, givenBy: k.givenBy, method: k.method },
        });
      });
      return { id: consentId };
    },

    async withdrawConsent(actor: Actor, id: string, consentId: string, date?: string) {
      const { c } = await loadCase(actor, id, 'cases.write');
      const k = (await repo.listConsents(db, id)).find((x) => x.id === consentId);
      if (!k) throw new NotFoundError('同意记录');
      if (k.withdrawnAt) throw new ConflictError('该同意已撤回');
      const withdrawnDate = date ?? today();
      checkDate(withdrawnDate, 'date', k.givenDate, '同意日期');
      await db.transaction().execute(async (trx) => {
        await repo.updateConsent(trx, consentId, { withdrawnAt: nowIso(), withdrawnDate });
        // The referrals that went out under this consent end with it: still open ones are revoked (the agency stops
        // work and loses the file); answered ones close to the agency through agencyMayOpen.
        const open = await repo.listOpenReferralsUnderConsent(trx, consentId);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'consent.withdraw',
          entityType: 'case',
          entityId: id,
          orgUnitId: c.ownerOrgId,
          detail: { consentId, agency: k.agencyName, date: withdrawnDate, referralsRevoked: open.map((r) => r.id) },
        });
        for (const r of open) await revokeInTransaction(trx, actor, r, c, '当事人撤回同意', { consentId, via: 'consent.withdraw' });
      });
      return get(actor, id);
    },
  };
}
