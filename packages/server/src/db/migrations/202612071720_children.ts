import { sql, type Kysely } from 'kysely';
import { makeAppendOnly } from '../migration-helpers.js';

/**
 * 关爱留守儿童: the register of left-behind children (persons of the registry; guardian consent recorded first for
 * under-14s; the carer's phone and visit findings encrypted), 代理妈妈 and their pairings, visits, and help given
 * through the fund ledger (a link to the disbursement: the amount is the ledger's).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Consent comes before anything else is stored about the child, so it cannot point at her row yet.
  await db.schema
    .createTable('child_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('guardian_name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('consent_date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('child_consents_child_idx').on('child_consents').columns(['child_id']).execute();
  await makeAppendOnly(db, 'child_consents');

  await db.schema
    .createTable('left_behind_children')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().unique().references('persons.id'))
    .addColumn('village_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('school_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('school_name', 'text')
    .addColumn('grade', 'text')
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('father_work_place', 'text')
    .addColumn('mother_work_place', 'text')
    .addColumn('carer_kind', 'text', (c) => c.notNull())
    .addColumn('carer_name', 'text')
    .addColumn('carer_relation', 'text')
    .addColumn('carer_phone_enc', 'text')
    .addColumn('carer_phone_masked', 'text')
    .addColumn('needs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('left_behind_children_owner_idx')
    .on('left_behind_children')
    .columns(['owner_org_id', 'status', 'registered_on'])
    .execute();
  await db.schema.createIndex('left_behind_children_dates_idx').on('left_behind_children').columns(['registered_on', 'ended_on']).execute();

  await db.schema
    .createTable('child_proxy_mothers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().unique().references('persons.id'))
    .addColumn('unit_name', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('child_proxy_mothers_owner_idx').on('child_proxy_mothers').columns(['owner_org_id']).execute();

  await db.schema
    .createTable('child_pairings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('left_behind_children.id'))
    .addColumn('proxy_mother_id', 'text', (c) => c.notNull().references('child_proxy_mothers.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One 代理妈妈 at a time per child: the database settles a race between two pairings.
  await sql`CREATE UNIQUE INDEX child_pairings_one_open ON child_pairings (child_id) WHERE end_date IS NULL`.execute(db);
  await db.schema.createIndex('child_pairings_owner_idx').on('child_pairings').columns(['owner_org_id', 'start_date']).execute();
  await db.schema.createIndex('child_pairings_mother_idx').on('child_pairings').columns(['proxy_mother_id', 'end_date']).execute();

  await db.schema
    .createTable('child_visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('left_behind_children.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('visitor_kind', 'text', (c) => c.notNull())
    .addColumn('visitor_name', 'text', (c) => c.notNull())
    .addColumn('findings_enc', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('follow_up', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('child_visits_owner_idx').on('child_visits').columns(['owner_org_id', 'visited_on']).execute();
  await db.schema.createIndex('child_visits_child_idx').on('child_visits').columns(['child_id', 'visited_on']).execute();

  await db.schema
    .createTable('child_help')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('left_behind_children.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('disbursement_id', 'text', (c) => c.notNull().unique().references('fund_disbursements.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('child_help_owner_idx').on('child_help').columns(['owner_org_id', 'child_id']).execute();
  await db.schema.createIndex('child_help_child_idx').on('child_help').columns(['child_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
