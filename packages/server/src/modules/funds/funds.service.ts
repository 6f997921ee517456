import { createAccountService } from './funds.accounts.service.js';
import { createFundsContext, type FundsDeps } from './funds.context.js';
import { createDonationService } from './funds.donations.service.js';
import { createOverviewService } from './funds.overview.service.js';
import { createPayoutService } from './funds.payouts.service.js';

export type FundsService = ReturnType<typeof createFundsService>;

/** The ledger's service (authorises, owns the transaction, writes the audit entry): its parts share one context. */
export function createFundsService(deps: FundsDeps) {
  const ctx = createFundsContext(deps);
  return {
    ...createAccountService(ctx),
    ...createDonationService(ctx),
    ...createPayoutService(ctx),
    ...createOverviewService(ctx),
  };
}
