import type { Kysely } from 'kysely';
import { DEFAULT_CASE_CATEGORIES } from '@jinguo/domain';

/** Petitions and rights cases: cases, parties, actions, workflow events, consents, referrals, counters, categories. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.insertInto('case_categories').values(DEFAULT_CASE_CATEGORIES.map((c, i) => ({ code: c.code, label: c.label, sort_order: i, active: 1 }))).execute();

  await db.schema
    .createTable('case_counters')
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_no', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_counters_pk', ['owner_org_id', 'year'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('case_no', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().references('case_categories.code'))
    .addColumn('matter_type', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('narrative_enc', 'text')
    .addColumn('applicant_person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('assignee_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('risk_level', 'text')
    .addColumn('risk_answers', 'text')
    .addColumn('risk_assessed_date', 'text')
    .addColumn('next_follow_up_date', 'text')
    .addColumn('next_due_date', 'text')
    .addColumn('accepted_date', 'text')
    .addColumn('accept_notice', 'text')
    .addColumn('not_accepted_reason', 'text')
    .addColumn('diverted_date', 'text')
    .addColumn('diverted_to', 'text')
    .addColumn('diverted_reason', 'text')
    .addColumn('extension_days', 'integer')
    .addColumn('extension_reason', 'text')
    .addColumn('closed_date', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reply', 'text')
    .addColumn('satisfaction', 'text')
    .addColumn('days_to_close', 'integer')
    .addColumn('closed_on_time', 'integer')
    .addColumn('review_requested_date', 'text')
    .addColumn('review_decided_date', 'text')
    .addColumn('review_result', 'text')
    .addColumn('rereview_requested_date', 'text')
    .addColumn('rereview_decided_date', 'text')
    .addColumn('rereview_result', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The case list: filter on owning unit and status, high risk first, newest first (DESIGN.md: one composite index per list).
  await db.schema.createIndex('cases_list_idx').on('cases').columns(['owner_org_id', 'status', 'priority', 'received_date', 'id']).execute();
  await db.schema.createIndex('cases_no_key').on('cases').columns(['owner_org_id', 'case_no']).unique().execute();
  // The figures: each covers its fact's filter and GROUP BY so no table row is read.
  await db.schema.createIndex('cases_received_idx').on('cases').columns(['received_date', 'owner_org_id', 'status', 'channel', 'category']).execute();
  await db.schema.createIndex('cases_accepted_idx').on('cases').columns(['accepted_date', 'owner_org_id', 'closed_date']).execute();
  await db.schema.createIndex('cases_closed_idx').on('cases').columns(['closed_date', 'owner_org_id', 'days_to_close', 'closed_on_time']).execute();
  await db.schema.createIndex('cases_diverted_idx').on('cases').columns(['diverted_date', 'owner_org_id']).execute();
  await db.schema.createIndex('cases_due_idx').on('cases').columns(['next_due_date']).execute();
  await db.schema.createIndex('cases_follow_up_idx').on('cases').columns(['next_follow_up_date']).execute();
  await db.schema.createIndex('cases_applicant_idx').on('cases').columns(['applicant_person_id', 'received_date']).execute();
  await db.schema.createIndex('cases_assignee_idx').on('cases').columns(['assignee_user_id', 'status']).execute();

  await db.schema
    .createTable('case_parties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('case_parties_case_idx').on('case_parties').columns(['case_id']).execute();
  await db.schema.createIndex('case_parties_person_idx').on('case_parties').columns(['person_id']).execute();

  await db.schema
    .createTable('case_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action_date', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('protection_order_status', 'text')
    .addColumn('protection_order_emergency', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('protection_order_applied_at', 'text')
    .addColumn('protection_order_decided_date', 'text')
    .addColumn('warning_no', 'text')
    .addColumn('police_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_actions_case_idx').on('case_actions').columns(['case_id', 'action_date']).execute();
  await db.schema.createIndex('case_actions_kind_idx').on('case_actions').columns(['kind', 'action_date', 'owner_org_id']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('transition', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('case_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('agency_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('given_date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('case_consents_case_idx').on('case_consents').columns(['case_id', 'agency_org_id']).execute();

  await db.schema
    .createTable('case_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('agency_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_requested', 'text', (c) => c.notNull())
    .addColumn('note_for_agency', 'text')
    .addColumn('share_narrative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consent_id', 'text', (c) => c.references('case_consents.id'))
    .addColumn('without_consent_reason', 'text')
    .addColumn('sent_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_date', 'text')
    .addColumn('days_to_answer', 'integer')
    .addColumn('receipt_note', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('outcome', 'text')
    .addColumn('done_date', 'text')
    .addColumn('handler_name', 'text')
    .addColumn('filed_date', 'text')
    .addColumn('court_case_no', 'text')
    .addColumn('court_result', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('link_token_hash', 'text')
    .addColumn('link_issued_at', 'text')
    .addColumn('link_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_referrals_case_idx').on('case_referrals').columns(['case_id', 'sent_date']).execute();
  // The agency inbox: referrals addressed to the agency, open first, newest first.
  await db.schema.createIndex('case_referrals_inbox_idx').on('case_referrals').columns(['agency_org_id', 'status', 'sent_date']).execute();
  await db.schema.createIndex('case_referrals_sent_idx').on('case_referrals').columns(['sent_date', 'owner_org_id', 'agency_org_id']).execute();
  await db.schema.createIndex('case_referrals_answered_idx').on('case_referrals').columns(['answered_date', 'owner_org_id', 'days_to_answer']).execute();
  await db.schema.createIndex('case_referrals_filed_idx').on('case_referrals').columns(['kind', 'filed_date', 'owner_org_id']).execute();
  await db.schema.createIndex('case_referrals_due_idx').on('case_referrals').columns(['status', 'due_date']).execute();
  await db.schema.createIndex('case_referrals_token_key').on('case_referrals').columns(['link_token_hash']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
