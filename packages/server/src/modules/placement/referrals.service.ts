import type { FastifyReply } from 'fastify';
import {
  createJobReferralSchema,
  jobReferralOutcomeSchema,
  matchSeekerToVacancy,
  rankMatches,
  shanghaiDate,
  type CreateJobReferral,
  type JobReferralListQuery,
  type JobReferralOutcome,
  type SeekerMatch,
  type VacancyMatch,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { keysetRows, sendExport } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as employers from './employers.repository.js';
import { jsonArray, matchSeekerOf, matchVacancyOf, placesOf, presentReferral } from './placement.common.js';
import { referralsExport } from './placement.excel.js';
import * as repo from './referrals.repository.js';
import * as seekers from './seekers.repository.js';
import { validate } from '../../platform/validate.js';

export type ReferralsService = ReturnType<typeof createReferralsService>;

/** Candidates scored per query: enough for a district's seekers with one of a vacancy's skills. */
const CANDIDATES = 500;

/** Matching seekers and vacancies (with the reasons), referrals to employers, and their outcome. */
export function createReferralsService({ db, clock }: { db: Db; clock: Clock }) {
  const excel = { db, clock };
  const today = () => shanghaiDate(clock.now());

  async function loadVacancy(actor: Actor, id: string, permission: 'placement.read' | 'placement.write') {
    const scope = requirePermission(actor, permission);
    const v = await employers.findVacancy(db, id);
    if (!v || !pathInScope(scope, v.ownerOrgPath)) throw new NotFoundError('岗位');
    return { v, scope };
  }

  return {
    /** The seekers (looking for work, in scope) who fit a vacancy best, each with the reasons. */
    async matchesForVacancy(actor: Actor, vacancyId: string): Promise<SeekerMatch[]> {
      const { v, scope } = await loadVacancy(actor, vacancyId, 'placement.read');
      const candidates = await seekers.candidateSeekers(db, scope, jsonArray(v.skills), CANDIDATES);
      const skills = await seekers.skillsOf(
        db,
        candidates.map((s) => s.id),
      );
      const places = await placesOf(db, [
        ...candidates.flatMap((s) => jsonArray(s.placeOrgIds)),
        ...(v.locationOrgId ? [v.locationOrgId] : []),
      ]);
      const vacancy = matchVacancyOf(v, places);
      const referred = new Set((await repo.referredPairs(db, { vacancyId })).map((r) => r.seekerId));
      const ranked = rankMatches(
        candidates.map((s) => ({
          s,
          name: s.name,
          result: matchSeekerToVacancy(matchSeekerOf(s, skills.get(s.id) ?? [], places), vacancy, today()),
        })),
      );
      return ranked.map(({ s, result }) => ({
        seekerId: s.id,
        name: s.name,
        category: s.category,
        skills: skills.get(s.id) ?? [],
        score: result.score,
        reasons: result.reasons,
        referred: referred.has(s.id),
      }));
    },

    /** The open vacancies (in scope) that fit a seeker best, each with the reasons. */
    async matchesForSeeker(actor: Actor, seekerId: string): Promise<VacancyMatch[]> {
      const scope = requirePermission(actor, 'placement.read');
      const s = await seekers.findSeeker(db, seekerId);
      if (!s || !pathInScope(scope, s.ownerOrgPath)) throw new NotFoundError('求职人员');
      const vacancies = await employers.openVacancies(db, scope, CANDIDATES);
      const places = await placesOf(db, [
        ...jsonArray(s.placeOrgIds),
        ...vacancies.flatMap((v) => (v.locationOrgId ? [v.locationOrgId] : [])),
      ]);
      const seeker = matchSeekerOf(s, (await seekers.skillsOf(db, [s.id])).get(s.id) ?? [], places);
      const referred = new Set((await repo.referredPairs(db, { seekerId })).map((r) => r.vacancyId));
      const ranked = rankMatches(
        vacancies.map((v) => ({ v, name: v.title, result: matchSeekerToVacancy(seeker, matchVacancyOf(v, places), today()) })),
      );
      return ranked.map(({ v, result }) => ({
        vacancyId: v.id,
        title: v.title,
        employerName: v.employerName,
        locationText: v.locationText,
        score: result.score,
        reasons: result.reasons,
        referred: referred.has(v.id),
      }));
    },

    async listReferrals(actor: Actor, q: JobReferralListQuery) {
      const { items, total } = await repo.listReferrals(db, requirePermission(actor, 'placement.read'), q);
      return { items: items.map(presentReferral), total, page: q.page, pageSize: q.pageSize };
    },

    /** Refers a seeker to a vacancy; the match (score and reasons) is kept with the referral as it was shown. */
    async createReferral(actor: Actor, vacancyId: string, body: Omit<CreateJobReferral, 'vacancyId'>) {
      const { v: vacancy, scope } = await loadVacancy(actor, vacancyId, 'placement.write');
      const v = validate(createJobReferralSchema, { ...body, vacancyId });
      const s = await seekers.findSeeker(db, v.seekerId);
      if (!s || !pathInScope(scope, s.ownerOrgPath)) throw fieldError('seekerId', '求职人员不存在或不在您的工作范围内');
      if (s.status !== 'seeking')
        throw new ConflictError('该求职人员已就业或已退出求职', [{ path: 'seekerId', message: '该求职人员已就业或已退出求职' }]);
      if (vacancy.status !== 'open') throw new ConflictError('该岗位已结束招聘');
      if (v.referredOn < vacancy.publishedOn) throw fieldError('referredOn', '推荐日期不能早于岗位发布日期');
      if (await repo.findPendingReferral(db, s.id, vacancy.id)) throw new ConflictError('已推荐该人员到此岗位，尚无结果');
      const places = await placesOf(db, [...jsonArray(s.placeOrgIds), ...(vacancy.locationOrgId ? [vacancy.locationOrgId] : [])]);
      const match = matchSeekerToVacancy(
        matchSeekerOf(s, (await seekers.skillsOf(db, [s.id])).get(s.id) ?? [], places),
        matchVacancyOf(vacancy, places),
        v.referredOn,
      );
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertReferrals(trx, [
          {
            id,
            // The seeker's unit counts the placement: it is the federation that serves her.
            ownerOrgId: s.ownerOrgId,
            seekerId: s.id,
            vacancyId: vacancy.id,
            employerId: vacancy.employerId,
            referredOn: v.referredOn,
            score: match.score,
            reasons: JSON.stringify(match.reasons),
            status: 'referred',
            outcomeOn: null,
            monthlyWageFen: null,
            notHiredReason: null,
            note: v.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          },
        ]);
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'placement_referral',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: { seekerId: s.id, vacancyId: vacancy.id, score: match.score },
        });
      });
      return presentReferral((await repo.findReferral(db, id))!);
    },

    /** Hired (date, wage: she is then employed, and a full vacancy closes), not hired (why), or withdrawn. */
    async recordOutcome(actor: Actor, id: string, body: JobReferralOutcome) {
      const scope = requirePermission(actor, 'placement.write');
      const r = await repo.findReferral(db, id);
      if (!r || !pathInScope(scope, r.ownerOrgPath)) throw new NotFoundError('推荐记录');
      const v = validate(jobReferralOutcomeSchema, body);
      if (r.status !== 'referred') throw new ConflictError('该推荐已有结果');
      if (v.outcomeOn < r.referredOn) throw fieldError('outcomeOn', '结果日期不能早于推荐日期');
      const vacancy = (await employers.findVacancy(db, r.vacancyId))!;
      if (v.status === 'hired' && Number(vacancy.filled) >= Number(vacancy.positions))
        throw new ConflictError(`该岗位已招满（${vacancy.positions}人）`);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.updateReferral(trx, id, {
          status: v.status,
          outcomeOn: v.outcomeOn,
          monthlyWageFen: v.status === 'hired' ? v.monthlyWageFen : null,
          notHiredReason: v.status === 'not_hired' ? v.reason : null,
          note: v.note ?? r.note,
          updatedAt: at,
        });
        if (v.status === 'hired') {
          await seekers.updateSeeker(trx, r.seekerId, { status: 'employed', statusDate: v.outcomeOn, updatedAt: at });
          const { n } = await repo.countHired(trx, r.vacancyId);
          if (Number(n) >= Number(vacancy.positions)) await employers.updateVacancy(trx, r.vacancyId, { status: 'closed', updatedAt: at });
        }
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'outcome',
          entityType: 'placement_referral',
          entityId: id,
          orgUnitId: r.ownerOrgId,
          detail: { before: r.status, after: v.status, outcomeOn: v.outcomeOn },
        });
      });
      return presentReferral((await repo.findReferral(db, id))!);
    },

    async exportReferrals(actor: Actor, q: Omit<JobReferralListQuery, 'page' | 'pageSize'>, reply: FastifyReply) {
      const scope = requirePermission(actor, 'placement.read');
      return sendExport(reply, excel, {
        actor,
        spec: referralsExport,
        rows: keysetRows((after, limit) => repo.listReferralsAfter(db, scope, q, after, limit)),
        filters: q,
      });
    },
  };
}
