import {
  maskIdNumber,
  maskPhone,
  TRAINEE_OUTCOME_LABELS,
  TRAINING_CATEGORY_LABELS,
  type TraineeOutcome,
  type TrainingCategory,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { cells, ImportRejected, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { unitCell, type UnitLookup } from '../org/index.js';
import * as repo from './activities.repository.js';
import type { TrainingTraineesTable } from './activities.tables.js';

/** Import and export specs of courses and their trainees (the shared mechanism: platform/excel.ts). */

// ---------------------------------------------------------------- trainees

export type TraineeImportRow = {
  name: string;
  gender: 'female' | 'male';
  idNumber: string | null;
  phone: string | null;
  attended: boolean | null;
  outcome: TraineeOutcome | null;
  outcomeDate: string | null;
};
export type TraineeImportContext = {
  sessionId: string;
  courseId: string;
  ownerOrgId: string;
  /** Registers (or finds) the person with this ID number in the people registry; returns the person id. */
  linkPerson: (trx: Executor, row: TraineeImportRow) => Promise<string | null>;
  cipher: FieldCipher;
  clock: Clock;
  /** ID numbers seen earlier in the same file (duplicates within the file are refused). */
  seen: Map<string, number>;
};
export const TRAINEE_BIDX = 'trainee.idNumber';

export const traineesImport: ImportSpec<TraineeImportRow, TraineeImportContext> = {
  kind: 'activities.trainees',
  title: '培训学员名单',
  columns: [
    { key: 'name', header: '姓名', required: true, example: '李桂兰', parse: cells.text(50) },
    { key: 'gender', header: '性别', required: true, example: '女', parse: cells.oneOf({ female: '女', male: '男' }) },
    {
      key: 'idNumber',
      header: '身份证号',
      example: '11010519491231002X',
      note: '选填；填写后与人员库关联（同一人只登记一次），加密保存',
      parse: cells.idNumber(),
    },
    { key: 'phone', header: '联系电话', example: '13800138000', parse: cells.phone() },
    { key: 'attended', header: '是否参训', example: '是', note: '是 或 否；不填为是', parse: cells.yesNo() },
    {
      key: 'outcome',
      header: '跟踪结果',
      example: '实现再就业',
      note: `可填：${Object.values(TRAINEE_OUTCOME_LABELS).join('、')}`,
      parse: cells.oneOf(TRAINEE_OUTCOME_LABELS),
    },
    { key: 'outcomeDate', header: '结果日期', example: '2026-05-20', parse: cells.date() },
  ],
  validateRow(v, ctx, rowNumber) {
    const problems: { column: string; message: string }[] = [];
    if (v.idNumber) {
      const gender = Number(v.idNumber[16]) % 2 === 1 ? 'male' : 'female';
      if (gender !== v.gender)
        problems.push({ column: 'gender', message: `与身份证号不符（身份证号显示为${gender === 'female' ? '女' : '男'}）` });
      const earlier = ctx.seen.get(v.idNumber);
      if (earlier) problems.push({ column: 'idNumber', message: `与第${earlier}行重复` });
      else ctx.seen.set(v.idNumber, rowNumber);
    }
    if (v.outcome && v.outcome !== 'none' && !v.outcomeDate) problems.push({ column: 'outcomeDate', message: '就业或创业须填写日期' });
    if (v.outcomeDate && !v.outcome) problems.push({ column: 'outcome', message: '填写了结果日期，须填写跟踪结果' });
    return problems;
  },
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    const out: TrainingTraineesTable[] = [];
    const refused: { row: number; column: string; message: string }[] = [];
    let linked = 0;
    for (const { rowNumber, values: v } of rows) {
      const bidx = v.idNumber ? ctx.cipher.blindIndex(TRAINEE_BIDX, v.idNumber) : null;
      if (bidx && (await repo.findTraineeInSession(trx, ctx.sessionId, bidx))) {
        refused.push({ row: rowNumber, column: '身份证号', message: '该学员已在本期名单中' });
        continue;
      }
      const personId = await ctx.linkPerson(trx, v);
      if (personId) linked++;
      out.push({
        id: newId(),
        sessionId: ctx.sessionId,
        courseId: ctx.courseId,
        ownerOrgId: ctx.ownerOrgId,
        personId,
        name: v.name,
        gender: v.gender,
        idNumberEnc: v.idNumber ? ctx.cipher.encrypt(v.idNumber) : null,
        idNumberBidx: bidx,
        idNumberMasked: maskIdNumber(v.idNumber),
        phoneEnc: v.phone ? ctx.cipher.encrypt(v.phone) : null,
        phoneMasked: maskPhone(v.phone),
        attended: v.attended === false ? 0 : 1,
        outcome: v.outcome,
        outcomeDate: v.outcomeDate,
        outcomeNote: null,
        createdAt: at,
        updatedAt: at,
      });
    }
    if (refused.length) throw new ImportRejected(refused);
    await repo.insertTrainees(trx, out);
    const session = await repo.findSession(trx, ctx.sessionId);
    if (session?.attendeeMode === 'roster')
      await repo.updateSession(trx, ctx.sessionId, { attendeeCount: await repo.countAttended(trx, ctx.sessionId), updatedAt: at });
    return { created: out.length, linkedToRegistry: linked };
  },
};

export type TraineeExportRow = TrainingTraineesTable;
export function traineesExport(cipher: FieldCipher): ExportSpec<TraineeExportRow> {
  return {
    kind: 'activities.trainees',
    title: '培训学员名单',
    entityType: 'training_session',
    revealPermission: 'people.reveal',
    columns: [
      { key: 'name', header: '姓名' },
      { key: 'gender', header: '性别', value: (r) => (r.gender === 'female' ? '女' : '男') },
      {
        key: 'idNumberEnc',
        header: '身份证号',
        width: 22,
        value: (r) => (r.idNumberEnc ? cipher.decrypt(r.idNumberEnc) : null),
        mask: maskIdNumber,
      },
      { key: 'phoneEnc', header: '联系电话', width: 16, value: (r) => (r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null), mask: maskPhone },
      { key: 'attended', header: '是否参训', value: (r) => (r.attended ? '是' : '否') },
      { key: 'outcome', header: '跟踪结果', value: (r) => (r.outcome ? TRAINEE_OUTCOME_LABELS[r.outcome] : null) },
      { key: 'outcomeDate', header: '结果日期', format: 'date' },
    ],
  };
}

// ---------------------------------------------------------------- courses

export type CourseImportRow = {
  title: string;
  category: TrainingCategory;
  ownerOrgId: string;
  startDate: string;
  endDate: string | null;
  partner: string | null;
  description: string | null;
};
export function coursesImport(units: UnitLookup): ImportSpec<CourseImportRow, { createdBy: string; clock: Clock }> {
  return {
    kind: 'activities.courses',
    title: '培训班登记表',
    columns: [
      { key: 'title', header: '培训班名称', required: true, example: '农村妇女家政服务培训班', parse: cells.text(100) },
      {
        key: 'category',
        header: '培训类别',
        required: true,
        example: '技能培训',
        note: `可填：${Object.values(TRAINING_CATEGORY_LABELS).join('、')}`,
        parse: cells.oneOf(TRAINING_CATEGORY_LABELS),
      },
      { key: 'ownerOrgId', header: '主办单位', required: true, example: '示例区妇联', parse: unitCell(units) },
      { key: 'startDate', header: '开始日期', required: true, example: '2026-04-10', parse: cells.date() },
      { key: 'endDate', header: '结束日期', example: '2026-04-15', parse: cells.date() },
      { key: 'partner', header: '合作单位', example: '区农民职业技能培训学校', parse: cells.text(100) },
      { key: 'description', header: '说明', example: '', parse: cells.text(2000) },
    ],
    validateRow: (v) => (v.endDate && v.endDate < v.startDate ? [{ column: 'endDate', message: '结束日期不能早于开始日期' }] : []),
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      for (const { values: v } of rows)
        await repo.insertCourse(trx, { id: newId(), ...v, createdBy: ctx.createdBy, createdAt: at, updatedAt: at });
      return { created: rows.length };
    },
  };
}

export type CourseExportRow = Awaited<ReturnType<typeof repo.listCoursesAfter>>[number];
export const coursesExport: ExportSpec<CourseExportRow> = {
  kind: 'activities.courses',
  title: '培训班登记表',
  entityType: 'training_course',
  columns: [
    { key: 'title', header: '培训班名称', width: 30 },
    { key: 'category', header: '培训类别', value: (r) => TRAINING_CATEGORY_LABELS[r.category] },
    { key: 'ownerOrgName', header: '主办单位', width: 20 },
    { key: 'startDate', header: '开始日期', format: 'date' },
    { key: 'endDate', header: '结束日期', format: 'date' },
    { key: 'partner', header: '合作单位', width: 24 },
    { key: 'sessions', header: '期数', format: 'integer' },
    { key: 'attendees', header: '参训人次', format: 'integer' },
    { key: 'trainees', header: '登记学员', format: 'integer' },
    { key: 'reemployed', header: '实现再就业', format: 'integer' },
    { key: 'startedBusiness', header: '自主创业', format: 'integer' },
  ],
};
