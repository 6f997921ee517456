import { sql } from 'kysely';
import { HONOUR_LEVEL_LABELS, HONOUR_LEVELS, type HonourLevel } from '@jinguo/domain';
import { orgInScope } from '../../db/scope.js';
import { ValidationError } from '../../platform/errors.js';
import type { FactContext, FactDefinition, FactParams, SummaryBlockDef } from '../../platform/facts.js';
import { heldOn, levelRankSql } from './honours.repository.js';

/**
 * Honours figures. "Held" is the standing count at the period's end: each holder counts once, at the highest
 * level of the campaign it holds then (a unit named city-level after its district title counts as city-level),
 * so the levels add up to the number of holders (the reference: 20 = 1 province + 9 city + 10 district).
 */

function campaignParam(params: FactParams): string | undefined {
  const c = params.campaign;
  if (c !== undefined && !/^[A-Z][A-Z0-9_]{2,39}$/.test(c)) throw new ValidationError(`评选项目代码不正确：${c}`);
  return c;
}
function levelParam(params: FactParams): HonourLevel | undefined {
  const l = params.level;
  if (l === undefined || l === '') return undefined;
  if (!(HONOUR_LEVELS as readonly string[]).includes(l)) throw new ValidationError(`未知的级别：${l}（可选：${HONOUR_LEVELS.join('、')}）`);
  return l as HonourLevel;
}

/** Awards held at the period's end, one row per holder with its highest level rank. */
function holders(ctx: FactContext, params: FactParams) {
  const code = campaignParam(params);
  let q = ctx.db
    .selectFrom('honourAwards as a')
    .innerJoin('honourCampaigns as c', 'c.id', 'a.campaignId')
    .where((eb) => orgInScope(eb, 'a.owner_org_id', ctx.scope))
    .where(heldOn(ctx.period.to));
  if (code) q = q.where('c.code', '=', code);
  return q.select(['a.holderKey', 'c.code', sql<number>`max(${levelRankSql('a.level')})`.as('rank')]).groupBy(['a.holderKey', 'c.code']);
}

function awarded(ctx: FactContext, params: FactParams) {
  const code = campaignParam(params);
  const level = levelParam(params);
  let q = ctx.db
    .selectFrom('honourAwards as a')
    .innerJoin('honourCampaigns as c', 'c.id', 'a.campaignId')
    .where((eb) => orgInScope(eb, 'a.owner_org_id', ctx.scope))
    .where('a.awardedOn', '>=', ctx.period.from)
    .where('a.awardedOn', '<=', ctx.period.to);
  if (code) q = q.where('c.code', '=', code);
  if (level) q = q.where('a.level', '=', level);
  return q;
}

function pledges(ctx: FactContext, params: FactParams) {
  const code = campaignParam(params);
  let q = ctx.db
    .selectFrom('honourPledges as p')
    .innerJoin('honourCampaigns as c', 'c.id', 'p.campaignId')
    .where((eb) => orgInScope(eb, 'p.owner_org_id', ctx.scope))
    .where('p.signedOn', '>=', ctx.period.from)
    .where('p.signedOn', '<=', ctx.period.to);
  if (code) q = q.where('c.code', '=', code);
  return q;
}

const awardColumns = [
  { key: 'campaign', label: '称号' },
  { key: 'level', label: '级别' },
  { key: 'holderName', label: '获得者' },
  { key: 'awardedOn', label: '授予日期' },
  { key: 'certificateNo', label: '证书编号' },
];

/** Drill-down of "held": the holders' top awards, listed with the level they are counted at. */
async function heldRecords(ctx: FactContext, params: FactParams, page: { limit: number; offset: number }, onlyLevel?: HonourLevel) {
  const h = holders(ctx, params).as('h');
  let q = ctx.db
    .selectFrom(h)
    .innerJoin('honourAwards as a', (j) => j.onRef('a.holderKey', '=', 'h.holderKey'))
    .innerJoin('honourCampaigns as c', (j) => j.onRef('c.id', '=', 'a.campaignId').onRef('c.code', '=', 'h.code'))
    .where(sql<boolean>`${levelRankSql('a.level')} = h.rank`)
    .where(heldOn(ctx.period.to))
    .where((eb) => orgInScope(eb, 'a.owner_org_id', ctx.scope));
  if (onlyLevel) q = q.where('h.rank', '=', HONOUR_LEVELS.indexOf(onlyLevel));
  const all = await q.select('a.id').execute();
  const rows = await q
    .select(['a.id', 'c.name as campaign', 'a.level', 'a.holderName', 'a.awardedOn', 'a.certificateNo'])
    .orderBy('h.rank', 'desc')
    .orderBy('a.holderName')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { columns: awardColumns, total: all.length, rows: rows.map((r) => ({ ...r, level: HONOUR_LEVEL_LABELS[r.level] })) };
}

export function honoursFacts(): FactDefinition[] {
  return [
    {
      name: 'honours.held',
      module: 'honours',
      label: { zh: '现有荣誉称号', en: 'Titles held' },
      unit: '个',
      kind: 'count',
      definition: '期末仍有效的称号持有者数（campaign 评选项目代码、level 级别）：每个持有者按其持有的最高级别计一次；已撤销的不计。',
      permission: 'honours.read',
      async compute(ctx, params) {
        const level = levelParam(params);
        let q = ctx.db.selectFrom(holders(ctx, params).as('h')).select(sql<number>`count(*)`.as('v'));
        if (level) q = q.where('h.rank', '=', HONOUR_LEVELS.indexOf(level));
        const r = await q.executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      records: (ctx, params, page) => heldRecords(ctx, params, page, levelParam(params)),
    },
    {
      name: 'honours.held.byLevel',
      module: 'honours',
      label: { zh: '现有荣誉称号（按级别）', en: 'Titles held by level' },
      unit: '个',
      kind: 'breakdown',
      definition: '期末仍有效的称号持有者按最高级别分布（全国、省级、市级、区级）；合计为持有者总数。',
      permission: 'honours.read',
      async compute(ctx, params) {
        const rows = await ctx.db
          .selectFrom(holders(ctx, params).as('h'))
          .select(['h.rank', sql<number>`count(*)`.as('n')])
          .groupBy('h.rank')
          .execute();
        const breakdown = [...HONOUR_LEVELS].reverse().map((level) => ({
          key: level,
          label: HONOUR_LEVEL_LABELS[level],
          value: Number(rows.find((r) => Number(r.rank) === HONOUR_LEVELS.indexOf(level))?.n ?? 0),
        }));
        return { value: breakdown.reduce((a, b) => a + b.value, 0), breakdown };
      },
      records: (ctx, params, page) => heldRecords(ctx, params, page),
    },
    {
      name: 'honours.awarded',
      module: 'honours',
      label: { zh: '本期获得荣誉称号', en: 'Titles awarded' },
      unit: '个',
      kind: 'count',
      definition: '期间内（按授予日期）获得的称号数（campaign 评选项目代码、level 级别）。',
      permission: 'honours.read',
      async compute(ctx, params) {
        const r = await awarded(ctx, params).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, params, page) {
        const q = awarded(ctx, params);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['a.id', 'c.name as campaign', 'a.level', 'a.holderName', 'a.awardedOn', 'a.certificateNo'])
          .orderBy('a.awardedOn')
          .orderBy('a.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return { columns: awardColumns, total: Number(total), rows: rows.map((r) => ({ ...r, level: HONOUR_LEVEL_LABELS[r.level] })) };
      },
    },
    {
      name: 'honours.pledges',
      module: 'honours',
      label: { zh: '签订承诺书', en: 'Pledges signed' },
      unit: '份',
      kind: 'count',
      definition: '期间内（按签订日期）签订的承诺书份数（campaign 评选项目代码，如 INTEGRITY_FAMILY 廉洁家庭）。',
      permission: 'honours.read',
      async compute(ctx, params) {
        const r = await pledges(ctx, params).select(sql<number>`count(*)`.as('v')).executeTakeFirstOrThrow();
        return { value: Number(r.v) };
      },
      async records(ctx, params, page) {
        const q = pledges(ctx, params);
        const [{ total }] = await q.select(sql<number>`count(*)`.as('total')).execute();
        const rows = await q
          .select(['p.id', 'c.name as campaign', 'p.signerName', 'p.signerPosition', 'p.signerUnit', 'p.signedOn'])
          .orderBy('p.signedOn')
          .orderBy('p.id')
          .limit(page.limit)
          .offset(page.offset)
          .execute();
        return {
          columns: [
            { key: 'campaign', label: '承诺类别' },
            { key: 'signerName', label: '签订人' },
            { key: 'signerPosition', label: '职务' },
            { key: 'signerUnit', label: '单位' },
            { key: 'signedOn', label: '签订日期' },
          ],
          total: Number(total),
          rows,
        };
      },
    },
  ];
}

export const honoursSummary: SummaryBlockDef[] = [
  {
    module: 'honours',
    order: 30,
    heading: '深化巾帼建功和家庭文明创建',
    paragraphs: [
      '面向城镇妇女开展“巾帼文明示范岗”创建活动，本年度{honours.awarded?campaign=WOMEN_CIVILIZED_POST&level=city}家单位被评为市级“巾帼文明示范岗”。目前，我区有省级巾帼文明示范岗{honours.held?campaign=WOMEN_CIVILIZED_POST&level=province}个，市级{honours.held?campaign=WOMEN_CIVILIZED_POST&level=city}个，区级{honours.held?campaign=WOMEN_CIVILIZED_POST&level=district}个，另有{honours.held?campaign=WOMEN_CIVILIZED_POST&level=national}家单位被评为全国巾帼文明示范岗。',
      '以“争创廉政家庭”为主题，组织副科级以上领导干部家庭签订“廉洁家庭”承诺书{honours.pledges?campaign=INTEGRITY_FAMILY}份，积极推进家庭廉政文化建设。表彰了一批“为国教子，以德育人”的好家长，全区有{honours.awarded?campaign=GOOD_PARENT&level=city}名好家长被评为市级好家长；评选“最美家庭”{honours.awarded?campaign=MOST_BEAUTIFUL_FAMILY}户、“五好文明家庭”{honours.awarded?campaign=FIVE_GOOD_FAMILY}户。',
    ],
  },
];
