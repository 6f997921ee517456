import os from 'node:os';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Clock } from './clock.js';

/**
 * Periodic work run once across every app server (`job_runs`: one row per job and period). Claiming is one
 * INSERT … ON CONFLICT DO NOTHING, so of several servers ticking at the same moment exactly one wins — on SQLite and
 * on PostgreSQL alike, and through a failover (the row is a committed write like any other). A run that never
 * finished (its server died) or failed is taken over once its lease has passed, so the work is not lost either.
 */

/** How long a started run belongs to its server before another may take it over; a failed run is retried after it. */
export const JOB_LEASE_MS = 30 * 60_000;

/** This process, as the operator sees it in the job list: host and pid. */
export const THIS_HOLDER = `${os.hostname()}:${process.pid}`;

export type JobRunView = {
  name: string;
  period: string;
  holder: string;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'succeeded' | 'failed' | null;
  result: unknown;
};

/** True when this holder now owns the run of `name` for `period` (new, or taken over from a dead or failed one). */
export async function claimRun(db: Executor, clock: Clock, name: string, period: string, holder: string, leaseMs = JOB_LEASE_MS) {
  const now = clock.now();
  const at = now.toISOString();
  const inserted = await db
    .insertInto('jobRuns')
    .values({ name, period, holder, attempts: 1, startedAt: at, finishedAt: null, outcome: null, result: null })
    .onConflict((oc) => oc.columns(['name', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const before = new Date(now.getTime() - leaseMs).toISOString();
  // One UPDATE with the takeover condition in its WHERE: of two servers taking over, the second matches nothing.
  const taken = await db
    .updateTable('jobRuns')
    .set({ holder, startedAt: at, finishedAt: null, outcome: null, result: null, attempts: sql<number>`attempts + 1` })
    .where('name', '=', name)
    .where('period', '=', period)
    .where((eb) =>
      eb.or([
        eb.and([eb('finishedAt', 'is', null), eb('startedAt', '<', before)]),
        eb.and([eb('outcome', '=', 'failed'), eb('finishedAt', '<', before)]),
      ]),
    )
    .executeTakeFirst();
  return Number(taken.numUpdatedRows ?? 0) > 0;
}

/** Records how a claimed run ended; a run taken over meanwhile (another holder) is left to its new owner. */
export async function finishRun(
  db: Executor,
  clock: Clock,
  run: { name: string; period: string; holder: string },
  outcome: 'succeeded' | 'failed',
  result: unknown,
): Promise<void> {
  await db
    .updateTable('jobRuns')
    .set({ finishedAt: clock.now().toISOString(), outcome, result: result === undefined ? null : JSON.stringify(result) })
    .where('name', '=', run.name)
    .where('period', '=', run.period)
    .where('holder', '=', run.holder)
    .execute();
}

/**
 * Runs `work` if this holder claims (name, period); a failure is recorded (and retried by a later tick after the
 * lease) and rethrown. Answers whether it ran, and its result.
 */
export async function runOnce<T>(
  deps: { db: Executor; clock: Clock },
  run: { name: string; period: string; holder?: string },
  work: () => Promise<T>,
): Promise<{ ran: false } | { ran: true; result: T }> {
  const holder = run.holder ?? THIS_HOLDER;
  if (!(await claimRun(deps.db, deps.clock, run.name, run.period, holder))) return { ran: false };
  const key = { name: run.name, period: run.period, holder };
  try {
    const result = await work();
    await finishRun(deps.db, deps.clock, key, 'succeeded', result);
    return { ran: true, result };
  } catch (err) {
    await finishRun(deps.db, deps.clock, key, 'failed', { error: err instanceof Error ? err.name : 'Error' });
    throw err;
  }
}

/** The latest runs, newest first: what the operator reads to see that the daily work happened, where, and how. */
export async function listRuns(db: Executor, limit = 100): Promise<JobRunView[]> {
  const rows = await db.selectFrom('jobRuns').selectAll().orderBy('startedAt', 'desc').orderBy('name').limit(limit).execute();
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), result: r.result === null ? null : JSON.parse(r.result) }));
}
