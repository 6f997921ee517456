import type { Db, Executor } from '../db/database.js';
import type { Actor } from './actor.js';
import type { Clock } from './clock.js';
import { NotFoundError } from './errors.js';
import { newId } from './ids.js';

/**
 * Long jobs (an import, a big export) report progress through a `jobs` row that the web app polls
 * (GET /api/jobs/:id). Progress is a percentage (total = 100); the message says what is happening in Chinese;
 * the result is the job's JSON outcome (for an import: rows, created, errors …).
 */
export type JobStatus = 'running' | 'succeeded' | 'failed';

export type JobView = {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  total: number;
  message: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
};

export async function createJob(db: Executor, clock: Clock, job: { kind: string; createdBy: string; message?: string }): Promise<string> {
  const id = newId();
  const at = clock.now().toISOString();
  await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      status: 'running',
      progress: 0,
      total: 100,
      message: job.message ?? null,
      result: null,
      createdBy: job.createdBy,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  return id;
}

/** Moves a running job's progress bar (percent 0–100) and message. */
export async function reportProgress(db: Executor, clock: Clock, id: string, percent: number, message: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ progress: Math.max(0, Math.min(100, Math.round(percent))), message, updatedAt: clock.now().toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishJob(
  db: Executor,
  clock: Clock,
  id: string,
  outcome: { status: 'succeeded' | 'failed'; message: string; result?: unknown },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: outcome.status,
      progress: 100,
      message: outcome.message,
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      updatedAt: clock.now().toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** A job as its creator sees it; anyone else gets 404 (a job's result may name records of the creator's scope). */
export async function getJobForActor(db: Db, actor: Actor, id: string): Promise<JobView> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.createdBy !== actor.userId) throw new NotFoundError('任务');
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: Number(row.progress),
    total: Number(row.total),
    message: row.message,
    result: row.result ? JSON.parse(row.result) : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
