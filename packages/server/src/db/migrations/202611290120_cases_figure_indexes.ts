import type { Kysely } from 'kysely';

/**
 * The figures' covering indexes, led by the owning unit: a fact filters `owner_org_id IN (the scope's units)`
 * and a date range, and SQLite's planner (no statistics) drives from the owner. With the date first it chose
 * the list index instead and read every case of the district (about 50 ms a figure over 100,000 cases); with
 * (owner, date, …) each unit's year is one index range, read without touching the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const replace = async (table: string, name: string, columns: string[]) => {
    await db.schema.dropIndex(name).ifExists().execute();
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  };
  await replace('cases', 'cases_received_idx', ['owner_org_id', 'received_date', 'status', 'channel', 'category']);
  await replace('cases', 'cases_accepted_idx', ['owner_org_id', 'accepted_date', 'closed_date']);
  await replace('cases', 'cases_closed_idx', ['owner_org_id', 'closed_date', 'days_to_close', 'closed_on_time']);
  await replace('cases', 'cases_diverted_idx', ['owner_org_id', 'diverted_date']);
  await replace('case_referrals', 'case_referrals_sent_idx', ['owner_org_id', 'sent_date', 'agency_org_id', 'status']);
  await replace('case_referrals', 'case_referrals_answered_idx', ['owner_org_id', 'answered_date', 'days_to_answer']);
  await replace('case_referrals', 'case_referrals_filed_idx', ['owner_org_id', 'kind', 'filed_date']);
  await replace('case_actions', 'case_actions_kind_idx', ['owner_org_id', 'kind', 'action_date']);
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
