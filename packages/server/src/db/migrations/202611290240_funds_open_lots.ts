import { sql, type Kysely } from 'kysely';

/**
 * First-in first-out by designation: a disbursement reads the open donations of one account and one programme
 * (or the undesignated ones) in date order, a page at a time. The index now leads with the programme, so that
 * read is a seek even when an account holds tens of thousands of open donations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('fund_donations_open_idx').execute();
  await db.schema
    .createIndex('fund_donations_open_lots_idx')
    .on('fund_donations')
    .columns(['account_id', 'programme_code', 'donated_on', 'created_at', 'id'])
    .where(sql.ref('remaining_fen'), '>', 0)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
