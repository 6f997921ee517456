import type { Kysely } from 'kysely';

/**
 * 转送 / 交办 between levels (信访工作条例第22、23条): a case registered at a city or province federation passed on, or
 * assigned with a required report, to a federation unit below it. The receiving unit gets its own case (target_case_id,
 * its own number, its own officers); the sender's case keeps the handover with the report (报结) and the presses (督办).
 * One handover per case each way: a case is passed on once (from 已登记), and a received case came from one handover.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
    .addColumn('target_case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
    // The sender (the source case's unit) owns the row; the receiving unit is named beside it.
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('to_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('instructions', 'text', (c) => c.notNull())
    .addColumn('sent_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('reported_date', 'text')
    .addColumn('reported_on_time', 'integer')
    .addColumn('reported_by', 'text', (c) => c.references('users.id'))
    .addColumn('press_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_pressed_date', 'text')
    .addColumn('sent_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The receiving unit's open handovers by due date (its intake), and the sender's by status.
  await db.schema.createIndex('case_handovers_to_idx').on('case_handovers').columns(['to_org_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('case_handovers_owner_idx').on('case_handovers').columns(['owner_org_id', 'status', 'due_date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
