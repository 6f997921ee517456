// The ledger's front door on the web: what other modules (relief, 春蕾) may use — the query keys they invalidate when
// money moves, the accounts and approvers a payment names, the yuan input of their payment forms.
export { fundsKeys, useAccounts, useApprovers } from './api';
export { toFen, YuanInput, yuanRule } from './components/money';
