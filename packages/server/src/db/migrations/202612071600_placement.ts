import type { Kysely } from 'kysely';

/**
 * 妇联职介所 (placement): employers (信用代码 checked), their vacancies, job seekers from the person registry with
 * their skills and trainings taken, referrals with the match reasons and their outcome, and 劳务输出 batches with
 * their members and the follow-ups after 1, 3 and 6 months.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('placement_employers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('address', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone_enc', 'text')
    .addColumn('contact_phone_masked', 'text')
    .addColumn('note', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('placement_employers_owner_code_key', ['owner_org_id', 'credit_code'])
    .execute();
  await db.schema.createIndex('placement_employers_owner_name_idx').on('placement_employers').columns(['owner_org_id', 'name', 'id']).execute();

  await db.schema
    .createTable('placement_vacancies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('employer_id', 'text', (c) => c.notNull().references('placement_employers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON array of skill names.
    .addColumn('skills', 'text', (c) => c.notNull())
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('positions', 'integer', (c) => c.notNull())
    .addColumn('wage_min_fen', 'bigint')
    .addColumn('wage_max_fen', 'bigint')
    .addColumn('location_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('location_text', 'text', (c) => c.notNull())
    .addColumn('age_min', 'integer')
    .addColumn('age_max', 'integer')
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list (open first, newest first) and the facts by publication date.
  await db.schema
    .createIndex('placement_vacancies_owner_idx')
    .on('placement_vacancies')
    .columns(['owner_org_id', 'status', 'published_on'])
    .execute();
  await db.schema.createIndex('placement_vacancies_date_idx').on('placement_vacancies').columns(['published_on', 'owner_org_id']).execute();
  await db.schema.createIndex('placement_vacancies_employer_idx').on('placement_vacancies').columns(['employer_id']).execute();

  await db.schema
    .createTable('placement_seekers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    // Display copies from the registry (masked forms only; the registry holds the encrypted values).
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('education', 'text')
    .addColumn('hours', 'text', (c) => c.notNull())
    // JSON array of org unit ids (preferred workplaces); empty = anywhere in the area.
    .addColumn('place_org_ids', 'text', (c) => c.notNull())
    .addColumn('accepts_outside', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expected_wage_fen', 'bigint')
    .addColumn('wishes', 'text')
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_date', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('placement_seekers_owner_idx')
    .on('placement_seekers')
    .columns(['owner_org_id', 'status', 'registered_on'])
    .execute();
  await db.schema.createIndex('placement_seekers_date_idx').on('placement_seekers').columns(['registered_on', 'owner_org_id']).execute();
  await db.schema.createIndex('placement_seekers_person_idx').on('placement_seekers').columns(['person_id']).execute();

  await db.schema
    .createTable('placement_seeker_skills')
    .addColumn('seeker_id', 'text', (c) => c.notNull().references('placement_seekers.id'))
    .addColumn('skill', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addPrimaryKeyConstraint('placement_seeker_skills_pk', ['seeker_id', 'skill'])
    .execute();
  // Matching a vacancy: the seekers who have one of its skills.
  await db.schema.createIndex('placement_seeker_skills_skill_idx').on('placement_seeker_skills').columns(['skill', 'seeker_id']).execute();

  await db.schema
    .createTable('placement_seeker_trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seeker_id', 'text', (c) => c.notNull().references('placement_seekers.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    // A row of the activities module's training roster (no foreign key across modules: the roster may change).
    .addColumn('trainee_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('placement_seeker_trainings_seeker_idx').on('placement_seeker_trainings').columns(['seeker_id']).execute();
  await db.schema.createIndex('placement_seeker_trainings_trainee_idx').on('placement_seeker_trainings').columns(['trainee_id']).execute();

  await db.schema
    .createTable('placement_referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The seeker's unit: the federation that serves her counts her placement.
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('seeker_id', 'text', (c) => c.notNull().references('placement_seekers.id'))
    .addColumn('vacancy_id', 'text', (c) => c.notNull().references('placement_vacancies.id'))
    .addColumn('employer_id', 'text', (c) => c.notNull().references('placement_employers.id'))
    .addColumn('referred_on', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    // JSON array of the match reasons shown when she was referred.
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome_on', 'text')
    .addColumn('monthly_wage_fen', 'bigint')
    .addColumn('not_hired_reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('placement_referrals_owner_idx').on('placement_referrals').columns(['owner_org_id', 'referred_on']).execute();
  // 介绍就业 and 二次就业: hires by date.
  await db.schema.createIndex('placement_referrals_outcome_idx').on('placement_referrals').columns(['status', 'outcome_on']).execute();
  await db.schema.createIndex('placement_referrals_seeker_idx').on('placement_referrals').columns(['seeker_id']).execute();
  await db.schema.createIndex('placement_referrals_vacancy_idx').on('placement_referrals').columns(['vacancy_id', 'status']).execute();

  await db.schema
    .createTable('placement_export_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('employer_id', 'text', (c) => c.notNull().references('placement_employers.id'))
    .addColumn('departure_date', 'text', (c) => c.notNull())
    .addColumn('support_per_person_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('placement_export_batches_owner_idx')
    .on('placement_export_batches')
    .columns(['owner_org_id', 'departure_date'])
    .execute();
  await db.schema
    .createIndex('placement_export_batches_date_idx')
    .on('placement_export_batches')
    .columns(['departure_date', 'owner_org_id'])
    .execute();

  await db.schema
    .createTable('placement_export_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('placement_export_batches.id'))
    .addColumn('seeker_id', 'text', (c) => c.notNull().references('placement_seekers.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('support_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('placement_export_members_once', ['batch_id', 'seeker_id'])
    .execute();
  await db.schema.createIndex('placement_export_members_seeker_idx').on('placement_export_members').columns(['seeker_id']).execute();

  await db.schema
    .createTable('placement_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('placement_export_members.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull().references('placement_export_batches.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('done_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('monthly_wage_fen', 'bigint')
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('placement_follow_ups_once', ['member_id', 'months'])
    .execute();
  await db.schema.createIndex('placement_follow_ups_batch_idx').on('placement_follow_ups').columns(['batch_id']).execute();
  await db.schema.createIndex('placement_follow_ups_date_idx').on('placement_follow_ups').columns(['done_on', 'months']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
