import type { JinguoModule } from '../module.js';
import { seedParentSchoolsDemo } from './parentschools.demo.js';
import { parentSchoolsFacts, parentSchoolsSummary } from './parentschools.facts.js';
import { registerParentSchoolsRoutes } from './parentschools.routes.js';
import { createClassesService } from './classes.service.js';
import { createParentSchoolsService } from './parentschools.service.js';
import { createTextbooksService } from './textbooks.service.js';

export const parentSchoolsModule: JinguoModule = {
  name: 'parentschools',
  routes(app, deps) {
    registerParentSchoolsRoutes(app, {
      schools: createParentSchoolsService(deps),
      classes: createClassesService(deps),
      textbooks: createTextbooksService(deps),
    });
  },
  facts: () => parentSchoolsFacts(),
  summary: parentSchoolsSummary,
  seedDemo: seedParentSchoolsDemo,
};
