import type { JinguoModule } from '../module.js';
import { seedSponsorshipDemo } from './sponsorship.demo.js';
import { sponsorshipFacts } from './sponsorship.facts.js';
import { registerSponsorshipRoutes } from './sponsorship.routes.js';
import { createSponsorshipService } from './sponsorship.service.js';

export const sponsorshipModule: JinguoModule = {
  name: 'sponsorship',
  sensitiveRoutes: ['/api/sponsorship'],
  routes(app, deps) {
    registerSponsorshipRoutes(app, createSponsorshipService(deps), deps.idempotency);
  },
  facts: () => sponsorshipFacts(),
  summary: [
    {
      module: 'sponsorship',
      order: 30,
      heading: '春蕾计划结对助学',
      paragraphs: [
        '以“春蕾女童寻找资助人”为主题，通过各种途径积极筹集资金，继续实施“春蕾计划”结对助学活动，共资助贫困学生{sponsorship.students}名，发放资助款{sponsorship.paid}元，举办结对助学现场见面会{sponsorship.meetings}场，激发受助人感恩社会、服务社会的热情。',
      ],
    },
  ],
  seedDemo: seedSponsorshipDemo,
};
