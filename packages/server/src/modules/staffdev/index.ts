import type { JinguoModule } from '../module.js';
import { seedStaffdevDemo } from './staffdev.demo.js';
import { staffdevFacts, staffdevSummary } from './staffdev.facts.js';
import { registerStaffdevRoutes } from './staffdev.routes.js';
import { createStaffdevService } from './staffdev.service.js';

/** Staff development: the federation's own staff and cadres — trainings (选送), degree studies, certificates. */
export const staffdevModule: JinguoModule = {
  name: 'staffdev',
  routes(app, deps) {
    registerStaffdevRoutes(app, { staffdev: createStaffdevService(deps) });
  },
  facts: () => staffdevFacts(),
  summary: staffdevSummary,
  seedDemo: seedStaffdevDemo,
};
