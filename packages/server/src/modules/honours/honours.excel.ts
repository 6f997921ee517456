import { HONOUR_LEVEL_LABELS, HOLDER_KIND_LABELS, NOMINATION_STATUS_LABELS, type HolderKind, type HonourLevel } from '@jinguo/domain';
import type { Clock } from '../../platform/clock.js';
import { cells, ImportRejected, type CellParser, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as repo from './honours.repository.js';
import { unitCell, type UnitLookup } from '../org/index.js';

/** Excel templates, imports and exports of the honours lists (shared mechanism: platform/excel.ts). */

export type CampaignRef = { id: string; code: string; name: string; holderKind: HolderKind; reviewCycleYears?: number };

function campaignCell(campaigns: CampaignRef[]): CellParser<CampaignRef> {
  return (t) => {
    const c = campaigns.find((x) => x.name === t || x.code === t.toUpperCase());
    return c ? { value: c } : { error: `应为以下之一：${campaigns.map((x) => x.name).join('、')}` };
  };
}

/** The holder of an award across years: the org unit, else the kind and name. */
export function holderKeyOf(holderKind: HolderKind, holderName: string, holderOrgId: string | null | undefined): string {
  return holderOrgId ?? `${holderKind}:${holderName.trim()}`;
}

export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

export type AwardImportRow = {
  campaign: CampaignRef;
  level: HonourLevel;
  year: number;
  awardedOn: string;
  certificateNo: string | null;
  holderName: string;
  holderOrgId: string | null;
  ownerOrgId: string;
};

/** Awards already held (titles given before the system, or by higher federations) entered from a list. */
export function awardsImport(
  campaigns: CampaignRef[],
  units: UnitLookup,
  holders: UnitLookup,
): ImportSpec<AwardImportRow, { createdBy: string; clock: Clock; seen: Map<string, number> }> {
  return {
    kind: 'honours.awards',
    title: '荣誉称号登记表',
    columns: [
      {
        key: 'campaign',
        header: '称号',
        required: true,
        example: '巾帼文明岗',
        note: `可填：${campaigns.map((c) => c.name).join('、')}`,
        parse: campaignCell(campaigns),
      },
      {
        key: 'level',
        header: '级别',
        required: true,
        example: '市级',
        note: '区级、市级、省级、全国',
        parse: cells.oneOf(HONOUR_LEVEL_LABELS),
      },
      { key: 'year', header: '年度', required: true, example: '2026', parse: cells.integer({ min: 1980, max: 2100 }) },
      { key: 'awardedOn', header: '授予日期', required: true, example: '2026-03-08', parse: cells.date() },
      { key: 'certificateNo', header: '证书编号', example: '市巾岗〔2026〕12号', parse: cells.text(50) },
      { key: 'holderName', header: '获奖对象', required: true, example: '川力实业有限公司', parse: cells.text(100) },
      {
        key: 'holderOrgId',
        header: '对象所在单位（系统内）',
        example: '',
        note: '获奖集体是系统内单位时填写其名称或代码，用于跨年度认定同一对象',
        parse: unitCell(holders),
      },
      { key: 'ownerOrgId', header: '登记单位', required: true, example: '示例区妇联', parse: unitCell(units) },
    ],
    validateRow(v, ctx, rowNumber) {
      const problems: { column: string; message: string }[] = [];
      if (Number(v.awardedOn.slice(0, 4)) < v.year) problems.push({ column: 'awardedOn', message: '授予日期早于年度' });
      if (v.certificateNo) {
        const key = `${v.campaign.id}|${v.level}|${v.certificateNo}`;
        const earlier = ctx.seen.get(key);
        if (earlier) problems.push({ column: 'certificateNo', message: `与第${earlier}行证书编号重复` });
        else ctx.seen.set(key, rowNumber);
      }
      return problems;
    },
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      const refused: { row: number; column: string; message: string }[] = [];
      for (const { rowNumber, values: v } of rows) {
        if (v.certificateNo && (await repo.findAwardByCertificate(trx, v.campaign.id, v.level, v.certificateNo))) {
          refused.push({ row: rowNumber, column: '证书编号', message: '该证书编号已登记' });
          continue;
        }
        await repo.insertAward(trx, {
          id: newId(),
          ownerOrgId: v.ownerOrgId,
          campaignId: v.campaign.id,
          nominationId: null,
          level: v.level,
          year: v.year,
          awardedOn: v.awardedOn,
          certificateNo: v.certificateNo,
          holderKind: v.campaign.holderKind,
          holderName: v.holderName,
          holderOrgId: v.holderOrgId,
          holderKey: holderKeyOf(v.campaign.holderKind, v.holderName, v.holderOrgId),
          status: 'active',
          revokedOn: null,
          revokeReason: null,
          nextReviewDue: v.campaign.reviewCycleYears ? addYears(v.awardedOn, v.campaign.reviewCycleYears) : null,
          createdBy: ctx.createdBy,
          createdAt: at,
          updatedAt: at,
        });
      }
      if (refused.length) throw new ImportRejected(refused);
      return { created: rows.length };
    },
  };
}

export type AwardExportRow = Awaited<ReturnType<typeof repo.listAwardsAfter>>[number];
export const awardsExport: ExportSpec<AwardExportRow> = {
  kind: 'honours.awards',
  title: '荣誉称号登记表',
  entityType: 'honour_award',
  columns: [
    { key: 'campaignName', header: '称号' },
    { key: 'level', header: '级别', value: (r) => HONOUR_LEVEL_LABELS[r.level] },
    { key: 'year', header: '年度', format: 'integer' },
    { key: 'awardedOn', header: '授予日期', format: 'date' },
    { key: 'certificateNo', header: '证书编号', width: 20 },
    { key: 'holderKind', header: '对象类型', value: (r) => HOLDER_KIND_LABELS[r.holderKind] },
    { key: 'holderName', header: '获奖对象', width: 24 },
    { key: 'status', header: '状态', value: (r) => (r.status === 'active' ? '有效' : `已撤销（${r.revokedOn}）`) },
    { key: 'nextReviewDue', header: '下次复审', format: 'date' },
    { key: 'ownerOrgName', header: '登记单位', width: 18 },
  ],
};

export type PledgeImportRow = {
  campaign: CampaignRef;
  signerName: string;
  signerPosition: string | null;
  signerUnit: string | null;
  signedOn: string;
  ownerOrgId: string;
  note: string | null;
};
export function pledgesImport(
  campaigns: CampaignRef[],
  units: UnitLookup,
): ImportSpec<PledgeImportRow, { createdBy: string; clock: Clock }> {
  return {
    kind: 'honours.pledges',
    title: '承诺书签订登记表',
    columns: [
      { key: 'campaign', header: '承诺类别', required: true, example: '廉洁家庭', parse: campaignCell(campaigns) },
      { key: 'signerName', header: '签订人', required: true, example: '王建国', parse: cells.text(50) },
      { key: 'signerPosition', header: '职务', example: '副局长', parse: cells.text(50) },
      { key: 'signerUnit', header: '工作单位', example: '区教育局', parse: cells.text(100) },
      { key: 'signedOn', header: '签订日期', required: true, example: '2026-07-01', parse: cells.date() },
      { key: 'ownerOrgId', header: '组织单位', required: true, example: '示例区妇联', parse: unitCell(units) },
      { key: 'note', header: '备注', example: '', parse: cells.text(500) },
    ],
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      await repo.insertPledges(
        trx,
        rows.map(({ values: v }) => ({
          id: newId(),
          ownerOrgId: v.ownerOrgId,
          campaignId: v.campaign.id,
          signerName: v.signerName,
          signerPosition: v.signerPosition,
          signerUnit: v.signerUnit,
          signedOn: v.signedOn,
          note: v.note,
          createdBy: ctx.createdBy,
          createdAt: at,
        })),
      );
      return { created: rows.length };
    },
  };
}

export type PledgeExportRow = Awaited<ReturnType<typeof repo.listPledgesAfter>>[number];
export const pledgesExport: ExportSpec<PledgeExportRow> = {
  kind: 'honours.pledges',
  title: '承诺书签订登记表',
  entityType: 'honour_pledge',
  columns: [
    { key: 'campaignName', header: '承诺类别' },
    { key: 'signerName', header: '签订人' },
    { key: 'signerPosition', header: '职务' },
    { key: 'signerUnit', header: '工作单位', width: 20 },
    { key: 'signedOn', header: '签订日期', format: 'date' },
    { key: 'ownerOrgName', header: '组织单位', width: 18 },
    { key: 'note', header: '备注', width: 24 },
  ],
};

export type NominationExportRow = Awaited<ReturnType<typeof repo.listNominationsAfter>>[number];
/** The nominations list as filtered (no import: each nomination is checked against its campaign's rules one by one). */
export const nominationsExport: ExportSpec<NominationExportRow> = {
  kind: 'honours.nominations',
  title: '推荐申报名单',
  entityType: 'honour_nomination',
  columns: [
    { key: 'nominatedOn', header: '申报日期', format: 'date' },
    { key: 'campaignName', header: '评选项目' },
    { key: 'level', header: '级别', value: (r) => HONOUR_LEVEL_LABELS[r.level] },
    { key: 'year', header: '年度', format: 'integer' },
    { key: 'holderName', header: '推荐对象', width: 24 },
    { key: 'holderKind', header: '对象类型', value: (r) => HOLDER_KIND_LABELS[r.holderKind] },
    { key: 'ownerOrgName', header: '推荐单位', width: 16 },
    { key: 'status', header: '状态', value: (r) => NOMINATION_STATUS_LABELS[r.status] },
    { key: 'noticeStart', header: '公示开始', format: 'date' },
    { key: 'noticeEnd', header: '公示结束', format: 'date' },
    { key: 'decisionReason', header: '未通过原因', width: 30 },
  ],
};
