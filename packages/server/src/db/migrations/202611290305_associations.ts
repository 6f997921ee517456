import type { Kysely } from 'kysely';

/** Associations (女企业家协会, 巾帼之友协会 …) and their members; their activities are events that name them. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('associations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('founded_on', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('description', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('associations_owner_name_key', ['owner_org_id', 'name'])
    .execute();

  await db.schema
    .createTable('association_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('association_id', 'text', (c) => c.notNull().references('associations.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('member_kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('left_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The member list (by association, current first) and the members fact (joined/left against the period end).
  await db.schema.createIndex('association_members_list_idx').on('association_members').columns(['association_id', 'joined_on']).execute();
  await db.schema.createIndex('association_members_owner_idx').on('association_members').columns(['owner_org_id', 'joined_on', 'left_on']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
