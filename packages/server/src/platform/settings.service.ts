import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '@jinguo/domain';
import type { Db } from '../db/database.js';
import { requirePermission, auditActor, type Actor } from './actor.js';
import { appendAudit } from './audit.js';
import type { Clock } from './clock.js';

export type SettingsService = ReturnType<typeof createSettingsService>;

/** Run-time settings (session timeouts, lockout) with their defaults; cached, since every request reads them. */
export function createSettingsService({ db, clock }: { db: Db; clock: Clock }) {
  let cache: Settings | null = null;

  async function get(): Promise<Settings> {
    if (cache) return cache;
    const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    cache = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...stored });
    return cache;
  }

  /** Changes settings (security admin); each changed key is audited with its old and new value. */
  async function update(actor: Actor, patch: Partial<Settings>): Promise<Settings> {
    requirePermission(actor, 'settings.manage');
    const current = await get();
    const next = settingsSchema.parse({ ...current, ...patch });
    await db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(patch)) {
        const row = { key, value: JSON.stringify(value), updatedAt: clock.now().toISOString(), updatedBy: actor.userId };
        await trx
          .insertInto('settings')
          .values(row)
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy }))
          .execute();
      }
      await appendAudit(trx, clock, auditActor(actor), {
        action: 'update',
        entityType: 'settings',
        detail: { before: current, after: next },
      });
    });
    cache = null;
    return get();
  }

  return { get, update, invalidate: () => (cache = null) };
}
