import type { JinguoModule } from '../module.js';
import { seedFundsDemo } from './funds.demo.js';
import { fundsFacts } from './funds.facts.js';
import { registerFundsRoutes } from './funds.routes.js';
import { createFundsService } from './funds.service.js';
import type { ProgrammeCatalogue } from './programmes.js';

/** The ledger, given the catalogue of programmes money may be earmarked for (modules/index.ts passes relief's). */
export function createFundsModule(programmes: ProgrammeCatalogue): JinguoModule {
  return {
    name: 'funds',
    sensitiveRoutes: ['/api/funds'],
    routes(app, deps) {
      registerFundsRoutes(app, createFundsService({ ...deps, programmes }), deps.idempotency);
    },
    facts: () => fundsFacts(),
    seedDemo: seedFundsDemo,
  };
}

// The front door: what other modules may use of the ledger. Money paid for a record of another module (a relief
// grant, a 春蕾 term, a child's help) is posted inside that module's transaction by the *InTransaction functions.
export { createFundsService } from './funds.service.js';
export { assertApprover, disburseInTransaction, receiveInTransaction, reverseDisbursementInTransaction } from './funds.movements.js';
export { accountsView, disbursementsView, ensureAccount, findAccount, findDisbursement } from './funds.repository.js';
export { ensureDemoAccounts } from './funds.demo.js';
export type { ProgrammeCatalogue } from './programmes.js';
