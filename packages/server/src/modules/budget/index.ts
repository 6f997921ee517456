import type { JinguoModule } from '../module.js';
import { seedBudgetDemo } from './budget.demo.js';
import { budgetFacts, budgetSummary } from './budget.facts.js';
import { registerBudgetRoutes } from './budget.routes.js';
import { createBudgetService } from './budget.service.js';
import { createSpendingService } from './spending.service.js';

export const budgetModule: JinguoModule = {
  name: 'budget',
  routes(app, deps) {
    const budget = createBudgetService(deps);
    registerBudgetRoutes(app, { budget, spending: createSpendingService({ ...deps, budget }) });
  },
  facts: () => budgetFacts(),
  summary: budgetSummary,
  seedDemo: seedBudgetDemo,
};
