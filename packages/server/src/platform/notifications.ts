import type { Executor } from '../db/database.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';

/** In-app notifications (deadline reminders, escalations). A dedup key makes a daily job idempotent. */
export async function notify(
  db: Executor,
  clock: Clock,
  n: { userId: string; title: string; body?: string | null; link?: string | null; dedupKey?: string | null },
): Promise<boolean> {
  const result = await db
    .insertInto('notifications')
    .values({
      id: newId(),
      userId: n.userId,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      dedupKey: n.dedupKey ?? null,
      createdAt: clock.now().toISOString(),
      readAt: null,
    })
    .onConflict((oc) => oc.column('dedupKey').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function listNotifications(db: Executor, userId: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'title', 'body', 'link', 'createdAt', 'readAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .limit(50)
    .execute();
}

export function markAllRead(db: Executor, userId: string, at: string) {
  return db.updateTable('notifications').set({ readAt: at }).where('userId', '=', userId).where('readAt', 'is', null).execute();
}
