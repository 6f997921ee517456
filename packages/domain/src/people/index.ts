// Schemas, literal unions and pure rules of the people module, shared by server and web.
import { z } from 'zod';
import { businessDateSchema } from '../common/dates.js';
import { idSchema } from '../common/ids.js';
import { checkResidentIdNumber, normalizeIdNumber } from '../common/id-number.js';
import { isValidPhone } from '../common/phone.js';
import { pageQuerySchema, requiredText } from '../common/schemas.js';

export const PERSON_GENDERS = ['female', 'male'] as const;
export type PersonGender = (typeof PERSON_GENDERS)[number];
export const PERSON_GENDER_LABELS: Record<PersonGender, string> = { female: '女', male: '男' };

/** The vulnerability tags a new install starts with; admins edit the list (people_tags table). */
export const DEFAULT_PERSON_TAGS = [
  '留守妇女',
  '残疾',
  '低保',
  '低保边缘',
  '特困',
  '单亲母亲',
  '困境儿童',
  '留守儿童',
  '孕产期',
  '重病',
] as const;

/** "13812345678", "+86 138-1234-5678" → "13812345678": one form for the blind index and masking. */
export function normalizePhone(raw: string): string {
  return raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
}

const idNumberField = z
  .string()
  .trim()
  .transform(normalizeIdNumber)
  .superRefine((v, ctx) => {
    const r = checkResidentIdNumber(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

const phoneField = z
  .string()
  .trim()
  .refine(isValidPhone, { message: '电话号码格式不正确（手机11位，或带区号的固定电话）' })
  .transform(normalizePhone);

export const householdInputSchema = z.strictObject({
  members: z
    .number({ message: '家庭人口须为数字' })
    .int({ message: '家庭人口须为整数' })
    .min(1, { message: '家庭人口至少1人' })
    .max(30, { message: '家庭人口不能超过30人' }),
  annualIncomeFen: z
    .number({ message: '家庭年收入须为数字' })
    .int({ message: '家庭年收入须为整数分' })
    .min(0, { message: '家庭年收入不能为负' })
    .max(1e12),
});
export type HouseholdInput = z.infer<typeof householdInputSchema>;

/** A person as staff register one (the owning unit is decided by the server from the caller's scope unless given). */
export const createPersonSchema = z.strictObject({
  name: requiredText('姓名', 50),
  gender: z.enum(PERSON_GENDERS, { message: '请选择性别' }),
  birthDate: businessDateSchema.nullish(),
  idNumber: idNumberField.nullish(),
  phone: phoneField.nullish(),
  address: z.string().trim().max(200, { message: '住址不能超过200个字符' }).nullish(),
  ethnicity: z.string().trim().max(20, { message: '民族不能超过20个字符' }).nullish(),
  residenceOrgId: idSchema,
  ownerOrgId: idSchema.optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
  household: householdInputSchema.nullish(),
});
export type CreatePerson = z.infer<typeof createPersonSchema>;

export const updatePersonSchema = z.strictObject({
  name: requiredText('姓名', 50).optional(),
  gender: z.enum(PERSON_GENDERS).optional(),
  birthDate: businessDateSchema.nullish(),
  idNumber: idNumberField.nullish(),
  phone: phoneField.nullish(),
  address: z.string().trim().max(200).nullish(),
  ethnicity: z.string().trim().max(20).nullish(),
  residenceOrgId: idSchema.optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
  household: householdInputSchema.nullish(),
});
export type UpdatePerson = z.infer<typeof updatePersonSchema>;

export const personSearchQuerySchema = pageQuerySchema.extend({
  /** Name (contains), a full ID number (exact, through the keyed hash) or a phone number (exact). */
  q: z.string().trim().max(50).optional(),
  residenceOrgId: idSchema.optional(),
  tag: z.string().trim().max(20).optional(),
});

/** What any list shows of a person: ID number and phone masked. */
export const personListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(PERSON_GENDERS),
  birthDate: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  residenceOrgId: z.string().nullable(),
  residenceName: z.string().nullable(),
  tags: z.array(z.string()),
  caseCount: z.number().int().optional(),
});
export type PersonListItem = z.infer<typeof personListItemSchema>;

export const householdSchema = z.object({
  id: z.string(),
  members: z.number().int(),
  annualIncomeFen: z.number().int(),
  /** 家庭年人均收入 = annual income ÷ members, in fen, rounded down. */
  incomePerHeadFen: z.number().int(),
});

export const personDetailSchema = personListItemSchema.extend({
  /** Moves on every change of the record: the ETag, sent back as If-Match when editing. */
  version: z.number().int(),
  ethnicity: z.string().nullable(),
  addressMasked: z.string().nullable(),
  ownerOrgId: z.string(),
  ownerName: z.string().nullable(),
  household: householdSchema.nullable(),
  mergedIntoId: z.string().nullable(),
  createdAt: z.string(),
  /** What the caller may do (the web app shows buttons from this, never decides). */
  can: z.object({ edit: z.boolean(), reveal: z.boolean(), merge: z.boolean() }),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const personRevealSchema = z.object({
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type PersonReveal = z.infer<typeof personRevealSchema>;

export const mergePersonsSchema = z.strictObject({
  /** The duplicate, folded into the person in the path; its references move to the survivor. */
  duplicateId: idSchema,
  reason: requiredText('合并原因', 200),
});

export const personTagsSchema = z.strictObject({
  tags: z.array(z.string().trim().min(1, { message: '标签不能为空' }).max(20, { message: '标签不能超过20个字符' })).max(50),
});

/** Income per head in fen (rounded down), the figure relief eligibility rules compare with a threshold. */
export function incomePerHeadFen(annualIncomeFen: number, members: number): number {
  return members > 0 ? Math.floor(annualIncomeFen / members) : annualIncomeFen;
}
