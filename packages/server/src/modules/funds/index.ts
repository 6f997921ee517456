import type { JinguoModule } from '../module.js';
import { seedFundsDemo } from './funds.demo.js';
import { fundsFacts } from './funds.facts.js';
import { registerFundsRoutes } from './funds.routes.js';
import { createFundsService } from './funds.service.js';
import { trialBalance } from './funds.verify.js';
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
    commands: [
      {
        name: 'funds verify',
        usage:
          "funds verify                  the ledger's trial balance: entries balance, balances equal their lines and lots (exit 1 if not)",
        async run(_argv, rt) {
          const tb = await trialBalance(rt.db);
          const ok = tb.unbalancedEntries === 0 && tb.driftingAccounts === 0 && tb.lotMismatches === 0;
          console.log(
            `${tb.entries} journal entries, ${tb.accounts} accounts: ${tb.unbalancedEntries} unbalanced entries, ${tb.driftingAccounts} accounts off their lines, ${tb.lotMismatches} accounts off their donations — ${ok ? 'trial balance OK' : 'TRIAL BALANCE FAILS'}`,
          );
          return ok ? 0 : 1;
        },
      },
    ],
  };
}

// The front door: what other modules may use of the ledger. Money paid for a record of another module (a relief
// grant, a 春蕾 term, a child's help) is posted inside that module's transaction by the *InTransaction functions.
export { createFundsService } from './funds.service.js';
export { assertApprover, disburseInTransaction, receiveInTransaction, reverseDisbursementInTransaction } from './funds.movements.js';
export { accountsView, disbursementsView, ensureAccount, findAccount, findDisbursement } from './funds.repository.js';
export { ensureDemoAccounts } from './funds.demo.js';
export type { ProgrammeCatalogue } from './programmes.js';
