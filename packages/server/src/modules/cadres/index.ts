import type { JinguoModule } from '../module.js';
import { createCadreAnalysisService } from './cadres.analysis.js';
import { seedCadresDemo } from './cadres.demo.js';
import { cadresFacts, cadresSummary } from './cadres.facts.js';
import { registerCadresRoutes } from './cadres.routes.js';
import { createCadresService } from './cadres.service.js';

export const cadresModule: JinguoModule = {
  name: 'cadres',
  routes(app, deps) {
    registerCadresRoutes(app, { cadres: createCadresService(deps), analysis: createCadreAnalysisService(deps) });
  },
  facts: () => cadresFacts(),
  summary: cadresSummary,
  seedDemo: seedCadresDemo,
};
