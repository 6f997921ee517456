import type { FastifyReply } from 'fastify';
import {
  addDays,
  answerObjectionSchema,
  awardNominationSchema,
  createNominationSchema,
  formatChineseDate,
  objectionSchema,
  reviewDecisionSchema,
  startNoticeSchema,
  type CreateNomination,
  type HonourRules,
  type NominationListQuery,
} from '@jinguo/domain';
import type { z } from 'zod';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { addYears, holderKeyOf, nominationsExport } from './honours.excel.js';
import * as repo from './honours.repository.js';
import { validate } from '../../platform/validate.js';
import type { HonoursContext } from './honours.context.js';
import { presentNomination } from './honours.present.js';

/** Nominations: nominate, review, public notice (公示) and objections, award, withdraw. */
export function createNominationService(ctx: HonoursContext) {
  const { db, clock, excel, unitInScope, loadNomination, enforceRules, detail } = ctx;
  return {
    // ------------------------------------------------------------ nominations
    async listNominations(actor: Actor, q: NominationListQuery) {
      const scope = requirePermission(actor, 'honours.read');
      const { items, total } = await repo.listNominations(db, scope, q);
      return { items: items.map(presentNomination), total, page: q.page, pageSize: q.pageSize };
    },

    async exportNominations(actor: Actor, q: Omit<NominationListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'honours.read');
      return sendExport(reply, excel, {
        actor,
        spec: nominationsExport,
        rows: keysetRows((after, limit) => repo.listNominationsAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },

    async getNomination(actor: Actor, id: string) {
      await loadNomination(actor, id, 'honours.read');
      return detail(actor, id);
    },

    /** Nominates a unit, family or person; the campaign's rules are checked first and every unmet one is named. */
    async nominate(actor: Actor, body: CreateNomination) {
      const scope = requirePermission(actor, 'honours.write');
      const v = validate(createNominationSchema, body);
      const campaign = await repo.findCampaign(db, v.campaignId);
      if (campaign?.active !== 1) throw fieldError('campaignId', '评选项目不存在或已停用');
      await unitInScope(scope, v.ownerOrgId, 'ownerOrgId', '推荐单位');
      if (v.holderOrgId) await unitInScope(scope, v.holderOrgId, 'holderOrgId', '被推荐单位');
      if (campaign.holderKind === 'unit' && !v.holderOrgId && !v.holderName) throw fieldError('holderName', '请填写被推荐集体');
      const holderKey = holderKeyOf(campaign.holderKind, v.holderName, v.holderOrgId);
      if (await repo.findOpenNomination(db, campaign.id, holderKey, v.level))
        throw new ConflictError('该对象已有同级别的申报在办理中', [{ path: 'holderName', message: '该对象已有同级别的申报在办理中' }]);
      await enforceRules(
        campaign,
        {
          holderKey,
          level: v.level,
          holderGender: v.holderGender ?? null,
          womenCount: v.womenCount ?? null,
          memberCount: v.memberCount ?? null,
          leaderFemale: v.leaderFemale ?? null,
        },
        v.nominatedOn,
      );
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertNomination(trx, {
          id,
          ownerOrgId: v.ownerOrgId,
          campaignId: campaign.id,
          level: v.level,
          year: v.year,
          holderKind: campaign.holderKind,
          holderName: v.holderName,
          holderOrgId: v.holderOrgId ?? null,
          holderKey,
          holderGender: v.holderGender ?? null,
          womenCount: v.womenCount ?? null,
          memberCount: v.memberCount ?? null,
          leaderFemale: v.leaderFemale == null ? null : v.leaderFemale ? 1 : 0,
          deeds: v.deeds ?? null,
          nominatedOn: v.nominatedOn,
          status: 'in_review',
          // The first review is the nominating unit's own; each approval moves it one level up.
          reviewOrgId: v.ownerOrgId,
          noticeStart: null,
          noticeEnd: null,
          decisionReason: null,
          awardId: null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'honour_nomination',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { campaign: campaign.code, level: v.level, holderName: v.holderName } },
        });
      });
      return detail(actor, id);
    },

    /** One level's review: approve (moves to the next level up, or to 公示 at the top) or reject with a reason. */
    async review(actor: Actor, id: string, body: z.input<typeof reviewDecisionSchema>) {
      const { n, scope } = await loadNomination(actor, id, 'honours.write');
      const v = validate(reviewDecisionSchema, body);
      if (n.status !== 'in_review') throw new ConflictError('该申报不在审核阶段');
      if (!n.reviewOrgPath || !pathInScope(scope, n.reviewOrgPath))
        throw new ForbiddenError(`该申报正等待${n.reviewOrgName ?? '上级'}审核`);
      const at = clock.now().toISOString();
      const top = !n.reviewOrgParentId;
      await db.transaction().execute(async (trx) => {
        await repo.insertReview(trx, {
          id: newId(),
          nominationId: id,
          ownerOrgId: n.ownerOrgId,
          reviewerOrgId: n.reviewOrgId!,
          decision: v.decision,
          comment: v.comment ?? null,
          reviewedBy: actor.userId,
          reviewedAt: at,
        });
        if (v.decision === 'reject')
          await repo.updateNomination(trx, id, {
            status: 'rejected',
            decisionReason: `${n.reviewOrgName}审核未通过：${v.comment}`,
            reviewOrgId: null,
            updatedAt: at,
          });
        else if (top) await repo.updateNomination(trx, id, { status: 'approved', reviewOrgId: null, updatedAt: at });
        else await repo.updateNomination(trx, id, { reviewOrgId: n.reviewOrgParentId, updatedAt: at });
        await appendAudit(trx, clock, auditActor(actor), {
          action: `review.${v.decision}`,
          entityType: 'honour_nomination',
          entityId: id,
          orgUnitId: n.ownerOrgId,
          detail: { reviewerOrgId: n.reviewOrgId, comment: v.comment ?? null },
        });
      });
      return detail(actor, id);
    },

    /** Starts the public notice (公示) for the campaign's number of days. */
    async startNotice(actor: Actor, id: string, body: z.input<typeof startNoticeSchema>) {
      const { n } = await loadNomination(actor, id, 'honours.write');
      const v = validate(startNoticeSchema, body);
      if (n.status !== 'approved') throw new ConflictError('审核通过后才能公示');
      const end = addDays(v.noticeStart, Number(n.noticeDays) - 1);
      await db.transaction().execute(async (trx) => {
        await repo.updateNomination(trx, id, {
          status: 'publicised',
          noticeStart: v.noticeStart,
          noticeEnd: end,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'notice.start',
          entityType: 'honour_nomination',
          entityId: id,
          orgUnitId: n.ownerOrgId,
          detail: { noticeStart: v.noticeStart, noticeEnd: end },
        });
      });
      return detail(actor, id);
    },

    async recordObjection(actor: Actor, id: string, body: z.input<typeof objectionSchema>) {
      const { n } = await loadNomination(actor, id, 'honours.write');
      const v = validate(objectionSchema, body);
      if (n.status !== 'publicised') throw new ConflictError('只有公示中的申报可以登记异议');
      if (v.receivedOn < n.noticeStart! || v.receivedOn > n.noticeEnd!)
        throw fieldError('receivedOn', `异议须在公示期内（${formatChineseDate(n.noticeStart!)}至${formatChineseDate(n.noticeEnd!)}）提出`);
      const objectionId = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertObjection(trx, {
          id: objectionId,
          nominationId: id,
          ownerOrgId: n.ownerOrgId,
          receivedOn: v.receivedOn,
          objector: v.objector ?? null,
          content: v.content,
          answer: null,
          answeredOn: null,
          upheld: null,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        });
        // The objection's text and the objector stay out of the trail (they may name people).
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'objection.record',
          entityType: 'honour_nomination',
          entityId: id,
          orgUnitId: n.ownerOrgId,
          detail: { objectionId, receivedOn: v.receivedOn },
        });
      });
      return detail(actor, id);
    },

    /** Answers an objection; an upheld objection ends the nomination. */
    async answerObjection(actor: Actor, id: string, objectionId: string, body: z.input<typeof answerObjectionSchema>) {
      const { n } = await loadNomination(actor, id, 'honours.write');
      const v = validate(answerObjectionSchema, body);
      const objection = (await repo.listObjections(db, id)).find((o) => o.id === objectionId);
      if (!objection) throw new NotFoundError('异议');
      if (objection.answer) throw new ConflictError('该异议已答复');
      if (v.answeredOn < objection.receivedOn) throw fieldError('answeredOn', '答复日期不能早于收到日期');
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateObjection(trx, objectionId, { answer: v.answer, answeredOn: v.answeredOn, upheld: v.upheld ? 1 : 0 });
        if (v.upheld && n.status === 'publicised')
          await repo.updateNomination(trx, id, {
            status: 'rejected',
            decisionReason: `公示期间异议经核实成立：${v.answer}`,
            updatedAt: at,
          });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'objection.answer',
          entityType: 'honour_nomination',
          entityId: id,
          orgUnitId: n.ownerOrgId,
          detail: { objectionId, upheld: v.upheld },
        });
      });
      return detail(actor, id);
    },

    /** Awards the title after the notice has ended with every objection answered; the rules are checked again. */
    async award(actor: Actor, id: string, body: z.input<typeof awardNominationSchema>) {
      const { n } = await loadNomination(actor, id, 'honours.write');
      const v = validate(awardNominationSchema, body);
      if (n.status !== 'publicised') throw new ConflictError('公示结束后才能授予');
      if (v.awardedOn <= n.noticeEnd!) throw fieldError('awardedOn', `公示期至${formatChineseDate(n.noticeEnd!)}，期满后方可授予`);
      const open = (await repo.listObjections(db, id)).filter((o) => !o.answer);
      if (open.length) throw new ConflictError(`还有${open.length}条异议未答复`);
      await enforceRules(
        { code: n.campaignCode, name: n.campaignName, rules: n.rules },
        {
          holderKey: n.holderKey,
          level: n.level,
          holderGender: n.holderGender,
          womenCount: n.womenCount,
          memberCount: n.memberCount,
          leaderFemale: n.leaderFemale == null ? null : n.leaderFemale === 1,
        },
        n.nominatedOn,
      );
      if (v.certificateNo && (await repo.findAwardByCertificate(db, n.campaignId, n.level, v.certificateNo)))
        throw new ConflictError('该证书编号已登记', [{ path: 'certificateNo', message: '该证书编号已登记' }]);
      const rules = JSON.parse(n.rules) as HonourRules;
      const awardId = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertAward(trx, {
          id: awardId,
          ownerOrgId: n.ownerOrgId,
          campaignId: n.campaignId,
          nominationId: id,
          level: n.level,
          year: Number(n.year),
          awardedOn: v.awardedOn,
          certificateNo: v.certificateNo ?? null,
          holderKind: n.holderKind,
          holderName: n.holderName,
          holderOrgId: n.holderOrgId,
          holderKey: n.holderKey,
          status: 'active',
          revokedOn: null,
          revokeReason: null,
          nextReviewDue: rules.reviewCycleYears ? addYears(v.awardedOn, rules.reviewCycleYears) : null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await repo.updateNomination(trx, id, { status: 'awarded', awardId, updatedAt: at });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'award',
          entityType: 'honour_nomination',
          entityId: id,
          orgUnitId: n.ownerOrgId,
          detail: { awardId, level: n.level, awardedOn: v.awardedOn },
        });
      });
      return detail(actor, id);
    },

    async withdraw(actor: Actor, id: string) {
      const { n } = await loadNomination(actor, id, 'honours.write');
      if (!['in_review', 'approved', 'publicised'].includes(n.status)) throw new ConflictError('该申报已办结，不能撤回');
      await db.transaction().execute(async (trx) => {
        await repo.updateNomination(trx, id, { status: 'withdrawn', reviewOrgId: null, updatedAt: clock.now().toISOString() });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'withdraw',
          entityType: 'honour_nomination',
          entityId: id,
          orgUnitId: n.ownerOrgId,
        });
      });
      return detail(actor, id);
    },
  };
}
