import { createCampaignSchema, honourRulesSchema, updateCampaignSchema } from '@jinguo/domain';
import type { z } from 'zod';
import { auditActor, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { assertVersion } from '../../platform/versioning.js';
import * as repo from './honours.repository.js';
import { validate } from '../../platform/validate.js';
import type { HonoursContext } from './honours.context.js';
import { presentCampaign } from './honours.present.js';

/** Honour campaigns (评选表彰项目): their rules, notice period and order. */
export function createCampaignService(ctx: HonoursContext) {
  const { db, dialect, clock, requireTopScope } = ctx;
  return {
    // ------------------------------------------------------------ campaigns
    async listCampaigns(actor: Actor) {
      requirePermission(actor, 'honours.read');
      return (await repo.listCampaigns(db)).map(presentCampaign);
    },

    async createCampaign(actor: Actor, body: z.input<typeof createCampaignSchema>) {
      requireTopScope(actor);
      const v = validate(createCampaignSchema, body);
      if (await repo.findCampaignByCode(db, v.code)) throw new ConflictError('代码已存在', [{ path: 'code', message: '代码已存在' }]);
      const id = newId();
      const at = clock.now().toISOString();
      const count = (await repo.listCampaigns(db)).length;
      await db.transaction().execute(async (trx) => {
        await repo.insertCampaign(trx, {
          id,
          code: v.code,
          name: v.name,
          holderKind: v.holderKind,
          noticeDays: v.noticeDays,
          rules: JSON.stringify(v.rules),
          active: 1,
          sortOrder: count,
          createdAt: at,
          updatedAt: at,
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'create',
          entityType: 'honour_campaign',
          entityId: id,
          detail: { after: v },
        });
      });
      return presentCampaign((await repo.findCampaign(db, id))!);
    },

    async updateCampaign(actor: Actor, id: string, body: z.input<typeof updateCampaignSchema>, ifMatch?: number | null) {
      requireTopScope(actor);
      const v = validate(updateCampaignSchema, body);
      const c = await repo.findCampaign(db, id);
      if (!c) throw new NotFoundError('评选项目');
      if (v.rules) validate(honourRulesSchema, v.rules);
      await db.transaction().execute(async (trx) => {
        await assertVersion(trx, dialect, {
          table: 'honour_campaigns',
          id,
          expected: ifMatch,
          entityType: 'honour_campaign',
          what: '评选项目',
        });
        await repo.updateCampaign(trx, id, {
          ...(v.name ? { name: v.name } : {}),
          ...(v.noticeDays ? { noticeDays: v.noticeDays } : {}),
          ...(v.rules ? { rules: JSON.stringify(v.rules) } : {}),
          ...(v.active !== undefined ? { active: v.active ? 1 : 0 } : {}),
          updatedAt: clock.now().toISOString(),
        });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'update',
          entityType: 'honour_campaign',
          entityId: id,
          detail: { before: presentCampaign(c), after: v },
        });
      });
      return presentCampaign((await repo.findCampaign(db, id))!);
    },
  };
}
