import type { JinguoModule } from '../module.js';
import { seedFundsDemo } from './funds.demo.js';
import { fundsFacts } from './funds.facts.js';
import { registerFundsRoutes } from './funds.routes.js';
import { createFundsService } from './funds.service.js';

export const fundsModule: JinguoModule = {
  name: 'funds',
  sensitiveRoutes: ['/api/funds'],
  routes(app, deps) {
    registerFundsRoutes(app, createFundsService(deps), deps.idempotency);
  },
  facts: () => fundsFacts(),
  seedDemo: seedFundsDemo,
};

// The front door: what other modules may use of the ledger.
export { assertApprover, disburseInTransaction, receiveInTransaction, reverseDisbursementInTransaction } from './funds.service.js';
export { disbursementsView, ensureAccount, findAccount, findDisbursement } from './funds.repository.js';
export { ensureDemoAccounts } from './funds.demo.js';
