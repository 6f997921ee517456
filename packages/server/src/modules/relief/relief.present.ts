import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  eligibilityRulesSchema,
  incomePerHeadFen,
  reliefVerdictSchema,
  type ApplicationAction,
  type ApplicationListItem,
  type ApplicationStatus,
  type EligibilityRules,
  type Programme,
  type ReliefVerdict,
  type ReportLevel,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { ConflictError } from '../../platform/errors.js';
import * as repo from './relief.repository.js';

type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof repo.findProgramme>>>;

export function parseRules(json: string): EligibilityRules {
  return eligibilityRulesSchema.parse(JSON.parse(json));
}
export function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}
export function parseVerdict(json: string): ReliefVerdict {
  return reliefVerdictSchema.parse(JSON.parse(json));
}

/** How many other applications of the person count against a once-per-lifetime rule of the programme. */
export async function priorLifetime(db: Executor, programme: { code: string; rules: string }, personId: string, excludeId: string | null) {
  const rules = parseRules(programme.rules);
  if (!rules.oncePerLifetime) return 0;
  const ids = await repo.programmeIdsInLifetimeGroup(db, repo.lifetimeGroupOf(programme.code, programme.rules));
  return repo.countLifetimeApplications(db, personId, ids, excludeId);
}

export function presentProgramme(
  p: ProgrammeRow | Awaited<ReturnType<typeof repo.listProgrammes>>[number],
  counts: Record<string, number> = {},
): Programme {
  return {
    id: p.id,
    version: Number(p.version),
    code: p.code,
    name: p.name,
    kind: p.kind,
    year: Number(p.year),
    rules: parseRules(p.rules),
    quota: p.quota == null ? null : Number(p.quota),
    reportTo: JSON.parse(p.reportTo),
    fundAccountId: p.fundAccountId,
    fundAccountName: p.fundAccountName ?? null,
    grantAmountFen: p.grantAmountFen == null ? null : Number(p.grantAmountFen),
    description: p.description,
    active: p.active === 1,
    counts,
  };
}

export function presentListItem(
  a: Awaited<ReturnType<typeof repo.listApplications>>['items'][number],
  levels: ReportLevel[],
): ApplicationListItem {
  const members = Number(a.householdMembers);
  const income = Number(a.householdIncomeFen);
  return {
    id: a.id,
    programmeId: a.programmeId,
    programmeCode: a.programmeCode,
    programmeName: a.programmeName,
    personId: a.personId,
    name: a.name,
    idNumberMasked: a.idNumberMasked,
    townshipId: a.ownerOrgId,
    townshipName: a.townshipName,
    villageName: a.villageName,
    householdMembers: members,
    householdIncomeFen: income,
    incomePerHeadFen: incomePerHeadFen(income, members),
    status: a.status,
    eligible: a.eligible === 1,
    overridden: !!a.overrideReason,
    appliedOn: a.appliedOn,
    reportedTo: levels,
    grantAmountFen: a.grantAmountFen == null ? null : Number(a.grantAmountFen),
  };
}

/** A workflow step the application's status does not allow (a plain function: TypeScript narrows after a `never` call). */
export function refuseTransition(from: ApplicationStatus, action: ApplicationAction): never {
  throw new ConflictError(`当前状态为“${APPLICATION_STATUS_LABELS[from]}”，不能执行“${APPLICATION_ACTION_LABELS[action]}”`);
}
