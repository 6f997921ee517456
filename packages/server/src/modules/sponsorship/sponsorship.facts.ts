import { maskName, termLabel } from '@jinguo/domain';
import type { FactContext, FactDefinition } from '../../platform/facts.js';
import * as repo from './sponsorship.repository.js';

const f = (ctx: FactContext) => ({ scope: ctx.scope, from: ctx.period.from, to: ctx.period.to });

async function paymentRecords(ctx: FactContext, page: { limit: number; offset: number }) {
  const [{ n }, rows] = await repo.paymentRecords(ctx.db, f(ctx), page);
  return {
    columns: [
      { key: 'paidOn', label: '发放日期' },
      { key: 'term', label: '学期' },
      { key: 'name', label: '受助学生' },
      { key: 'sponsorName', label: '资助人' },
      { key: 'amountFen', label: '金额（分）' },
    ],
    // Drill-downs show a girl's name masked: whoever reads a report need not hold sponsorship.minors.read.
    rows: rows.map((r) => ({
      id: r.id,
      paidOn: r.paidOn,
      term: termLabel(r.term),
      name: maskName(r.name),
      sponsorName: r.sponsorName,
      amountFen: Number(r.amountFen),
    })),
    total: Number(n),
  };
}

export function sponsorshipFacts(): FactDefinition[] {
  return [
    {
      name: 'sponsorship.students',
      module: 'sponsorship',
      label: { zh: '春蕾资助学生', en: 'Students sponsored' },
      unit: '人',
      kind: 'count',
      definition: '期间内（按发放日期）获得春蕾资助款的学生人数（每人计一次，已冲销的发放不计）。',
      permission: 'sponsorship.read',
      async compute(ctx) {
        return { value: (await repo.paymentTotals(ctx.db, f(ctx))).students };
      },
      records: (ctx, _p, page) => paymentRecords(ctx, page),
    },
    {
      name: 'sponsorship.paid',
      module: 'sponsorship',
      label: { zh: '发放春蕾资助款', en: 'Sponsorship paid' },
      unit: '元',
      kind: 'money',
      definition: '期间内（按发放日期）发放的春蕾资助款之和（已冲销的不计）。单位：分。',
      permission: 'sponsorship.read',
      async compute(ctx) {
        return { value: (await repo.paymentTotals(ctx.db, f(ctx))).fen };
      },
      records: (ctx, _p, page) => paymentRecords(ctx, page),
    },
    {
      name: 'sponsorship.meetings',
      module: 'sponsorship',
      label: { zh: '结对见面会', en: 'Pairing meetings' },
      unit: '场',
      kind: 'count',
      definition: '期间内举办的春蕾结对助学见面会场次。',
      permission: 'sponsorship.read',
      async compute(ctx) {
        return { value: await repo.countMeetings(ctx.db, f(ctx)) };
      },
      async records(ctx, _p, page) {
        const [{ n }, rows] = await repo.meetingRecords(ctx.db, f(ctx), page);
        return {
          columns: [
            { key: 'heldOn', label: '日期' },
            { key: 'title', label: '名称' },
            { key: 'place', label: '地点' },
            { key: 'attendees', label: '参加人数' },
          ],
          rows: rows.map((r) => ({ id: r.id, heldOn: r.heldOn, title: r.title, place: r.place, attendees: Number(r.attendees) })),
          total: Number(n),
        };
      },
    },
  ];
}
