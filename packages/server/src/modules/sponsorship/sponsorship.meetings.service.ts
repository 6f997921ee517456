import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './sponsorship.repository.js';
import type { SponsorshipContext } from './sponsorship.context.js';

/** Meetings of sponsors and students (结对见面会). */
export function createMeetingService(ctx: SponsorshipContext) {
  const { db, clock, today, ownerOf } = ctx;
  return {
    // ---------- meetings (结对见面会) ----------

    async listMeetings(actor: Actor) {
      return (await repo.listMeetings(db, requirePermission(actor, 'sponsorship.read'))).map((m) => ({
        id: m.id,
        title: m.title,
        heldOn: m.heldOn,
        place: m.place,
        attendees: Number(m.attendees),
        pairings: Number(m.pairings),
        note: m.note,
      }));
    },

    async createMeeting(
      actor: Actor,
      input: { title: string; heldOn: string; place: string; attendees: number; pairingIds: string[]; note?: string | null },
    ) {
      const scope = requirePermission(actor, 'sponsorship.write');
      if (input.heldOn > today()) throw fieldError('heldOn', '见面会日期不能晚于今天');
      for (const pid of new Set(input.pairingIds)) {
        const p = await repo.findPairing(db, pid);
        if (!p || !pathInScope(scope, p.ownerPath)) throw fieldError('pairingIds', '所选结对不存在');
      }
      const id = newId();
      const ownerOrgId = ownerOf(scope);
      await db.transaction().execute(async (trx) => {
        await repo.insertMeeting(
          trx,
          {
            id,
            ownerOrgId,
            title: input.title,
            heldOn: input.heldOn,
            place: input.place,
            attendees: input.attendees,
            note: input.note ?? null,
            createdBy: actor.userId,
            createdAt: clock.now().toISOString(),
          },
          [...new Set(input.pairingIds)],
        );
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'sponsorship_meeting',
          entityId: id,
          orgUnitId: ownerOrgId,
          detail: { title: input.title, heldOn: input.heldOn, pairings: input.pairingIds.length },
        });
      });
      return (await this.listMeetings(actor)).find((m) => m.id === id)!;
    },
  };
}
