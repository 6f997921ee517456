import type { JinguoModule } from '../module.js';
import { seedAssociationsDemo } from './associations.demo.js';
import { associationsFacts, associationsSummary } from './associations.facts.js';
import { registerAssociationsRoutes } from './associations.routes.js';
import { createAssociationsService } from './associations.service.js';

export const associationsModule: JinguoModule = {
  name: 'associations',
  routes(app, deps) {
    registerAssociationsRoutes(app, { associations: createAssociationsService(deps) });
  },
  facts: () => associationsFacts(),
  summary: associationsSummary,
  seedDemo: seedAssociationsDemo,
};
