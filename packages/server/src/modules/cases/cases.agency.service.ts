import type { z } from 'zod';
import {
  daysBetween,
  REFERRAL_STATUS_LABELS,
  type referralAcceptSchema,
  type referralDeclineSchema,
  type referralOutcomeSchema,
} from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit, type AuditContext } from '../../platform/audit.js';
import { AppError, ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { notify } from '../../platform/notifications.js';
import { presentAgencyReferral } from './cases.present.js';
import * as repo from './cases.repository.js';
import { type CasesContext, hashLinkToken } from './cases.context.js';

type RespondKind = 'accept' | 'decline' | 'outcome';

/** The agency's side of a referral: its inbox, and its answers through the inbox or a printed letter's link. */
export function createAgencyService(ctx: CasesContext) {
  const { db, clock, cipher, today, nowIso, recipientsFor } = ctx;
  /**
   * Whether the agency may still open a referral: revoking it, or her withdrawing the consent it went out under,
   * ends the agency's access at once (PIPL Art. 15: processing on consent stops when it is withdrawn).
   */
  function agencyMayOpen(r: Pick<repo.ReferralDetailRow, 'status' | 'consentId' | 'consentWithdrawnAt'>) {
    return r.status !== 'revoked' && !(r.consentId && r.consentWithdrawnAt);
  }

  /** Loads a referral for an agency user (addressed to a unit in their referrals.respond scope, still open to it) or 404. */
  async function loadAgencyReferral(actor: Actor, id: string) {
    const scope = requirePermission(actor, 'referrals.respond');
    const r = await repo.findReferral(db, id);
    if (!r || !pathInScope(scope, r.agencyPath) || !agencyMayOpen(r)) throw new NotFoundError('转介');
    return r;
  }

  /** Loads the referral a one-time link opens, or refuses: unknown, expired, revoked or already answered for good. */
  async function loadByToken(token: string) {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new AppError(404, 'NOT_FOUND', '链接无效、已过期或已使用，请联系发函的妇联');
    const r = await repo.findReferralByTokenHash(db, hashLinkToken(token));
    if (!r?.linkExpiresAt || r.linkExpiresAt <= nowIso() || !(r.status === 'sent' || r.status === 'accepted') || !agencyMayOpen(r)) {
      throw new AppError(404, 'NOT_FOUND', '链接无效、已过期或已使用，请联系发函的妇联');
    }
    return r;
  }

  /** An agency's answer, whether through its inbox or a printed letter's link. */
  async function respond(
    audit: AuditContext,
    actor: Actor | null,
    r: repo.ReferralDetailRow,
    kind: RespondKind,
    body: z.infer<typeof referralAcceptSchema> | z.infer<typeof referralDeclineSchema> | z.infer<typeof referralOutcomeSchema>,
  ) {
    const from: Record<RespondKind, string[]> = { accept: ['sent'], decline: ['sent'], outcome: ['accepted'] };
    const verb: Record<RespondKind, string> = { accept: '接收', decline: '拒绝', outcome: '报告办理结果' };
    if (!from[kind].includes(r.status)) {
      throw new ConflictError(
        `该转介当前为“${REFERRAL_STATUS_LABELS[r.status]}”，不能${verb[kind]}${kind === 'outcome' ? '（须先接收）' : ''}`,
      );
    }
    if (body.date > today()) throw fieldError('date', '日期不能晚于今天');
    if (body.date < r.sentDate) throw fieldError('date', `日期不能早于转介发出日期（${r.sentDate}）`);
    const at = nowIso();
    const patch: Partial<repo.ReferralRow> = { updatedAt: at, handlerName: body.handlerName ?? r.handlerName };
    if (kind === 'accept') {
      const b = body as z.infer<typeof referralAcceptSchema>;
      if (r.kind === 'court_filing' && !b.filedDate) throw fieldError('filedDate', '维权合议庭立案须填写立案日期');
      if (b.filedDate && b.filedDate < r.sentDate) throw fieldError('filedDate', '立案日期不能早于转介日期');
      if (b.filedDate && b.filedDate > today()) throw fieldError('filedDate', '立案日期不能晚于今天');
      Object.assign(patch, {
        status: 'accepted',
        answeredDate: b.date,
        daysToAnswer: daysBetween(r.sentDate, b.date),
        receiptNote: b.receiptNote ?? null,
        filedDate: b.filedDate ?? null,
        courtCaseNo: b.courtCaseNo ?? null,
      });
    } else if (kind === 'decline') {
      const b = body as z.infer<typeof referralDeclineSchema>;
      Object.assign(patch, {
        status: 'declined',
        answeredDate: b.date,
        daysToAnswer: daysBetween(r.sentDate, b.date),
        declineReason: b.reason,
      });
    } else {
      const b = body as z.infer<typeof referralOutcomeSchema>;
      if (r.answeredDate && b.date < r.answeredDate) throw fieldError('date', `办结日期不能早于接收日期（${r.answeredDate}）`);
      Object.assign(patch, { status: 'done', doneDate: b.date, outcome: b.outcome, courtResult: b.courtResult ?? null });
    }
    const c = await repo.findCase(db, r.caseId);
    await db.transaction().execute(async (trx) => {
      await repo.updateReferral(trx, r.id, patch);
      await appendAudit(trx, clock, audit, {
        action: `referral.${kind}`,
        entityType: 'case_referral',
        entityId: r.id,
        orgUnitId: r.ownerOrgId,
        detail: { caseId: r.caseId, agency: r.agencyName, status: patch.status ?? r.status, via: actor ? 'inbox' : 'link' },
      });
      const title = `转介${kind === 'accept' ? '已接收' : kind === 'decline' ? '被拒绝' : '已办结'}：${r.caseNo} ${r.agencyName}`;
      for (const userId of await recipientsFor(trx, { assigneeUserId: c?.assigneeUserId ?? null, ownerPath: r.ownerPath })) {
        await notify(trx, clock, {
          userId,
          title,
          body: kind === 'decline' ? `理由：${(body as { reason: string }).reason}` : null,
          link: `/cases/${r.caseId}`,
        });
      }
    });
    const updated = (await repo.findReferral(db, r.id))!;
    return presentAgencyReferral(updated, cipher, today(), null);
  }

  return {
    /** The agency inbox: only referrals addressed to the caller's agency, with only the fields it needs. */
    async inbox(actor: Actor, q: { status?: 'open' | 'closed'; page: number; pageSize: number }) {
      const scope = requirePermission(actor, 'referrals.respond');
      const status =
        q.status === 'open' ? (['sent', 'accepted'] as const) : q.status === 'closed' ? (['declined', 'done'] as const) : undefined;
      const { items, total } = await repo.listInbox(db, scope, {
        status: status ? [...status] : undefined,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const t = today();
      // A list shows no contact details: the phone appears only on the opened (audited) referral.
      return {
        items: items.map((r) => ({
          ...presentAgencyReferral(
            { ...r, consentId: null, shareNarrative: 0, applicantPhoneEnc: null, narrativeEnc: null },
            cipher,
            t,
            null,
          ),
          consentRecorded: !!r.consentId,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    async agencyGet(actor: Actor, referralId: string) {
      const r = await loadAgencyReferral(actor, referralId);
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'read.sensitive',
          entityType: 'case_referral',
          entityId: r.id,
          orgUnitId: r.ownerOrgId,
          detail: { via: 'inbox', phone: !!r.consentId, narrative: r.shareNarrative === 1 },
        }),
      );
      return presentAgencyReferral(r, cipher, today(), null);
    },

    async agencyRespond(actor: Actor, referralId: string, kind: RespondKind, body: Parameters<typeof respond>[4]) {
      const r = await loadAgencyReferral(actor, referralId);
      return respond(auditActor(actor), actor, r, kind, { ...body, handlerName: body.handlerName ?? actor.displayName });
    },

    async linkGet(token: string, ip: string | null) {
      const r = await loadByToken(token);
      await db.transaction().execute((trx) =>
        appendAudit(
          trx,
          clock,
          { actorId: null, actorName: 'link', ip },
          {
            action: 'read.sensitive',
            entityType: 'case_referral',
            entityId: r.id,
            orgUnitId: r.ownerOrgId,
            detail: { via: 'link', phone: !!r.consentId, narrative: r.shareNarrative === 1 },
          },
        ),
      );
      return presentAgencyReferral(r, cipher, today(), null);
    },

    async linkRespond(token: string, ip: string | null, kind: RespondKind, body: Parameters<typeof respond>[4]) {
      const r = await loadByToken(token);
      if (!body.handlerName) throw fieldError('handlerName', '请填写经办人姓名');
      return respond({ actorId: null, actorName: `link:${body.handlerName}`.slice(0, 60), ip }, null, r, kind, body);
    },
  };
}
