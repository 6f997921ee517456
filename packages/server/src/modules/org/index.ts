import type { JinguoModule } from '../module.js';
import { orgFacts } from './org.facts.js';
import { orgJoinCommand } from './org.join.js';
import { registerOrgRoutes } from './org.routes.js';
import { createOrgService } from './org.service.js';
import { createUsersService } from './users.service.js';

export const orgModule: JinguoModule = {
  name: 'org',
  facts: () => orgFacts(),
  commands: [orgJoinCommand],
  routes(app, deps) {
    registerOrgRoutes(app, { org: createOrgService(deps), users: createUsersService(deps) });
  },
};

// The front door: what other modules may use of the org tree.
export { findUnit, findUnitByCode } from './org.repository.js';
export { listActiveUsersWithRoleAt } from './lookups.repository.js';
export { loadUnitLookup, townshipOf, unitCell, type UnitLookup } from './org.lookups.js';
export { DEMO_DISTRICT_CODE, DEPARTMENTS } from './org.demo.js';
