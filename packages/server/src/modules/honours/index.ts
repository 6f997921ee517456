import type { JinguoModule } from '../module.js';
import { seedHonoursDemo } from './honours.demo.js';
import { honoursFacts, honoursSummary } from './honours.facts.js';
import { registerHonoursRoutes } from './honours.routes.js';
import { createHonoursService } from './honours.service.js';

export const honoursModule: JinguoModule = {
  name: 'honours',
  routes(app, deps) {
    registerHonoursRoutes(app, { honours: createHonoursService(deps) });
  },
  facts: () => honoursFacts(),
  summary: honoursSummary,
  seedDemo: seedHonoursDemo,
};
