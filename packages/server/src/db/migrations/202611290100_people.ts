import type { Kysely } from 'kysely';
import { DEFAULT_PERSON_TAGS } from '@jinguo/domain';

/** The person registry: households, persons (sensitive fields encrypted, keyed hashes for look-up), tag list. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('residence_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('annual_income_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('households_owner_idx').on('households').columns(['owner_org_id']).execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('residence_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('household_id', 'text', (c) => c.references('households.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_bidx', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_bidx', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('address_enc', 'text')
    .addColumn('address_masked', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('merged_into_id', 'text', (c) => c.references('persons.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  // One person, one row: NULLs are distinct on both databases, so persons without an ID number may repeat.
  await db.schema.createIndex('persons_id_number_bidx_key').on('persons').columns(['id_number_bidx']).unique().execute();
  await db.schema.createIndex('persons_phone_bidx_idx').on('persons').columns(['phone_bidx']).execute();
  await db.schema.createIndex('persons_owner_name_idx').on('persons').columns(['owner_org_id', 'name']).execute();
  await db.schema.createIndex('persons_name_idx').on('persons').columns(['name', 'birth_date']).execute();
  await db.schema.createIndex('persons_residence_idx').on('persons').columns(['residence_org_id']).execute();
  await db.schema.createIndex('persons_household_idx').on('persons').columns(['household_id']).execute();

  await db.schema
    .createTable('people_tags')
    .addColumn('tag', 'text', (c) => c.primaryKey())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db
    .insertInto('people_tags')
    .values(DEFAULT_PERSON_TAGS.map((tag, i) => ({ tag, sort_order: i, active: 1 })))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
