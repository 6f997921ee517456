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

// The front door: what other modules may use of the person registry.
export { personInScope } from './people.service.js';
export { findOrCreatePerson, type PersonInput } from './people.registry.js';
export { findOrCreatePersonsBulk } from './people.bulk.js';
export { findHousehold, findPerson, listEncryptedContacts, listPeopleTags, personsView } from './people.repository.js';
