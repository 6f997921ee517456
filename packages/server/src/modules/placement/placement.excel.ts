import {
  checkResidentIdNumber,
  EDUCATION_LABELS,
  EXPORT_MEMBER_STATUS_LABELS,
  isValidCreditCode,
  JOB_REFERRAL_STATUS_LABELS,
  maskIdNumber,
  maskPhone,
  NOT_HIRED_REASON_LABELS,
  SEEKER_CATEGORY_LABELS,
  SEEKER_STATUS_LABELS,
  VACANCY_STATUS_LABELS,
  WORK_HOURS_LABELS,
  type EducationLevel,
  type SeekerCategory,
  type WorkHours,
} from '@jinguo/domain';
import type { Actor, Scope } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { cells, ImportRejected, type CellParser, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import type { Db } from '../../db/database.js';
import { findOrCreatePerson } from '../people/index.js';
import * as employers from './employers.repository.js';
import type * as referrals from './referrals.repository.js';
import * as seekers from './seekers.repository.js';

/** Excel templates, imports and exports of the placement module (shared mechanism: platform/excel.ts). */

const list: CellParser<string[]> = (t) => {
  const parts = t
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (parts.some((p) => [...p].length > 20)) return { error: '每项不能超过20个字符' };
  if (parts.length > 20) return { error: '最多20项' };
  return { value: [...new Set(parts)] };
};
const creditCode: CellParser<string> = (t) => {
  const code = t.toUpperCase();
  return isValidCreditCode(code) ? { value: code } : { error: '统一社会信用代码不正确（18位，校验位不符）' };
};

// ---------------------------------------------------------------- employers

type EmployerCtx = { ownerOrgId: string; createdBy: string; clock: Clock; cipher: FieldCipher; seen: Map<string, number> };
export type EmployerImportRow = {
  name: string;
  creditCode: string;
  industry: string | null;
  address: string | null;
  contactName: string | null;
  contactPhone: string | null;
  note: string | null;
};
export const employersImport: ImportSpec<EmployerImportRow, EmployerCtx> = {
  kind: 'placement.employers',
  title: '用人单位登记表',
  columns: [
    { key: 'name', header: '单位名称', required: true, example: '示例家政服务有限公司', parse: cells.text(100) },
    { key: 'creditCode', header: '统一社会信用代码', required: true, example: '91350100M000100Y43', parse: creditCode, width: 24 },
    { key: 'industry', header: '行业', example: '居民服务', parse: cells.text(50) },
    { key: 'address', header: '地址', example: '示例区东城街道人民路8号', parse: cells.text(200) },
    { key: 'contactName', header: '联系人', example: '王经理', parse: cells.text(50) },
    { key: 'contactPhone', header: '联系电话', example: '13800138000', parse: cells.phone() },
    { key: 'note', header: '备注', example: '', parse: cells.text(500) },
  ],
  validateRow(v, ctx, rowNumber) {
    const earlier = ctx.seen.get(v.creditCode);
    if (earlier) return [{ column: 'creditCode', message: `与第${earlier}行重复` }];
    ctx.seen.set(v.creditCode, rowNumber);
    return [];
  },
  async commit(trx, rows, ctx) {
    const at = ctx.clock.now().toISOString();
    const refused = [];
    for (const { rowNumber, values: v } of rows)
      if (await employers.findEmployerByCode(trx, ctx.ownerOrgId, v.creditCode))
        refused.push({ row: rowNumber, column: '统一社会信用代码', message: '该统一社会信用代码已登记' });
    if (refused.length) throw new ImportRejected(refused);
    await employers.insertEmployers(
      trx,
      rows.map(({ values: v }) => ({
        id: newId(),
        ownerOrgId: ctx.ownerOrgId,
        name: v.name,
        creditCode: v.creditCode,
        industry: v.industry,
        address: v.address,
        contactName: v.contactName,
        contactPhoneEnc: v.contactPhone ? ctx.cipher.encrypt(v.contactPhone) : null,
        contactPhoneMasked: maskPhone(v.contactPhone),
        note: v.note,
        active: 1,
        createdBy: ctx.createdBy,
        createdAt: at,
        updatedAt: at,
      })),
    );
    return { created: rows.length };
  },
};

export type EmployerExportRow = Awaited<ReturnType<typeof employers.listEmployersAfter>>[number];
export const employersExport: ExportSpec<EmployerExportRow> = {
  kind: 'placement.employers',
  title: '用人单位',
  entityType: 'placement_employer',
  columns: [
    { key: 'name', header: '单位名称', width: 28 },
    { key: 'creditCode', header: '统一社会信用代码', width: 22 },
    { key: 'industry', header: '行业' },
    { key: 'contactName', header: '联系人' },
    { key: 'contactPhoneMasked', header: '联系电话' },
    { key: 'openVacancies', header: '招聘中岗位', format: 'integer' },
    { key: 'hired', header: '已录用人数', format: 'integer' },
    { key: 'ownerOrgName', header: '登记单位', width: 16 },
  ],
};

export type VacancyExportRow = Awaited<ReturnType<typeof employers.listVacanciesAfter>>[number];
export const vacanciesExport: ExportSpec<VacancyExportRow> = {
  kind: 'placement.vacancies',
  title: '招聘岗位',
  entityType: 'placement_vacancy',
  columns: [
    { key: 'title', header: '岗位', width: 20 },
    { key: 'employerName', header: '用人单位', width: 28 },
    { key: 'skills', header: '技能要求', width: 24, value: (r) => (JSON.parse(r.skills) as string[]).join('、') },
    { key: 'hours', header: '工时', value: (r) => WORK_HOURS_LABELS[r.hours] },
    { key: 'positions', header: '招聘人数', format: 'integer' },
    { key: 'filled', header: '已录用', format: 'integer' },
    { key: 'wageMinFen', header: '月薪下限（元）', format: 'fen' },
    { key: 'wageMaxFen', header: '月薪上限（元）', format: 'fen' },
    { key: 'locationText', header: '工作地点', width: 20 },
    { key: 'publishedOn', header: '发布日期', format: 'date' },
    { key: 'status', header: '状态', value: (r) => VACANCY_STATUS_LABELS[r.status] },
  ],
};

// ---------------------------------------------------------------- job seekers

type SeekerCtx = {
  db: Db;
  scope: Scope;
  actor: Actor;
  ownerOrgId: string;
  clock: Clock;
  cipher: FieldCipher;
  seen: Map<string, number>;
  places?: Promise<Map<string, string[]>>;
};
export type SeekerImportRow = {
  name: string;
  gender: 'female' | 'male';
  idNumber: string;
  phone: string | null;
  residence: string;
  category: SeekerCategory;
  education: EducationLevel | null;
  skills: string[] | null;
  hours: WorkHours;
  places: string[] | null;
  acceptsOutside: boolean | null;
  expectedWageFen: number | null;
  wishes: string | null;
  registeredOn: string;
};

/** Place names inside the importer's scope → their ids (a name used by two places is ambiguous). */
async function placeIndex(ctx: SeekerCtx) {
  ctx.places ??= employers.placeUnits(ctx.db, ctx.scope).then((rows) => {
    const m = new Map<string, string[]>();
    for (const r of rows) m.set(r.name, [...(m.get(r.name) ?? []), r.id]);
    return m;
  });
  return ctx.places;
}
/** The one place of that name, or why not (unknown, outside the scope, or two places share the name). */
function placeProblem(index: Map<string, string[]>, name: string): string | null {
  const ids = index.get(name);
  if (!ids) return `未知的地点“${name}”，或不在您的工作范围内`;
  if (ids.length > 1) return `地点“${name}”有重名，请在系统中登记`;
  return null;
}

export const seekersImport: ImportSpec<SeekerImportRow, SeekerCtx> = {
  kind: 'placement.seekers',
  title: '求职人员登记表',
  notes: [
    '每行登记一名求职人员，按身份证号与人员库比对，已有的人员不会重复建档；同一文件中同一身份证号只能出现一次',
    '居住地、意向地点须填写系统中的乡镇（街道）或村（社区）名称，且在您的工作范围内；意向地点不填表示区内不限',
    '技能、意向地点有多项时用顿号分隔',
  ],
  columns: [
    { key: 'name', header: '姓名', required: true, example: '张秀英', parse: cells.text(50) },
    { key: 'gender', header: '性别', required: true, example: '女', parse: cells.oneOf({ female: '女', male: '男' }) },
    { key: 'idNumber', header: '身份证号', required: true, example: '510399198005120023', parse: cells.idNumber(), width: 22 },
    { key: 'phone', header: '联系电话', example: '13800138000', parse: cells.phone() },
    { key: 'residence', header: '居住地', required: true, example: '大山村', parse: cells.text(50) },
    {
      key: 'category',
      header: '人员类别',
      required: true,
      example: '农村富余劳动力',
      note: `可填：${Object.values(SEEKER_CATEGORY_LABELS).join('、')}`,
      parse: cells.oneOf(SEEKER_CATEGORY_LABELS),
    },
    { key: 'education', header: '学历', example: '高中（中专）', parse: cells.oneOf(EDUCATION_LABELS) },
    { key: 'skills', header: '技能', example: '家政服务、育婴', parse: list },
    {
      key: 'hours',
      header: '期望工时',
      required: true,
      example: '全职',
      note: `可填：${Object.values(WORK_HOURS_LABELS).join('、')}`,
      parse: cells.oneOf(WORK_HOURS_LABELS),
    },
    { key: 'places', header: '意向地点', example: '牛佛镇', parse: list },
    { key: 'acceptsOutside', header: '愿意外出务工', example: '否', parse: cells.yesNo() },
    { key: 'expectedWageFen', header: '期望月薪（元）', example: '2500', parse: cells.yuan({ max: 1_000_000 }) },
    { key: 'wishes', header: '求职意向', example: '希望在镇上从事家政服务', parse: cells.text(500) },
    { key: 'registeredOn', header: '登记日期', required: true, example: '2026-03-20', parse: cells.date() },
  ],
  async validateRow(v, ctx, rowNumber) {
    const problems: { column: string; message: string }[] = [];
    const earlier = ctx.seen.get(v.idNumber);
    if (earlier) problems.push({ column: 'idNumber', message: `与第${earlier}行重复` });
    else ctx.seen.set(v.idNumber, rowNumber);
    const id = checkResidentIdNumber(v.idNumber);
    if (id.ok && id.gender !== v.gender)
      problems.push({ column: 'gender', message: `与身份证号不符（身份证号显示为${id.gender === 'female' ? '女' : '男'}）` });
    const index = await placeIndex(ctx);
    const home = placeProblem(index, v.residence);
    if (home) problems.push({ column: 'residence', message: home });
    for (const p of v.places ?? []) {
      const problem = placeProblem(index, p);
      if (problem) problems.push({ column: 'places', message: problem });
    }
    return problems;
  },
  async commit(trx, rows, ctx) {
    const index = await placeIndex(ctx);
    const at = ctx.clock.now().toISOString();
    let persons = 0;
    const refused = [];
    for (const { rowNumber, values: v } of rows) {
      const person = await findOrCreatePerson(
        trx,
        { cipher: ctx.cipher, clock: ctx.clock, actor: ctx.actor },
        {
          name: v.name,
          gender: v.gender,
          idNumber: v.idNumber,
          phone: v.phone,
          residenceOrgId: index.get(v.residence)![0],
          ownerOrgId: ctx.ownerOrgId,
        },
      );
      if (person.created) persons++;
      if (await seekers.findSeekerByPerson(trx, ctx.ownerOrgId, person.id)) {
        refused.push({ row: rowNumber, column: '身份证号', message: '该人员已在本单位求职登记' });
        continue;
      }
      const id = newId();
      const check = checkResidentIdNumber(v.idNumber);
      await seekers.insertSeekers(trx, [
        {
          id,
          ownerOrgId: ctx.ownerOrgId,
          personId: person.id,
          name: v.name,
          gender: v.gender,
          birthDate: check.ok ? check.birthDate : null,
          idNumberMasked: maskIdNumber(v.idNumber),
          phoneMasked: maskPhone(v.phone),
          category: v.category,
          education: v.education,
          hours: v.hours,
          placeOrgIds: JSON.stringify((v.places ?? []).map((p) => index.get(p)![0])),
          acceptsOutside: v.acceptsOutside ? 1 : 0,
          expectedWageFen: v.expectedWageFen,
          wishes: v.wishes,
          registeredOn: v.registeredOn,
          status: 'seeking',
          statusDate: v.registeredOn,
          createdBy: ctx.actor.userId,
          createdAt: at,
          updatedAt: at,
        },
      ]);
      await seekers.replaceSkills(trx, id, ctx.ownerOrgId, v.skills ?? []);
    }
    if (refused.length) throw new ImportRejected(refused);
    return { created: rows.length, persons };
  },
};

export type SeekerExportRow = Awaited<ReturnType<typeof seekers.listSeekersAfter>>[number] & { skillList: string[] };
export const seekersExport: ExportSpec<SeekerExportRow> = {
  kind: 'placement.seekers',
  title: '求职人员',
  entityType: 'placement_seeker',
  columns: [
    { key: 'name', header: '姓名' },
    { key: 'gender', header: '性别', value: (r) => (r.gender === 'female' ? '女' : '男') },
    { key: 'idNumberMasked', header: '身份证号', width: 22 },
    { key: 'phoneMasked', header: '联系电话' },
    { key: 'category', header: '人员类别', width: 18, value: (r) => SEEKER_CATEGORY_LABELS[r.category] },
    { key: 'education', header: '学历', value: (r) => (r.education ? EDUCATION_LABELS[r.education] : null) },
    { key: 'skillList', header: '技能', width: 24, value: (r) => r.skillList.join('、') },
    { key: 'hours', header: '期望工时', value: (r) => WORK_HOURS_LABELS[r.hours] },
    { key: 'acceptsOutside', header: '愿意外出务工', value: (r) => (r.acceptsOutside ? '是' : '否') },
    { key: 'expectedWageFen', header: '期望月薪（元）', format: 'fen' },
    { key: 'registeredOn', header: '登记日期', format: 'date' },
    { key: 'status', header: '状态', value: (r) => SEEKER_STATUS_LABELS[r.status] },
    { key: 'ownerOrgName', header: '登记单位', width: 16 },
  ],
};

// ---------------------------------------------------------------- referrals and 劳务输出

export type ReferralExportRow = Awaited<ReturnType<typeof referrals.listReferralsAfter>>[number];
export const referralsExport: ExportSpec<ReferralExportRow> = {
  kind: 'placement.referrals',
  title: '推荐就业记录',
  entityType: 'placement_referral',
  columns: [
    { key: 'referredOn', header: '推荐日期', format: 'date' },
    { key: 'seekerName', header: '求职人员' },
    { key: 'employerName', header: '用人单位', width: 28 },
    { key: 'vacancyTitle', header: '岗位', width: 20 },
    { key: 'score', header: '匹配度', format: 'integer' },
    { key: 'status', header: '结果', value: (r) => JOB_REFERRAL_STATUS_LABELS[r.status] },
    { key: 'outcomeOn', header: '结果日期', format: 'date' },
    { key: 'monthlyWageFen', header: '月薪（元）', format: 'fen' },
    { key: 'notHiredReason', header: '未录用原因', value: (r) => (r.notHiredReason ? NOT_HIRED_REASON_LABELS[r.notHiredReason] : null) },
    { key: 'note', header: '备注', width: 24 },
  ],
};

export type ExportMemberRow = Awaited<ReturnType<typeof referrals.listMembers>>[number];
export const exportMembersExport: ExportSpec<ExportMemberRow> = {
  kind: 'placement.export-members',
  title: '劳务输出人员名单',
  entityType: 'placement_export_batch',
  columns: [
    { key: 'name', header: '姓名' },
    { key: 'phoneMasked', header: '联系电话' },
    { key: 'status', header: '状态', value: (r) => EXPORT_MEMBER_STATUS_LABELS[r.status] },
    { key: 'supportFen', header: '路费补贴（元）', format: 'fen' },
  ],
};
