import type { JinguoModule } from './module.js';
import { orgModule } from './org/index.js';
import { approvalsModule } from './approvals/index.js';
import { peopleModule } from './people/index.js';
import { casesModule } from './cases/index.js';
import { programmeCatalogue, reliefModule } from './relief/index.js';
import { sponsorshipModule } from './sponsorship/index.js';
import { createFundsModule } from './funds/index.js';
import { activitiesModule } from './activities/index.js';
import { honoursModule } from './honours/index.js';
import { cadresModule } from './cadres/index.js';
import { associationsModule } from './associations/index.js';
import { indicatorsModule } from './indicators/index.js';
import { reportsModule } from './reports/index.js';
import { placementModule } from './placement/index.js';
import { staffdevModule } from './staffdev/index.js';
import { parentSchoolsModule } from './parentschools/index.js';
import { budgetModule } from './budget/index.js';
import { childrenModule } from './children/index.js';
import { tasksModule } from './tasks/index.js';

/**
 * Every module, in dependency order (demo data is seeded in this order). Adding a module is one line here
 * plus its folder: see docs/ARCHITECTURE.md "How to add a module".
 */
export const MODULES: JinguoModule[] = [
  orgModule,
  // Right after org: every module that asks for approvals registers its kinds with the engine.
  approvalsModule,
  peopleModule,
  casesModule,
  reliefModule,
  sponsorshipModule,
  // The ledger checks earmarks against relief's programmes without importing relief (relief pays through the ledger).
  createFundsModule(programmeCatalogue),
  // Associations before activities: the demo's association events name their association.
  associationsModule,
  activitiesModule,
  // Placement after activities: its demo links job seekers to the training records of the re-employed women.
  placementModule,
  honoursModule,
  cadresModule,
  staffdevModule,
  indicatorsModule,
  // After activities: a parent school's classes include the family-education training sessions held there.
  parentSchoolsModule,
  // After funds: budget lines are spent by the ledger's disbursements.
  budgetModule,
  childrenModule,
  // Work sent down the tree: uses only the unit tree.
  tasksModule,
  reportsModule,
];
