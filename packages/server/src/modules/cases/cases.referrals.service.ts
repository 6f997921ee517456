import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { z } from 'zod';
import { CASE_STATUS_LABELS, REFERRAL_STATUS_LABELS, type sendReferralSchema } from '@jinguo/domain';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { recordIdempotencyKey, type IdempotencyClaim } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import { presentAgencyReferral, presentReferral } from './cases.present.js';
import { findUnit } from '../org/index.js';
import * as repo from './cases.repository.js';
import { type CasesContext, hashLinkToken } from './cases.context.js';
import { assertHandler, levelsOf } from './cases.levels.js';

/** How long a printed referral letter's link works. */
const LINK_VALID_DAYS = 30;

/** The federation's side of a referral: sending it, reading it, revoking it, the printed letter with its link. */
export function createReferralService(ctx: CasesContext) {
  const { db, clock, cipher, publicUrl, today, nowIso, calendar, loadCase, checkDate, autoStart, agencyUsers, revokeInTransaction } = ctx;
  return {
    /**
     * Sends a referral to a partner agency. Her data goes out only with her recorded consent for that agency;
     * without it the sender needs referrals.sendWithoutConsent and a reason, and the audit entry says so.
     */
    async sendReferral(actor: Actor, id: string, body: z.infer<typeof sendReferralSchema>, idem?: IdempotencyClaim | null) {
      // Sending is its own grant, scoped like any other (a leader may send without holding cases.write).
      const sendScope = requirePermission(actor, 'referrals.send');
      const { c } = await loadCase(actor, id, 'cases.read');
      if (!pathInScope(sendScope, c.ownerPath)) throw new ForbiddenError('没有向合作机构转介该事项的权限');
      assertHandler(actor, await levelsOf(db, c.ownerPath), 'referrals.send');
      if (!['registered', 'accepted', 'in_progress', 'review_requested', 'rereview_requested'].includes(c.status))
        throw new ConflictError(`事项${CASE_STATUS_LABELS[c.status]}，不能再转介`);
      const agency = await findUnit(db, body.agencyOrgId);
      if (agency?.kind !== 'agency' || !agency.active) throw fieldError('agencyOrgId', '请选择合作机构');
      if (body.kind === 'court_filing' && agency.agencyType !== 'court')
        throw fieldError('agencyOrgId', '立案转介须发往法院（维权合议庭）');
      // A referral of the past keeps the day it was sent (so the agency's answer time is real), never before the
      // case was received nor after today; the audit entry keeps the time it was entered.
      const sentDate = body.sentDate ?? today();
      checkDate(sentDate, 'sentDate', c.receivedDate, '收到日期');
      if (body.dueDate < sentDate) throw fieldError('dueDate', `答复期限不能早于转介日期（${sentDate}）`);
      if (body.consent && body.consentId) throw fieldError('consent', '已选择同意记录，不必再填写同意');
      if (body.consent && body.consent.givenDate > today()) throw fieldError('consent.givenDate', '同意日期不能晚于今天');
      if (body.consent && body.consent.givenDate > sentDate)
        throw fieldError('consent.givenDate', `同意日期不能晚于转介日期（${sentDate}）`);
      if (body.consent && body.consent.givenDate < c.receivedDate)
        throw fieldError('consent.givenDate', `同意日期不能早于收到日期（${c.receivedDate}）`);
      const consent = body.consent ? null : await repo.findActiveConsent(db, id, agency.id, body.consentId);
      if (body.consentId && !consent) throw fieldError('consentId', '所选同意记录不存在、已撤回或不是对该机构的同意');
      if (consent && consent.givenDate > sentDate) throw fieldError('sentDate', `转介日期不能早于当事人同意的日期（${consent.givenDate}）`);
      // Consent given now is recorded in the referral's own transaction: both are written, or neither.
      const consentId = consent?.id ?? (body.consent ? newId() : null);
      const reason = body.withoutConsentReason?.trim() || null;
      if (!consentId) {
        if (!reason)
          throw fieldError(
            'consentId',
            `尚未记录当事人同意向“${agency.name}”提供其个人信息（个人信息保护法第二十九条单独同意），请先记录同意`,
          );
        if (!can(actor, 'referrals.sendWithoutConsent')) throw new ForbiddenError('未取得当事人同意的转介须由有“无同意转介”权限的领导发送');
      }
      const cal = await calendar();
      let referralId = '';
      const at = nowIso();
      await db.transaction().execute(async (trx) => {
        if (body.consent) {
          await repo.insertConsent(trx, {
            id: consentId!,
            caseId: id,
            personId: c.applicantPersonId,
            agencyOrgId: agency.id,
            ...body.consent,
            recordedBy: actor.userId,
            recordedAt: at,
            withdrawnAt: null,
            withdrawnDate: null,
          });
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'consent.record',
            entityType: 'case',
            entityId: id,
            orgUnitId: c.ownerOrgId,
            detail: {
              consentId,
              agency: agency.name,
              purpose: body.consent.purpose,
              givenBy: body.consent.givenBy,
              method: body.consent.method,
              via: 'referral',
            },
          });
        }
        // The case starts before the referral is entered, so its history reads 开始办理 then 转介 (ids are in entry order).
        await autoStart(trx, actor, c, sentDate, cal);
        referralId = newId();
        await repo.insertReferral(trx, {
          id: referralId,
          caseId: id,
          ownerOrgId: c.ownerOrgId,
          agencyOrgId: agency.id,
          kind: body.kind,
          serviceRequested: body.serviceRequested,
          noteForAgency: body.noteForAgency ?? null,
          shareNarrative: body.shareNarrative ? 1 : 0,
          consentId,
          withoutConsentReason: consentId ? null : reason,
          sentDate,
          dueDate: body.dueDate,
          status: 'sent',
          sentBy: actor.userId,
          answeredDate: null,
          daysToAnswer: null,
          receiptNote: null,
          declineReason: null,
          outcome: null,
          doneDate: null,
          handlerName: null,
          filedDate: null,
          courtCaseNo: null,
          courtResult: null,
          revokedReason: null,
          escalatedAt: null,
          linkTokenHash: null,
          linkIssuedAt: null,
          linkExpiresAt: null,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: consentId ? 'referral.send' : 'referral.send.withoutConsent',
          entityType: 'case_referral',
          entityId: referralId,
          orgUnitId: c.ownerOrgId,
          detail: {
            caseId: id,
            caseNo: c.caseNo,
            agency: agency.name,
            kind: body.kind,
            consentId,
            withoutConsentReason: consentId ? null : reason,
            shareNarrative: body.shareNarrative,
            sentDate,
          },
        });
        await recordIdempotencyKey(trx, idem, referralId);
        for (const u of await agencyUsers(trx, agency.id))
          await notify(trx, clock, {
            userId: u.id,
            title: `新转介：${c.ownerName} ${c.caseNo}`,
            body: body.serviceRequested,
            link: `/agency/referrals/${referralId}`,
          });
      });
      return presentReferral((await repo.findReferral(db, referralId))!, today());
    },

    /** A referral of a case the caller can read (the answer of a replayed send). */
    async getReferral(actor: Actor, caseId: string, referralId: string) {
      await loadCase(actor, caseId, 'cases.read');
      const r = await repo.findReferral(db, referralId);
      if (r?.caseId !== caseId) throw new NotFoundError('转介');
      return presentReferral(r, today());
    },

    async revokeReferral(actor: Actor, referralId: string, reason: string) {
      const r = await repo.findReferral(db, referralId);
      if (!r) throw new NotFoundError('转介');
      const { c } = await loadCase(actor, r.caseId, 'cases.write');
      if (!(r.status === 'sent' || r.status === 'accepted'))
        throw new ConflictError(`该转介已${REFERRAL_STATUS_LABELS[r.status]}，不能撤回`);
      await db.transaction().execute((trx) => revokeInTransaction(trx, actor, r, c, reason));
      return presentReferral((await repo.findReferral(db, referralId))!, today());
    },

    /**
     * The printable 转介函 with a one-time link (and its QR code) for an agency without accounts. Each print
     * issues a new random token (stored only as its hash), replacing the previous letter's link.
     */
    async issueLetter(actor: Actor, referralId: string, origin: string) {
      const r = await repo.findReferral(db, referralId);
      if (!r) throw new NotFoundError('转介');
      const { c } = await loadCase(actor, r.caseId, 'cases.write');
      if (!(r.status === 'sent' || r.status === 'accepted'))
        throw new ConflictError(`该转介已${REFERRAL_STATUS_LABELS[r.status]}，不需要再出具转介函`);
      const token = randomBytes(32).toString('base64url');
      const issuedAt = nowIso();
      const expiresAt = new Date(clock.now().getTime() + LINK_VALID_DAYS * 86400_000).toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateReferral(trx, referralId, {
          linkTokenHash: hashLinkToken(token),
          linkIssuedAt: issuedAt,
          linkExpiresAt: expiresAt,
          updatedAt: issuedAt,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'referral.link.issue',
          entityType: 'case_referral',
          entityId: referralId,
          orgUnitId: c.ownerOrgId,
          detail: { caseNo: c.caseNo, agency: r.agencyName, expiresAt },
        });
      });
      const url = `${(publicUrl ?? origin).replace(/\/$/, '')}/r/${token}`;
      const qrDataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
      const fresh = (await repo.findReferral(db, referralId))!;
      const contact = c.assigneeName ?? null;
      return {
        referral: presentAgencyReferral(fresh, cipher, today(), contact),
        letterNo: `${c.caseNo}-转${fresh.id.slice(-4).toUpperCase()}`,
        fromOrgName: c.ownerName,
        url,
        qrDataUrl,
        expiresAt,
        issuedDate: today(),
      };
    },
  };
}
