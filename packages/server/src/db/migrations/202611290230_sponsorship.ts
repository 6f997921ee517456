import { sql, type Kysely } from 'kysely';
import { makeAppendOnly } from '../migration-helpers.js';

/**
 * 春蕾计划: the girls (minors: guardian consent recorded first for under-14s), sponsors, pairings, term
 * payments (each a ledger disbursement) and the pairing meetings (结对见面会).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Consent comes before anything else is stored about the child, so it cannot point at her row yet.
  await db.schema
    .createTable('sponsorship_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addColumn('guardian_name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('consent_date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sponsorship_consents_student_idx').on('sponsorship_consents').columns(['student_id']).execute();
  await makeAppendOnly(db, 'sponsorship_consents');

  await db.schema
    .createTable('sponsorship_students')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('school_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('school_name', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('guardian_name', 'text', (c) => c.notNull())
    .addColumn('guardian_relation', 'text', (c) => c.notNull())
    .addColumn('guardian_phone_enc', 'text')
    .addColumn('guardian_phone_masked', 'text')
    .addColumn('household_members', 'integer', (c) => c.notNull())
    .addColumn('household_income_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sponsorship_students_owner_idx').on('sponsorship_students').columns(['owner_org_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('sponsorship_students_person_idx').on('sponsorship_students').columns(['person_id']).execute();

  await db.schema
    .createTable('sponsorship_sponsors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sponsorship_sponsors_owner_idx').on('sponsorship_sponsors').columns(['owner_org_id', 'name']).execute();

  await db.schema
    .createTable('sponsorship_pairings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('sponsorship_students.id'))
    .addColumn('sponsor_id', 'text', (c) => c.notNull().references('sponsorship_sponsors.id'))
    .addColumn('start_term', 'text', (c) => c.notNull())
    .addColumn('end_term', 'text', (c) => c.notNull())
    .addColumn('amount_per_term_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ended_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sponsorship_pairings_owner_idx').on('sponsorship_pairings').columns(['owner_org_id', 'status', 'start_term']).execute();
  await db.schema.createIndex('sponsorship_pairings_student_idx').on('sponsorship_pairings').columns(['student_id']).execute();
  await db.schema.createIndex('sponsorship_pairings_sponsor_idx').on('sponsorship_pairings').columns(['sponsor_id']).execute();

  await db.schema
    .createTable('sponsorship_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('pairing_id', 'text', (c) => c.notNull().references('sponsorship_pairings.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('sponsorship_students.id'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('disbursement_id', 'text', (c) => c.notNull().references('fund_disbursements.id'))
    .addColumn('reversed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A term is paid once per pairing (a reversed payment no longer counts, so the term can be paid again).
  await db.schema.createIndex('sponsorship_payments_term_key').on('sponsorship_payments').columns(['pairing_id', 'term']).unique().where(sql.ref('reversed'), '=', 0).execute();
  await db.schema.createIndex('sponsorship_payments_paid_idx').on('sponsorship_payments').columns(['owner_org_id', 'paid_on', 'student_id', 'amount_fen']).execute();

  await db.schema
    .createTable('sponsorship_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('attendees', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sponsorship_meetings_owner_idx').on('sponsorship_meetings').columns(['owner_org_id', 'held_on']).execute();
  await db.schema
    .createTable('sponsorship_meeting_pairings')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('sponsorship_meetings.id'))
    .addColumn('pairing_id', 'text', (c) => c.notNull().references('sponsorship_pairings.id'))
    .addPrimaryKeyConstraint('sponsorship_meeting_pairings_pk', ['meeting_id', 'pairing_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
