import type { Kysely } from 'kysely';
import { makeAppendOnly } from '../migration-helpers.js';

/**
 * The approval engine: a request names its subject (a record of any module, by kind and id), the unit, the ordered
 * steps resolved when it was made (a role at a unit), and where it stands; every decision is a row of an append-only
 * history. The current step's unit and role are kept beside the steps so 我的待办 finds "waiting for me" by index.
 * Per-unit step settings per kind, and 代理 (a head's deputy for a period).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('approval_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('current_step', 'integer', (c) => c.notNull())
    .addColumn('current_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('current_role', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // 我的待办: pending requests at a unit and role; the list of a scope by status and date; a subject's requests.
  await db.schema
    .createIndex('approval_requests_current_idx')
    .on('approval_requests')
    .columns(['status', 'current_org_id', 'current_role'])
    .execute();
  await db.schema.createIndex('approval_requests_list_idx').on('approval_requests').columns(['owner_org_id', 'status', 'updated_at']).execute();
  await db.schema.createIndex('approval_requests_requester_idx').on('approval_requests').columns(['requested_by', 'status']).execute();
  await db.schema.createIndex('approval_requests_subject_idx').on('approval_requests').columns(['kind', 'subject_id', 'status']).execute();

  await db.schema
    .createTable('approval_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('approval_requests.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('step_no', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
    // 代理: the head a deputy decided for; null when the decider decided for herself.
    .addColumn('on_behalf_of', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('approval_decisions_request_idx').on('approval_decisions').columns(['request_id', 'decided_at']).execute();
  await makeAppendOnly(db, 'approval_decisions');

  await db.schema
    .createTable('approval_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('approval_settings_once', ['org_unit_id', 'kind'])
    .execute();

  await db.schema
    .createTable('approval_deputies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('principal_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('deputy_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('approval_deputies_deputy_idx').on('approval_deputies').columns(['deputy_user_id', 'to_date']).execute();
  await db.schema.createIndex('approval_deputies_principal_idx').on('approval_deputies').columns(['principal_user_id', 'to_date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
