import { APPLICATION_STATUS_LABELS, REPORT_LEVEL_LABELS, REPORT_LEVELS, type ReportLevel } from '@jinguo/domain';
import type { FactContext, FactDefinition, FactParams } from '../../platform/facts.js';
import * as repo from './relief.repository.js';

function filter(ctx: FactContext, p: FactParams): repo.FactFilter {
  const level = REPORT_LEVELS.includes(p.level as ReportLevel) ? (p.level as ReportLevel) : undefined;
  return { scope: ctx.scope, from: ctx.period.from, to: ctx.period.to, programmeCode: p.programme || undefined, level };
}

const personColumns = [
  { key: 'townshipName', label: '乡镇（街道）' },
  { key: 'name', label: '姓名' },
  { key: 'idNumberMasked', label: '身份证号' },
];

const reported: FactDefinition = {
  name: 'relief.reported',
  module: 'relief',
  label: { zh: '上报救助对象', en: 'Candidates reported up' },
  unit: '人',
  kind: 'count',
  definition:
    '期间内（按上报日期）向上级妇联上报的救助对象人数；参数 programme（项目代码）、level（province 省妇联 / city 市妇联）。同一人上报两级时不限 level 只计一次。',
  permission: 'relief.read',
  async compute(ctx, p) {
    return { value: await repo.countReported(ctx.db, filter(ctx, p)) };
  },
  async records(ctx, p, page) {
    const [{ n }, rows] = await repo.reportedRecords(ctx.db, filter(ctx, p), page);
    return {
      columns: [
        { key: 'submittedOn', label: '上报日期' },
        { key: 'level', label: '上报对象' },
        { key: 'programmeName', label: '项目' },
        ...personColumns,
        { key: 'householdMembers', label: '家庭人口' },
        { key: 'householdIncomeFen', label: '家庭年收入（分）' },
      ],
      rows: rows.map((r) => ({
        id: r.id,
        submittedOn: r.submittedOn,
        level: REPORT_LEVEL_LABELS[r.level],
        programmeName: r.programmeName,
        townshipName: r.townshipName,
        name: r.name,
        idNumberMasked: r.idNumberMasked,
        householdMembers: Number(r.householdMembers),
        householdIncomeFen: Number(r.householdIncomeFen),
      })),
      total: Number(n),
    };
  },
};

const incomePerCapita: FactDefinition = {
  name: 'relief.reported.incomePerCapita',
  module: 'relief',
  label: { zh: '上报对象家庭年人均收入', en: 'Income per head of reported households' },
  unit: '元',
  kind: 'money',
  definition:
    '期间内上报对象家庭的年收入之和 ÷ 家庭人口之和（每户计一次，按上报时登记的数据），四舍五入到分；参数 programme、level。单位：分。',
  permission: 'relief.read',
  async compute(ctx, p) {
    const s = await repo.reportedIncomeSums(ctx.db, filter(ctx, p));
    return { value: s.members === 0 ? null : Math.round(s.income / s.members), numerator: s.income, denominator: s.members };
  },
  records: (ctx, p, page) => reported.records(ctx, p, page),
};

function decided(kind: 'approved' | 'granted'): FactDefinition {
  return {
    name: `relief.${kind}`,
    module: 'relief',
    label: kind === 'approved' ? { zh: '批准救助对象', en: 'Applications approved' } : { zh: '确定救助对象', en: 'Applications granted' },
    unit: '人',
    kind: 'count',
    definition:
      kind === 'approved'
        ? '期间内（按审批日期）批准的救助申请数，此后被否决的不计；参数 programme。'
        : '期间内（按确定日期）确定给予救助的申请数（含已发放）；参数 programme。',
    permission: 'relief.read',
    async compute(ctx, p) {
      return { value: await repo.countDecided(ctx.db, filter(ctx, p), kind) };
    },
    async records(ctx, p, page) {
      const [{ n }, rows] = await repo.decidedRecords(ctx.db, filter(ctx, p), kind, page);
      return {
        columns: [
          { key: 'date', label: kind === 'approved' ? '批准日期' : '确定日期' },
          { key: 'programmeName', label: '项目' },
          ...personColumns,
          { key: 'status', label: '状态' },
          { key: 'grantAmountFen', label: '救助金额（分）' },
        ],
        rows: rows.map((r) => ({
          id: r.id,
          date: kind === 'approved' ? r.decidedOn : r.grantedOn,
          programmeName: r.programmeName,
          townshipName: r.townshipName,
          name: r.name,
          idNumberMasked: r.idNumberMasked,
          status: APPLICATION_STATUS_LABELS[r.status],
          grantAmountFen: r.grantAmountFen == null ? null : Number(r.grantAmountFen),
        })),
        total: Number(n),
      };
    },
  };
}

const screened: FactDefinition = {
  name: 'relief.screened',
  module: 'relief',
  label: { zh: '摸底登记对象', en: 'Candidates screened' },
  unit: '人',
  kind: 'count',
  definition: '期间内（按登记日期）摸底调查登记的候选对象数（含未通过的）；参数 programme。',
  permission: 'relief.read',
  async compute(ctx, p) {
    return { value: await repo.countScreened(ctx.db, filter(ctx, p)) };
  },
  async records(ctx, p, page) {
    const [{ n }, rows] = await repo.screenedRecords(ctx.db, filter(ctx, p), page);
    return {
      columns: [
        { key: 'appliedOn', label: '登记日期' },
        { key: 'programmeName', label: '项目' },
        ...personColumns,
        { key: 'status', label: '状态' },
      ],
      rows: rows.map((r) => ({
        id: r.id,
        appliedOn: r.appliedOn,
        programmeName: r.programmeName,
        townshipName: r.townshipName,
        name: r.name,
        idNumberMasked: r.idNumberMasked,
        status: APPLICATION_STATUS_LABELS[r.status],
      })),
      total: Number(n),
    };
  },
};

export function reliefFacts(): FactDefinition[] {
  return [reported, incomePerCapita, decided('approved'), decided('granted'), screened];
}
