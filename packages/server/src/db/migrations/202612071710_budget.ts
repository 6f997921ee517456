import type { Kysely } from 'kysely';

/**
 * 妇儿工委 and 两纲 special funds: yearly budget lines by purpose (requested → approved), commitments against them,
 * and their spending — links to the fund ledger's disbursements. A link holds no amount: the money is the
 * ledger's, read through the funds module (never a second money table).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budget_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('programme_code', 'text')
    .addColumn('fund_account_id', 'text', (c) => c.references('fund_accounts.id'))
    .addColumn('requested_fen', 'bigint', (c) => c.notNull())
    .addColumn('requested_on', 'text')
    .addColumn('approved_fen', 'bigint')
    .addColumn('approved_on', 'text')
    .addColumn('approval_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('budget_lines_name_once', ['owner_org_id', 'year', 'name'])
    .execute();
  await db.schema.createIndex('budget_lines_year_idx').on('budget_lines').columns(['year', 'owner_org_id', 'purpose']).execute();

  await db.schema
    .createTable('budget_commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_id', 'text', (c) => c.notNull().references('budget_lines.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('committed_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settled_on', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_commitments_line_idx').on('budget_commitments').columns(['line_id', 'status']).execute();

  await db.schema
    .createTable('budget_spendings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('line_id', 'text', (c) => c.notNull().references('budget_lines.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    // A payment is charged to one line at most.
    .addColumn('disbursement_id', 'text', (c) => c.notNull().unique().references('fund_disbursements.id'))
    .addColumn('commitment_id', 'text', (c) => c.references('budget_commitments.id'))
    .addColumn('linked_by', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('budget_spendings_line_idx').on('budget_spendings').columns(['line_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
