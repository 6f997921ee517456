import {
  ACTIVITY_TYPE_LABELS,
  maskIdNumber,
  maskPhone,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_KIND_LABELS,
  PUBLICITY_LEVEL_LABELS,
  PUBLICITY_MEDIUM_LABELS,
  TRAINEE_OUTCOME_LABELS,
  TRAINING_CATEGORY_LABELS,
  type ActivityType,
  type ParticipantGroup,
  type ParticipantKind,
  type PublicityLevel,
  type PublicityMedium,
  type ResourceCategory,
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
import type { ActivityEventResourcesTable, ActivityEventsTable, TrainingTraineesTable } from './activities.tables.js';

/** Import specs and export specs of the activities lists (the shared mechanism: platform/excel.ts). */

// ---------------------------------------------------------------- event roster

export type ParticipantImportRow = {
  kind: ParticipantKind | null;
  name: string;
  gender: 'female' | 'male' | null;
  unitName: string | null;
  group: ParticipantGroup | null;
  phone: string | null;
};
export type ParticipantImportContext = { eventId: string; ownerOrgId: string; cipher: FieldCipher; clock: Clock };

/** Updates an event in roster mode from its roster: the count and the counts by group come from the rows. */
export async function syncRosterFigures(trx: Executor, eventId: string, at: string) {
  const counts = await repo.rosterCounts(trx, eventId);
  await repo.updateEvent(trx, eventId, {
    participantMode: 'roster',
    participantCount: counts.total,
    groupCounts: JSON.stringify(counts.groups),
    updatedAt: at,
  });
  return counts;
}

export const participantsImport: ImportSpec<ParticipantImportRow, ParticipantImportContext> = {
  kind: 'activities.participants',
  title: '活动参与名单',
  columns: [
    { key: 'kind', header: '类型', example: '个人', note: '个人 或 单位；不填为个人', parse: cells.oneOf(PARTICIPANT_KIND_LABELS) },
    { key: 'name', header: '姓名或单位名称', required: true, example: '张秀英', parse: cells.text(100) },
    { key: 'gender', header: '性别', example: '女', parse: cells.oneOf({ female: '女', male: '男' }) },
    { key: 'unitName', header: '所在单位', example: '牛佛镇妇联', parse: cells.text(100) },
    {
      key: 'group',
      header: '人员类别',
      example: '妇女群众',
      note: `可填：${Object.values(PARTICIPANT_GROUP_LABELS).join('、')}`,
      parse: cells.oneOf(PARTICIPANT_GROUP_LABELS),
    },
    { key: 'phone', header: '联系电话', example: '13800138000', note: '选填；加密保存，列表和导出中隐去中间位', parse: cells.phone() },
  ],
  notes: ['导入后活动的参加人数按名单人数计算（“名单”方式），各类人数按“人员类别”统计。'],
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    // Built and written 500 at a time, so a 100,000-row roster never exists twice in memory.
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500).map(({ values: v }) => ({
        id: newId(),
        eventId: ctx.eventId,
        ownerOrgId: ctx.ownerOrgId,
        kind: v.kind ?? 'person',
        name: v.name,
        gender: v.gender,
        unitName: v.unitName,
        participantGroup: v.group,
        phoneEnc: v.phone ? ctx.cipher.encrypt(v.phone) : null,
        phoneMasked: maskPhone(v.phone),
        createdAt: at,
      }));
      await repo.insertParticipants(trx, chunk);
    }
    const counts = await syncRosterFigures(trx, ctx.eventId, at);
    return { created: rows.length, rosterTotal: counts.total };
  },
};

export type ParticipantExportRow = Awaited<ReturnType<typeof repo.listParticipantsAfter>>[number] & { phone?: string | null };
export function participantsExport(cipher: FieldCipher): ExportSpec<ParticipantExportRow> {
  return {
    kind: 'activities.participants',
    title: '活动参与名单',
    entityType: 'activity_event',
    revealPermission: 'people.reveal',
    columns: [
      { key: 'kind', header: '类型', value: (r) => PARTICIPANT_KIND_LABELS[r.kind] },
      { key: 'name', header: '姓名或单位名称', width: 20 },
      { key: 'gender', header: '性别', value: (r) => (r.gender ? (r.gender === 'female' ? '女' : '男') : null) },
      { key: 'unitName', header: '所在单位', width: 20 },
      {
        key: 'participantGroup',
        header: '人员类别',
        value: (r) => (r.participantGroup ? PARTICIPANT_GROUP_LABELS[r.participantGroup] : null),
      },
      // Decrypted only to be masked again unless the caller may reveal (the mechanism decides).
      { key: 'phoneEnc', header: '联系电话', width: 16, value: (r) => (r.phoneEnc ? cipher.decrypt(r.phoneEnc) : null), mask: maskPhone },
    ],
  };
}

// ---------------------------------------------------------------- events list

export type EventImportRow = {
  type: ActivityType;
  title: string;
  startDate: string;
  endDate: string | null;
  ownerOrgId: string;
  venue: string | null;
  targetGroup: string | null;
  participantCount: number | null;
  unitsVisited: number | null;
  goodDeeds: number | null;
  performances: number | null;
  giftQty: number | null;
  giftFen: number | null;
  bookQty: number | null;
  bookFen: number | null;
  aidQty: number | null;
  aidFen: number | null;
  cashFen: number | null;
  letterQty: number | null;
  description: string | null;
};
export type EventImportContext = { units: UnitLookup; createdBy: string; clock: Clock };

const RESOURCE_COLUMNS: { category: ResourceCategory; qty?: keyof EventImportRow; fen?: keyof EventImportRow; item: string }[] = [
  { category: 'gift', qty: 'giftQty', fen: 'giftFen', item: '慰问品' },
  { category: 'book', qty: 'bookQty', fen: 'bookFen', item: '图书' },
  { category: 'teaching_aid', qty: 'aidQty', fen: 'aidFen', item: '教具' },
  { category: 'cash', fen: 'cashFen', item: '慰问金' },
  { category: 'letter', qty: 'letterQty', item: '慰问信' },
];

export function eventsImport(units: UnitLookup): ImportSpec<EventImportRow, EventImportContext> {
  const count = cells.integer({ min: 0, max: 10_000_000 });
  const yuan = cells.yuan({ max: 100_000_000 });
  return {
    kind: 'activities.events',
    title: '活动登记表',
    columns: [
      {
        key: 'type',
        header: '活动类型',
        required: true,
        example: '六一节活动',
        note: `可填：${Object.values(ACTIVITY_TYPE_LABELS).join('、')}`,
        parse: cells.oneOf(ACTIVITY_TYPE_LABELS),
      },
      { key: 'title', header: '活动名称', required: true, example: '“六一”慰问辖区学校', parse: cells.text(100) },
      { key: 'startDate', header: '开始日期', required: true, example: '2026-06-01', parse: cells.date() },
      { key: 'endDate', header: '结束日期', example: '', parse: cells.date() },
      {
        key: 'ownerOrgId',
        header: '主办单位',
        required: true,
        example: '牛佛镇',
        note: '单位全称或代码，须在您的工作范围内',
        parse: unitCell(units),
      },
      { key: 'venue', header: '地点', example: '牛佛镇中心学校', parse: cells.text(100) },
      { key: 'targetGroup', header: '活动对象', example: '辖区中小学生', parse: cells.text(100) },
      { key: 'participantCount', header: '参加人数', example: '120', parse: count },
      { key: 'unitsVisited', header: '走访学校幼儿园数', example: '2', parse: count },
      { key: 'goodDeeds', header: '为儿童办实事件数', example: '1', parse: count },
      { key: 'performances', header: '演出场次', example: '1', parse: count },
      { key: 'giftQty', header: '慰问品件数', example: '20', parse: count },
      { key: 'giftFen', header: '慰问品价值（元）', example: '400', parse: yuan },
      { key: 'bookQty', header: '图书册数', example: '10', parse: count },
      { key: 'bookFen', header: '图书价值（元）', example: '120', parse: yuan },
      { key: 'aidQty', header: '教具件数', example: '', parse: count },
      { key: 'aidFen', header: '教具价值（元）', example: '', parse: yuan },
      { key: 'cashFen', header: '慰问金（元）', example: '200', parse: yuan },
      { key: 'letterQty', header: '慰问信封数', example: '', parse: count },
      { key: 'description', header: '活动内容', example: '', parse: cells.text(4000) },
    ],
    notes: [
      '每行一项活动；一个活动在多个单位分别开展时，每个单位填一行，汇总时自动相加。',
      '物资栏目填写后生成该活动的物资明细（慰问品、图书、教具、慰问金、慰问信）。',
    ],
    validateRow(v) {
      const problems: { column: string; message: string }[] = [];
      if (v.endDate && v.endDate < v.startDate) problems.push({ column: 'endDate', message: '结束日期不能早于开始日期' });
      for (const c of RESOURCE_COLUMNS) {
        if (c.qty && c.fen && v[c.fen] != null && v[c.qty] == null)
          problems.push({ column: c.qty, message: `填写了${c.item}价值，须同时填写数量` });
      }
      return problems;
    },
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      let resources = 0;
      for (const { values: v } of rows) {
        const id = newId();
        const event: ActivityEventsTable = {
          id,
          ownerOrgId: v.ownerOrgId,
          type: v.type,
          title: v.title,
          startDate: v.startDate,
          endDate: v.endDate,
          partnerUnits: '[]',
          venue: v.venue,
          targetGroup: v.targetGroup,
          participantMode: 'count',
          participantCount: v.participantCount ?? 0,
          groupCounts: '{}',
          unitsVisited: v.unitsVisited ?? 0,
          visitedUnitNames: '[]',
          goodDeeds: v.goodDeeds ?? 0,
          performances: v.performances ?? 0,
          associationId: null,
          description: v.description,
          createdBy: ctx.createdBy,
          createdAt: at,
          updatedAt: at,
        };
        await repo.insertEvent(trx, event);
        const lines: ActivityEventResourcesTable[] = [];
        for (const c of RESOURCE_COLUMNS) {
          const qty = c.qty ? ((v[c.qty] as number | null) ?? 0) : null;
          const fen = c.fen ? ((v[c.fen] as number | null) ?? 0) : 0;
          if (!qty && !fen) continue;
          // Cash has no count of its own: one line per event carries the amount.
          lines.push({
            id: newId(),
            eventId: id,
            ownerOrgId: v.ownerOrgId,
            category: c.category,
            item: c.item,
            quantity: qty ?? 1,
            valueFen: fen,
            note: null,
            sortOrder: lines.length,
          });
        }
        if (lines.length) await repo.replaceResources(trx, id, lines);
        resources += lines.length;
      }
      return { created: rows.length, resourceLines: resources };
    },
  };
}

export type EventExportRow = Awaited<ReturnType<typeof repo.listEventsAfter>>[number];
export const eventsExport: ExportSpec<EventExportRow> = {
  kind: 'activities.events',
  title: '活动登记表',
  entityType: 'activity_event',
  columns: [
    { key: 'type', header: '活动类型', value: (r) => ACTIVITY_TYPE_LABELS[r.type] },
    { key: 'title', header: '活动名称', width: 30 },
    { key: 'startDate', header: '开始日期', format: 'date' },
    { key: 'endDate', header: '结束日期', format: 'date' },
    { key: 'ownerOrgName', header: '主办单位', width: 20 },
    { key: 'venue', header: '地点', width: 20 },
    { key: 'targetGroup', header: '活动对象' },
    { key: 'participantCount', header: '参加人数', format: 'integer' },
    { key: 'unitsVisited', header: '走访学校幼儿园数', format: 'integer' },
    { key: 'goodDeeds', header: '为儿童办实事件数', format: 'integer' },
    { key: 'performances', header: '演出场次', format: 'integer' },
    { key: 'resourceQuantity', header: '物资数量合计', format: 'integer' },
    { key: 'resourceValueFen', header: '物资价值合计（元）', format: 'fen' },
    { key: 'description', header: '活动内容', width: 40 },
  ],
};

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

// ---------------------------------------------------------------- publicity

export type PublicityImportRow = {
  outlet: string;
  medium: PublicityMedium;
  level: PublicityLevel;
  title: string;
  publishedOn: string;
  link: string | null;
  ownerOrgId: string;
};
export function publicityImport(units: UnitLookup): ImportSpec<PublicityImportRow, { createdBy: string; clock: Clock }> {
  return {
    kind: 'activities.publicity',
    title: '宣传报道登记表',
    columns: [
      { key: 'outlet', header: '媒体名称', required: true, example: '四川妇女', parse: cells.text(100) },
      {
        key: 'medium',
        header: '媒体类型',
        required: true,
        example: '杂志',
        note: `可填：${Object.values(PUBLICITY_MEDIUM_LABELS).join('、')}`,
        parse: cells.oneOf(PUBLICITY_MEDIUM_LABELS),
      },
      {
        key: 'level',
        header: '级别',
        required: true,
        example: '省级',
        note: `可填：${Object.values(PUBLICITY_LEVEL_LABELS).join('、')}`,
        parse: cells.oneOf(PUBLICITY_LEVEL_LABELS),
      },
      { key: 'title', header: '标题', required: true, example: '示例区妇联开展“美丽三八”系列活动', parse: cells.text(200) },
      { key: 'publishedOn', header: '发布日期', required: true, example: '2026-03-10', parse: cells.date() },
      {
        key: 'link',
        header: '链接',
        example: '',
        parse: (t) => (/^https?:\/\/\S+$/i.test(t) && t.length <= 500 ? { value: t } : { error: '链接须以 http:// 或 https:// 开头' }),
      },
      { key: 'ownerOrgId', header: '报送单位', required: true, example: '示例区妇联', parse: unitCell(units) },
    ],
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      for (const { values: v } of rows)
        await repo.insertPublicity(trx, { id: newId(), ...v, eventId: null, createdBy: ctx.createdBy, createdAt: at, updatedAt: at });
      return { created: rows.length };
    },
  };
}

export type PublicityExportRow = Awaited<ReturnType<typeof repo.listPublicityAfter>>[number];
export const publicityExport: ExportSpec<PublicityExportRow> = {
  kind: 'activities.publicity',
  title: '宣传报道登记表',
  entityType: 'activity_publicity',
  columns: [
    { key: 'outlet', header: '媒体名称', width: 18 },
    { key: 'medium', header: '媒体类型', value: (r) => PUBLICITY_MEDIUM_LABELS[r.medium] },
    { key: 'level', header: '级别', value: (r) => PUBLICITY_LEVEL_LABELS[r.level] },
    { key: 'title', header: '标题', width: 40 },
    { key: 'publishedOn', header: '发布日期', format: 'date' },
    { key: 'link', header: '链接', width: 30 },
    { key: 'ownerOrgName', header: '报送单位', width: 18 },
  ],
};
