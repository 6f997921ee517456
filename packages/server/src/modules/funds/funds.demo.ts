import type { FundAccountKind } from '@jinguo/domain';
import { appendAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import * as repo from './funds.repository.js';
import { disburseInTransaction, receiveInTransaction } from './funds.movements.js';
import { DEMO_DISTRICT_CODE } from '../org/index.js';

const DEMO_ACCOUNTS: {
  code: string;
  name: string;
  kind: FundAccountKind;
  programmeCode?: string;
  item?: string;
  unit?: string;
  unitValueFen?: number;
}[] = [
  { code: 'RELIEF_FUND', name: '救助基金', kind: 'cash' },
  { code: 'SPRING_BUD_FUND', name: '春蕾基金', kind: 'cash', programmeCode: 'SPRING_BUD' },
  { code: 'EVENT_FUND', name: '活动经费', kind: 'cash' },
  { code: 'OUTLINES_BUDGET', name: '两纲专项经费', kind: 'budget' },
  { code: 'GOODS_MEDICAL', name: '医疗物资', kind: 'goods', item: '医疗保健包', unit: '份', unitValueFen: 5000 },
  { code: 'GOODS_FERTILISER', name: '化肥', kind: 'goods', item: '复合肥', unit: '公斤', unitValueFen: 100 },
];

export type DemoAccount = { id: string; ownerOrgId: string; name: string; kind: FundAccountKind; unit: string | null };

/** The demo district's holding accounts (relief and sponsorship demo data pay from them); idempotent. */
export async function ensureDemoAccounts(ctx: DemoContext): Promise<Record<string, DemoAccount>> {
  const owner = ctx.org(DEMO_DISTRICT_CODE).id;
  const at = ctx.clock.now().toISOString();
  const out: Record<string, DemoAccount> = {};
  for (const a of DEMO_ACCOUNTS) {
    const row = await repo.ensureAccount(ctx.db, {
      id: newId(),
      ownerOrgId: owner,
      code: a.code,
      name: a.name,
      kind: a.kind,
      programmeCode: a.programmeCode ?? null,
      item: a.item ?? null,
      unit: a.unit ?? null,
      unitValueFen: a.unitValueFen ?? null,
      balanceFen: 0,
      balanceQty: 0,
      active: 1,
      createdAt: at,
      updatedAt: at,
    });
    out[a.code] = { id: row.id, ownerOrgId: row.ownerOrgId, name: row.name, kind: row.kind, unit: row.unit };
  }
  return out;
}

/** The ledger's own demo records: the 两纲 budget allocation and the event fund (relief and 春蕾 add theirs). */
export async function seedFundsDemo(ctx: DemoContext): Promise<void> {
  const accounts = await ensureDemoAccounts(ctx);
  const finance = ctx.user('finance').id;
  const chair = ctx.user('chair').id;
  const y = ctx.year;
  await ctx.db.transaction().execute(async (trx) => {
    await receiveInTransaction(trx, ctx.clock, {
      account: accounts.OUTLINES_BUDGET,
      source: 'appropriation',
      donorKind: 'organisation',
      donorPersonId: null,
      donorName: '区财政局',
      donorCreditCode: null,
      programmeCode: null,
      quantity: null,
      unitValueFen: null,
      amountFen: 2000000,
      donatedOn: `${y}-02-20`,
      memo: `${y}年妇儿工委办及两纲专项经费`,
      createdBy: finance,
    });
    await receiveInTransaction(trx, ctx.clock, {
      account: accounts.EVENT_FUND,
      source: 'donation',
      donorKind: 'organisation',
      donorPersonId: null,
      donorName: '区女企业家协会',
      donorCreditCode: null,
      programmeCode: null,
      quantity: null,
      unitValueFen: null,
      amountFen: 1300000,
      donatedOn: `${y}-05-20`,
      memo: '“六一”慰问活动',
      createdBy: finance,
    });
    await disburseInTransaction(
      trx,
      { clock: ctx.clock, cipher: ctx.cipher },
      {
        account: accounts.EVENT_FUND,
        programmeCode: null,
        recipientKind: 'event',
        recipientEventName: `${y}年“六一”儿童节慰问`,
        recipientLabel: '“六一”儿童节慰问',
        method: 'cash',
        amountFen: 1300000,
        paidOn: `${y}-06-01`,
        approvedBy: chair,
        purpose: '“六一”期间慰问中小学、幼儿园',
        createdBy: finance,
      },
    );
    await disburseInTransaction(
      trx,
      { clock: ctx.clock, cipher: ctx.cipher },
      {
        account: accounts.OUTLINES_BUDGET,
        programmeCode: null,
        recipientKind: 'event',
        recipientEventName: '两纲中期监测统计',
        recipientLabel: '两纲中期监测统计',
        method: 'bank_transfer',
        bankCard: null,
        amountFen: 350000,
        paidOn: `${y}-07-15`,
        approvedBy: chair,
        purpose: '两纲中期评估监测统计工作',
        createdBy: finance,
      },
    );
    await appendAudit(
      trx,
      ctx.clock,
      { actorId: null, actorName: 'demo', ip: null },
      { action: 'demo.seed', entityType: 'fund_account', detail: { accounts: Object.keys(accounts) } },
    );
  });
}
