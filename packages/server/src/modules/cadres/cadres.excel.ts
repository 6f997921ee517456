import {
  CADRE_POST_LEVEL_LABELS,
  CADRE_RANK_LABELS,
  CADRE_UNIT_CATEGORY_LABELS,
  EDUCATION_LABELS,
  RECOMMENDATION_STATUS_LABELS,
  ROTATION_DIRECTION_LABELS,
  type CadrePostLevel,
  type CadreRank,
  type CadreUnitCategory,
  type EducationLevel,
  type RecommendationStatus,
  type RotationDirection,
} from '@jinguo/domain';
import type { Clock } from '../../platform/clock.js';
import { cells, ImportRejected, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as repo from './cadres.repository.js';
import type { CadresTable } from './cadres.tables.js';

/** Excel templates, imports and exports of the cadres lists (shared mechanism: platform/excel.ts). */

const gender = cells.oneOf({ female: '女', male: '男' });
const rank = cells.oneOf(CADRE_RANK_LABELS);

type CadreFields = { name: string; gender: 'female' | 'male'; unitName: string; position: string | null; rank: CadreRank };
const cadreColumns = [
  { key: 'name' as const, header: '姓名', required: true, example: '陈静', parse: cells.text(50) },
  { key: 'gender' as const, header: '性别', required: true, example: '女', parse: gender },
  { key: 'unitName' as const, header: '单位', required: true, example: '区教育局', parse: cells.text(100) },
  { key: 'position' as const, header: '职务', example: '副局长', parse: cells.text(100) },
  {
    key: 'rank' as const,
    header: '职级',
    required: true,
    example: '副科级',
    note: `可填：${Object.values(CADRE_RANK_LABELS).join('、')}`,
    parse: rank,
  },
];

type RosterExtras = {
  birthYear?: number | null;
  partyMember?: boolean | null;
  note?: string | null;
  education?: EducationLevel | null;
  postLevel?: CadrePostLevel | null;
  unitCategory?: CadreUnitCategory | null;
  servingSince?: string | null;
  reserve?: boolean | null;
};

function newCadre(v: CadreFields & RosterExtras, ownerOrgId: string, createdBy: string, at: string): CadresTable {
  return {
    id: newId(),
    ownerOrgId,
    name: v.name,
    gender: v.gender,
    unitName: v.unitName,
    position: v.position,
    rank: v.rank,
    birthYear: v.birthYear ?? null,
    partyMember: v.partyMember ? 1 : 0,
    note: v.note ?? null,
    active: 1,
    education: v.education ?? null,
    postLevel: v.postLevel ?? null,
    unitCategory: v.unitCategory ?? null,
    servingSince: v.servingSince ?? null,
    leftOn: null,
    reserve: v.reserve ? 1 : 0,
    createdBy,
    createdAt: at,
    updatedAt: at,
  };
}

type Ctx = { ownerOrgId: string; createdBy: string; clock: Clock; seen: Map<string, number> };

function sameFileDuplicate(ctx: Ctx, v: { name: string; unitName: string }, rowNumber: number) {
  const key = `${v.name}|${v.unitName}`;
  const earlier = ctx.seen.get(key);
  if (earlier) return [{ column: 'name', message: `与第${earlier}行重复（同一单位同名）` }];
  ctx.seen.set(key, rowNumber);
  return [];
}

export type CadreImportRow = CadreFields & {
  birthYear: number | null;
  partyMember: boolean | null;
  note: string | null;
  education: EducationLevel | null;
  postLevel: CadrePostLevel | null;
  unitCategory: CadreUnitCategory | null;
  servingSince: string | null;
  reserve: boolean | null;
};
export const cadresImport: ImportSpec<CadreImportRow, Ctx> = {
  kind: 'cadres.roster',
  title: '干部花名册',
  columns: [
    ...cadreColumns,
    { key: 'birthYear', header: '出生年份', example: '1978', parse: cells.integer({ min: 1930, max: 2015 }) },
    { key: 'partyMember', header: '是否党员', example: '是', parse: cells.yesNo() },
    { key: 'note', header: '备注', example: '', parse: cells.text(500) },
    {
      key: 'education',
      header: '学历',
      example: '大学本科',
      note: `可填：${Object.values(EDUCATION_LABELS).join('、')}`,
      parse: cells.oneOf(EDUCATION_LABELS),
    },
    {
      key: 'postLevel',
      header: '领导职务',
      example: '副职',
      note: `可填：${Object.values(CADRE_POST_LEVEL_LABELS).join('、')}`,
      parse: cells.oneOf(CADRE_POST_LEVEL_LABELS),
    },
    {
      key: 'unitCategory',
      header: '单位类别',
      example: '政府部门',
      note: `可填：${Object.values(CADRE_UNIT_CATEGORY_LABELS).join('、')}`,
      parse: cells.oneOf(CADRE_UNIT_CATEGORY_LABELS),
    },
    { key: 'servingSince', header: '任现职时间', example: '2021-09-01', parse: cells.date() },
    { key: 'reserve', header: '是否后备干部', example: '否', parse: cells.yesNo() },
  ],
  validateRow: (v, ctx, rowNumber) => sameFileDuplicate(ctx, v, rowNumber),
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    const refused: { row: number; column: string; message: string }[] = [];
    for (const { rowNumber, values: v } of rows)
      if (await repo.findCadreByNameUnit(trx, ctx.ownerOrgId, v.name, v.unitName))
        refused.push({ row: rowNumber, column: '姓名', message: '该单位已有同名干部在花名册中' });
    if (refused.length) throw new ImportRejected(refused);
    await repo.insertCadres(
      trx,
      rows.map(({ values: v }) => newCadre(v, ctx.ownerOrgId, ctx.createdBy, at)),
    );
    return { created: rows.length };
  },
};

export type CadreExportRow = Awaited<ReturnType<typeof repo.listCadresAfter>>[number];
export const cadresExport: ExportSpec<CadreExportRow> = {
  kind: 'cadres.roster',
  title: '干部花名册',
  entityType: 'cadre',
  columns: [
    { key: 'name', header: '姓名' },
    { key: 'gender', header: '性别', value: (r) => (r.gender === 'female' ? '女' : '男') },
    { key: 'unitName', header: '单位', width: 20 },
    { key: 'position', header: '职务', width: 16 },
    { key: 'rank', header: '职级', value: (r) => CADRE_RANK_LABELS[r.rank] },
    { key: 'birthYear', header: '出生年份', format: 'integer' },
    { key: 'partyMember', header: '是否党员', value: (r) => (r.partyMember ? '是' : '否') },
    { key: 'education', header: '学历', value: (r) => (r.education ? EDUCATION_LABELS[r.education] : null) },
    { key: 'postLevel', header: '领导职务', value: (r) => (r.postLevel ? CADRE_POST_LEVEL_LABELS[r.postLevel] : null) },
    { key: 'unitCategory', header: '单位类别', value: (r) => (r.unitCategory ? CADRE_UNIT_CATEGORY_LABELS[r.unitCategory] : null) },
    { key: 'servingSince', header: '任现职时间', format: 'date' },
    { key: 'leftOn', header: '离开日期', format: 'date' },
    { key: 'reserve', header: '是否后备干部', value: (r) => (r.reserve ? '是' : '否') },
    { key: 'ownerOrgName', header: '登记单位', width: 16 },
  ],
};

export type RotationMemberImportRow = CadreFields & { direction: RotationDirection; hostUnit: string | null };
/** A rotation's members from a list: each cadre is found on the roster (same unit and name) or added to it. */
export const rotationMembersImport: ImportSpec<RotationMemberImportRow, Ctx & { rotationId: string }> = {
  kind: 'cadres.rotation-members',
  title: '上挂下派干部名单',
  columns: [
    ...cadreColumns,
    { key: 'direction', header: '上挂或下派', required: true, example: '下派', parse: cells.oneOf(ROTATION_DIRECTION_LABELS) },
    { key: 'hostUnit', header: '挂职单位', example: '牛佛镇人民政府', parse: cells.text(100) },
  ],
  validateRow: (v, ctx, rowNumber) => sameFileDuplicate(ctx, v, rowNumber),
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    let added = 0;
    const refused: { row: number; column: string; message: string }[] = [];
    for (const { rowNumber, values: v } of rows) {
      let cadre = await repo.findCadreByNameUnit(trx, ctx.ownerOrgId, v.name, v.unitName);
      if (cadre && cadre.gender !== v.gender) {
        refused.push({ row: rowNumber, column: '性别', message: `与花名册不一致（花名册为${cadre.gender === 'female' ? '女' : '男'}）` });
        continue;
      }
      if (!cadre) {
        const created = newCadre(v, ctx.ownerOrgId, ctx.createdBy, at);
        await repo.insertCadres(trx, [created]);
        cadre = { ...created, version: 1 };
        added++;
      } else if (await repo.findRotationMember(trx, ctx.rotationId, cadre.id)) {
        refused.push({ row: rowNumber, column: '姓名', message: '已在本次上挂下派名单中' });
        continue;
      }
      await repo.insertRotationMembers(trx, [
        {
          id: newId(),
          rotationId: ctx.rotationId,
          cadreId: cadre.id,
          ownerOrgId: ctx.ownerOrgId,
          direction: v.direction,
          hostUnit: v.hostUnit,
          createdAt: at,
        },
      ]);
    }
    if (refused.length) throw new ImportRejected(refused);
    return { created: rows.length, addedToRoster: added };
  },
};

export type RotationMemberExportRow = Awaited<ReturnType<typeof repo.listRotationMembersAfter>>[number];
export const rotationMembersExport: ExportSpec<RotationMemberExportRow> = {
  kind: 'cadres.rotation-members',
  title: '上挂下派干部名单',
  entityType: 'cadre_rotation',
  columns: [
    { key: 'name', header: '姓名' },
    { key: 'gender', header: '性别', value: (r) => (r.gender === 'female' ? '女' : '男') },
    { key: 'unitName', header: '单位', width: 20 },
    { key: 'position', header: '职务', width: 16 },
    { key: 'rank', header: '职级', value: (r) => CADRE_RANK_LABELS[r.rank] },
    { key: 'direction', header: '上挂或下派', value: (r) => ROTATION_DIRECTION_LABELS[r.direction] },
    { key: 'hostUnit', header: '挂职单位', width: 20 },
  ],
};

export type RecommendationImportRow = {
  candidateName: string;
  unitName: string | null;
  recommendedOn: string;
  status: RecommendationStatus | null;
  note: string | null;
};
export const recommendationsImport: ImportSpec<RecommendationImportRow, Omit<Ctx, 'seen'>> = {
  kind: 'cadres.recommendations',
  title: '推优入党登记表',
  columns: [
    { key: 'candidateName', header: '推荐对象', required: true, example: '刘芳', parse: cells.text(50) },
    { key: 'unitName', header: '单位', example: '东城街道春华社区', parse: cells.text(100) },
    { key: 'recommendedOn', header: '推荐日期', required: true, example: '2026-06-20', parse: cells.date() },
    {
      key: 'status',
      header: '状态',
      example: '已推荐',
      note: `可填：${Object.values(RECOMMENDATION_STATUS_LABELS).join('、')}；不填为已推荐`,
      parse: cells.oneOf(RECOMMENDATION_STATUS_LABELS),
    },
    { key: 'note', header: '备注', example: '', parse: cells.text(500) },
  ],
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    await repo.insertRecommendations(
      trx,
      rows.map(({ values: v }) => ({
        id: newId(),
        ownerOrgId: ctx.ownerOrgId,
        candidateName: v.candidateName,
        unitName: v.unitName,
        recommendedOn: v.recommendedOn,
        status: v.status ?? 'recommended',
        statusDate: v.status && v.status !== 'recommended' ? v.recommendedOn : null,
        note: v.note,
        cadreId: null,
        createdBy: ctx.createdBy,
        createdAt: at,
        updatedAt: at,
      })),
    );
    return { created: rows.length };
  },
};

export type RecommendationExportRow = Awaited<ReturnType<typeof repo.listRecommendationsAfter>>[number];
export const recommendationsExport: ExportSpec<RecommendationExportRow> = {
  kind: 'cadres.recommendations',
  title: '推优入党登记表',
  entityType: 'party_recommendation',
  columns: [
    { key: 'candidateName', header: '推荐对象' },
    { key: 'unitName', header: '单位', width: 20 },
    { key: 'recommendedOn', header: '推荐日期', format: 'date' },
    { key: 'status', header: '状态', value: (r) => RECOMMENDATION_STATUS_LABELS[r.status] },
    { key: 'statusDate', header: '状态日期', format: 'date' },
    { key: 'ownerOrgName', header: '推荐单位', width: 16 },
    { key: 'note', header: '备注', width: 24 },
  ],
};
