import type { JinguoModule } from '../module.js';
import { casesFacts, casesSummary } from './cases.facts.js';
import { seedCasesDemo } from './cases.demo.js';
import { registerCasesRoutes } from './cases.routes.js';
import { createCasesService } from './cases.service.js';

export const casesModule: JinguoModule = {
  name: 'cases',
  // The case files, the referrals of the federation and of the agencies, and the one-time links.
  sensitiveRoutes: ['/api/cases', '/api/referrals', '/api/agency', '/api/public/referral-links'],
  routes(app, deps) {
    registerCasesRoutes(app, { cases: createCasesService(deps), idempotency: deps.idempotency });
  },
  facts: () => casesFacts(),
  summary: casesSummary,
  seedDemo: seedCasesDemo,
  daily: (deps) => createCasesService(deps).runDaily(),
  commands: [
    {
      name: 'cases remind',
      usage: "cases remind                  send today's deadline reminders and escalate overdue referrals (what `serve` runs daily)",
      async run(_argv, rt) {
        const result = await createCasesService(rt.deps).runDaily();
        console.log(`reminders sent: ${result.reminders}; referrals escalated: ${result.escalated}`);
        return 0;
      },
    },
  ],
};
