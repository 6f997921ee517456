import type { Kysely } from 'kysely';

/** A beneficiary's history also lists what went to her household: that look-up needs its own index. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('fund_disbursements_household_idx').on('fund_disbursements').columns(['recipient_household_id', 'paid_on']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
