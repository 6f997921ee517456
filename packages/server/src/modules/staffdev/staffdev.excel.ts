import {
  EDUCATION_LABELS,
  STAFF_CATEGORY_LABELS,
  TRAINING_LEVEL_LABELS,
  type EducationLevel,
  type StaffCategory,
  type TrainingLevel,
} from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { cells, ImportRejected, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import * as repo from './staffdev.repository.js';

/** Excel templates, imports and exports of the staff register (shared mechanism: platform/excel.ts). */

type StaffCtx = { ownerOrgId: string; createdBy: string; clock: Clock };
export type StaffImportRow = {
  name: string;
  gender: 'female' | 'male';
  category: StaffCategory;
  position: string | null;
  birthYear: number | null;
  education: EducationLevel | null;
};
export const staffImport: ImportSpec<StaffImportRow, StaffCtx> = {
  kind: 'staffdev.staff',
  title: '干部队伍名册',
  columns: [
    { key: 'name', header: '姓名', required: true, example: '王丽华', parse: cells.text(50) },
    { key: 'gender', header: '性别', required: true, example: '女', parse: cells.oneOf({ female: '女', male: '男' }) },
    {
      key: 'category',
      header: '人员类别',
      required: true,
      example: '妇联机关干部',
      note: `可填：${Object.values(STAFF_CATEGORY_LABELS).join('、')}`,
      parse: cells.oneOf(STAFF_CATEGORY_LABELS),
    },
    { key: 'position', header: '职务', example: '主席', parse: cells.text(100) },
    { key: 'birthYear', header: '出生年份', example: '1975', parse: cells.integer({ min: 1940, max: 2010 }) },
    {
      key: 'education',
      header: '学历',
      example: '大学本科',
      note: `可填：${Object.values(EDUCATION_LABELS).join('、')}`,
      parse: cells.oneOf(EDUCATION_LABELS),
    },
  ],
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    const refused = [];
    for (const { rowNumber, values: v } of rows)
      if ((await repo.findStaffByName(trx, ctx.ownerOrgId, v.name)).length)
        refused.push({ row: rowNumber, column: '姓名', message: '本单位已有同名人员在册' });
    if (refused.length) throw new ImportRejected(refused);
    await repo.insertStaff(
      trx,
      rows.map(({ values: v }) => ({
        id: newId(),
        ownerOrgId: ctx.ownerOrgId,
        name: v.name,
        gender: v.gender,
        category: v.category,
        position: v.position,
        birthYear: v.birthYear,
        education: v.education,
        note: null,
        active: 1,
        createdBy: ctx.createdBy,
        createdAt: at,
        updatedAt: at,
      })),
    );
    return { created: rows.length };
  },
};

export type StaffExportRow = Awaited<ReturnType<typeof repo.listStaffAfter>>[number];
/** The register with one year's totals. */
export function staffExport(year: number): ExportSpec<StaffExportRow> {
  return {
    kind: 'staffdev.staff',
    title: `干部教育培训登记（${year}年）`,
    entityType: 'staff_member',
    columns: [
      { key: 'name', header: '姓名' },
      { key: 'gender', header: '性别', value: (r) => (r.gender === 'female' ? '女' : '男') },
      { key: 'category', header: '人员类别', width: 16, value: (r) => STAFF_CATEGORY_LABELS[r.category] },
      { key: 'position', header: '职务', width: 16 },
      { key: 'education', header: '学历', value: (r) => (r.education ? EDUCATION_LABELS[r.education] : null) },
      { key: 'trainings', header: '培训次数', format: 'integer' },
      { key: 'hours', header: '培训学时', format: 'integer' },
      { key: 'studying', header: '参加学历教育', value: (r) => (Number(r.studying) > 0 ? '是' : '否') },
      { key: 'certificates', header: '取得证书', format: 'integer' },
      { key: 'ownerOrgName', header: '所在单位', width: 16 },
    ],
  };
}

type TrainingCtx = { db: Db; ownerOrgId: string; createdBy: string; clock: Clock };
export type TrainingImportRow = {
  name: string;
  title: string;
  organiser: string;
  level: TrainingLevel;
  startDate: string;
  endDate: string | null;
  hours: number;
  note: string | null;
};
/** Training records of the unit's staff, matched to people by name (a name two people share is refused). */
export const trainingRecordsImport: ImportSpec<TrainingImportRow, TrainingCtx> = {
  kind: 'staffdev.trainings',
  title: '干部培训登记表',
  notes: ['姓名须与本单位干部队伍名册中的姓名一致'],
  columns: [
    { key: 'name', header: '姓名', required: true, example: '王丽华', parse: cells.text(50) },
    { key: 'title', header: '培训名称', required: true, example: '全省妇联系统业务培训班', parse: cells.text(100) },
    { key: 'organiser', header: '主办单位', required: true, example: '省妇联', parse: cells.text(100) },
    {
      key: 'level',
      header: '培训级别',
      required: true,
      example: '省级',
      note: `可填：${Object.values(TRAINING_LEVEL_LABELS).join('、')}`,
      parse: cells.oneOf(TRAINING_LEVEL_LABELS),
    },
    { key: 'startDate', header: '开始日期', required: true, example: '2026-05-11', parse: cells.date() },
    { key: 'endDate', header: '结束日期', example: '2026-05-15', parse: cells.date() },
    { key: 'hours', header: '学时', required: true, example: '32', parse: cells.integer({ min: 1, max: 2000 }) },
    { key: 'note', header: '备注', example: '', parse: cells.text(500) },
  ],
  async validateRow(v, ctx) {
    const problems: { column: string; message: string }[] = [];
    if (v.endDate && v.endDate < v.startDate) problems.push({ column: 'endDate', message: '结束日期不能早于开始日期' });
    const people = await repo.findStaffByName(ctx.db, ctx.ownerOrgId, v.name);
    if (people.length === 0) problems.push({ column: 'name', message: '本单位干部队伍名册中没有此人' });
    if (people.length > 1) problems.push({ column: 'name', message: '本单位有同名人员，请在系统中逐条登记' });
    return problems;
  },
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    const out = [];
    for (const { values: v } of rows) {
      const [person] = await repo.findStaffByName(trx, ctx.ownerOrgId, v.name);
      out.push({
        id: newId(),
        staffId: person.id,
        ownerOrgId: ctx.ownerOrgId,
        title: v.title,
        organiser: v.organiser,
        level: v.level,
        startDate: v.startDate,
        endDate: v.endDate,
        hours: v.hours,
        note: v.note,
        createdBy: ctx.createdBy,
        createdAt: at,
        updatedAt: at,
      });
    }
    await repo.insertTrainings(trx, out);
    return { created: rows.length };
  },
};

export type TrainingExportRow = Awaited<ReturnType<typeof repo.listTrainingsAfter>>[number];
export const trainingRecordsExport: ExportSpec<TrainingExportRow> = {
  kind: 'staffdev.trainings',
  title: '干部培训登记',
  entityType: 'staff_member',
  columns: [
    { key: 'name', header: '姓名' },
    { key: 'category', header: '人员类别', width: 16, value: (r) => STAFF_CATEGORY_LABELS[r.category] },
    { key: 'title', header: '培训名称', width: 30 },
    { key: 'organiser', header: '主办单位', width: 20 },
    { key: 'level', header: '培训级别', value: (r) => TRAINING_LEVEL_LABELS[r.level] },
    { key: 'startDate', header: '开始日期', format: 'date' },
    { key: 'endDate', header: '结束日期', format: 'date' },
    { key: 'hours', header: '学时', format: 'integer' },
  ],
};
