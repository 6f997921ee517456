import type { FactDefinition, FactParams } from '../../platform/facts.js';
import { recipientLabel } from './funds.present.js';
import * as repo from './funds.repository.js';

const programmeOf = (p: FactParams) => p.programme || undefined;

function raised(form: 'cash' | 'goods'): FactDefinition {
  return {
    name: `funds.raised.${form}`,
    module: 'funds',
    label: form === 'cash' ? { zh: '筹集资金', en: 'Cash raised' } : { zh: '筹集物资价值', en: 'Goods raised (value)' },
    unit: '元',
    kind: 'money',
    definition:
      form === 'cash'
        ? '期间内收到的资金（社会捐赠与财政拨款，已冲销的不计），按捐赠日期；参数 programme 限定指定用途的项目。单位：分。'
        : '期间内收到的物资按登记单价计算的价值（已冲销的不计），按捐赠日期；参数 programme 限定项目。单位：分。',
    permission: 'funds.read',
    async compute(ctx, params) {
      const r = await repo.totalDonations(ctx.db, {
        scope: ctx.scope,
        from: ctx.period.from,
        to: ctx.period.to,
        programmeCode: programmeOf(params),
        form,
      });
      return { value: r.fen };
    },
    async records(ctx, params, page) {
      const [{ n }, rows] = await repo.donationRecords(
        ctx.db,
        { scope: ctx.scope, from: ctx.period.from, to: ctx.period.to, programmeCode: programmeOf(params), form },
        page,
      );
      return {
        columns: [
          { key: 'donatedOn', label: '日期' },
          { key: 'receiptNo', label: '收据号' },
          { key: 'donorName', label: '捐赠人' },
          { key: 'programmeCode', label: '项目' },
          { key: 'accountName', label: '账户' },
          { key: 'quantity', label: '数量' },
          { key: 'amountFen', label: '金额（分）' },
        ],
        rows: rows.map((r) => ({
          id: r.id,
          donatedOn: r.donatedOn,
          receiptNo: r.receiptNo,
          donorName: r.donorName,
          programmeCode: r.programmeCode,
          accountName: r.accountName,
          quantity: r.quantity == null ? null : `${r.quantity}${r.unit ?? ''}`,
          amountFen: Number(r.amountFen),
        })),
        total: Number(n),
      };
    },
  };
}

function paid(form: 'cash' | 'goods'): FactDefinition {
  return {
    name: `funds.paid.${form}`,
    module: 'funds',
    label: form === 'cash' ? { zh: '发放资金', en: 'Cash paid out' } : { zh: '发放物资价值', en: 'Goods handed out (value)' },
    unit: '元',
    kind: 'money',
    definition: `期间内拨付给个人、家庭、村（社区）或活动的${form === 'cash' ? '资金' : '物资价值'}（已冲销的不计），按拨付日期；参数 programme 限定项目。单位：分。`,
    permission: 'funds.read',
    async compute(ctx, params) {
      const r = await repo.totalDisbursements(ctx.db, {
        scope: ctx.scope,
        from: ctx.period.from,
        to: ctx.period.to,
        programmeCode: programmeOf(params),
        form,
      });
      return { value: r.fen };
    },
    async records(ctx, params, page) {
      const [{ n }, rows] = await repo.disbursementRecords(
        ctx.db,
        { scope: ctx.scope, from: ctx.period.from, to: ctx.period.to, programmeCode: programmeOf(params), form },
        page,
      );
      return {
        columns: [
          { key: 'paidOn', label: '日期' },
          { key: 'recipient', label: '拨付对象' },
          { key: 'programmeCode', label: '项目' },
          { key: 'accountName', label: '账户' },
          { key: 'quantity', label: '数量' },
          { key: 'amountFen', label: '金额（分）' },
        ],
        rows: rows.map((r) => ({
          id: r.id,
          paidOn: r.paidOn,
          recipient: recipientLabel(r),
          programmeCode: r.programmeCode,
          accountName: r.accountName,
          quantity: r.quantity == null ? null : `${r.quantity}${r.unit ?? ''}`,
          amountFen: Number(r.amountFen),
        })),
        total: Number(n),
      };
    },
  };
}

const balance: FactDefinition = {
  name: 'funds.balance',
  module: 'funds',
  label: { zh: '账户余额', en: 'Account balance' },
  unit: '元',
  kind: 'money',
  definition: '参数 account（账户代码）所指账户在期末的余额：截至期末日期的全部分录之和（按账户正常方向）。单位：分。',
  permission: 'funds.read',
  async compute(ctx, params) {
    if (!params.account) return { value: null };
    const r = await repo.balanceAsOf(ctx.db, ctx.scope, params.account, ctx.period.to);
    return { value: r.fen };
  },
  async records(ctx, params, page) {
    const columns = [
      { key: 'entryDate', label: '日期' },
      { key: 'seq', label: '凭证号' },
      { key: 'memo', label: '摘要' },
      { key: 'amountFen', label: '借(+)/贷(−)（分）' },
      { key: 'quantity', label: '数量' },
    ];
    if (!params.account) return { columns, rows: [], total: 0 };
    const [{ n }, rows] = await repo.balanceRecords(ctx.db, ctx.scope, params.account, ctx.period.to, page);
    return {
      columns,
      rows: rows.map((r) => ({
        id: r.id,
        entryDate: r.entryDate,
        seq: Number(r.seq),
        memo: r.memo,
        amountFen: Number(r.amountFen),
        quantity: Number(r.quantity),
      })),
      total: Number(n),
    };
  },
};

export function fundsFacts(): FactDefinition[] {
  return [raised('cash'), raised('goods'), paid('cash'), paid('goods'), balance];
}
