import { expressionBuilder, sql, type Expression } from 'kysely';
import type { Database } from '../../db/schema.js';
import { dialectOf, type DialectName, type Executor } from '../../db/database.js';
import { cachedCount, cachedCounts } from '../../db/count-cache.js';
import { fastRows } from '../../db/fast-query.js';
import { orgInScope, pathInScopeSql } from '../../db/scope.js';
import type { Scope } from '../../platform/actor.js';
import type { HouseholdsTable, PersonsTable } from './people.tables.js';

/** The columns any list may show (no ciphertext leaves the repository for a list). */
const LIST_COLUMNS = [
  'p.id',
  'p.name',
  'p.gender',
  'p.birthDate',
  'p.idNumberMasked',
  'p.phoneMasked',
  'p.residenceOrgId',
  'p.tags',
  'p.ownerOrgId',
  'p.mergedIntoId',
] as const;

export type PersonRow = PersonsTable;

/**
 * Persons as other modules read them (a child of the 留守儿童 register, a 代理妈妈): name, sex, birth date,
 * where she lives and the masked phone, never the encrypted fields. A subquery: join it `.as('p')` on the module's person id.
 */
export function personsView(db: Executor) {
  return db
    .selectFrom('persons as pv')
    .select(['pv.id', 'pv.name', 'pv.gender', 'pv.birthDate', 'pv.residenceOrgId', 'pv.ownerOrgId', 'pv.phoneMasked']);
}

export function findPerson(db: Executor, id: string) {
  return db
    .selectFrom('persons as p')
    .leftJoin('orgUnits as r', 'r.id', 'p.residenceOrgId')
    .leftJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
    .leftJoin('households as h', 'h.id', 'p.householdId')
    .selectAll('p')
    .select([
      'r.name as residenceName',
      'r.path as residencePath',
      'o.name as ownerName',
      'o.path as ownerPath',
      'h.members as householdMembers',
      'h.annualIncomeFen as householdIncomeFen',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** The encrypted contact details of persons (a case's applicant revealed or exported with full details). */
export function listEncryptedContacts(db: Executor, ids: string[]) {
  return db.selectFrom('persons').select(['id', 'idNumberEnc', 'phoneEnc', 'addressEnc']).where('id', 'in', ids).execute();
}

export function findPersonByIdNumberBidx(db: Executor, bidx: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'mergedIntoId', 'householdId', 'ownerOrgId'])
    .where('idNumberBidx', '=', bidx)
    .executeTakeFirst();
}

export function insertPerson(db: Executor, row: PersonsTable) {
  return db.insertInto('persons').values(row).execute();
}

/** Inserts unless the ID number's keyed hash exists (the unique index decides under concurrency); true when inserted. */
export async function insertPersonIfNew(db: Executor, row: PersonsTable): Promise<boolean> {
  const r = await db
    .insertInto('persons')
    .values(row)
    .onConflict((oc) => oc.column('idNumberBidx').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function updatePerson(db: Executor, id: string, patch: Partial<PersonsTable>) {
  return db.updateTable('persons').set(patch).where('id', '=', id).execute();
}

/** A person's merge link: the survivor a merged row points at (none for a live row). */
export function findMergeLink(db: Executor, id: string) {
  return db.selectFrom('persons').select(['id', 'mergedIntoId', 'householdId']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Rows merged into the duplicate now point at its survivor (no chain through a merged row). */
export function repointMergedPersons(db: Executor, fromId: string, toId: string) {
  return db.updateTable('persons').set({ mergedIntoId: toId }).where('mergedIntoId', '=', fromId).execute();
}

export function deleteHousehold(db: Executor, id: string) {
  return db.deleteFrom('households').where('id', '=', id).execute();
}

export function insertHousehold(db: Executor, row: HouseholdsTable) {
  return db.insertInto('households').values(row).execute();
}

export function updateHousehold(db: Executor, id: string, patch: Partial<HouseholdsTable>) {
  return db.updateTable('households').set(patch).where('id', '=', id).execute();
}

export function findHousehold(db: Executor, id: string) {
  return db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
}

export type PersonSearch = {
  name?: string;
  idNumberBidx?: string;
  phoneBidx?: string;
  residenceOrgId?: string;
  tag?: string;
  limit: number;
  offset: number;
};

export type PersonListRow = {
  id: string;
  name: string;
  gender: 'female' | 'male';
  birthDate: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  residenceOrgId: string | null;
  residenceName: string | null;
  tags: string;
};

/**
 * Persons visible in the scope (owned or residing inside it), merged rows left out, by name, one page and the
 * total (reused until the data changes: db/count-cache.ts). A full ID number or a phone number is matched
 * exactly through its keyed hash, a name by substring. In SQL through fastRows: the register's list runs on
 * every visit to 人员档案.
 *
 * Two roads to a page by name, and SQLite's planner cannot tell which is shorter, since it cannot see how much
 * of the register a scope covers. For a broad scope — at least 2% of the units, e.g. a township's or the
 * district's officer — the name index is read in order and each person checked against the scope, stopping
 * after one page: the scope terms are written without their indexes (orgInScope's useIndex: false), so the
 * planner takes that road (it took the other for the district: every person found through the owner and
 * residence indexes, then sorted — 250 ms a page for 50,000 persons instead of 0.6). For a narrow scope (a
 * village) the indexes find its few persons, and sorting them is cheap. PostgreSQL's planner reads the name
 * index in order either way.
 */
export async function searchPersons(db: Executor, scope: Scope, q: PersonSearch): Promise<{ items: PersonListRow[]; total: number }> {
  const { count, page } = personListQueries(scope, q, await isBroadScope(db, scope));
  const [total, items] = await Promise.all([cachedCount(db, count), fastRows(db, page)]);
  return { items, total };
}

/** True on SQLite when the scope holds at least 2% of the units (see searchPersons); always false on PostgreSQL. */
export async function isBroadScope(db: Executor, scope: Scope): Promise<boolean> {
  if (dialectOf(db) !== 'sqlite' || scope.paths.length === 0) return false;
  const [inScope, all] = await cachedCounts(db, [
    sql<{ n: number }>`SELECT count(*) AS n FROM org_units u WHERE ${pathInScopeSql('u.path', scope)}`,
    sql<{ n: number }>`SELECT count(*) AS n FROM org_units u`,
  ]);
  return inScope * 50 >= all;
}

/** The list's count and page (exported so a test can read their plans). */
export function personListQueries(scope: Scope, q: PersonSearch, broad: boolean) {
  const eb = expressionBuilder<Database, 'persons'>();
  const w: Expression<unknown>[] = [
    sql`p.merged_into_id IS NULL`,
    sql`(${orgInScope(eb, 'p.owner_org_id', scope, { useIndex: !broad })} OR ${orgInScope(eb, 'p.residence_org_id', scope, { useIndex: !broad })})`,
  ];
  if (q.idNumberBidx) w.push(sql`p.id_number_bidx = ${q.idNumberBidx}`);
  if (q.phoneBidx) w.push(sql`p.phone_bidx = ${q.phoneBidx}`);
  if (q.name) w.push(sql`p.name LIKE ${`%${q.name.replace(/[%_\\]/g, '')}%`}`);
  if (q.residenceOrgId) w.push(sql`p.residence_org_id = ${q.residenceOrgId}`);
  if (q.tag) w.push(sql`p.tags LIKE ${`%"${q.tag.replace(/[%_"\\]/g, '')}"%`}`);
  const where = sql.join(w, sql` AND `);
  return {
    count: sql<{ n: number }>`SELECT count(*) AS n FROM persons p WHERE ${where}`,
    page: sql<PersonListRow>`
      SELECT p.id, p.name, p.gender, p.birth_date AS "birthDate", p.id_number_masked AS "idNumberMasked", p.phone_masked AS "phoneMasked",
             p.residence_org_id AS "residenceOrgId", r.name AS "residenceName", p.tags
      FROM persons p LEFT JOIN org_units r ON r.id = p.residence_org_id
      WHERE ${where}
      ORDER BY p.name, p.id LIMIT ${q.limit} OFFSET ${q.offset}`,
  };
}

/** Possible duplicates of a person: same name and birth date, or same phone (not the person, not merged). */
export function findDuplicateCandidates(
  db: Executor,
  scope: Scope,
  p: { id: string; name: string; birthDate: string | null; phoneBidx: string | null },
) {
  return db
    .selectFrom('persons as p')
    .leftJoin('orgUnits as r', 'r.id', 'p.residenceOrgId')
    .select(LIST_COLUMNS)
    .select('r.name as residenceName')
    .where('p.id', '<>', p.id)
    .where('p.mergedIntoId', 'is', null)
    .where((eb) => eb.or([orgInScope(eb, 'p.owner_org_id', scope), orgInScope(eb, 'p.residence_org_id', scope)]))
    .where((eb) => {
      const ors = [eb.and([eb('p.name', '=', p.name), p.birthDate ? eb('p.birthDate', '=', p.birthDate) : eb('p.birthDate', 'is', null)])];
      if (p.phoneBidx) ors.push(eb('p.phoneBidx', '=', p.phoneBidx));
      return eb.or(ors);
    })
    .orderBy('p.name')
    .limit(20)
    .execute();
}

export function listPeopleTags(db: Executor) {
  return db.selectFrom('peopleTags').select(['tag', 'sortOrder', 'active']).orderBy('sortOrder').execute();
}

export async function replacePeopleTags(db: Executor, tags: string[]) {
  await db.deleteFrom('peopleTags').execute();
  if (tags.length)
    await db
      .insertInto('peopleTags')
      .values(tags.map((tag, i) => ({ tag, sortOrder: i, active: 1 })))
      .execute();
}

/**
 * Every (table, column) whose foreign key points at persons.id, read from the database catalogue, so a merge
 * re-points rows of modules this one does not know (relief, sponsorship …) without a list kept by hand.
 */
export async function listPersonReferences(db: Executor, dialect: DialectName): Promise<{ table: string; column: string }[]> {
  if (dialect === 'postgres') {
    const r = await sql<{ table: string; column: string }>`
      SELECT kcu.table_name AS "table", kcu.column_name AS "column"
      FROM information_schema.referential_constraints rc
      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name AND kcu.constraint_schema = rc.constraint_schema
      JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = rc.unique_constraint_name AND ccu.constraint_schema = rc.unique_constraint_schema
      WHERE ccu.table_name = 'persons' AND ccu.column_name = 'id' AND kcu.constraint_schema = current_schema()`.execute(db);
    return r.rows.filter((x) => !(x.table === 'persons' && x.column === 'merged_into_id'));
  }
  const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db);
  const out: { table: string; column: string }[] = [];
  for (const t of tables.rows) {
    const fks = await sql<{
      table: string;
      from: string;
      to: string;
    }>`SELECT "table", "from", "to" FROM pragma_foreign_key_list(${t.name})`.execute(db);
    for (const fk of fks.rows)
      if (fk.table === 'persons' && (fk.to ?? 'id') === 'id' && !(t.name === 'persons' && fk.from === 'merged_into_id'))
        out.push({ table: t.name, column: fk.from });
  }
  return out;
}

/** Moves every reference from one person to another (table and column names come from the catalogue, above). */
export async function repointReferences(db: Executor, refs: { table: string; column: string }[], fromId: string, toId: string) {
  let moved = 0;
  for (const r of refs) {
    const res = await sql`UPDATE ${sql.table(r.table)} SET ${sql.ref(r.column)} = ${toId} WHERE ${sql.ref(r.column)} = ${fromId}`.execute(
      db,
    );
    moved += Number(res.numAffectedRows ?? 0);
  }
  return moved;
}
