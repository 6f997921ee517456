// Schemas, literal unions and pure rules of the placement module (妇联职介所: job placement and 劳务输出).
import { z } from 'zod';
import { isValidCreditCode } from '../common/credit-code.js';
import { addMonths, businessDateSchema } from '../common/dates.js';
import { EDUCATION_LEVELS } from '../common/education.js';
import { idSchema } from '../common/ids.js';
import { checkResidentIdNumber, normalizeIdNumber } from '../common/id-number.js';
import { isValidPhone } from '../common/phone.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

export * from './match.js';

/** Who a job seeker is, as the 职介所 registers her (the reference: 农村妇女, 城镇下岗失业妇女). */
export const SEEKER_CATEGORIES = ['rural', 'laid_off', 'graduate', 'other'] as const;
export type SeekerCategory = (typeof SEEKER_CATEGORIES)[number];
export const SEEKER_CATEGORY_LABELS: Record<SeekerCategory, string> = {
  rural: '农村富余劳动力',
  laid_off: '城镇下岗失业人员',
  graduate: '未就业高校毕业生',
  other: '其他求职人员',
};

export const WORK_HOURS = ['full_time', 'part_time', 'flexible'] as const;
export type WorkHours = (typeof WORK_HOURS)[number];
export const WORK_HOURS_LABELS: Record<WorkHours, string> = { full_time: '全职', part_time: '兼职', flexible: '灵活工时' };

export const SEEKER_STATUSES = ['seeking', 'employed', 'withdrawn'] as const;
export type SeekerStatus = (typeof SEEKER_STATUSES)[number];
export const SEEKER_STATUS_LABELS: Record<SeekerStatus, string> = { seeking: '求职中', employed: '已就业', withdrawn: '已退出' };

export const VACANCY_STATUSES = ['open', 'closed'] as const;
export type VacancyStatus = (typeof VACANCY_STATUSES)[number];
export const VACANCY_STATUS_LABELS: Record<VacancyStatus, string> = { open: '招聘中', closed: '已结束' };

export const JOB_REFERRAL_STATUSES = ['referred', 'hired', 'not_hired', 'withdrawn'] as const;
export type JobReferralStatus = (typeof JOB_REFERRAL_STATUSES)[number];
export const JOB_REFERRAL_STATUS_LABELS: Record<JobReferralStatus, string> = {
  referred: '已推荐',
  hired: '已录用',
  not_hired: '未录用',
  withdrawn: '已撤回',
};

/** Why a referral did not end in a hire: the 职介所 reviews these to improve its matching. */
export const NOT_HIRED_REASONS = ['employer_declined', 'seeker_declined', 'skills', 'wage', 'location', 'hours', 'other'] as const;
export type NotHiredReason = (typeof NOT_HIRED_REASONS)[number];
export const NOT_HIRED_REASON_LABELS: Record<NotHiredReason, string> = {
  employer_declined: '用人单位未录用',
  seeker_declined: '本人放弃',
  skills: '技能不符',
  wage: '薪酬不符',
  location: '工作地点不便',
  hours: '工作时间不便',
  other: '其他原因',
};

export const EXPORT_MEMBER_STATUSES = ['departed', 'withdrawn'] as const;
export type ExportMemberStatus = (typeof EXPORT_MEMBER_STATUSES)[number];
export const EXPORT_MEMBER_STATUS_LABELS: Record<ExportMemberStatus, string> = { departed: '已输出', withdrawn: '未成行' };

/** 劳务输出 follow-ups after 1, 3 and 6 months. */
export const FOLLOW_UP_MONTHS = [1, 3, 6] as const;
export type FollowUpMonths = (typeof FOLLOW_UP_MONTHS)[number];
export const FOLLOW_UP_RESULTS = ['working', 'changed_job', 'returned', 'lost_contact'] as const;
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number];
export const FOLLOW_UP_RESULT_LABELS: Record<FollowUpResult, string> = {
  working: '在原单位务工',
  changed_job: '已更换工作',
  returned: '已返乡',
  lost_contact: '失去联系',
};

/** Skills the 职介所 offers in its forms (free entries are allowed too). */
export const SUGGESTED_SKILLS = [
  '家政服务',
  '育婴',
  '养老护理',
  '保洁',
  '餐饮服务',
  '种植',
  '养殖',
  '电子商务',
  '手工编织',
  '缝纫',
  '营销',
  '收银',
  '保险代理',
  '财会',
  '美容美发',
  '计算机操作',
] as const;

const skillsField = z
  .array(z.string().trim().min(1, { message: '技能不能为空' }).max(20, { message: '每项技能不能超过20个字符' }))
  .max(20, { message: '技能最多20项' })
  .transform((a) => [...new Set(a)]);
const fenField = (label: string) =>
  z
    .number({ message: `${label}须为数字` })
    .int({ message: `${label}须为整数分` })
    .min(0, { message: `${label}不能为负` })
    .max(100_000_000, { message: `${label}过大` });
const phoneField = z.string().trim().refine(isValidPhone, { message: '电话号码格式不正确（手机11位，或带区号的固定电话）' });

// ---------------------------------------------------------------- employers

export const createEmployerSchema = z.strictObject({
  ownerOrgId: idSchema,
  name: requiredText('单位名称', 100),
  creditCode: z
    .string({ message: '统一社会信用代码不能为空' })
    .trim()
    .toUpperCase()
    .refine(isValidCreditCode, { message: '统一社会信用代码不正确（18位，校验位不符）' }),
  industry: z.string().trim().max(50).nullish(),
  address: z.string().trim().max(200).nullish(),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: phoneField.nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type CreateEmployer = z.input<typeof createEmployerSchema>;
export const updateEmployerSchema = createEmployerSchema.omit({ ownerOrgId: true }).partial().extend({ active: z.boolean().optional() });
export type UpdateEmployer = z.input<typeof updateEmployerSchema>;

export const employerListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type EmployerListQuery = z.infer<typeof employerListQuerySchema>;

export const employerSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  name: z.string(),
  creditCode: z.string(),
  industry: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked (138****8000); the full number through the audited contact route. */
  contactPhoneMasked: z.string().nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  openVacancies: z.number().int(),
  hired: z.number().int(),
});
export type Employer = z.infer<typeof employerSchema>;
export const employerContactSchema = z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() });

// ---------------------------------------------------------------- vacancies

const vacancyFields = {
  employerId: idSchema,
  title: requiredText('岗位名称', 100),
  skills: skillsField.default([]),
  hours: z.enum(WORK_HOURS, { message: '请选择工时' }),
  positions: z
    .number({ message: '招聘人数须为数字' })
    .int({ message: '招聘人数须为整数' })
    .min(1, { message: '招聘人数至少为1' })
    .max(10000, { message: '招聘人数过大' }),
  wageMinFen: fenField('月薪下限').nullish(),
  wageMaxFen: fenField('月薪上限').nullish(),
  /** The workplace inside the federation's area (a township, street, village …); null for work outside it. */
  locationOrgId: idSchema.nullish(),
  locationText: requiredText('工作地点', 100),
  ageMin: z.number().int().min(16, { message: '年龄下限不能小于16岁' }).max(70, { message: '年龄下限不合理' }).nullish(),
  ageMax: z.number().int().min(16, { message: '年龄上限不能小于16岁' }).max(70, { message: '年龄上限不合理' }).nullish(),
  publishedOn: businessDateSchema,
  closesOn: businessDateSchema.nullish(),
  description: z.string().trim().max(2000).nullish(),
};
export const createVacancySchema = z
  .strictObject(vacancyFields)
  .refine((v) => v.wageMinFen == null || v.wageMaxFen == null || v.wageMaxFen >= v.wageMinFen, {
    path: ['wageMaxFen'],
    message: '月薪上限不能低于下限',
  })
  .refine((v) => v.ageMin == null || v.ageMax == null || v.ageMax >= v.ageMin, { path: ['ageMax'], message: '年龄上限不能低于下限' })
  .refine((v) => !v.closesOn || v.closesOn >= v.publishedOn, { path: ['closesOn'], message: '截止日期不能早于发布日期' });
export type CreateVacancy = z.input<typeof createVacancySchema>;
export const updateVacancySchema = z
  .strictObject({ ...vacancyFields, status: z.enum(VACANCY_STATUSES, { message: '请选择状态' }) })
  .omit({ employerId: true })
  .partial();
export type UpdateVacancy = z.input<typeof updateVacancySchema>;

export const vacancyListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  employerId: idSchema.optional(),
  status: z.enum(VACANCY_STATUSES).optional(),
});
export type VacancyListQuery = z.infer<typeof vacancyListQuerySchema>;

export const vacancySchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  title: z.string(),
  skills: z.array(z.string()),
  hours: z.enum(WORK_HOURS),
  positions: z.number().int(),
  /** Hires recorded against this vacancy. */
  filled: z.number().int(),
  wageMinFen: z.number().int().nullable(),
  wageMaxFen: z.number().int().nullable(),
  locationOrgId: z.string().nullable(),
  locationText: z.string(),
  ageMin: z.number().int().nullable(),
  ageMax: z.number().int().nullable(),
  publishedOn: z.string(),
  closesOn: z.string().nullable(),
  status: z.enum(VACANCY_STATUSES),
  description: z.string().nullable(),
});
export type Vacancy = z.infer<typeof vacancySchema>;

// ---------------------------------------------------------------- job seekers

/** A training taken: a record of the federation's own training roster (traineeId) or one taken elsewhere. */
export const seekerTrainingInputSchema = z.strictObject({
  traineeId: idSchema.nullish(),
  title: requiredText('培训名称', 100),
  organiser: z.string().trim().max(100).nullish(),
  completedOn: businessDateSchema.nullish(),
});
export type SeekerTrainingInput = z.input<typeof seekerTrainingInputSchema>;

const wishFields = {
  category: z.enum(SEEKER_CATEGORIES, { message: '请选择人员类别' }),
  education: z.enum(EDUCATION_LEVELS, { message: '请选择学历' }).nullish(),
  skills: skillsField.default([]),
  hours: z.enum(WORK_HOURS, { message: '请选择期望工时' }),
  /** Preferred workplaces (units inside the federation's area); empty = anywhere in the area. */
  placeOrgIds: z.array(idSchema).max(20, { message: '意向地点最多20个' }).default([]),
  /** Willing to work outside the area (劳务输出). */
  acceptsOutside: z.boolean().default(false),
  expectedWageFen: fenField('期望月薪').nullish(),
  wishes: z.string().trim().max(500, { message: '求职意向不能超过500个字符' }).nullish(),
};

/** A job seeker: the person comes from (or is added to) the person registry, deduplicated by ID number. */
export const createSeekerSchema = z.strictObject({
  ownerOrgId: idSchema,
  name: requiredText('姓名', 50),
  gender: z.enum(['female', 'male'], { message: '请选择性别' }),
  idNumber: z
    .string()
    .trim()
    .transform(normalizeIdNumber)
    .superRefine((v, ctx) => {
      const r = checkResidentIdNumber(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
    }),
  phone: phoneField.nullish(),
  residenceOrgId: idSchema,
  registeredOn: businessDateSchema,
  ...wishFields,
  trainings: z.array(seekerTrainingInputSchema).max(20).default([]),
});
export type CreateSeeker = z.input<typeof createSeekerSchema>;
export const updateSeekerSchema = z.strictObject({ ...wishFields, status: z.enum(SEEKER_STATUSES, { message: '请选择状态' }) }).partial();
export type UpdateSeeker = z.input<typeof updateSeekerSchema>;

export const seekerListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  status: z.enum(SEEKER_STATUSES).optional(),
  category: z.enum(SEEKER_CATEGORIES).optional(),
  skill: z.string().trim().max(20).optional(),
  acceptsOutside: z.enum(['true', 'false']).optional(),
});
export type SeekerListQuery = z.infer<typeof seekerListQuerySchema>;

export const seekerTrainingSchema = z.object({
  id: z.string(),
  traineeId: z.string().nullable(),
  title: z.string(),
  organiser: z.string().nullable(),
  completedOn: z.string().nullable(),
});

export const seekerSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  personId: z.string(),
  name: z.string(),
  gender: z.enum(['female', 'male']),
  birthDate: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  category: z.enum(SEEKER_CATEGORIES),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  skills: z.array(z.string()),
  hours: z.enum(WORK_HOURS),
  placeOrgIds: z.array(z.string()),
  placeNames: z.array(z.string()),
  acceptsOutside: z.boolean(),
  expectedWageFen: z.number().int().nullable(),
  wishes: z.string().nullable(),
  registeredOn: z.string(),
  status: z.enum(SEEKER_STATUSES),
  statusDate: z.string().nullable(),
});
export type Seeker = z.infer<typeof seekerSchema>;
export const seekerDetailSchema = seekerSchema.extend({ trainings: z.array(seekerTrainingSchema) });
export type SeekerDetail = z.infer<typeof seekerDetailSchema>;

/** A training-roster record a seeker can be linked to (the activities module's trainee row). */
export const traineeRecordSchema = z.object({
  traineeId: z.string(),
  name: z.string(),
  courseTitle: z.string(),
  topic: z.string(),
  sessionDate: z.string(),
  outcome: z.string().nullable(),
  linkedPerson: z.boolean(),
});
export type TraineeRecord = z.infer<typeof traineeRecordSchema>;

// ---------------------------------------------------------------- matching and referrals

export const matchReasonSchema = z.object({
  kind: z.enum(['skills', 'place', 'hours', 'wage', 'age']),
  ok: z.boolean(),
  text: z.string(),
});
export const seekerMatchSchema = z.object({
  seekerId: z.string(),
  name: z.string(),
  category: z.enum(SEEKER_CATEGORIES),
  skills: z.array(z.string()),
  score: z.number(),
  reasons: z.array(matchReasonSchema),
  referred: z.boolean(),
});
export const vacancyMatchSchema = z.object({
  vacancyId: z.string(),
  title: z.string(),
  employerName: z.string(),
  locationText: z.string(),
  score: z.number(),
  reasons: z.array(matchReasonSchema),
  referred: z.boolean(),
});
export type SeekerMatch = z.infer<typeof seekerMatchSchema>;
export type VacancyMatch = z.infer<typeof vacancyMatchSchema>;

export const createJobReferralSchema = z.strictObject({
  seekerId: idSchema,
  vacancyId: idSchema,
  referredOn: businessDateSchema,
  note: z.string().trim().max(500).nullish(),
});
export type CreateJobReferral = z.input<typeof createJobReferralSchema>;

/** The outcome: hired (date and monthly wage), not hired (why), or withdrawn. */
export const jobReferralOutcomeSchema = z.discriminatedUnion(
  'status',
  [
    z.strictObject({
      status: z.literal('hired'),
      outcomeOn: businessDateSchema,
      monthlyWageFen: fenField('月薪'),
      note: z.string().trim().max(500).nullish(),
    }),
    z.strictObject({
      status: z.literal('not_hired'),
      outcomeOn: businessDateSchema,
      reason: z.enum(NOT_HIRED_REASONS, { message: '请选择未录用原因' }),
      note: z.string().trim().max(500).nullish(),
    }),
    z.strictObject({ status: z.literal('withdrawn'), outcomeOn: businessDateSchema, note: z.string().trim().max(500).nullish() }),
  ],
  { message: '请选择结果（录用、未录用或撤回）' },
);
export type JobReferralOutcome = z.input<typeof jobReferralOutcomeSchema>;

export const jobReferralListQuerySchema = pageQuerySchema.extend({
  status: z.enum(JOB_REFERRAL_STATUSES).optional(),
  seekerId: idSchema.optional(),
  vacancyId: idSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type JobReferralListQuery = z.infer<typeof jobReferralListQuerySchema>;

export const jobReferralSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  seekerId: z.string(),
  seekerName: z.string(),
  vacancyId: z.string(),
  vacancyTitle: z.string(),
  employerName: z.string(),
  referredOn: z.string(),
  score: z.number(),
  reasons: z.array(matchReasonSchema),
  status: z.enum(JOB_REFERRAL_STATUSES),
  outcomeOn: z.string().nullable(),
  monthlyWageFen: z.number().int().nullable(),
  notHiredReason: z.enum(NOT_HIRED_REASONS).nullable(),
  note: z.string().nullable(),
});
export type JobReferral = z.infer<typeof jobReferralSchema>;

// ---------------------------------------------------------------- 劳务输出

export const createExportBatchSchema = z.strictObject({
  ownerOrgId: idSchema,
  title: requiredText('批次名称', 100),
  destination: requiredText('输出地', 100),
  employerId: idSchema,
  departureDate: businessDateSchema,
  /** Travel support per person (路费补贴, fen), the default for each member. */
  supportPerPersonFen: fenField('人均路费补贴').default(0),
  note: z.string().trim().max(1000).nullish(),
});
export type CreateExportBatch = z.input<typeof createExportBatchSchema>;

export const addExportMembersSchema = z.strictObject({
  seekerIds: z.array(idSchema).min(1, { message: '请选择输出人员' }).max(500, { message: '一次最多500人' }),
  supportFen: fenField('路费补贴').nullish(),
});
export const updateExportMemberSchema = z.strictObject({
  status: z.enum(EXPORT_MEMBER_STATUSES, { message: '请选择状态' }),
  supportFen: fenField('路费补贴').optional(),
});

export const recordFollowUpSchema = z.strictObject({
  months: z.union([z.literal(1), z.literal(3), z.literal(6)], { message: '回访节点应为1、3或6个月' }),
  doneOn: businessDateSchema,
  result: z.enum(FOLLOW_UP_RESULTS, { message: '请选择回访结果' }),
  monthlyWageFen: fenField('月收入').nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type RecordFollowUp = z.input<typeof recordFollowUpSchema>;

export const exportBatchSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  title: z.string(),
  destination: z.string(),
  employerId: z.string(),
  employerName: z.string(),
  departureDate: z.string(),
  supportPerPersonFen: z.number().int(),
  note: z.string().nullable(),
  departed: z.number().int(),
  supportFen: z.number().int(),
  followUpsDue: z.number().int(),
});
export type ExportBatch = z.infer<typeof exportBatchSchema>;

export const followUpSchema = z.object({
  months: z.number().int(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  result: z.enum(FOLLOW_UP_RESULTS).nullable(),
  monthlyWageFen: z.number().int().nullable(),
  note: z.string().nullable(),
  overdue: z.boolean(),
});
export const exportMemberSchema = z.object({
  id: z.string(),
  seekerId: z.string(),
  name: z.string(),
  phoneMasked: z.string().nullable(),
  status: z.enum(EXPORT_MEMBER_STATUSES),
  supportFen: z.number().int(),
  followUps: z.array(followUpSchema),
});
export const exportBatchDetailSchema = exportBatchSchema.extend({ members: z.array(exportMemberSchema) });
export type ExportBatchDetail = z.infer<typeof exportBatchDetailSchema>;
export type ExportMember = z.infer<typeof exportMemberSchema>;

/** The follow-up checkpoints of a member who left on `departureDate`, as of `today`: due dates, done or overdue. */
export function followUpPlan(
  departureDate: string,
  done: { months: number; doneOn: string; result: FollowUpResult; monthlyWageFen: number | null; note: string | null }[],
  today: string,
) {
  return FOLLOW_UP_MONTHS.map((months) => {
    const dueOn = addMonths(departureDate, months);
    const d = done.find((x) => x.months === months);
    return {
      months,
      dueOn,
      doneOn: d?.doneOn ?? null,
      result: d?.result ?? null,
      monthlyWageFen: d?.monthlyWageFen ?? null,
      note: d?.note ?? null,
      overdue: !d && dueOn < today,
    };
  });
}
