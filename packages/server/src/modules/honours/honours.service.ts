import type { FastifyReply } from 'fastify';
import {
  addDays,
  answerObjectionSchema,
  awardNominationSchema,
  awardReviewSchema,
  checkNominationRules,
  createAwardSchema,
  createCampaignSchema,
  createNominationSchema,
  createPledgeSchema,
  formatChineseDate,
  HONOUR_LEVELS,
  honourRulesSchema,
  objectionSchema,
  permissionsOf,
  reviewDecisionSchema,
  revokeAwardSchema,
  shanghaiDate,
  startNoticeSchema,
  updateCampaignSchema,
  type AwardListQuery,
  type CreateAward,
  type CreateNomination,
  type CreatePledge,
  type HeldTitle,
  type HonourRules,
  type NominationDetail,
  type NominationListQuery,
  type PledgeListQuery,
} from '@jinguo/domain';
import type { z } from 'zod';
import type { Db, DialectName } from '../../db/database.js';
import { auditActor, can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import {
  addYears,
  awardsExport,
  awardsImport,
  holderKeyOf,
  nominationsExport,
  pledgesExport,
  pledgesImport,
  type CampaignRef,
} from './honours.excel.js';
import { assertVersion } from '../../platform/versioning.js';
import * as repo from './honours.repository.js';
import { loadUnitLookup, findUnit } from '../org/index.js';
import { validate } from '../../platform/validate.js';

export type HonoursService = ReturnType<typeof createHonoursService>;

function presentCampaign(c: Awaited<ReturnType<typeof repo.findCampaign>> & object) {
  return {
    id: c.id,
    version: Number(c.version),
    code: c.code,
    name: c.name,
    holderKind: c.holderKind,
    noticeDays: Number(c.noticeDays),
    rules: JSON.parse(c.rules) as HonourRules,
    active: c.active === 1,
    sortOrder: Number(c.sortOrder),
  };
}

function presentNomination(n: repo.NominationRow) {
  return {
    id: n.id,
    campaignId: n.campaignId,
    campaignCode: n.campaignCode,
    campaignName: n.campaignName,
    level: n.level,
    year: Number(n.year),
    ownerOrgId: n.ownerOrgId,
    ownerOrgName: n.ownerOrgName,
    holderKind: n.holderKind,
    holderName: n.holderName,
    holderOrgId: n.holderOrgId,
    holderGender: n.holderGender,
    womenCount: n.womenCount == null ? null : Number(n.womenCount),
    memberCount: n.memberCount == null ? null : Number(n.memberCount),
    leaderFemale: n.leaderFemale == null ? null : n.leaderFemale === 1,
    deeds: n.deeds,
    nominatedOn: n.nominatedOn,
    status: n.status,
    reviewOrgId: n.reviewOrgId,
    reviewOrgName: n.reviewOrgName ?? null,
    noticeStart: n.noticeStart,
    noticeEnd: n.noticeEnd,
    decisionReason: n.decisionReason,
    awardId: n.awardId,
  };
}

function presentAward(a: Awaited<ReturnType<typeof repo.findAward>> & object) {
  return {
    id: a.id,
    campaignId: a.campaignId,
    campaignName: a.campaignName,
    level: a.level,
    year: Number(a.year),
    awardedOn: a.awardedOn,
    certificateNo: a.certificateNo,
    holderKind: a.holderKind,
    holderName: a.holderName,
    holderOrgId: a.holderOrgId,
    ownerOrgId: a.ownerOrgId,
    ownerOrgName: a.ownerOrgName,
    status: a.status,
    revokedOn: a.revokedOn,
    revokeReason: a.revokeReason,
    nextReviewDue: a.nextReviewDue,
    nominationId: a.nominationId,
  };
}

/**
 * Campaigns, nominations (reviewed level by level, then 公示 with objections answered, then awarded), awards
 * (with periodic re-review and revocation), standing counts by level, and pledges (承诺书).
 */
export function createHonoursService({ db, dialect, clock }: { db: Db; dialect: DialectName; clock: Clock }) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());

  /** Campaign configuration is install-wide: only someone who may write honours for the whole tree may change it. */
  function requireTopScope(actor: Actor) {
    const scope = requirePermission(actor, 'honours.write');
    if (!scope.paths.some((p) => p.split('/').filter(Boolean).length === 1)) throw new ForbiddenError('只有区级妇联可以配置评选项目');
    return scope;
  }

  async function unitInScope(scope: Scope, id: string, field: string, label: string) {
    const unit = await findUnit(db, id);
    if (!unit || !pathInScope(scope, unit.path)) throw fieldError(field, `${label}不存在或不在您的工作范围内`);
    return unit;
  }

  async function loadNomination(actor: Actor, id: string, permission: 'honours.read' | 'honours.write') {
    const scope = requirePermission(actor, permission);
    const n = await repo.findNomination(db, id);
    if (!n || !pathInScope(scope, n.ownerOrgPath)) throw new NotFoundError('推荐申报');
    return { n, scope };
  }

  async function campaignNames() {
    return Object.fromEntries((await repo.listCampaigns(db)).map((c) => [c.code, c.name]));
  }

  async function heldTitles(holderKey: string, onDate: string): Promise<HeldTitle[]> {
    const rows = await repo.listHolderTitles(db, holderKey);
    return rows
      .filter((r) => r.awardedOn <= onDate)
      .map((r) => ({
        campaignCode: r.campaignCode,
        campaignName: r.campaignName,
        level: r.level,
        awardedOn: r.awardedOn,
        status: r.status === 'active' || (r.revokedOn && r.revokedOn > onDate) ? 'active' : 'revoked',
      }));
  }

  /** The campaign's rules applied to the nomination on a date; refused with every reason (400, field "rules"). */
  async function enforceRules(
    campaign: { code: string; name: string; rules: string },
    n: {
      holderKey: string;
      level: (typeof HONOUR_LEVELS)[number];
      holderGender: 'female' | 'male' | null;
      womenCount: number | null;
      memberCount: number | null;
      leaderFemale: boolean | null;
    },
    onDate: string,
  ) {
    const reasons = checkNominationRules(
      { code: campaign.code, name: campaign.name, rules: JSON.parse(campaign.rules) },
      { ...n, nominatedOn: onDate },
      await heldTitles(n.holderKey, onDate),
      await campaignNames(),
    );
    if (reasons.length)
      throw new ValidationError(
        `不符合申报条件：${reasons.join('；')}`,
        reasons.map((message) => ({ path: 'rules', message })),
      );
  }

  async function actionsFor(actor: Actor, n: repo.NominationRow): Promise<NominationDetail['actions']> {
    if (!can(actor, 'honours.write')) return [];
    const scope = requirePermission(actor, 'honours.write');
    if (!pathInScope(scope, n.ownerOrgPath)) return [];
    const out: NominationDetail['actions'] = [];
    if (n.status === 'in_review' && n.reviewOrgPath && pathInScope(scope, n.reviewOrgPath)) out.push('review');
    if (n.status === 'approved') out.push('startNotice');
    if (n.status === 'publicised') {
      out.push('recordObjection', 'answerObjection');
      if (n.noticeEnd && today() > n.noticeEnd) out.push('award');
    }
    if (['in_review', 'approved', 'publicised'].includes(n.status)) out.push('withdraw');
    return out;
  }

  async function detail(actor: Actor, id: string) {
    const n = (await repo.findNomination(db, id))!;
    const [reviews, objections] = await Promise.all([repo.listReviews(db, id), repo.listObjections(db, id)]);
    return {
      ...presentNomination(n),
      reviews: reviews.map((r) => ({ ...r, reviewerOrgName: r.reviewerOrgName })),
      objections: objections.map((o) => ({
        id: o.id,
        receivedOn: o.receivedOn,
        objector: o.objector,
        content: o.content,
        answer: o.answer,
        answeredOn: o.answeredOn,
        upheld: o.upheld == null ? null : o.upheld === 1,
      })),
      actions: await actionsFor(actor, n),
    };
  }

  async function campaignRefs(): Promise<CampaignRef[]> {
    return (await repo.listCampaigns(db))
      .filter((c) => c.active === 1)
      .map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        holderKind: c.holderKind,
        reviewCycleYears: (JSON.parse(c.rules) as HonourRules).reviewCycleYears,
      }));
  }

  function homeUnit(actor: Actor) {
    requirePermission(actor, 'honours.write');
    return actor.grants.find((g) => permissionsOf(g.role).includes('honours.write'))!.orgUnitId;
  }

  return {
    // ------------------------------------------------------------ campaigns
    async listCampaigns(actor: Actor) {
      requirePermission(actor, 'honours.read');
      return (await repo.listCampaigns(db)).map(presentCampaign);
    },

    async createCampaign(actor: Actor, body: z.input<typeof createCampaignSchema>) {
      requireTopScope(actor);
      const v = validate(createCampaignSchema, body);
      if (await repo.findCampaignByCode(db, v.code)) throw new ConflictError('代码已存在', [{ path: 'code', message: '代码已存在' }]);
      const id = newId();
      const at = clock.now().toISOString();
      const count = (await repo.listCampaigns(db)).length;
      await db.transaction().execute(async (trx) => {
        await repo.insertCampaign(trx, {
          id,
          code: v.code,
          name: v.name,
          holderKind: v.holderKind,
          noticeDays: v.noticeDays,
          rules: JSON.stringify(v.rules),
          active: 1,
          sortOrder: count,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'honour_campaign',
          entityId: id,
          detail: { after: v },
        });
      });
      return presentCampaign((await repo.findCampaign(db, id))!);
    },

    async updateCampaign(actor: Actor, id: string, body: z.input<typeof updateCampaignSchema>, ifMatch?: number | null) {
      requireTopScope(actor);
      const v = validate(updateCampaignSchema, body);
      const c = await repo.findCampaign(db, id);
      if (!c) throw new NotFoundError('评选项目');
      if (v.rules) validate(honourRulesSchema, v.rules);
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, {
          table: 'honour_campaigns',
          id,
          expected: ifMatch,
          entityType: 'honour_campaign',
          what: '评选项目',
        });
        await repo.updateCampaign(trx, id, {
          ...(v.name ? { name: v.name } : {}),
          ...(v.noticeDays ? { noticeDays: v.noticeDays } : {}),
          ...(v.rules ? { rules: JSON.stringify(v.rules) } : {}),
          ...(v.active !== undefined ? { active: v.active ? 1 : 0 } : {}),
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'honour_campaign',
          entityId: id,
          detail: { before: presentCampaign(c), after: v },
        });
      });
      return presentCampaign((await repo.findCampaign(db, id))!);
    },

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

    // ------------------------------------------------------------ awards
    async listAwards(actor: Actor, q: AwardListQuery) {
      const scope = requirePermission(actor, 'honours.read');
      const { items, total } = await repo.listAwards(db, scope, q);
      return { items: items.map(presentAward), total, page: q.page, pageSize: q.pageSize };
    },

    /** Records a title held already (given before the system, or by a higher federation). */
    async createAward(actor: Actor, body: CreateAward) {
      const scope = requirePermission(actor, 'honours.write');
      const v = validate(createAwardSchema, body);
      const campaign = await repo.findCampaign(db, v.campaignId);
      if (!campaign) throw fieldError('campaignId', '评选项目不存在');
      await unitInScope(scope, v.ownerOrgId, 'ownerOrgId', '登记单位');
      if (v.holderOrgId) await unitInScope(scope, v.holderOrgId, 'holderOrgId', '获奖单位');
      if (Number(v.awardedOn.slice(0, 4)) < v.year) throw fieldError('awardedOn', '授予日期早于年度');
      if (v.certificateNo && (await repo.findAwardByCertificate(db, v.campaignId, v.level, v.certificateNo)))
        throw new ConflictError('该证书编号已登记', [{ path: 'certificateNo', message: '该证书编号已登记' }]);
      const rules = JSON.parse(campaign.rules) as HonourRules;
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertAward(trx, {
          id,
          ownerOrgId: v.ownerOrgId,
          campaignId: v.campaignId,
          nominationId: null,
          level: v.level,
          year: v.year,
          awardedOn: v.awardedOn,
          certificateNo: v.certificateNo ?? null,
          holderKind: campaign.holderKind,
          holderName: v.holderName,
          holderOrgId: v.holderOrgId ?? null,
          holderKey: holderKeyOf(campaign.holderKind, v.holderName, v.holderOrgId),
          status: 'active',
          revokedOn: null,
          revokeReason: null,
          nextReviewDue: rules.reviewCycleYears ? addYears(v.awardedOn, rules.reviewCycleYears) : null,
          createdBy: actor.userId,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'honour_award',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { after: { campaign: campaign.code, level: v.level, holderName: v.holderName, awardedOn: v.awardedOn } },
        });
      });
      return presentAward((await repo.findAward(db, id))!);
    },

    async revokeAward(actor: Actor, id: string, body: z.input<typeof revokeAwardSchema>) {
      const scope = requirePermission(actor, 'honours.write');
      const v = validate(revokeAwardSchema, body);
      const a = await repo.findAward(db, id);
      if (!a || !pathInScope(scope, a.ownerOrgPath)) throw new NotFoundError('荣誉称号');
      if (a.status === 'revoked') throw new ConflictError('该称号已撤销');
      if (v.revokedOn < a.awardedOn) throw fieldError('revokedOn', '撤销日期不能早于授予日期');
      await db.transaction().execute(async (trx) => {
        await repo.updateAward(trx, id, {
          status: 'revoked',
          revokedOn: v.revokedOn,
          revokeReason: v.reason,
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'revoke',
          entityType: 'honour_award',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { revokedOn: v.revokedOn, reason: v.reason },
        });
      });
      return presentAward((await repo.findAward(db, id))!);
    },

    /** Periodic re-review (dynamic management): a pass sets the next due date, a fail revokes the title. */
    async reviewAward(actor: Actor, id: string, body: z.input<typeof awardReviewSchema>) {
      const scope = requirePermission(actor, 'honours.write');
      const v = validate(awardReviewSchema, body);
      const a = await repo.findAward(db, id);
      if (!a || !pathInScope(scope, a.ownerOrgPath)) throw new NotFoundError('荣誉称号');
      if (a.status === 'revoked') throw new ConflictError('该称号已撤销');
      if (v.reviewedOn < a.awardedOn) throw fieldError('reviewedOn', '复审日期不能早于授予日期');
      const rules = JSON.parse(a.rules) as HonourRules;
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertAwardReview(trx, {
          id: newId(),
          awardId: id,
          ownerOrgId: a.ownerOrgId,
          reviewedOn: v.reviewedOn,
          result: v.result,
          note: v.note ?? null,
          reviewedBy: actor.userId,
          createdAt: at,
        });
        if (v.result === 'pass')
          await repo.updateAward(trx, id, {
            nextReviewDue: rules.reviewCycleYears ? addYears(v.reviewedOn, rules.reviewCycleYears) : null,
            updatedAt: at,
          });
        else
          await repo.updateAward(trx, id, {
            status: 'revoked',
            revokedOn: v.reviewedOn,
            revokeReason: `复审不合格：${v.note}`,
            updatedAt: at,
          });
        await appendAudit(trx, clock, auditActor(actor), {
          action: `reexamine.${v.result}`,
          entityType: 'honour_award',
          entityId: id,
          orgUnitId: a.ownerOrgId,
          detail: { reviewedOn: v.reviewedOn },
        });
      });
      return presentAward((await repo.findAward(db, id))!);
    },

    /** Holders now, by the highest level each holds, and what was awarded in the year so far. */
    async standing(actor: Actor, campaignId: string, asOf?: string) {
      const scope = requirePermission(actor, 'honours.read');
      if (!(await repo.findCampaign(db, campaignId))) throw new NotFoundError('评选项目');
      const date = asOf ?? today();
      const ranks = await repo.standingByLevel(db, scope, campaignId, date);
      const year = date.slice(0, 4);
      const awarded = await repo.awardedInYear(db, scope, campaignId, `${year}-01-01`, date);
      const byLevel = HONOUR_LEVELS.map((level, i) => ({ level, holders: Number(ranks.find((r) => Number(r.rank) === i)?.holders ?? 0) }));
      return {
        campaignId,
        asOf: date,
        total: byLevel.reduce((a, b) => a + b.holders, 0),
        byLevel,
        awardedThisYear: HONOUR_LEVELS.map((level) => ({ level, awards: Number(awarded.find((r) => r.level === level)?.awards ?? 0) })),
      };
    },

    async exportAwards(actor: Actor, q: Omit<AwardListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'honours.read');
      return sendExport(reply, excel, {
        actor,
        spec: awardsExport,
        rows: keysetRows((after, limit) => repo.listAwardsAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    async awardsTemplate(actor: Actor, reply: FastifyReply) {
      const units = await loadUnitLookup(db, requirePermission(actor, 'honours.write'));
      return sendTemplate(reply, awardsImport(await campaignRefs(), units, units));
    },
    async importAwards(actor: Actor, source: UploadSource) {
      const units = await loadUnitLookup(db, requirePermission(actor, 'honours.write'));
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: awardsImport(await campaignRefs(), units, units),
        targetKey: `awards:${home}`,
        orgUnitId: home,
        entityType: 'honour_award',
        context: { createdBy: actor.userId, clock, seen: new Map() },
      });
    },

    // ------------------------------------------------------------ pledges
    async listPledges(actor: Actor, q: PledgeListQuery) {
      const scope = requirePermission(actor, 'honours.read');
      const { items, total } = await repo.listPledges(db, scope, q);
      return { items: items.map(presentPledge), total, page: q.page, pageSize: q.pageSize };
    },
    async createPledge(actor: Actor, body: CreatePledge) {
      const scope = requirePermission(actor, 'honours.write');
      const v = validate(createPledgeSchema, body);
      if (!(await repo.findCampaign(db, v.campaignId))) throw fieldError('campaignId', '承诺类别不存在');
      await unitInScope(scope, v.ownerOrgId, 'ownerOrgId', '组织单位');
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertPledges(trx, [
          {
            id,
            ownerOrgId: v.ownerOrgId,
            campaignId: v.campaignId,
            signerName: v.signerName,
            signerPosition: v.signerPosition ?? null,
            signerUnit: v.signerUnit ?? null,
            signedOn: v.signedOn,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'honour_pledge',
          entityId: id,
          orgUnitId: v.ownerOrgId,
          detail: { campaignId: v.campaignId, signedOn: v.signedOn },
        });
      });
      return presentPledge((await repo.findPledge(db, id))!);
    },
    async exportPledges(actor: Actor, q: Omit<PledgeListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'honours.read');
      return sendExport(reply, excel, {
        actor,
        spec: pledgesExport,
        rows: keysetRows((after, limit) => repo.listPledgesAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
    async pledgesTemplate(actor: Actor, reply: FastifyReply) {
      return sendTemplate(reply, pledgesImport(await campaignRefs(), await loadUnitLookup(db, requirePermission(actor, 'honours.write'))));
    },
    async importPledges(actor: Actor, source: UploadSource) {
      const units = await loadUnitLookup(db, requirePermission(actor, 'honours.write'));
      const home = homeUnit(actor);
      return startImport(excel, {
        actor,
        source,
        spec: pledgesImport(await campaignRefs(), units),
        targetKey: `pledges:${home}`,
        orgUnitId: home,
        entityType: 'honour_pledge',
        context: { createdBy: actor.userId, clock },
      });
    },
  };
}

function presentPledge(p: Awaited<ReturnType<typeof repo.findPledge>> & object) {
  return {
    id: p.id,
    campaignId: p.campaignId,
    campaignName: p.campaignName,
    ownerOrgId: p.ownerOrgId,
    ownerOrgName: p.ownerOrgName,
    signerName: p.signerName,
    signerPosition: p.signerPosition,
    signerUnit: p.signerUnit,
    signedOn: p.signedOn,
    note: p.note,
  };
}
