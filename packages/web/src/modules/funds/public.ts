// The ledger's front door on the web: what other modules (relief, 春蕾) may use — the query keys they invalidate when
// money moves, the accounts and approvers a payment names (the money input itself is ui/MoneyInput).
export { fundsKeys, useAccounts, useApprovers } from './api';
