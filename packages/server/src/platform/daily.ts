import type { Db } from '../db/database.js';
import { deleteExpiredSessions } from './auth.repository.js';
import type { Clock } from './clock.js';
import { purgeEndedWindows } from './rate-limit.repository.js';
import type { SettingsService } from './settings.service.js';

/**
 * The platform's daily housekeeping: sessions past their idle or absolute limit (each is refused at its next
 * use anyway, but a session nobody uses again would stay in the table for ever) and rate-limit counters whose
 * window has ended. Nothing of it is a change anyone made, so it is not an audit entry.
 */
export async function purgeExpired(deps: {
  db: Db;
  clock: Clock;
  settings: SettingsService;
}): Promise<{ sessions: number; rateLimits: number }> {
  const s = await deps.settings.get();
  const now = deps.clock.now();
  const idleBefore = new Date(now.getTime() - s.sessionIdleMinutes * 60_000).toISOString();
  const [res] = await deleteExpiredSessions(deps.db, idleBefore, now.toISOString());
  const rateLimits = await purgeEndedWindows(deps.db, now.getTime());
  return { sessions: Number(res?.numDeletedRows ?? 0), rateLimits };
}
