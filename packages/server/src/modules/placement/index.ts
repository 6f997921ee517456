import type { JinguoModule } from '../module.js';
import { createEmployersService } from './employers.service.js';
import { createExportsService } from './exports.service.js';
import { seedPlacementDemo } from './placement.demo.js';
import { placementFacts, placementSummary } from './placement.facts.js';
import { registerPlacementRoutes } from './placement.routes.js';
import { createReferralsService } from './referrals.service.js';
import { createSeekersService } from './seekers.service.js';

/** 妇联职介所: job placement (employers, vacancies, seekers, matching, referrals) and 劳务输出 with follow-ups. */
export const placementModule: JinguoModule = {
  name: 'placement',
  routes(app, deps) {
    registerPlacementRoutes(app, {
      employers: createEmployersService(deps),
      seekers: createSeekersService(deps),
      referrals: createReferralsService(deps),
      exports: createExportsService(deps),
    });
  },
  facts: () => placementFacts(),
  summary: placementSummary,
  seedDemo: seedPlacementDemo,
};
