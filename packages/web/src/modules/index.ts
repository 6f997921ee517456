import type { WebModule } from './registry';
import { orgWebModule } from './org';
import { approvalsWebModule } from './approvals';
import { platformWebModule } from './platform';
import { peopleWebModule } from './people';
import { casesWebModule } from './cases';
import { reliefWebModule } from './relief';
import { sponsorshipWebModule } from './sponsorship';
import { fundsWebModule } from './funds';
import { activitiesWebModule } from './activities';
import { placementWebModule } from './placement';
import { staffdevWebModule } from './staffdev';
import { honoursWebModule } from './honours';
import { cadresWebModule } from './cadres';
import { associationsWebModule } from './associations';
import { indicatorsWebModule } from './indicators';
import { reportsWebModule } from './reports';
import { parentSchoolsWebModule } from './parentschools';
import { budgetWebModule } from './budget';
import { childrenWebModule } from './children';
import { tasksWebModule } from './tasks';

/** Every web module, in menu order. Adding a module is one line here plus its folder. */
export const WEB_MODULES: WebModule[] = [
  // 我的待办 first: the home page's first card and the menu's first entry after 工作台.
  approvalsWebModule,
  reportsWebModule,
  tasksWebModule,
  casesWebModule,
  peopleWebModule,
  reliefWebModule,
  sponsorshipWebModule,
  childrenWebModule,
  fundsWebModule,
  budgetWebModule,
  activitiesWebModule,
  placementWebModule,
  parentSchoolsWebModule,
  honoursWebModule,
  cadresWebModule,
  staffdevWebModule,
  associationsWebModule,
  indicatorsWebModule,
  orgWebModule,
  platformWebModule,
];
