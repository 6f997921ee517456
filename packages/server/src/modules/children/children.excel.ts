import {
  ageOnDate,
  CARER_KIND_LABELS,
  CHILD_NEED_LABELS,
  CHILD_STATUS_LABELS,
  checkResidentIdNumber,
  CONSENT_METHOD_LABELS,
  guardianConsentProblem,
  LEFT_BEHIND_SITUATION_LABELS,
  leftBehindAgeProblem,
  maskName,
  maskPhone,
  normalizePhone,
  type CarerKind,
  type ConsentMethod,
  type LeftBehindSituation,
} from '@jinguo/domain';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { cells, ImportRejected, type ExportSpec, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { findOrCreatePerson } from '../people/index.js';
import * as repo from './children.repository.js';
import { unitCell, type UnitLookup, townshipOf } from '../org/index.js';

/** Excel template, import and export of the 留守儿童 register (the shared mechanism: platform/excel.ts). */

/** What the guardian consents to (stored with each consent). */
export const CONSENT_PURPOSE = '关爱留守儿童：登记、代理妈妈结对、走访和帮扶';

export type ChildImportRow = {
  name: string;
  idNumber: string;
  residence: string;
  schoolName: string | null;
  grade: string | null;
  situation: LeftBehindSituation;
  carerKind: CarerKind;
  carerName: string | null;
  carerRelation: string | null;
  carerPhone: string | null;
  registeredOn: string;
  guardianName: string | null;
  guardianRelation: string | null;
  consentDate: string | null;
  consentMethod: ConsentMethod | null;
};
type Ctx = { actor: Actor; cipher: FieldCipher; clock: Clock; today: string; seen: Map<string, number> };

/** The import spec, with the units the caller may register children in (by name or code) for the residence column. */
export function childrenImport(units: UnitLookup): ImportSpec<ChildImportRow, Ctx> {
  return {
    kind: 'children.register',
    title: '留守儿童名册',
    notes: [
      '不满16周岁、父母均外出务工或一方外出务工另一方无监护能力的儿童可以登记。',
      '未满14周岁的儿童，须填写监护人同意（监护人姓名、关系、同意日期、同意方式），否则整行不予登记。',
      '“居住村（社区）”填写您工作范围内的村（社区）或乡镇（街道）名称。',
    ],
    columns: [
      { key: 'name', header: '姓名', required: true, example: '王小明', parse: cells.text(50) },
      { key: 'idNumber', header: '身份证号', required: true, example: '510303201503070015', parse: cells.idNumber() },
      { key: 'residence', header: '居住村（社区）', required: true, example: '大山村', parse: unitCell(units) },
      { key: 'schoolName', header: '就读学校', example: '牛佛镇中心学校', parse: cells.text(100) },
      { key: 'grade', header: '年级', example: '五年级', parse: cells.text(20) },
      {
        key: 'situation',
        header: '留守情形',
        required: true,
        example: LEFT_BEHIND_SITUATION_LABELS.both_away,
        note: `可填：${Object.values(LEFT_BEHIND_SITUATION_LABELS).join('、')}`,
        parse: cells.oneOf(LEFT_BEHIND_SITUATION_LABELS),
      },
      {
        key: 'carerKind',
        header: '照料方式',
        required: true,
        example: CARER_KIND_LABELS.grandparents,
        note: `可填：${Object.values(CARER_KIND_LABELS).join('、')}`,
        parse: cells.oneOf(CARER_KIND_LABELS),
      },
      { key: 'carerName', header: '照料人姓名', example: '王德明', parse: cells.text(50) },
      { key: 'carerRelation', header: '照料人关系', example: '祖父', parse: cells.text(20) },
      { key: 'carerPhone', header: '照料人电话', example: '13981310001', parse: cells.phone() },
      { key: 'registeredOn', header: '登记日期', required: true, example: '2026-03-15', parse: cells.date() },
      { key: 'guardianName', header: '监护人姓名', example: '王建国', parse: cells.text(50) },
      { key: 'guardianRelation', header: '监护人关系', example: '父亲', parse: cells.text(20) },
      { key: 'consentDate', header: '同意日期', example: '2026-03-10', parse: cells.date() },
      { key: 'consentMethod', header: '同意方式', example: '书面同意', parse: cells.oneOf(CONSENT_METHOD_LABELS) },
    ],
    validateRow(v, ctx, rowNumber) {
      const problems: { column: string; message: string }[] = [];
      const check = checkResidentIdNumber(v.idNumber, ctx.today);
      if (!check.ok) return [{ column: 'idNumber', message: check.reason }];
      const ageProblem = leftBehindAgeProblem(ageOnDate(check.birthDate, v.registeredOn));
      if (ageProblem) problems.push({ column: 'idNumber', message: ageProblem });
      if (v.registeredOn > ctx.today) problems.push({ column: 'registeredOn', message: '登记日期不能晚于今天' });
      const hasConsent = !!(v.guardianName && v.guardianRelation && v.consentDate && v.consentMethod);
      const consent = guardianConsentProblem(
        ageOnDate(check.birthDate, ctx.today),
        hasConsent ? { consentDate: v.consentDate! } : null,
        ctx.today,
      );
      if (consent) problems.push({ column: consent.path === 'consent' ? 'guardianName' : 'consentDate', message: consent.message });
      const earlier = ctx.seen.get(v.idNumber);
      if (earlier) problems.push({ column: 'idNumber', message: `与第${earlier}行重复` });
      else ctx.seen.set(v.idNumber, rowNumber);
      return problems;
    },
    async commit(trx, rows, ctx) {
      const at = ctx.clock.now().toISOString();
      const refused: { row: number; column: string; message: string }[] = [];
      for (const { rowNumber, values: v } of rows) {
        const place = await townshipOf(trx, v.residence);
        if (!place) {
          refused.push({ row: rowNumber, column: '居住村（社区）', message: '须为村（社区）或乡镇（街道）' });
          continue;
        }
        const check = checkResidentIdNumber(v.idNumber, ctx.today);
        const person = await findOrCreatePerson(
          trx,
          { cipher: ctx.cipher, clock: ctx.clock, actor: ctx.actor },
          {
            name: v.name,
            gender: check.ok ? check.gender : 'female',
            idNumber: v.idNumber,
            residenceOrgId: v.residence,
            ownerOrgId: place.township.id,
            tags: ['留守儿童'],
          },
        );
        if (await repo.findChildByPerson(trx, person.id)) {
          refused.push({ row: rowNumber, column: '身份证号', message: '该儿童已在留守儿童名册中' });
          continue;
        }
        const id = newId();
        if (v.guardianName && v.guardianRelation && v.consentDate && v.consentMethod) {
          await repo.insertConsent(trx, {
            id: newId(),
            childId: id,
            guardianName: v.guardianName,
            relation: v.guardianRelation,
            consentDate: v.consentDate,
            method: v.consentMethod,
            purpose: CONSENT_PURPOSE,
            note: null,
            recordedBy: ctx.actor.userId,
            recordedAt: at,
          });
          await appendAudit(trx, ctx.clock, auditActor(ctx.actor), {
            action: 'consent.record',
            entityType: 'left_behind_child',
            entityId: id,
            orgUnitId: place.township.id,
            detail: { method: v.consentMethod, consentDate: v.consentDate, import: true },
          });
        }
        const phone = v.carerPhone ? normalizePhone(v.carerPhone) : null;
        await repo.insertChild(trx, {
          id,
          ownerOrgId: place.township.id,
          personId: person.id,
          villageOrgId: place.village?.id ?? null,
          schoolOrgId: null,
          schoolName: v.schoolName,
          grade: v.grade,
          situation: v.situation,
          fatherWorkPlace: null,
          motherWorkPlace: null,
          carerKind: v.carerKind,
          carerName: v.carerName,
          carerRelation: v.carerRelation,
          carerPhoneEnc: phone ? ctx.cipher.encrypt(phone) : null,
          carerPhoneMasked: maskPhone(phone),
          needs: '[]',
          status: 'active',
          registeredOn: v.registeredOn,
          endedOn: null,
          endReason: null,
          note: null,
          createdBy: ctx.actor.userId,
          createdAt: at,
          updatedAt: at,
        });
      }
      if (refused.length) throw new ImportRejected(refused);
      return { created: rows.length };
    },
  };
}

const hidden = () => null;
export type ChildExportRow = Awaited<ReturnType<typeof repo.listChildrenAfter>>[number];
/** Without children.minors.read the export carries a masked name, the place and the status only. */
export const childrenExport: ExportSpec<ChildExportRow> = {
  kind: 'children.register',
  title: '留守儿童名册',
  entityType: 'left_behind_child',
  revealPermission: 'children.minors.read',
  columns: [
    { key: 'name', header: '姓名', mask: maskName },
    { key: 'gender', header: '性别', value: (r) => (r.gender === 'female' ? '女' : '男'), mask: hidden },
    { key: 'birthDate', header: '出生日期', format: 'date', mask: hidden },
    { key: 'townshipName', header: '乡镇（街道）', width: 14 },
    { key: 'villageName', header: '村（社区）', width: 14 },
    { key: 'schoolName', header: '就读学校', width: 18, value: (r) => r.schoolOrgName ?? r.schoolName, mask: hidden },
    { key: 'grade', header: '年级', mask: hidden },
    { key: 'situation', header: '留守情形', width: 24, value: (r) => LEFT_BEHIND_SITUATION_LABELS[r.situation], mask: hidden },
    { key: 'carerKind', header: '照料方式', width: 16, value: (r) => CARER_KIND_LABELS[r.carerKind], mask: hidden },
    { key: 'carerName', header: '照料人', mask: hidden },
    { key: 'carerPhoneMasked', header: '照料人电话', mask: hidden },
    {
      key: 'needs',
      header: '关爱需求',
      width: 20,
      value: (r) => (JSON.parse(r.needs) as (keyof typeof CHILD_NEED_LABELS)[]).map((n) => CHILD_NEED_LABELS[n]).join('、') || null,
      mask: hidden,
    },
    { key: 'proxyMotherName', header: '代理妈妈' },
    { key: 'status', header: '状态', value: (r) => CHILD_STATUS_LABELS[r.status] },
    { key: 'registeredOn', header: '登记日期', format: 'date' },
    { key: 'consents', header: '监护人同意', value: (r) => (Number(r.consents) > 0 ? '已记录' : '—') },
  ],
};
