import type { Kysely } from 'kysely';

/**
 * Refused requests to sensitive routes, counted per caller, route pattern, status and time window: the audit
 * trail gets an entry at the first refusal of a window (and at 10, 100, 1,000 …), so a scan cannot flood it,
 * while this table keeps the exact count.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('access_denials')
    // Start of the window (UTC ISO instant).
    .addColumn('window_start', 'text', (c) => c.notNull())
    // The user id, or "ip:<address>" for a caller without a session (the public referral link).
    .addColumn('actor_key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_denials_pkey', ['window_start', 'actor_key', 'method', 'route', 'status'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
