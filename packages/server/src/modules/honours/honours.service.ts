import type { Db, DialectName } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { createAwardService } from './honours.awards.service.js';
import { createCampaignService } from './honours.campaigns.service.js';
import { createHonoursContext } from './honours.context.js';
import { createNominationService } from './honours.nominations.service.js';
import { createPledgeService } from './honours.pledges.service.js';

export type HonoursService = ReturnType<typeof createHonoursService>;

/**
 * Campaigns, nominations (reviewed level by level, then 公示 with objections answered, then awarded), awards
 * (with periodic re-review and revocation), standing counts by level, and pledges (承诺书).
 */
export function createHonoursService(deps: { db: Db; dialect: DialectName; clock: Clock }) {
  const ctx = createHonoursContext(deps);
  return {
    ...createCampaignService(ctx),
    ...createNominationService(ctx),
    ...createAwardService(ctx),
    ...createPledgeService(ctx),
  };
}
