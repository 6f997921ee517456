import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';

/**
 * The ledger's trial balance, as an auditor (or a restore drill) checks it: every journal entry sums to zero, every
 * account's kept balance equals the sum of its lines (income accounts carry the opposite sign), no asset account is
 * below zero, and what the open donations still hold equals the balance of the account they are in.
 */
export type TrialBalance = {
  entries: number;
  accounts: number;
  unbalancedEntries: number;
  driftingAccounts: number;
  lotMismatches: number;
};

export async function trialBalance(db: Executor): Promise<TrialBalance> {
  const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0]?.n ?? 0);
  return {
    entries: await one(sql<{ n: number }>`SELECT count(DISTINCT entry_id) AS n FROM fund_journal_lines`),
    accounts: await one(sql<{ n: number }>`SELECT count(*) AS n FROM fund_accounts`),
    unbalancedEntries: await one(
      sql<{
        n: number;
      }>`SELECT count(*) AS n FROM (SELECT entry_id FROM fund_journal_lines GROUP BY entry_id HAVING sum(amount_fen) <> 0) x`,
    ),
    driftingAccounts: await one(sql<{ n: number }>`
      SELECT count(*) AS n FROM fund_accounts a
      WHERE a.balance_fen <> (CASE WHEN a.kind = 'income' THEN -1 ELSE 1 END)
                             * (SELECT coalesce(sum(l.amount_fen), 0) FROM fund_journal_lines l WHERE l.account_id = a.id)
         OR (a.kind <> 'income' AND a.balance_fen < 0)`),
    lotMismatches: await one(sql<{ n: number }>`
      SELECT count(*) AS n FROM fund_accounts a
      WHERE EXISTS (SELECT 1 FROM fund_donations d WHERE d.account_id = a.id)
        AND (a.balance_fen <> (SELECT coalesce(sum(d.remaining_fen), 0) FROM fund_donations d WHERE d.account_id = a.id)
          OR a.balance_qty <> (SELECT coalesce(sum(d.remaining_qty), 0) FROM fund_donations d WHERE d.account_id = a.id))`),
  };
}
