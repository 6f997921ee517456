import { sql, type Kysely } from 'kysely';

/**
 * The women-cadre analysis: the roster gains education, post level (正职/副职), unit category, the dates a cadre
 * joined and left the roster (so any year's roster can be counted again), and the reserve-cadre flag; targets for
 * women's shares are kept per unit.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('cadres').addColumn('education', 'text').execute();
  await db.schema.alterTable('cadres').addColumn('post_level', 'text').execute();
  await db.schema.alterTable('cadres').addColumn('unit_category', 'text').execute();
  await db.schema.alterTable('cadres').addColumn('serving_since', 'text').execute();
  await db.schema.alterTable('cadres').addColumn('left_on', 'text').execute();
  await db.schema
    .alterTable('cadres')
    .addColumn('reserve', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // Cadres already taken off the roster left it on the day they were last changed.
  await sql`UPDATE cadres SET left_on = substr(updated_at, 1, 10) WHERE active = 0 AND left_on IS NULL`.execute(db);
  await db.schema.createIndex('cadres_roster_idx').on('cadres').columns(['owner_org_id', 'left_on', 'serving_since']).execute();

  await db.schema
    .createTable('cadre_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('dimension', 'text', (c) => c.notNull())
    .addColumn('key', 'text')
    // Basis points: 3000 = 30.00%.
    .addColumn('target_share_bp', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cadre_targets_owner_idx').on('cadre_targets').columns(['owner_org_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
