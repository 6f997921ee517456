import { parseArgs } from 'node:util';
import { codeProblem, ORG_LEVEL_LABELS, parentLevelOf, type OrgLevel } from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { CliCommand } from '../module.js';
import * as repo from './org.repository.js';

/** The roles that run the installation itself (三员分立): they follow its top, the business roles stay where they were. */
const INSTALLATION_ROLES = ['system_admin', 'security_admin', 'auditor'] as const;

export type JoinResult =
  | { joined: true; topId: string; units: number; grantsMoved: number }
  | { joined: false; topId: string; reason: 'already_joined' };

/** A refusal of `org join`, with the reason an operator can act on. */
export class JoinRefused extends Error {}

/**
 * Puts a new top unit above the current one (a district that started alone joins its city): every unit's path
 * and depth are rewritten, the 三员's roles move to the new top, all in one transaction with its audit entry.
 * Running it again with the same unit changes nothing (the district has already joined); any other unit above a
 * top that already is at that level is refused.
 */
export async function joinParentUnit(db: Db, clock: Clock, input: { level: OrgLevel; name: string; code: string }): Promise<JoinResult> {
  return db.transaction().execute(async (trx) => {
    const tops = await repo.listTopUnits(trx);
    if (tops.length !== 1) throw new JoinRefused(`the database has ${tops.length} top units; org join needs exactly one`);
    const [top] = tops;
    if (top.level === input.level && top.code === input.code && top.name === input.name)
      return { joined: false, topId: top.id, reason: 'already_joined' } as const;
    const expected = parentLevelOf(top.level);
    if (expected !== input.level) {
      const above = expected ? `；其上一级应为${ORG_LEVEL_LABELS[expected]}` : '';
      throw new JoinRefused(
        `顶级单位“${top.name}”是${top.level ? ORG_LEVEL_LABELS[top.level] : '无层级'}级${above} / the top unit is ${top.level}, the unit above it must be ${expected ?? 'none'}`,
      );
    }
    const problem =
      codeProblem(input.code, input.level, null) ?? codeProblem(top.code, top.level, { code: input.code, level: input.level });
    if (problem) throw new JoinRefused(`--code ${input.code}: ${problem}`);
    if (await repo.findUnitByCode(trx, input.code)) throw new JoinRefused(`--code ${input.code}: 代码已被其他单位使用`);
    const id = newId();
    const at = clock.now().toISOString();
    await repo.insertUnit(trx, {
      id,
      parentId: null,
      path: `/${id}/`,
      depth: 0,
      kind: 'federation',
      level: input.level,
      code: input.code,
      name: input.name,
      agencyType: null,
      active: 1,
      sortOrder: 0,
      createdAt: at,
      updatedAt: at,
    });
    const units = await repo.prefixAllPaths(trx, id, at);
    await repo.updateUnit(trx, top.id, { parentId: id });
    const grantsMoved = await repo.moveRoleAssignments(trx, top.id, id, INSTALLATION_ROLES);
    await appendAudit(
      trx,
      clock,
      { actorId: null, actorName: 'cli', ip: null },
      {
        action: 'org.join',
        entityType: 'org_unit',
        entityId: id,
        orgUnitId: id,
        detail: {
          after: { name: input.name, level: input.level, code: input.code },
          childId: top.id,
          units,
          grantsMoved,
        },
      },
    );
    return { joined: true, topId: id, units, grantsMoved } as const;
  });
}

const JOIN_LEVELS: Record<string, OrgLevel> = { province: 'PROVINCE', city: 'CITY', district: 'DISTRICT' };

export const orgJoinCommand: CliCommand = {
  name: 'org join',
  usage:
    'org join --parent-level city --name 示例市妇联 --code 510300\n' +
    '                                 put a new top unit above the current one (a district joins its city; the 三员 move up)',
  async run(argv, rt) {
    const { values } = parseArgs({
      args: argv,
      options: { 'parent-level': { type: 'string' }, name: { type: 'string' }, code: { type: 'string' } },
    });
    const level = JOIN_LEVELS[values['parent-level']?.trim().toLowerCase() ?? ''];
    const name = values.name?.trim();
    const code = values.code?.trim();
    if (!level || !name || !code || name.length > 100) {
      console.error('usage: jinguo org join --parent-level province|city|district --name NAME --code CODE (name: at most 100 characters)');
      return 1;
    }
    try {
      const r = await joinParentUnit(rt.db, rt.clock, { level, name, code });
      if (!r.joined) {
        console.log(`already joined: ${name} (${code}) is the top unit; nothing changed`);
        return 0;
      }
      console.log(
        `${name} (${code}) is the new top unit: ${r.units} units moved under it, ${r.grantsMoved} administrator roles moved to it`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof JoinRefused)) throw err;
      console.error(`加入上级被拒绝，未做任何改动 / org join refused, nothing was changed: ${err.message}`);
      return 2;
    }
  },
};
