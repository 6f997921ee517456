import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/platform/errors.js';
import { createFundsService, type FundsService } from '../src/modules/funds/funds.service.js';
import { programmeCatalogue } from '../src/modules/relief/index.js';
import type { Actor } from '../src/platform/actor.js';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';
import { actorFor, createPerson, insertProgrammeRow, userId, womanId } from './relief-funds-fixtures.js';

/** One step of a random ledger history. Amounts are small so that refusals (409) happen often too. */
type Op =
  | { op: 'donateCash'; fen: number; programme: number }
  | { op: 'donateGoods'; qty: number; unitFen: number; programme: number }
  | { op: 'payCash'; fen: number; programme: number }
  | { op: 'payGoods'; qty: number; programme: number }
  | { op: 'reversePayment'; pick: number }
  | { op: 'reverseDonation'; pick: number };

const PROGRAMMES = [null, 'PROP_A', 'PROP_B'] as const;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('donateCash' as const),
      fen: fc.integer({ min: 1, max: 50000 }),
      programme: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('donateGoods' as const),
      qty: fc.integer({ min: 1, max: 40 }),
      unitFen: fc.integer({ min: 1, max: 999 }),
      programme: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('payCash' as const),
      fen: fc.integer({ min: 1, max: 20000 }),
      programme: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('payGoods' as const),
      qty: fc.integer({ min: 1, max: 15 }),
      programme: fc.integer({ min: 0, max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('reversePayment' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverseDonation' as const), pick: fc.nat() }) },
);

describe.each(TEST_DATABASES)('ledger invariants (property) on %s', (kind) => {
  let t: TestApp;
  let funds: FundsService;
  let finance: Actor;
  let approvedBy: string;
  let personId: string;
  let run = 0;
  const stats: Record<string, number> = {};

  beforeAll(async () => {
    t = await buildTestApp(kind);
    funds = createFundsService({ ...t.app.jinguo.deps, programmes: programmeCatalogue });
    finance = await actorFor(t, 'finance');
    approvedBy = await userId(t, 'chair');
    await insertProgrammeRow(t, { code: 'PROP_A', name: '甲项目' });
    await insertProgrammeRow(t, { code: 'PROP_B', name: '乙项目' });
    personId = await createPerson(t, { name: '王桂英', idNumber: womanId(11), residence: '大山村' });
  });
  afterAll(() => t.close());

  /** Applies the ops to fresh accounts; a refusal must be a 409 (or a 400 date/choice rule), never anything else. */
  async function apply(ops: Op[]) {
    run++;
    const cash = await funds.createAccount(finance, { code: `P${run}_CASH`, name: `现金${run}`, kind: 'cash' });
    const goods = await funds.createAccount(finance, {
      code: `P${run}_GOODS`,
      name: `物资${run}`,
      kind: 'goods',
      item: '米',
      unit: '袋',
      unitValueFen: 500,
    });
    const donations: string[] = [];
    const payments: string[] = [];
    for (const o of ops) {
      try {
        switch (o.op) {
          case 'donateCash':
            donations.push(
              (
                await funds.recordDonation(finance, {
                  source: 'donation',
                  donorKind: 'anonymous',
                  accountId: cash.id,
                  amountFen: o.fen,
                  programmeCode: PROGRAMMES[o.programme],
                  donatedOn: '2026-03-01',
                })
              ).id,
            );
            break;
          case 'donateGoods':
            donations.push(
              (
                await funds.recordDonation(finance, {
                  source: 'donation',
                  donorKind: 'anonymous',
                  accountId: goods.id,
                  quantity: o.qty,
                  unitValueFen: o.unitFen,
                  programmeCode: PROGRAMMES[o.programme],
                  donatedOn: '2026-03-01',
                })
              ).id,
            );
            break;
          case 'payCash':
            payments.push(
              (
                await funds.recordDisbursement(finance, {
                  accountId: cash.id,
                  recipientKind: 'person',
                  recipientPersonId: personId,
                  method: 'cash',
                  amountFen: o.fen,
                  programmeCode: PROGRAMMES[o.programme],
                  paidOn: '2026-03-02',
                  approvedBy,
                  purpose: '性质测试',
                })
              ).id,
            );
            break;
          case 'payGoods':
            payments.push(
              (
                await funds.recordDisbursement(finance, {
                  accountId: goods.id,
                  recipientKind: 'person',
                  recipientPersonId: personId,
                  method: 'in_kind',
                  quantity: o.qty,
                  programmeCode: PROGRAMMES[o.programme],
                  paidOn: '2026-03-02',
                  approvedBy,
                  purpose: '性质测试',
                })
              ).id,
            );
            break;
          case 'reversePayment':
            if (!payments.length) continue;
            await funds.reverseDisbursement(finance, payments[o.pick % payments.length], '性质测试冲销');
            break;
          case 'reverseDonation':
            if (!donations.length) continue;
            await funds.reverseDonation(finance, donations[o.pick % donations.length], '性质测试冲销');
            break;
        }
        stats[`${o.op}.ok`] = (stats[`${o.op}.ok`] ?? 0) + 1;
      } catch (e) {
        if (!(e instanceof AppError) || e.statusCode !== 409) throw e;
        stats[`${o.op}.409`] = (stats[`${o.op}.409`] ?? 0) + 1;
      }
    }
    return [cash.id, goods.id];
  }

  async function checkInvariants(accountIds: string[]) {
    for (const id of accountIds) {
      const a = await t.handle.db
        .selectFrom('fundAccounts')
        .select(['balanceFen', 'balanceQty', 'kind'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const lines = await sql<{
        fen: number;
        qty: number;
      }>`SELECT coalesce(sum(amount_fen), 0) AS fen, coalesce(sum(quantity), 0) AS qty FROM fund_journal_lines WHERE account_id = ${id}`.execute(
        t.handle.db,
      );
      const open = await sql<{
        fen: number;
        qty: number;
      }>`SELECT coalesce(sum(remaining_fen), 0) AS fen, coalesce(sum(remaining_qty), 0) AS qty FROM fund_donations WHERE account_id = ${id}`.execute(
        t.handle.db,
      );
      // balance = Σ its entries (money and quantity), never below zero, and = what the donations still hold.
      expect(Number(a.balanceFen)).toBe(Number(lines.rows[0].fen));
      expect(Number(a.balanceQty)).toBe(Number(lines.rows[0].qty));
      expect(Number(a.balanceFen)).toBeGreaterThanOrEqual(0);
      expect(Number(a.balanceQty)).toBeGreaterThanOrEqual(0);
      expect(Number(open.rows[0].fen)).toBe(Number(a.balanceFen));
      expect(Number(open.rows[0].qty)).toBe(Number(a.balanceQty));
    }
    // Every entry balances, and every account (counter accounts too) equals the sum of its lines.
    const unbalanced = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM (SELECT entry_id FROM fund_journal_lines GROUP BY entry_id HAVING sum(amount_fen) <> 0) x`.execute(
      t.handle.db,
    );
    expect(Number(unbalanced.rows[0].n)).toBe(0);
    const drift = await sql<{ n: number }>`
      SELECT count(*) AS n FROM fund_accounts a
      WHERE a.balance_fen <> (CASE WHEN a.kind = 'income' THEN -1 ELSE 1 END) * (SELECT coalesce(sum(l.amount_fen), 0) FROM fund_journal_lines l WHERE l.account_id = a.id)
         OR a.balance_fen < 0`.execute(t.handle.db);
    expect(Number(drift.rows[0].n)).toBe(0);
    // Allocations net to what each donation has given away.
    const alloc = await sql<{ n: number }>`
      SELECT count(*) AS n FROM fund_donations d
      WHERE d.reversal_entry_id IS NULL AND d.amount_fen - d.remaining_fen <> (SELECT coalesce(sum(al.amount_fen), 0) FROM fund_allocations al WHERE al.donation_id = d.id)`.execute(
      t.handle.db,
    );
    expect(Number(alloc.rows[0].n)).toBe(0);
  }

  it('keeps every balance = the sum of its entries and never below zero, for any sequence of donations, disbursements and reversals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 40, size: 'max' }), async (ops) => {
        await checkInvariants(await apply(ops));
      }),
      { numRuns: kind === 'postgres' ? 40 : 80, seed: 20261129 },
    );
    // Not vacuous: every kind of operation both went through and was refused (409) along the way.
    for (const op of ['donateCash', 'donateGoods', 'payCash', 'payGoods', 'reversePayment', 'reverseDonation'])
      expect(stats[`${op}.ok`] ?? 0, op).toBeGreaterThan(5);
    for (const op of ['payCash', 'payGoods', 'reverseDonation']) expect(stats[`${op}.409`] ?? 0, op).toBeGreaterThan(5);
  });
});
