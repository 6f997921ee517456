// Schemas, literal unions and pure rules of the activities module (events, training, publicity), shared by server and web.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { isValidPhone } from '../common/phone.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

export const ACTIVITY_TYPES = [
  'womens_day',
  'childrens_day',
  'lecture',
  'health_screening',
  'condolence',
  'performance',
  'outing',
  'meeting',
  'campaign_launch',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];
export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  womens_day: '三八节活动',
  childrens_day: '六一节活动',
  lecture: '讲座培训',
  health_screening: '健康筛查',
  condolence: '走访慰问',
  performance: '文艺演出',
  outing: '联谊出游',
  meeting: '会议',
  campaign_launch: '活动启动',
  other: '其他',
};

export const RESOURCE_CATEGORIES = ['gift', 'book', 'teaching_aid', 'cash', 'letter', 'supplies', 'other'] as const;
export type ResourceCategory = (typeof RESOURCE_CATEGORIES)[number];
export const RESOURCE_CATEGORY_LABELS: Record<ResourceCategory, string> = {
  gift: '慰问品',
  book: '图书',
  teaching_aid: '教具',
  cash: '慰问金',
  letter: '慰问信',
  supplies: '物资',
  other: '其他',
};
/** Unit word of a resource line's quantity, for lists and the summary ("380件", "280册", "50封"). */
export const RESOURCE_CATEGORY_UNITS: Record<ResourceCategory, string> = {
  gift: '件',
  book: '册',
  teaching_aid: '件',
  cash: '笔',
  letter: '封',
  supplies: '件',
  other: '件',
};

/** Who took part, for counts by group (screenings, health trainings). */
export const PARTICIPANT_GROUPS = ['cadres', 'village_doctors', 'women', 'children', 'parents', 'entrepreneurs', 'other'] as const;
export type ParticipantGroup = (typeof PARTICIPANT_GROUPS)[number];
export const PARTICIPANT_GROUP_LABELS: Record<ParticipantGroup, string> = {
  cadres: '妇联干部',
  village_doctors: '乡村医生',
  women: '妇女群众',
  children: '儿童',
  parents: '家长',
  entrepreneurs: '女企业家',
  other: '其他',
};

export const PARTICIPANT_KINDS = ['person', 'unit'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];
export const PARTICIPANT_KIND_LABELS: Record<ParticipantKind, string> = { person: '个人', unit: '单位' };

export const TRAINING_CATEGORIES = ['skills', 'family_education', 'health', 'management', 'other'] as const;
export type TrainingCategory = (typeof TRAINING_CATEGORIES)[number];
export const TRAINING_CATEGORY_LABELS: Record<TrainingCategory, string> = {
  skills: '技能培训',
  family_education: '家庭教育',
  health: '健康培训',
  management: '管理研修',
  other: '其他',
};

export const TRAINEE_OUTCOMES = ['reemployed', 'started_business', 'none'] as const;
export type TraineeOutcome = (typeof TRAINEE_OUTCOMES)[number];
export const TRAINEE_OUTCOME_LABELS: Record<TraineeOutcome, string> = {
  reemployed: '实现再就业',
  started_business: '自主创业',
  none: '暂未就业',
};

export const PUBLICITY_LEVELS = ['national', 'province', 'city', 'district'] as const;
export type PublicityLevel = (typeof PUBLICITY_LEVELS)[number];
export const PUBLICITY_LEVEL_LABELS: Record<PublicityLevel, string> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  district: '区级',
};
export const PUBLICITY_MEDIA = ['newspaper', 'magazine', 'website', 'new_media', 'tv_radio', 'other'] as const;
export type PublicityMedium = (typeof PUBLICITY_MEDIA)[number];
export const PUBLICITY_MEDIUM_LABELS: Record<PublicityMedium, string> = {
  newspaper: '报纸',
  magazine: '杂志',
  website: '网站',
  new_media: '新媒体',
  tv_radio: '广播电视',
  other: '其他',
};

const count = (label: string) =>
  z
    .number({ message: `${label}须为数字` })
    .int({ message: `${label}须为整数` })
    .min(0, { message: `${label}不能为负` })
    .max(10_000_000, { message: `${label}过大` });
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字符` })
    .nullish();
const fen = (label: string) =>
  z
    .number({ message: `${label}须为数字` })
    .int({ message: `${label}须为整数分` })
    .min(0, { message: `${label}不能为负` })
    .max(1e13, { message: `${label}过大` });

export const resourceLineSchema = z.strictObject({
  category: z.enum(RESOURCE_CATEGORIES, { message: '请选择物资类别' }),
  item: requiredText('物品名称', 100),
  quantity: count('数量'),
  valueFen: fen('价值'),
  note: optionalText('备注', 200),
});
export type ResourceLineInput = z.infer<typeof resourceLineSchema>;

/** Headcounts by group (screenings, health trainings); when given they must add up to the participant count. */
export const groupCountsSchema = z.partialRecord(z.enum(PARTICIPANT_GROUPS), count('人数'));
export type GroupCounts = z.infer<typeof groupCountsSchema>;

const eventFields = {
  type: z.enum(ACTIVITY_TYPES, { message: '请选择活动类型' }),
  title: requiredText('活动名称', 100),
  startDate: businessDateSchema,
  endDate: businessDateSchema.nullish(),
  /** The organising unit (主办单位): also the record's owning unit. */
  ownerOrgId: idSchema,
  partnerUnits: z.array(z.string().trim().min(1).max(100)).max(50, { message: '协办单位不能超过50个' }).default([]),
  venue: optionalText('地点', 100),
  targetGroup: optionalText('对象', 100),
  /** "count": the participant count is typed; "roster": it is the number of roster entries. */
  participantMode: z.enum(['count', 'roster']).default('count'),
  participantCount: count('参加人数').default(0),
  groupCounts: groupCountsSchema.default({}),
  unitsVisited: count('走访单位数').default(0),
  visitedUnitNames: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
  goodDeeds: count('办实事件数').default(0),
  performances: count('演出场次').default(0),
  associationId: idSchema.nullish(),
  description: optionalText('活动内容', 4000),
  resources: z.array(resourceLineSchema).max(200, { message: '物资明细不能超过200行' }).default([]),
};

export const createEventSchema = z.strictObject(eventFields).superRefine((v, ctx) => {
  for (const issue of checkEventFigures(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
});
export type CreateEvent = z.input<typeof createEventSchema>;
export type CreateEventParsed = z.infer<typeof createEventSchema>;

/**
 * The figures of an event must agree with each other: an end not before the start, group counts adding up to
 * the headcount, at least as many units visited as are named. Pure, so the form shows the same message.
 */
export function checkEventFigures(v: {
  startDate: string;
  endDate?: string | null;
  participantMode?: string;
  participantCount?: number;
  groupCounts?: GroupCounts;
  unitsVisited?: number;
  visitedUnitNames?: string[];
}): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (v.endDate && v.endDate < v.startDate) out.push({ path: 'endDate', message: '结束日期不能早于开始日期' });
  const groups = Object.values(v.groupCounts ?? {}).filter((n): n is number => typeof n === 'number');
  if (groups.length > 0 && v.participantMode !== 'roster') {
    const sum = groups.reduce((a, b) => a + b, 0);
    if (sum !== (v.participantCount ?? 0))
      out.push({ path: 'groupCounts', message: `各类人数之和（${sum}）与参加人数（${v.participantCount ?? 0}）不一致` });
  }
  if ((v.visitedUnitNames?.length ?? 0) > (v.unitsVisited ?? 0))
    out.push({ path: 'unitsVisited', message: `走访单位数不能少于列出的单位（${v.visitedUnitNames!.length}个）` });
  return out;
}

export const eventListQuerySchema = pageQuerySchema.extend({
  type: z.enum(ACTIVITY_TYPES).optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
  ownerOrgId: idSchema.optional(),
  associationId: idSchema.optional(),
  q: z.string().trim().max(50).optional(),
});
export type EventListQuery = z.infer<typeof eventListQuerySchema>;

export const resourceLineOutSchema = resourceLineSchema.extend({ id: z.string(), note: z.string().nullable() });

export const eventListItemSchema = z.object({
  id: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  venue: z.string().nullable(),
  participantMode: z.enum(['count', 'roster']),
  participantCount: z.number(),
  unitsVisited: z.number(),
  goodDeeds: z.number(),
  performances: z.number(),
  resourceQuantity: z.number(),
  resourceValueFen: z.number(),
});
export type EventListItem = z.infer<typeof eventListItemSchema>;

export const eventSchema = eventListItemSchema.extend({
  partnerUnits: z.array(z.string()),
  targetGroup: z.string().nullable(),
  groupCounts: groupCountsSchema,
  visitedUnitNames: z.array(z.string()),
  associationId: z.string().nullable(),
  associationName: z.string().nullable(),
  description: z.string().nullable(),
  resources: z.array(resourceLineOutSchema),
  photos: z.array(z.object({ id: z.string(), fileName: z.string(), caption: z.string().nullable(), size: z.number() })),
  rosterCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  /** The ETag, sent back as If-Match on an edit (412 when someone changed the event meanwhile). */
  version: z.number().int(),
});
export type ActivityEvent = z.infer<typeof eventSchema>;

/** Totals over every event the filters select (the page's summary row). */
export const eventTotalsSchema = z.object({
  events: z.number(),
  participants: z.number(),
  unitsVisited: z.number(),
  goodDeeds: z.number(),
  performances: z.number(),
  organisers: z.number(),
  resources: z.array(z.object({ category: z.enum(RESOURCE_CATEGORIES), quantity: z.number(), valueFen: z.number() })),
});
export type EventTotals = z.infer<typeof eventTotalsSchema>;

const phoneField = z
  .string()
  .trim()
  .refine(isValidPhone, { message: '电话号码格式不正确' })
  .transform((p) => p.replace(/[\s-]/g, ''));

export const addParticipantSchema = z.strictObject({
  kind: z.enum(PARTICIPANT_KINDS).default('person'),
  name: requiredText('姓名或单位名称', 100),
  gender: z.enum(['female', 'male']).nullish(),
  unitName: optionalText('所在单位', 100),
  group: z.enum(PARTICIPANT_GROUPS).nullish(),
  phone: phoneField.nullish(),
});
export type AddParticipant = z.input<typeof addParticipantSchema>;

export const participantSchema = z.object({
  id: z.string(),
  kind: z.enum(PARTICIPANT_KINDS),
  name: z.string(),
  gender: z.enum(['female', 'male']).nullable(),
  unitName: z.string().nullable(),
  group: z.enum(PARTICIPANT_GROUPS).nullable(),
  phoneMasked: z.string().nullable(),
});
export type Participant = z.infer<typeof participantSchema>;

// ---------------------------------------------------------------- training

export const createCourseSchema = z
  .strictObject({
    title: requiredText('培训班名称', 100),
    category: z.enum(TRAINING_CATEGORIES, { message: '请选择培训类别' }),
    ownerOrgId: idSchema,
    startDate: businessDateSchema,
    endDate: businessDateSchema.nullish(),
    partner: optionalText('合作单位', 100),
    description: optionalText('说明', 2000),
  })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ['endDate'], message: '结束日期不能早于开始日期' });
export type CreateCourse = z.input<typeof createCourseSchema>;

export const courseListQuerySchema = pageQuerySchema.extend({
  category: z.enum(TRAINING_CATEGORIES).optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
  q: z.string().trim().max(50).optional(),
});
export type CourseListQuery = z.infer<typeof courseListQuerySchema>;

export const courseListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(TRAINING_CATEGORIES),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  partner: z.string().nullable(),
  sessions: z.number(),
  attendees: z.number(),
  trainees: z.number(),
  reemployed: z.number(),
  startedBusiness: z.number(),
});
export type CourseListItem = z.infer<typeof courseListItemSchema>;

export const createSessionSchema = z
  .strictObject({
    topic: requiredText('专题', 100),
    sessionDate: businessDateSchema,
    endDate: businessDateSchema.nullish(),
    hours: z
      .number({ message: '学时须为数字' })
      .min(0, { message: '学时不能为负' })
      .max(1000, { message: '学时过大' })
      .multipleOf(0.5, { message: '学时以0.5为单位' }),
    teacher: optionalText('授课人', 100),
    venue: optionalText('地点', 100),
    /** Attendance as a typed count, or the trainees marked present ("roster"). */
    attendeeMode: z.enum(['count', 'roster']).default('roster'),
    attendeeCount: count('参训人数').default(0),
    groupCounts: groupCountsSchema.default({}),
  })
  .refine((v) => !v.endDate || v.endDate >= v.sessionDate, { path: ['endDate'], message: '结束日期不能早于开始日期' })
  .superRefine((v, ctx) => {
    const groups = Object.values(v.groupCounts ?? {}).filter((n): n is number => typeof n === 'number');
    const sum = groups.reduce((a, b) => a + b, 0);
    if (groups.length && v.attendeeMode === 'count' && sum !== v.attendeeCount)
      ctx.addIssue({ code: 'custom', path: ['groupCounts'], message: `各类人数之和（${sum}）与参训人数（${v.attendeeCount}）不一致` });
  });
export type CreateSession = z.input<typeof createSessionSchema>;

export const sessionSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  topic: z.string(),
  sessionDate: z.string(),
  endDate: z.string().nullable(),
  hours: z.number(),
  teacher: z.string().nullable(),
  venue: z.string().nullable(),
  attendeeMode: z.enum(['count', 'roster']),
  attendeeCount: z.number(),
  groupCounts: groupCountsSchema,
  trainees: z.number(),
});
export type TrainingSession = z.infer<typeof sessionSchema>;

const idNumberText = z.string().trim().max(18);

export const addTraineeSchema = z.strictObject({
  name: requiredText('姓名', 50),
  gender: z.enum(['female', 'male'], { message: '请选择性别' }),
  idNumber: idNumberText.nullish(),
  phone: phoneField.nullish(),
  attended: z.boolean().default(true),
});
export type AddTrainee = z.input<typeof addTraineeSchema>;

export const traineeOutcomeSchema = z
  .strictObject({
    outcome: z.enum(TRAINEE_OUTCOMES, { message: '请选择跟踪结果' }),
    outcomeDate: businessDateSchema.nullish(),
    outcomeNote: optionalText('说明', 200),
  })
  .refine((v) => v.outcome === 'none' || !!v.outcomeDate, { path: ['outcomeDate'], message: '就业或创业须填写日期' });
export type TraineeOutcomeInput = z.input<typeof traineeOutcomeSchema>;

export const traineeSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  name: z.string(),
  gender: z.enum(['female', 'male']),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  personId: z.string().nullable(),
  attended: z.boolean(),
  outcome: z.enum(TRAINEE_OUTCOMES).nullable(),
  outcomeDate: z.string().nullable(),
  outcomeNote: z.string().nullable(),
});
export type Trainee = z.infer<typeof traineeSchema>;

export const courseSchema = courseListItemSchema.extend({
  description: z.string().nullable(),
  sessionList: z.array(sessionSchema),
  canEdit: z.boolean(),
  /** The ETag, sent back as If-Match on an edit of the course (412 when someone changed it meanwhile). */
  version: z.number().int(),
});
export type TrainingCourse = z.infer<typeof courseSchema>;

// ---------------------------------------------------------------- publicity

export const createPublicitySchema = z.strictObject({
  outlet: requiredText('媒体名称', 100),
  medium: z.enum(PUBLICITY_MEDIA, { message: '请选择媒体类型' }),
  level: z.enum(PUBLICITY_LEVELS, { message: '请选择媒体级别' }),
  title: requiredText('标题', 200),
  publishedOn: businessDateSchema,
  link: z
    .string()
    .trim()
    .max(500)
    .refine((s) => /^https?:\/\/\S+$/i.test(s), { message: '链接须以 http:// 或 https:// 开头' })
    .nullish()
    .or(z.literal('').transform(() => null)),
  ownerOrgId: idSchema,
  eventId: idSchema.nullish(),
});
export type CreatePublicity = z.input<typeof createPublicitySchema>;

export const publicityListQuerySchema = pageQuerySchema.extend({
  level: z.enum(PUBLICITY_LEVELS).optional(),
  medium: z.enum(PUBLICITY_MEDIA).optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
});
export type PublicityListQuery = z.infer<typeof publicityListQuerySchema>;

export const publicitySchema = z.object({
  id: z.string(),
  outlet: z.string(),
  medium: z.enum(PUBLICITY_MEDIA),
  level: z.enum(PUBLICITY_LEVELS),
  title: z.string(),
  publishedOn: z.string(),
  link: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  eventId: z.string().nullable(),
});
export type Publicity = z.infer<typeof publicitySchema>;
