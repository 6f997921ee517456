// Schemas, literal unions and pure rules of the parentschools module (家长学校 and 教材征订), shared by server and web.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字符` })
    .nullish();
const yearSchema = z.coerce
  .number({ message: '年度须为数字' })
  .int({ message: '年度须为整数' })
  .min(2000, { message: '年度不能早于2000年' })
  .max(2100, { message: '年度不能晚于2100年' });
const fen = (label: string) =>
  z
    .number({ message: `${label}须为数字（分）` })
    .int({ message: `${label}必须是整数分` })
    .min(0, { message: `${label}不能为负` })
    .max(1e11, { message: `${label}过大` });

// ─── sites ─────────────────────────────────────────────────────────────────────────────────────

/** Where a parent school is held: a school or kindergarten, a community or a village (Family Education Promotion Law art. 6). */
export const SITE_KINDS = ['school', 'kindergarten', 'community', 'village', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  school: '中小学',
  kindergarten: '幼儿园',
  community: '社区',
  village: '村',
  other: '其他',
};

export const createSiteSchema = z
  .strictObject({
    /** The federation unit that runs the site (a township or street federation, or the district). */
    ownerOrgId: idSchema,
    name: requiredText('家长学校名称', 100),
    kind: z.enum(SITE_KINDS, { message: '请选择办学类型' }),
    /** The host unit when it is on the org tree (a school, a community, a village) … */
    hostOrgId: idSchema.nullish(),
    /** … or its name when it is not. */
    hostName: optionalText('举办单位', 100),
    establishedOn: businessDateSchema,
    principal: optionalText('负责人', 50),
    note: optionalText('备注', 500),
  })
  .refine((v) => !!v.hostOrgId || !!v.hostName, { path: ['hostName'], message: '请选择或填写举办单位' });
export type CreateSite = z.input<typeof createSiteSchema>;

export const updateSiteSchema = z
  .strictObject({
    name: requiredText('家长学校名称', 100).optional(),
    kind: z.enum(SITE_KINDS, { message: '请选择办学类型' }).optional(),
    hostName: optionalText('举办单位', 100),
    principal: optionalText('负责人', 50),
    note: optionalText('备注', 500),
    /** A site that stops is closed on a date (it no longer counts from the next day); null reopens it. */
    closedOn: businessDateSchema.nullish(),
  })
  .refine((v) => Object.keys(v).length > 0, { path: ['(root)'], message: '没有要修改的内容' });
export type UpdateSite = z.input<typeof updateSiteSchema>;

export const siteListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(SITE_KINDS).optional(),
  /** open: not closed today; closed: closed. */
  status: z.enum(['open', 'closed']).optional(),
  /** The year whose classes and attendance the list shows beside each site. */
  year: yearSchema.optional(),
});
export type SiteListQuery = z.infer<typeof siteListQuerySchema>;

export const siteSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  name: z.string(),
  kind: z.enum(SITE_KINDS),
  hostOrgId: z.string().nullable(),
  hostName: z.string().nullable(),
  establishedOn: z.string(),
  closedOn: z.string().nullable(),
  principal: z.string().nullable(),
  note: z.string().nullable(),
  /** Classes held and parents attending in the year asked for (the list's `year`, default this year). */
  classes: z.number().int(),
  attendance: z.number().int(),
});
export type ParentSchoolSite = z.infer<typeof siteSchema>;

/** Is a site open on a date: established on or before it, not closed on or before it. */
export function siteOpenOn(site: { establishedOn: string; closedOn: string | null }, date: string): boolean {
  return site.establishedOn <= date && (site.closedOn === null || site.closedOn > date);
}

// ─── teachers ──────────────────────────────────────────────────────────────────────────────────

export const createTeacherSchema = z.strictObject({
  ownerOrgId: idSchema,
  name: requiredText('姓名', 50),
  /** 家庭教育讲师, 心理咨询师, 班主任 … */
  title: optionalText('身份或职称', 50),
  unitName: optionalText('工作单位', 100),
  phone: z.string().trim().max(20).nullish(),
  /** The site the teacher mainly serves; empty for the district's pool of lecturers. */
  siteId: idSchema.nullish(),
  note: optionalText('备注', 500),
});
export type CreateTeacher = z.input<typeof createTeacherSchema>;

export const teacherSchema = z.object({
  id: z.string(),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  unitName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  note: z.string().nullable(),
  classes: z.number().int(),
});
export type ParentSchoolTeacher = z.infer<typeof teacherSchema>;

// ─── classes ───────────────────────────────────────────────────────────────────────────────────

/** A class is recorded here, or is a family-education training session of the activities module held at the site. */
export const CLASS_SOURCES = ['own', 'training'] as const;
export type ClassSource = (typeof CLASS_SOURCES)[number];
export const CLASS_SOURCE_LABELS: Record<ClassSource, string> = { own: '家长学校授课', training: '家庭教育培训班' };

export const createClassSchema = z
  .strictObject({
    siteId: idSchema,
    heldOn: businessDateSchema,
    topic: requiredText('授课主题', 100),
    teacherId: idSchema.nullish(),
    teacherName: optionalText('授课人', 50),
    hours: z
      .number({ message: '课时须为数字' })
      .min(0.5, { message: '课时至少0.5' })
      .max(24, { message: '课时不能超过24' })
      .multipleOf(0.5, { message: '课时以0.5为单位' }),
    /** Parents (and other carers) present: counted as 人次 in the figures. */
    attendance: z
      .number({ message: '到课家长人数须为数字' })
      .int({ message: '到课家长人数须为整数' })
      .min(0, { message: '到课家长人数不能为负' })
      .max(100000, { message: '到课家长人数过大' }),
    note: optionalText('备注', 500),
  })
  .refine((v) => !!v.teacherId || !!v.teacherName, { path: ['teacherName'], message: '请选择或填写授课人' });
export type CreateClass = z.input<typeof createClassSchema>;

/**
 * A family-education training session (activities module) held at a site becomes one of the site's classes:
 * its date, topic, teacher and attendance stay in the activities record and are read from there, so the
 * parents it trained are counted once (the summary's 家庭教育培训班 figures and the parent schools' agree).
 */
export const linkTrainingSessionSchema = z.strictObject({
  siteId: idSchema,
  trainingSessionId: idSchema,
});

export const classListQuerySchema = pageQuerySchema.extend({
  siteId: idSchema.optional(),
  year: yearSchema.optional(),
});
export type ClassListQuery = z.infer<typeof classListQuerySchema>;

export const classSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  ownerOrgName: z.string(),
  source: z.enum(CLASS_SOURCES),
  heldOn: z.string(),
  topic: z.string(),
  teacherName: z.string().nullable(),
  hours: z.number(),
  attendance: z.number().int(),
  trainingSessionId: z.string().nullable(),
  courseTitle: z.string().nullable(),
  note: z.string().nullable(),
});
export type ParentSchoolClass = z.infer<typeof classSchema>;

/** A family-education session of the activities module that may be linked to a site (not linked yet). */
export const linkableSessionSchema = z.object({
  id: z.string(),
  courseTitle: z.string(),
  topic: z.string(),
  sessionDate: z.string(),
  venue: z.string().nullable(),
  attendeeCount: z.number().int(),
});
export type LinkableSession = z.infer<typeof linkableSessionSchema>;

// ─── textbooks and the yearly order (教材征订) ──────────────────────────────────────────────────

export const createTextbookSchema = z.strictObject({
  title: requiredText('教材名称', 100),
  publisher: optionalText('出版社', 100),
  /** 小学低年级, 初中 … */
  gradeBand: optionalText('适用学段', 50),
  unitPriceFen: fen('单价').refine((v) => v > 0, { message: '单价须大于0' }),
  note: optionalText('备注', 500),
});
export type CreateTextbook = z.input<typeof createTextbookSchema>;

export const textbookSchema = z.object({
  id: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  gradeBand: z.string().nullable(),
  unitPriceFen: z.number().int(),
  note: z.string().nullable(),
});
export type Textbook = z.infer<typeof textbookSchema>;

export const ORDER_STATUSES = ['ordered', 'partly_delivered', 'delivered'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = { ordered: '已征订', partly_delivered: '部分到货', delivered: '已到货' };

export const createOrderSchema = z.strictObject({
  year: yearSchema,
  siteId: idSchema,
  textbookId: idSchema,
  quantity: z
    .number({ message: '征订册数须为数字' })
    .int({ message: '征订册数须为整数' })
    .min(1, { message: '征订册数至少1册' })
    .max(1_000_000, { message: '征订册数过大' }),
  orderedOn: businessDateSchema,
  /** Money collected from parents and paid to the supplier so far (fen); the order's amount is quantity × price. */
  collectedFen: fen('已收金额').default(0),
  paidFen: fen('已付金额').default(0),
  note: optionalText('备注', 500),
});
export type CreateOrder = z.input<typeof createOrderSchema>;

export const updateOrderSchema = z
  .strictObject({
    quantity: z
      .number({ message: '征订册数须为数字' })
      .int({ message: '征订册数须为整数' })
      .min(1, { message: '征订册数至少1册' })
      .max(1_000_000, { message: '征订册数过大' })
      .optional(),
    collectedFen: fen('已收金额').optional(),
    paidFen: fen('已付金额').optional(),
    deliveredQty: z
      .number({ message: '到货册数须为数字' })
      .int({ message: '到货册数须为整数' })
      .min(0, { message: '到货册数不能为负' })
      .optional(),
    deliveredOn: businessDateSchema.nullish(),
    note: optionalText('备注', 500),
  })
  .refine((v) => Object.keys(v).length > 0, { path: ['(root)'], message: '没有要修改的内容' });
export type UpdateOrder = z.input<typeof updateOrderSchema>;

export const orderListQuerySchema = pageQuerySchema.extend({
  year: yearSchema.optional(),
  siteId: idSchema.optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

export const orderSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  siteId: z.string(),
  siteName: z.string(),
  ownerOrgName: z.string(),
  textbookId: z.string(),
  title: z.string(),
  unitPriceFen: z.number().int(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  collectedFen: z.number().int(),
  paidFen: z.number().int(),
  outstandingFen: z.number().int(),
  orderedOn: z.string(),
  deliveredQty: z.number().int(),
  deliveredOn: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  note: z.string().nullable(),
});
export type TextbookOrder = z.infer<typeof orderSchema>;

export const orderTotalsSchema = z.object({
  year: z.number().int(),
  orders: z.number().int(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  collectedFen: z.number().int(),
  paidFen: z.number().int(),
  deliveredQty: z.number().int(),
  /** Collected ÷ due in percent (2 decimals); null when nothing is due. */
  collectionRate: z.number().nullable(),
});
export type OrderTotals = z.infer<typeof orderTotalsSchema>;

/** What an order line costs: quantity × the unit price fixed when it was ordered. */
export function orderAmountFen(quantity: number, unitPriceFen: number): number {
  return quantity * unitPriceFen;
}

/** An order is delivered when every copy has arrived, partly delivered when some have. */
export function orderStatus(quantity: number, deliveredQty: number): OrderStatus {
  return deliveredQty <= 0 ? 'ordered' : deliveredQty >= quantity ? 'delivered' : 'partly_delivered';
}

/**
 * The money and delivery rules of an order line, as field problems: what is collected from parents or paid to
 * the supplier cannot exceed what the order costs, and no more copies arrive than were ordered.
 */
export function orderProblems(o: {
  quantity: number;
  unitPriceFen: number;
  collectedFen: number;
  paidFen: number;
  deliveredQty: number;
  deliveredOn: string | null;
  orderedOn: string;
}): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const amount = orderAmountFen(o.quantity, o.unitPriceFen);
  if (o.collectedFen > amount) out.push({ path: 'collectedFen', message: '已收金额不能超过应收金额（册数×单价）' });
  if (o.paidFen > amount) out.push({ path: 'paidFen', message: '已付金额不能超过订购金额（册数×单价）' });
  if (o.deliveredQty > o.quantity) out.push({ path: 'deliveredQty', message: '到货册数不能超过征订册数' });
  if (o.deliveredQty > 0 && !o.deliveredOn) out.push({ path: 'deliveredOn', message: '请填写到货日期' });
  if (o.deliveredOn && o.deliveredOn < o.orderedOn) out.push({ path: 'deliveredOn', message: '到货日期不能早于征订日期' });
  return out;
}
