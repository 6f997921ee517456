import type { Kysely } from 'kysely';

/**
 * Periodic work run once across all app servers: one row per job and period (the daily jobs: one per business day).
 * The server that inserts the row runs the job; the others see the row and skip it. A run whose server died (started,
 * never finished, older than the lease) is taken over by the next server that tries — so a job survives the death of
 * the server running it. `holder` names the process (host:pid) for the operator.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('result', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['name', 'period'])
    .execute();
  await db.schema.createIndex('job_runs_started_idx').on('job_runs').columns(['started_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
