import {
  checkNominationRules,
  type HONOUR_LEVELS,
  permissionsOf,
  shanghaiDate,
  type HeldTitle,
  type HonourRules,
  type NominationDetail,
} from '@jinguo/domain';
import type { Db, DialectName } from '../../db/database.js';
import { can, pathInScope, requirePermission, type Actor, type Scope } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { fieldError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { CampaignRef } from './honours.excel.js';
import * as repo from './honours.repository.js';
import { presentNomination } from './honours.present.js';
import { findUnit } from '../org/index.js';

/** What the parts of the honours service share: scope checks, a nomination's detail and actions, the rules on titles held. */
export function createHonoursContext({ db, dialect, clock }: { db: Db; dialect: DialectName; clock: Clock }) {
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
    db,
    dialect,
    clock,
    excel,
    today,
    requireTopScope,
    unitInScope,
    loadNomination,
    campaignNames,
    heldTitles,
    enforceRules,
    actionsFor,
    detail,
    campaignRefs,
    homeUnit,
  };
}

export type HonoursContext = ReturnType<typeof createHonoursContext>;
