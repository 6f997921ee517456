// Schemas, literal unions and pure rules of the staff development module: the federation's own staff and cadres —
// trainings they were sent to (national / province / city / district), degree studies, certificates.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { EDUCATION_LEVELS } from '../common/education.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

/** Where a staff member works: the federation's office, the 妇儿工委办, a grassroots federation, or a cadre sent by it. */
export const STAFF_CATEGORIES = ['federation', 'wcc_office', 'grassroots', 'cadre'] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];
export const STAFF_CATEGORY_LABELS: Record<StaffCategory, string> = {
  federation: '妇联机关干部',
  wcc_office: '妇儿工委办干部',
  grassroots: '基层妇联干部',
  cadre: '其他女干部',
};

/** The level of the body that ran a training (the summary's "全国、省、市、区"). */
export const TRAINING_LEVELS = ['national', 'province', 'city', 'district', 'other'] as const;
export type TrainingLevel = (typeof TRAINING_LEVELS)[number];
export const TRAINING_LEVEL_LABELS: Record<TrainingLevel, string> = {
  national: '全国',
  province: '省级',
  city: '市级',
  district: '区级',
  other: '其他',
};

export const DEGREES = ['associate', 'bachelor', 'master', 'doctorate'] as const;
export type Degree = (typeof DEGREES)[number];
export const DEGREE_LABELS: Record<Degree, string> = { associate: '大专', bachelor: '本科', master: '硕士研究生', doctorate: '博士研究生' };

export const STUDY_MODES = ['in_service', 'correspondence', 'self_study', 'online', 'full_time'] as const;
export type StudyMode = (typeof STUDY_MODES)[number];
export const STUDY_MODE_LABELS: Record<StudyMode, string> = {
  in_service: '在职学习',
  correspondence: '函授',
  self_study: '自学考试',
  online: '网络教育',
  full_time: '全日制',
};

export const STUDY_STATUSES = ['studying', 'graduated', 'withdrawn'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];
export const STUDY_STATUS_LABELS: Record<StudyStatus, string> = { studying: '在读', graduated: '已毕业', withdrawn: '已退学' };

// ---------------------------------------------------------------- staff

export const createStaffSchema = z.strictObject({
  ownerOrgId: idSchema,
  name: requiredText('姓名', 50),
  gender: z.enum(['female', 'male'], { message: '请选择性别' }),
  category: z.enum(STAFF_CATEGORIES, { message: '请选择人员类别' }),
  position: z.string().trim().max(100).nullish(),
  birthYear: z.number().int().min(1940, { message: '出生年份不合理' }).max(2010, { message: '出生年份不合理' }).nullish(),
  education: z.enum(EDUCATION_LEVELS, { message: '请选择学历' }).nullish(),
  note: z.string().trim().max(500).nullish(),
});
export type CreateStaff = z.input<typeof createStaffSchema>;
export const updateStaffSchema = createStaffSchema.omit({ ownerOrgId: true }).partial().extend({ active: z.boolean().optional() });
export type UpdateStaff = z.input<typeof updateStaffSchema>;

export const staffListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  category: z.enum(STAFF_CATEGORIES).optional(),
  /** The year the totals are for (default: this year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

/** A register line: the person with the year's totals. */
export const staffSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  name: z.string(),
  gender: z.enum(['female', 'male']),
  category: z.enum(STAFF_CATEGORIES),
  position: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  note: z.string().nullable(),
  active: z.boolean(),
  year: z.number().int(),
  trainings: z.number().int(),
  hours: z.number().int(),
  studying: z.boolean(),
  certificates: z.number().int(),
});
export type Staff = z.infer<typeof staffSchema>;

// ---------------------------------------------------------------- records

export const createTrainingRecordSchema = z
  .strictObject({
    title: requiredText('培训名称', 100),
    organiser: requiredText('主办单位', 100),
    level: z.enum(TRAINING_LEVELS, { message: '请选择培训级别' }),
    startDate: businessDateSchema,
    endDate: businessDateSchema.nullish(),
    hours: z
      .number({ message: '学时须为数字' })
      .int({ message: '学时须为整数' })
      .min(1, { message: '学时至少为1' })
      .max(2000, { message: '学时不能超过2000' }),
    note: z.string().trim().max(500).nullish(),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期' });
export type CreateTrainingRecord = z.input<typeof createTrainingRecordSchema>;

export const createDegreeSchema = z
  .strictObject({
    degree: z.enum(DEGREES, { message: '请选择学历层次' }),
    school: requiredText('学校', 100),
    major: z.string().trim().max(100).nullish(),
    mode: z.enum(STUDY_MODES, { message: '请选择学习形式' }),
    startDate: businessDateSchema,
    status: z.enum(STUDY_STATUSES).default('studying'),
    completedOn: businessDateSchema.nullish(),
  })
  .refine((v) => v.status === 'studying' || !!v.completedOn, { path: ['completedOn'], message: '已毕业或退学须填写日期' })
  .refine((v) => !v.completedOn || v.completedOn >= v.startDate, { path: ['completedOn'], message: '结束日期不能早于入学日期' });
export type CreateDegree = z.input<typeof createDegreeSchema>;
export const updateDegreeSchema = z
  .strictObject({ status: z.enum(STUDY_STATUSES, { message: '请选择状态' }), completedOn: businessDateSchema.nullish() })
  .refine((v) => v.status === 'studying' || !!v.completedOn, { path: ['completedOn'], message: '已毕业或退学须填写日期' });

export const createCertificateSchema = z
  .strictObject({
    name: requiredText('证书名称', 100),
    issuer: z.string().trim().max(100).nullish(),
    issuedOn: businessDateSchema,
    expiresOn: businessDateSchema.nullish(),
  })
  .refine((v) => !v.expiresOn || v.expiresOn >= v.issuedOn, { path: ['expiresOn'], message: '有效期不能早于发证日期' });
export type CreateCertificate = z.input<typeof createCertificateSchema>;

export const trainingRecordSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  title: z.string(),
  organiser: z.string(),
  level: z.enum(TRAINING_LEVELS),
  startDate: z.string(),
  endDate: z.string().nullable(),
  hours: z.number().int(),
  note: z.string().nullable(),
});
export const degreeSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  degree: z.enum(DEGREES),
  school: z.string(),
  major: z.string().nullable(),
  mode: z.enum(STUDY_MODES),
  startDate: z.string(),
  status: z.enum(STUDY_STATUSES),
  completedOn: z.string().nullable(),
});
export const certificateSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  name: z.string(),
  issuer: z.string().nullable(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
});
export type TrainingRecord = z.infer<typeof trainingRecordSchema>;
export type DegreeRecord = z.infer<typeof degreeSchema>;
export type CertificateRecord = z.infer<typeof certificateSchema>;

/** A person's register: every record, and totals by year (trainings and hours by level). */
export const staffDetailSchema = staffSchema.extend({
  trainingRecords: z.array(trainingRecordSchema),
  degreeRecords: z.array(degreeSchema),
  certificateRecords: z.array(certificateSchema),
  byYear: z.array(
    z.object({
      year: z.number().int(),
      trainings: z.number().int(),
      hours: z.number().int(),
      byLevel: z.array(z.object({ level: z.enum(TRAINING_LEVELS), trainings: z.number().int(), hours: z.number().int() })),
    }),
  ),
  can: z.object({ write: z.boolean() }),
});
export type StaffDetail = z.infer<typeof staffDetailSchema>;

/** The totals of a person's training records by year and level (the register's summary lines). */
export function trainingTotalsByYear(records: { level: TrainingLevel; startDate: string; hours: number }[]) {
  const years = [...new Set(records.map((r) => Number(r.startDate.slice(0, 4))))].sort((a, b) => b - a);
  return years.map((year) => {
    const inYear = records.filter((r) => Number(r.startDate.slice(0, 4)) === year);
    return {
      year,
      trainings: inYear.length,
      hours: inYear.reduce((s, r) => s + r.hours, 0),
      byLevel: TRAINING_LEVELS.map((level) => {
        const l = inYear.filter((r) => r.level === level);
        return { level, trainings: l.length, hours: l.reduce((s, r) => s + r.hours, 0) };
      }).filter((x) => x.trainings > 0),
    };
  });
}

/** Whether a degree study was under way at some time in [from, to] (started by `to`, not ended before `from`). */
export function studyingDuring(
  d: { startDate: string; status: StudyStatus; completedOn: string | null },
  from: string,
  to: string,
): boolean {
  if (d.startDate > to) return false;
  if (d.status === 'studying') return true;
  return !!d.completedOn && d.completedOn >= from;
}
