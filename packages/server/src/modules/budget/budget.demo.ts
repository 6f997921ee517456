import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import { disbursementsView, disburseInTransaction, ensureDemoAccounts } from '../funds/index.js';
import { DEMO_DISTRICT_CODE } from '../org/index.js';
import * as repo from './budget.repository.js';
import type { BudgetLinesTable } from './budget.tables.js';

/**
 * The demo district's 妇儿工委 budget for 2026 (and a drafted 2027 line): the “两纲” special funds approved at the
 * 20,000 yuan the finance bureau appropriated into the ledger's 两纲专项经费 account (funds demo), spent on the
 * work the reference names — the city's 两纲 on-site meeting, the mid-term monitoring (the funds demo's payment),
 * the review exhibition, the committee-office cadre sent to the State Council committee's training — with one
 * commitment still open; the committee office's working funds requested but not approved (“年年需协调”).
 */
export async function seedBudgetDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const y = ctx.year;
  const at = clock.now().toISOString();
  const root = ctx.org(DEMO_DISTRICT_CODE);
  const finance = ctx.user('finance').id;
  const chair = ctx.user('chair').id;
  const accounts = await ensureDemoAccounts(ctx);
  const line = (
    fields: Partial<BudgetLinesTable> & Pick<BudgetLinesTable, 'name' | 'purpose' | 'requestedFen' | 'status'>,
  ): BudgetLinesTable => ({
    id: newId(),
    ownerOrgId: root.id,
    year: y,
    programmeCode: null,
    fundAccountId: null,
    requestedOn: `${y - 1}-11-20`,
    approvedFen: null,
    approvedOn: null,
    approvalRef: null,
    note: null,
    createdBy: finance,
    createdAt: at,
    updatedAt: at,
    ...fields,
  });
  const outlines = line({
    name: '“两纲”专项经费',
    purpose: 'outlines_special',
    requestedFen: 2_500_000,
    status: 'approved',
    fundAccountId: accounts.OUTLINES_BUDGET.id,
    approvedFen: 2_000_000,
    approvedOn: `${y}-02-15`,
    approvalRef: `区财预〔${y}〕8号`,
    note: '“两纲”示范区建设、统计监测和中期评估、宣传培训',
  });
  const working = line({
    name: '妇儿工委办工作经费',
    purpose: 'working_funds',
    requestedFen: 1_200_000,
    status: 'requested',
    note: '妇儿工委办日常办公、成员单位联络会议',
  });
  const nextYear = line({
    year: y + 1,
    name: '“两纲”专项经费',
    purpose: 'outlines_special',
    requestedFen: 2_200_000,
    status: 'draft',
    requestedOn: null,
    fundAccountId: accounts.OUTLINES_BUDGET.id,
    note: '“两纲”终期评估准备、示范点建设',
  });
  const payments = [
    { on: `${y}-03-28`, fen: 480_000, what: '承办全市“两纲”工作现场会', to: '全市“两纲”工作现场会' },
    { on: `${y}-09-10`, fen: 300_000, what: '“十五”期间妇女儿童工作回顾展布展', to: '妇女儿童工作回顾展' },
    { on: `${y}-10-20`, fen: 260_000, what: '选送妇儿工委办干部参加国务院妇儿工委干部培训班', to: '国务院妇儿工委干部培训班' },
  ];
  // The funds demo's 3,500 yuan for the mid-term monitoring came out of the same account: it is this line's too.
  const monitoring = await db
    .selectFrom(disbursementsView(db).as('d'))
    .select('d.id')
    .where('d.accountId', '=', accounts.OUTLINES_BUDGET.id)
    .where('d.paidOn', '=', `${y}-07-15`)
    .executeTakeFirst();

  await db.transaction().execute(async (trx) => {
    await repo.insertLines(trx, [outlines, working, nextYear]);
    const paid: string[] = monitoring ? [monitoring.id] : [];
    for (const p of payments) {
      const r = await disburseInTransaction(
        trx,
        { clock, cipher: ctx.cipher },
        {
          account: accounts.OUTLINES_BUDGET,
          programmeCode: null,
          recipientKind: 'event',
          recipientEventName: p.to,
          recipientLabel: p.to,
          method: 'bank_transfer',
          bankCard: null,
          amountFen: p.fen,
          paidOn: p.on,
          approvedBy: chair,
          purpose: p.what,
          createdBy: finance,
        },
      );
      paid.push(r.id);
    }
    await repo.insertSpendings(
      trx,
      paid.map((disbursementId) => ({
        id: newId(),
        lineId: outlines.id,
        ownerOrgId: root.id,
        disbursementId,
        commitmentId: null,
        linkedBy: finance,
        linkedAt: at,
      })),
    );
    await repo.insertCommitment(trx, {
      id: newId(),
      lineId: outlines.id,
      ownerOrgId: root.id,
      committedOn: `${y}-11-05`,
      description: '“两纲”宣传折页印制（合同已签，待验收付款）',
      amountFen: 150_000,
      status: 'open',
      settledOn: null,
      cancelReason: null,
      note: null,
      createdBy: finance,
      createdAt: at,
      updatedAt: at,
    });
  });
}
