import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { orgInScope } from '../../db/scope.js';
import { accountsView } from '../funds/index.js';
import type { Scope } from '../../platform/actor.js';
import type { ReliefProgrammesTable } from './relief.tables.js';

// ---------- programmes ----------

/**
 * Programmes are set up by the district and used by its townships: visible when owned inside the scope or by
 * a unit above it (a township chair sees the district's programmes).
 */
function programmeVisible(eb: ExpressionBuilder<Database, 'reliefProgrammes'>, scope: Scope): Expression<SqlBool> {
  const ancestors = [...new Set(scope.paths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (!ancestors.length) return sql<SqlBool>`1 = 0`;
  return eb.or([eb('reliefProgrammes.ownerOrgId', 'in', ancestors), orgInScope(eb, 'relief_programmes.owner_org_id', scope)]);
}

/**
 * The newest programme with this code that serves a unit: owned by the unit or by one above it, the nearest owner
 * first (programmes repeat year by year under one code, and every district keeps its own under the same codes).
 */
export function findProgrammeByCodeFor(db: Executor, code: string, unitPath: string) {
  const ancestors = unitPath.split('/').filter(Boolean);
  return db
    .selectFrom('reliefProgrammes as p')
    .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .selectAll('p')
    .where('p.code', '=', code)
    .where('p.ownerOrgId', 'in', ancestors)
    .orderBy('p.year', 'desc')
    .orderBy('o.depth', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findProgramme(db: Executor, id: string) {
  return db
    .selectFrom('reliefProgrammes')
    .innerJoin('orgUnits as o', 'o.id', 'reliefProgrammes.ownerOrgId')
    .leftJoin(accountsView(db).as('a'), 'a.id', 'reliefProgrammes.fundAccountId')
    .selectAll('reliefProgrammes')
    .select(['o.path as ownerPath', 'a.name as fundAccountName'])
    .where('reliefProgrammes.id', '=', id)
    .executeTakeFirst();
}

export function findProgrammeVisible(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('reliefProgrammes')
    .innerJoin('orgUnits as o', 'o.id', 'reliefProgrammes.ownerOrgId')
    .leftJoin(accountsView(db).as('a'), 'a.id', 'reliefProgrammes.fundAccountId')
    .selectAll('reliefProgrammes')
    .select(['o.path as ownerPath', 'a.name as fundAccountName'])
    .where('reliefProgrammes.id', '=', id)
    .where((eb) => programmeVisible(eb, scope))
    .executeTakeFirst();
}

export function findProgrammeByCodeYear(db: Executor, ownerOrgId: string, code: string, year: number) {
  return db
    .selectFrom('reliefProgrammes')
    .selectAll()
    .where('ownerOrgId', '=', ownerOrgId)
    .where('code', '=', code)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function listProgrammes(db: Executor, scope: Scope, q: { year?: number }) {
  let query = db
    .selectFrom('reliefProgrammes')
    .leftJoin(accountsView(db).as('a'), 'a.id', 'reliefProgrammes.fundAccountId')
    .selectAll('reliefProgrammes')
    .select('a.name as fundAccountName')
    .where((eb) => programmeVisible(eb, scope));
  if (q.year) query = query.where('reliefProgrammes.year', '=', q.year);
  return query.orderBy('reliefProgrammes.year', 'desc').orderBy('reliefProgrammes.code').execute();
}

/** Applications per status of each programme, inside the scope (the programme page's counters). */
export function countByStatus(db: Executor, scope: Scope, programmeIds: string[]) {
  if (!programmeIds.length) return Promise.resolve([]);
  return db
    .selectFrom('reliefApplications')
    .select(['programmeId', 'status', sql<number>`count(*)`.as('n')])
    .where('programmeId', 'in', programmeIds)
    .where((eb) => orgInScope(eb, 'owner_org_id', scope))
    .groupBy(['programmeId', 'status'])
    .execute();
}

export function insertProgramme(db: Executor, row: ReliefProgrammesTable) {
  return db.insertInto('reliefProgrammes').values(row).execute();
}

export function updateProgramme(db: Executor, id: string, patch: Partial<ReliefProgrammesTable>) {
  return db.updateTable('reliefProgrammes').set(patch).where('id', '=', id).execute();
}

/** Programme names by code (newest year wins) as the scope sees its programmes: its own and those of the units above it. */
export async function programmeNamesByCode(db: Executor, scope: Scope): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('reliefProgrammes')
    .select(['code', 'name', 'year'])
    .where((eb) => programmeVisible(eb, scope))
    .orderBy('year')
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The programmes of a lifetime group (a programme's group is its rules' lifetimeGroup, else its code). */
export async function programmeIdsInLifetimeGroup(db: Executor, group: string): Promise<string[]> {
  const rows = await db.selectFrom('reliefProgrammes').select(['id', 'code', 'rules']).execute();
  return rows.filter((r) => lifetimeGroupOf(r.code, r.rules) === group).map((r) => r.id);
}

export function lifetimeGroupOf(code: string, rules: string): string {
  try {
    return (JSON.parse(rules) as { lifetimeGroup?: string | null }).lifetimeGroup || code;
  } catch {
    return code;
  }
}
