// Schemas, literal unions and pure rules of the sponsorship module (春蕾计划), shared by server and web.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { guardianConsentSchema } from '../common/minors.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

export const SCHOOL_STAGES = ['primary', 'junior', 'senior', 'university'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];
export const SCHOOL_STAGE_LABELS: Record<SchoolStage, string> = { primary: '小学', junior: '初中', senior: '高中', university: '大学' };

export const STUDENT_STATUSES = ['active', 'graduated', 'ended'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];
export const STUDENT_STATUS_LABELS: Record<StudentStatus, string> = { active: '在读受助', graduated: '已毕业', ended: '已终止' };

export const SPONSOR_KINDS = ['person', 'organisation'] as const;
export type SponsorKind = (typeof SPONSOR_KINDS)[number];
export const SPONSOR_KIND_LABELS: Record<SponsorKind, string> = { person: '个人', organisation: '单位' };

export const PAIRING_STATUSES = ['active', 'ended'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];
export const PAIRING_STATUS_LABELS: Record<PairingStatus, string> = { active: '结对中', ended: '已结束' };

/** Terms are "2026-1" (spring, due 1 March) and "2026-2" (autumn, due 1 September). */
export const termSchema = z.string().regex(/^\d{4}-[12]$/, { message: '学期格式应为 2026-1（春季）或 2026-2（秋季）' });
export function termLabel(term: string): string {
  const [y, t] = term.split('-');
  return `${y}年${t === '1' ? '春季' : '秋季'}学期`;
}
export function termDueOn(term: string): string {
  const [y, t] = term.split('-');
  return `${y}-${t === '1' ? '03-01' : '09-01'}`;
}
/** Every term from start to end inclusive. */
export function termsBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, t] = start.split('-').map(Number);
  const [ey, et] = end.split('-').map(Number);
  while (y < ey || (y === ey && t <= et)) {
    out.push(`${y}-${t}`);
    if (t === 2) {
      y++;
      t = 1;
    } else t = 2;
    if (out.length > 40) break;
  }
  return out;
}

/** The guardian's consent (PIPL art. 31): the shared rule in common/minors.ts, CONSENT_AGE and the methods with it. */
export const consentSchema = guardianConsentSchema;

export const createStudentSchema = z.strictObject({
  /** Recorded before anything else for a girl under 14 (the server refuses without it). */
  consent: consentSchema.nullish(),
  name: requiredText('姓名', 50),
  idNumber: requiredText('身份证号', 18),
  residenceOrgId: idSchema,
  schoolOrgId: idSchema.nullish(),
  schoolName: z.string().trim().max(100).nullish(),
  stage: z.enum(SCHOOL_STAGES, { message: '请选择学段' }),
  grade: requiredText('年级', 20),
  guardianName: requiredText('监护人姓名', 50),
  guardianRelation: requiredText('监护人关系', 20),
  guardianPhone: z.string().trim().max(20).nullish(),
  householdMembers: z.number({ message: '家庭人口须为数字' }).int().min(1, { message: '家庭人口至少1人' }).max(30),
  householdIncomeFen: z.number({ message: '家庭年收入须为数字' }).int().min(0, { message: '家庭年收入不能为负' }).max(1e12),
  note: z.string().trim().max(500).nullish(),
});
export type CreateStudent = z.infer<typeof createStudentSchema>;

export const studentStatusSchema = z.strictObject({
  status: z.enum(STUDENT_STATUSES, { message: '状态不正确' }),
  reason: requiredText('原因', 200),
});

/** A student as any sponsorship.read holder sees her: without sponsorship.minors.read a minor is a masked name only. */
export const studentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  minor: z.boolean(),
  /** False when the caller may not see the details of minors: the fields below are then null. */
  detailsVisible: z.boolean(),
  age: z.number().int().nullable(),
  townshipName: z.string(),
  schoolName: z.string().nullable(),
  stage: z.enum(SCHOOL_STAGES).nullable(),
  grade: z.string().nullable(),
  guardianName: z.string().nullable(),
  guardianRelation: z.string().nullable(),
  guardianPhoneMasked: z.string().nullable(),
  householdMembers: z.number().int().nullable(),
  householdIncomeFen: z.number().int().nullable(),
  consentRecorded: z.boolean(),
  status: z.enum(STUDENT_STATUSES),
  activePairings: z.number().int(),
  createdAt: z.string(),
});
export type Student = z.infer<typeof studentSchema>;

export const createSponsorSchema = z
  .strictObject({
    kind: z.enum(SPONSOR_KINDS, { message: '请选择资助人类型' }),
    name: requiredText('资助人名称', 100),
    personId: idSchema.nullish(),
    creditCode: z.string().trim().max(18).nullish(),
    phone: z.string().trim().max(20).nullish(),
    note: z.string().trim().max(200).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'person' && v.creditCode)
      ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '个人资助人不填统一社会信用代码' });
  });
export const sponsorSchema = z.object({
  id: z.string(),
  kind: z.enum(SPONSOR_KINDS),
  name: z.string(),
  creditCode: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  activePairings: z.number().int(),
  totalPaidFen: z.number().int(),
});
export type Sponsor = z.infer<typeof sponsorSchema>;

export const createPairingSchema = z
  .strictObject({
    studentId: idSchema,
    sponsorId: idSchema,
    startTerm: termSchema,
    endTerm: termSchema,
    amountPerTermFen: z
      .number({ message: '每学期金额须为数字（分）' })
      .int({ message: '金额必须是整数分' })
      .positive({ message: '每学期金额须大于0' })
      .max(10_000_000, { message: '金额过大' }),
    note: z.string().trim().max(200).nullish(),
  })
  .refine((v) => v.endTerm >= v.startTerm, { path: ['endTerm'], message: '结束学期不能早于开始学期' });
export const endPairingSchema = z.strictObject({ reason: requiredText('结束原因', 200) });

export const pairingSchema = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  sponsorId: z.string(),
  sponsorName: z.string(),
  startTerm: z.string(),
  endTerm: z.string(),
  amountPerTermFen: z.number().int(),
  status: z.enum(PAIRING_STATUSES),
  paidTerms: z.number().int(),
  totalTerms: z.number().int(),
  paidFen: z.number().int(),
  note: z.string().nullable(),
});
export type Pairing = z.infer<typeof pairingSchema>;

export const payTermSchema = z.strictObject({
  term: termSchema,
  paidOn: businessDateSchema,
  approvedBy: idSchema,
  method: z.enum(['cash', 'bank_transfer'], { message: '请选择发放方式' }),
  bankCard: z
    .string()
    .trim()
    .regex(/^\d{12,19}$/, { message: '银行卡号应为12–19位数字' })
    .nullish(),
});
export const reverseTermPaymentSchema = z.strictObject({ reason: requiredText('冲销原因', 200) });

export const termPaymentSchema = z.object({
  id: z.string(),
  pairingId: z.string(),
  studentName: z.string(),
  sponsorName: z.string(),
  term: z.string(),
  amountFen: z.number().int(),
  paidOn: z.string(),
  disbursementId: z.string(),
  reversed: z.boolean(),
});
export type TermPayment = z.infer<typeof termPaymentSchema>;
export const duePaymentSchema = z.object({
  pairingId: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  sponsorName: z.string(),
  term: z.string(),
  dueOn: z.string(),
  amountFen: z.number().int(),
  overdue: z.boolean(),
});
export type DuePayment = z.infer<typeof duePaymentSchema>;

export const createMeetingSchema = z.strictObject({
  title: requiredText('见面会名称', 100),
  heldOn: businessDateSchema,
  place: requiredText('地点', 100),
  attendees: z.number({ message: '参加人数须为数字' }).int().min(0).max(100000),
  pairingIds: z.array(idSchema).max(500).default([]),
  note: z.string().trim().max(500).nullish(),
});
export const meetingSchema = z.object({
  id: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  attendees: z.number().int(),
  pairings: z.number().int(),
  note: z.string().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const studentQuerySchema = pageQuerySchema.extend({
  status: z.enum(STUDENT_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
});
