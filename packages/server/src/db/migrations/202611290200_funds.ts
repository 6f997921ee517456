import { sql, type Kysely } from 'kysely';
import { makeAppendOnly } from '../migration-helpers.js';

/**
 * The fund ledger: accounts with a running balance (kept in the posting transaction, checked against the
 * journal by tests), donations and disbursements, the append-only double-entry journal, and the allocation
 * of every disbursement to the donations it spent (the donor trace).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fund_accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('programme_code', 'text')
    .addColumn('item', 'text')
    .addColumn('unit', 'text')
    .addColumn('unit_value_fen', 'bigint')
    .addColumn('balance_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('balance_qty', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_accounts_owner_code_key', ['owner_org_id', 'code'])
    .execute();
  await db.schema.createIndex('fund_accounts_kind_idx').on('fund_accounts').columns(['owner_org_id', 'kind', 'code']).execute();

  await db.schema
    .createTable('fund_journal_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().unique())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('memo', 'text', (c) => c.notNull())
    // An entry is reversed at most once: the unique key makes a second reversal fail even under a race.
    .addColumn('reverses_entry_id', 'text', (c) => c.references('fund_journal_entries.id').unique())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_journal_entries_owner_date_idx').on('fund_journal_entries').columns(['owner_org_id', 'entry_date', 'seq']).execute();

  await db.schema
    .createTable('fund_journal_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('fund_journal_entries.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('fund_accounts.id'))
    .addColumn('entry_date', 'text', (c) => c.notNull())
    // Debit positive, credit negative; the lines of one entry sum to zero.
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('fund_journal_lines_entry_idx').on('fund_journal_lines').columns(['entry_id']).execute();
  // Covers a balance as of a date (funds.balance) and an account's journal page.
  await db.schema.createIndex('fund_journal_lines_account_idx').on('fund_journal_lines').columns(['account_id', 'entry_date', 'amount_fen', 'quantity']).execute();
  await makeAppendOnly(db, 'fund_journal_entries');
  await makeAppendOnly(db, 'fund_journal_lines');

  await db.schema
    .createTable('fund_donations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('receipt_no', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('donor_kind', 'text', (c) => c.notNull())
    .addColumn('donor_person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('donor_name', 'text', (c) => c.notNull())
    .addColumn('donor_credit_code', 'text')
    .addColumn('account_id', 'text', (c) => c.notNull().references('fund_accounts.id'))
    .addColumn('programme_code', 'text')
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('quantity', 'bigint')
    .addColumn('unit_value_fen', 'bigint')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    // What of this donation is not yet allocated to a disbursement (Σ per account = the account's balance).
    .addColumn('remaining_fen', 'bigint', (c) => c.notNull())
    .addColumn('remaining_qty', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('donated_on', 'text', (c) => c.notNull())
    .addColumn('memo', 'text')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('fund_journal_entries.id'))
    .addColumn('reversal_entry_id', 'text', (c) => c.references('fund_journal_entries.id'))
    .addColumn('reversal_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('fund_donations_receipt_key', ['owner_org_id', 'receipt_no'])
    .execute();
  await db.schema.createIndex('fund_donations_owner_date_idx').on('fund_donations').columns(['owner_org_id', 'donated_on', 'id']).execute();
  await db.schema.createIndex('fund_donations_programme_idx').on('fund_donations').columns(['programme_code', 'form', 'donated_on', 'amount_fen']).execute();
  await db.schema.createIndex('fund_donations_account_idx').on('fund_donations').columns(['account_id', 'donated_on']).execute();
  await db.schema.createIndex('fund_donations_donor_idx').on('fund_donations').columns(['donor_person_id']).execute();
  // First-in first-out over the donations still open in an account: only open ones are in this index.
  await db.schema
    .createIndex('fund_donations_open_idx')
    .on('fund_donations')
    .columns(['account_id', 'donated_on', 'created_at'])
    .where(sql.ref('remaining_fen'), '>', 0)
    .execute();

  await db.schema
    .createTable('fund_disbursements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('fund_accounts.id'))
    .addColumn('programme_code', 'text')
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('recipient_kind', 'text', (c) => c.notNull())
    .addColumn('recipient_person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('recipient_household_id', 'text', (c) => c.references('households.id'))
    .addColumn('recipient_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('recipient_event_name', 'text')
    .addColumn('bank_card_enc', 'text')
    .addColumn('bank_card_masked', 'text')
    .addColumn('quantity', 'bigint')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'text')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('fund_journal_entries.id'))
    .addColumn('reversal_entry_id', 'text', (c) => c.references('fund_journal_entries.id'))
    .addColumn('reversal_reason', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_disbursements_owner_date_idx').on('fund_disbursements').columns(['owner_org_id', 'paid_on', 'id']).execute();
  await db.schema.createIndex('fund_disbursements_programme_idx').on('fund_disbursements').columns(['programme_code', 'form', 'paid_on', 'amount_fen']).execute();
  await db.schema.createIndex('fund_disbursements_account_idx').on('fund_disbursements').columns(['account_id', 'paid_on']).execute();
  await db.schema.createIndex('fund_disbursements_person_idx').on('fund_disbursements').columns(['recipient_person_id', 'paid_on']).execute();
  await db.schema.createIndex('fund_disbursements_source_idx').on('fund_disbursements').columns(['source_kind', 'source_id']).execute();

  await db.schema
    .createTable('fund_allocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('disbursement_id', 'text', (c) => c.notNull().references('fund_disbursements.id'))
    .addColumn('donation_id', 'text', (c) => c.notNull().references('fund_donations.id'))
    // Positive when the disbursement spends the donation; the same negative when it is reversed.
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('quantity', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('fund_allocations_donation_idx').on('fund_allocations').columns(['donation_id', 'disbursement_id']).execute();
  await db.schema.createIndex('fund_allocations_disbursement_idx').on('fund_allocations').columns(['disbursement_id']).execute();
  await makeAppendOnly(db, 'fund_allocations');

  // Gap-free receipt numbers per owning unit and year: the counter row is updated inside the donation's transaction.
  await db.schema
    .createTable('fund_receipt_counters')
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('fund_receipt_counters_pk', ['owner_org_id', 'year'])
    .execute();

  // The journal's sequence: one row, incremented in the posting transaction (no gaps, no duplicates).
  await db.schema
    .createTable('fund_journal_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('fund_journal_head').values({ id: 1, last_seq: 0 }).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
