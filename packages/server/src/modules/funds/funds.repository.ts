// The ledger's queries (the only Kysely for its tables), one file per concern; callers import them all from here.
export * from './funds.accounts.repository.js';
export * from './funds.donations.repository.js';
export * from './funds.disbursements.repository.js';
export * from './funds.aggregates.repository.js';
