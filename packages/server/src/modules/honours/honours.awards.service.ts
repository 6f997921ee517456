import type { FastifyReply } from 'fastify';
import {
  awardReviewSchema,
  createAwardSchema,
  HONOUR_LEVELS,
  revokeAwardSchema,
  type AwardListQuery,
  type CreateAward,
  type HonourRules,
} from '@jinguo/domain';
import type { z } from 'zod';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport, sendTemplate, startImport, type UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { addYears, awardsExport, awardsImport, holderKeyOf } from './honours.excel.js';
import * as repo from './honours.repository.js';
import { loadUnitLookup } from '../org/index.js';
import { validate } from '../../platform/validate.js';
import type { HonoursContext } from './honours.context.js';
import { presentAward } from './honours.present.js';

/** Awards (荣誉): recorded, revoked, reviewed; who holds a title; Excel in and out. */
export function createAwardService(ctx: HonoursContext) {
  const { db, clock, excel, today, unitInScope, campaignRefs, homeUnit } = ctx;
  return {
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
  };
}
