import type { Kysely } from 'kysely';
import { makeAppendOnly } from '../migration-helpers.js';

/**
 * Relief programmes (with their eligibility rules as data), applications from the screening survey
 * (摸底调查), the workflow history of each application, and the lists reported up to the city or province.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('relief_programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // JSON: the eligibility rules the engine evaluates (see @jinguo/domain relief).
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer')
    // JSON array of levels candidates are reported to: "city", "province".
    .addColumn('report_to', 'text', (c) => c.notNull())
    .addColumn('fund_account_id', 'text', (c) => c.references('fund_accounts.id'))
    .addColumn('grant_amount_fen', 'bigint')
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('relief_programmes_code_year_key', ['owner_org_id', 'code', 'year'])
    .execute();
  await db.schema.createIndex('relief_programmes_code_idx').on('relief_programmes').columns(['code', 'year']).execute();

  await db.schema
    .createTable('relief_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The township (or street) federation that screened the candidate owns the record.
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('village_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('relief_programmes.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    // The household as recorded when screened: the verdict and the reported figures rest on these.
    .addColumn('household_income_fen', 'bigint', (c) => c.notNull())
    .addColumn('household_members', 'integer', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('diagnosis_enc', 'text')
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('bank_card_enc', 'text')
    .addColumn('bank_card_masked', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('eligible', 'integer', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('override_by', 'text', (c) => c.references('users.id'))
    .addColumn('reject_reason', 'text')
    .addColumn('grant_amount_fen', 'bigint')
    .addColumn('disbursement_id', 'text', (c) => c.references('fund_disbursements.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_batch', 'text')
    .addColumn('note', 'text')
    .addColumn('verified_by', 'text', (c) => c.references('users.id'))
    .addColumn('verified_on', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_on', 'text')
    .addColumn('reported_on', 'text')
    .addColumn('granted_by', 'text', (c) => c.references('users.id'))
    .addColumn('granted_on', 'text')
    .addColumn('paid_on', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The screening list: per township, filtered by programme and status, newest first.
  await db.schema.createIndex('relief_applications_list_idx').on('relief_applications').columns(['owner_org_id', 'programme_id', 'status', 'applied_on']).execute();
  await db.schema.createIndex('relief_applications_programme_idx').on('relief_applications').columns(['programme_id', 'status', 'applied_on']).execute();
  await db.schema.createIndex('relief_applications_person_idx').on('relief_applications').columns(['person_id', 'status']).execute();
  await db.schema.createIndex('relief_applications_decided_idx').on('relief_applications').columns(['programme_id', 'decided_on']).execute();
  await db.schema.createIndex('relief_applications_granted_idx').on('relief_applications').columns(['programme_id', 'granted_on']).execute();
  await db.schema.createIndex('relief_applications_batch_idx').on('relief_applications').columns(['import_batch']).execute();

  await db.schema
    .createTable('relief_application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('relief_applications.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('relief_application_events_app_idx').on('relief_application_events').columns(['application_id', 'at']).execute();
  await makeAppendOnly(db, 'relief_application_events');

  await db.schema
    .createTable('relief_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('programme_id', 'text', (c) => c.notNull().references('relief_programmes.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('relief_submissions_programme_idx').on('relief_submissions').columns(['programme_id', 'level', 'submitted_on']).execute();
  await db.schema.createIndex('relief_submissions_owner_idx').on('relief_submissions').columns(['owner_org_id', 'submitted_on']).execute();

  await db.schema
    .createTable('relief_submission_items')
    .addColumn('submission_id', 'text', (c) => c.notNull().references('relief_submissions.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('relief_applications.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('household_income_fen', 'bigint', (c) => c.notNull())
    .addColumn('household_members', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('relief_submission_items_pk', ['submission_id', 'application_id'])
    // A candidate is reported to each level once.
    .addUniqueConstraint('relief_submission_items_level_key', ['application_id', 'level'])
    .execute();
  await makeAppendOnly(db, 'relief_submission_items');
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
