import type { Kysely } from 'kysely';

/**
 * 家长学校: sites by unit (a school, a kindergarten, a community, a village), their teachers and classes with
 * attendance (a class is recorded here or is a family-education training session of the activities module held
 * at the site); the yearly 教材征订 — the textbook catalogue and each site's order lines with the money collected
 * from parents, paid to the supplier, and the copies delivered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('parent_school_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('host_name', 'text')
    .addColumn('established_on', 'text', (c) => c.notNull())
    .addColumn('closed_on', 'text')
    .addColumn('principal', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('parent_school_sites_name_once', ['owner_org_id', 'name'])
    .execute();
  await db.schema
    .createIndex('parent_school_sites_owner_idx')
    .on('parent_school_sites')
    .columns(['owner_org_id', 'established_on', 'closed_on'])
    .execute();

  await db.schema
    .createTable('parent_school_teachers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('site_id', 'text', (c) => c.references('parent_school_sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('unit_name', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parent_school_teachers_owner_idx').on('parent_school_teachers').columns(['owner_org_id', 'name']).execute();

  // A class linked to a training session keeps no date, topic or attendance of its own: they are the session's.
  await db.schema
    .createTable('parent_school_classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('parent_school_sites.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('held_on', 'text')
    .addColumn('topic', 'text')
    .addColumn('teacher_id', 'text', (c) => c.references('parent_school_teachers.id'))
    .addColumn('teacher_name', 'text')
    .addColumn('hours', 'double precision')
    .addColumn('attendance', 'integer')
    .addColumn('training_session_id', 'text', (c) => c.unique().references('training_sessions.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parent_school_classes_owner_idx').on('parent_school_classes').columns(['owner_org_id', 'held_on']).execute();
  await db.schema.createIndex('parent_school_classes_site_idx').on('parent_school_classes').columns(['site_id', 'held_on']).execute();
  await db.schema.createIndex('parent_school_classes_teacher_idx').on('parent_school_classes').columns(['teacher_id']).execute();

  await db.schema
    .createTable('parent_school_textbooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text')
    .addColumn('grade_band', 'text')
    .addColumn('unit_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('parent_school_textbooks_title_once', ['title'])
    .execute();

  await db.schema
    .createTable('parent_school_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull().references('parent_school_sites.id'))
    .addColumn('textbook_id', 'text', (c) => c.notNull().references('parent_school_textbooks.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_fen', 'bigint', (c) => c.notNull())
    .addColumn('collected_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('ordered_on', 'text', (c) => c.notNull())
    .addColumn('delivered_qty', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delivered_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('parent_school_orders_once', ['year', 'site_id', 'textbook_id'])
    .execute();
  await db.schema.createIndex('parent_school_orders_owner_idx').on('parent_school_orders').columns(['owner_org_id', 'ordered_on']).execute();
  await db.schema.createIndex('parent_school_orders_year_idx').on('parent_school_orders').columns(['year', 'owner_org_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
