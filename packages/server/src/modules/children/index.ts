import type { JinguoModule } from '../module.js';
import { createCareService } from './care.service.js';
import { seedChildrenDemo } from './children.demo.js';
import { childrenFacts, childrenSummary } from './children.facts.js';
import { registerChildrenRoutes } from './children.routes.js';
import { createChildrenService } from './children.service.js';

export const childrenModule: JinguoModule = {
  name: 'children',
  routes(app, deps) {
    const children = createChildrenService(deps);
    registerChildrenRoutes(app, { children, care: createCareService({ ...deps, children }) });
  },
  facts: () => childrenFacts(),
  summary: childrenSummary,
  seedDemo: seedChildrenDemo,
};
