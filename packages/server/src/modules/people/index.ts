import type { JinguoModule } from '../module.js';
import { registerPeopleRoutes } from './people.routes.js';
import { createPeopleService } from './people.service.js';

export const peopleModule: JinguoModule = {
  name: 'people',
  sensitiveRoutes: ['/api/people'],
  routes(app, deps) {
    registerPeopleRoutes(app, { people: createPeopleService(deps) });
  },
};
export { findOrCreatePerson, type PersonInput } from './people.service.js';
