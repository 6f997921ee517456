import type { Kysely } from 'kysely';

/** Events with resource lines, rosters and photos; training courses, sessions and trainees; publicity. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('activity_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('partner_units', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('venue', 'text')
    .addColumn('target_group', 'text')
    .addColumn('participant_mode', 'text', (c) => c.notNull())
    .addColumn('participant_count', 'integer', (c) => c.notNull())
    .addColumn('group_counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('units_visited', 'integer', (c) => c.notNull())
    .addColumn('visited_unit_names', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('good_deeds', 'integer', (c) => c.notNull())
    .addColumn('performances', 'integer', (c) => c.notNull())
    .addColumn('association_id', 'text', (c) => c.references('associations.id'))
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // List: unit + date; facts: type + date (then the unit filter); association activities.
  await db.schema.createIndex('activity_events_owner_date_idx').on('activity_events').columns(['owner_org_id', 'start_date']).execute();
  await db.schema.createIndex('activity_events_type_date_idx').on('activity_events').columns(['type', 'start_date', 'owner_org_id']).execute();
  await db.schema.createIndex('activity_events_date_idx').on('activity_events').columns(['start_date', 'id']).execute();
  await db.schema.createIndex('activity_events_association_idx').on('activity_events').columns(['association_id', 'start_date']).execute();

  await db.schema
    .createTable('activity_event_resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('activity_events.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('value_fen', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_event_resources_event_idx').on('activity_event_resources').columns(['event_id', 'category', 'sort_order']).execute();

  await db.schema
    .createTable('activity_event_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('activity_events.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('unit_name', 'text')
    .addColumn('participant_group', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_event_participants_event_idx').on('activity_event_participants').columns(['event_id', 'id']).execute();

  await db.schema
    .createTable('activity_event_photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('activity_events.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('caption', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_event_photos_event_idx').on('activity_event_photos').columns(['event_id', 'created_at']).execute();

  await db.schema
    .createTable('training_courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('partner', 'text')
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_courses_owner_date_idx').on('training_courses').columns(['owner_org_id', 'start_date']).execute();
  await db.schema.createIndex('training_courses_category_idx').on('training_courses').columns(['category', 'start_date']).execute();

  await db.schema
    .createTable('training_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_courses.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('session_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('hours', 'double precision', (c) => c.notNull())
    .addColumn('teacher', 'text')
    .addColumn('venue', 'text')
    .addColumn('attendee_mode', 'text', (c) => c.notNull())
    .addColumn('attendee_count', 'integer', (c) => c.notNull())
    .addColumn('group_counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_sessions_course_idx').on('training_sessions').columns(['course_id', 'session_date']).execute();
  await db.schema.createIndex('training_sessions_date_idx').on('training_sessions').columns(['session_date', 'owner_org_id']).execute();

  await db.schema
    .createTable('training_trainees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('training_sessions.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('training_courses.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_bidx', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_date', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('training_trainees_session_idx').on('training_trainees').columns(['session_id', 'id']).execute();
  await db.schema.createIndex('training_trainees_outcome_idx').on('training_trainees').columns(['outcome', 'outcome_date', 'owner_org_id']).execute();
  await db.schema.createIndex('training_trainees_person_idx').on('training_trainees').columns(['person_id']).execute();
  // The same person (by ID number) is enrolled in a session once; NULLs (no ID number) may repeat.
  await db.schema.createIndex('training_trainees_once_key').on('training_trainees').columns(['session_id', 'id_number_bidx']).unique().execute();

  await db.schema
    .createTable('activity_publicity')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('outlet', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('link', 'text')
    .addColumn('event_id', 'text', (c) => c.references('activity_events.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('activity_publicity_owner_date_idx').on('activity_publicity').columns(['owner_org_id', 'published_on']).execute();
  await db.schema.createIndex('activity_publicity_date_idx').on('activity_publicity').columns(['published_on', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
