import type { Kysely } from 'kysely';

/** 任务下发 (tasks sent down with a form, one answer per target unit) and 通知公告 (notices with read receipts), with their attachments. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    // The form (JSON: TaskField[]); a forwarded task keeps its parent's form so the answers add up.
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('target_mode', 'text', (c) => c.notNull())
    .addColumn('parent_task_id', 'text', (c) => c.references('tasks.id'))
    .addColumn('parent_answer_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_owner_idx').on('tasks').columns(['owner_org_id', 'created_at']).execute();
  await db.schema.createIndex('tasks_parent_answer_idx').on('tasks').columns(['parent_answer_id']).execute();

  await db.schema
    .createTable('task_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer_values', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_answers_task_unit_idx').on('task_answers').columns(['task_id', 'org_unit_id']).unique().execute();
  // The received box and the daily reminders: a unit's open answers.
  await db.schema.createIndex('task_answers_unit_idx').on('task_answers').columns(['org_unit_id', 'status']).execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_owner_idx').on('notices').columns(['owner_org_id', 'created_at']).execute();

  await db.schema
    .createTable('notice_receipts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('org_unit_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('read_at', 'text')
    .addColumn('read_by', 'text')
    .execute();
  await db.schema.createIndex('notice_receipts_notice_unit_idx').on('notice_receipts').columns(['notice_id', 'org_unit_id']).unique().execute();
  await db.schema.createIndex('notice_receipts_unit_idx').on('notice_receipts').columns(['org_unit_id']).execute();

  // Attachments of a task or a notice, stored under files/tasks/<parent id>/ as activity photos are.
  await db.schema
    .createTable('task_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('parent_type', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.notNull())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_files_parent_idx').on('task_files').columns(['parent_id']).execute();
}
