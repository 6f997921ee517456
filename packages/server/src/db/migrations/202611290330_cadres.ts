import type { Kysely } from 'kysely';

/** Cadres roster, rotations (上挂下派) with their members, and party-membership recommendations (推优). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cadres')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('position', 'text')
    .addColumn('rank', 'text', (c) => c.notNull())
    .addColumn('birth_year', 'integer')
    .addColumn('party_member', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cadres_owner_name_idx').on('cadres').columns(['owner_org_id', 'name', 'id']).execute();
  await db.schema.createIndex('cadres_gender_idx').on('cadres').columns(['gender', 'rank']).execute();

  await db.schema
    .createTable('cadre_rotations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cadre_rotations_owner_idx').on('cadre_rotations').columns(['owner_org_id', 'start_date']).execute();
  await db.schema.createIndex('cadre_rotations_date_idx').on('cadre_rotations').columns(['start_date']).execute();

  await db.schema
    .createTable('cadre_rotation_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rotation_id', 'text', (c) => c.notNull().references('cadre_rotations.id'))
    .addColumn('cadre_id', 'text', (c) => c.notNull().references('cadres.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('host_unit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cadre_rotation_members_once', ['rotation_id', 'cadre_id'])
    .execute();
  await db.schema.createIndex('cadre_rotation_members_cadre_idx').on('cadre_rotation_members').columns(['cadre_id']).execute();

  await db.schema
    .createTable('party_recommendations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('candidate_name', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text')
    .addColumn('recommended_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .addColumn('note', 'text')
    .addColumn('cadre_id', 'text', (c) => c.references('cadres.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_recommendations_owner_idx').on('party_recommendations').columns(['owner_org_id', 'recommended_on']).execute();
  await db.schema.createIndex('party_recommendations_date_idx').on('party_recommendations').columns(['recommended_on', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
