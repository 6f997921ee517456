// Schemas, literal unions and pure rules of the reports module, shared by server and web:
// fact references and placeholders, how a figure is written in running text, the template and
// summary document shapes.
import { z } from 'zod';
import { formatFen, formatYuanWhole } from '../common/money.js';
import { requiredText } from '../common/schemas.js';

export const FACT_KINDS = ['count', 'money', 'rate', 'breakdown'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** What a placeholder whose fact is not registered says: never a number. */
export const REPORT_MISSING_TEXT = '（该项数据尚未在系统中登记）';
/** What a placeholder says when the person generating may not read the fact. */
export const REPORT_FORBIDDEN_TEXT = '（无权查看该项数据）';
/** What a placeholder says when the fact failed to compute (a module's error is logged, not shown). */
export const REPORT_ERROR_TEXT = '（该项数据暂时无法计算）';

// ─── Fact references: "cases.received.byChannel?channel=visit" ───────────────────────────────

export type FactRef = { name: string; params: Record<string, string> };

const FACT_NAME = /^[a-z][a-zA-Z0-9_]*(\.[a-zA-Z0-9_]+)+$/;
/**
 * Variables a template may use besides facts: they have no dot in their name. `area` is how the unit names its own
 * area (全{area}: 全区, 全市, 全镇 …) and `leaders` the Party committee and government it works under (在{leaders}的领导下).
 */
export const REPORT_VARIABLES = ['year', 'prevYear', 'nextYear', 'org', 'area', 'leaders'] as const;
export type ReportVariable = (typeof REPORT_VARIABLES)[number];

/** The words for a unit's own area and leadership, by its level (and, for a district or township, its name: 县, 乡). */
export function areaWords(level: string | null, name: string): { area: string; leaders: string } {
  switch (level) {
    case 'PROVINCE':
      return { area: '省', leaders: '省委、省政府' };
    case 'CITY':
      return { area: '市', leaders: '市委、市政府' };
    case 'TOWNSHIP':
      return name.includes('乡') && !name.includes('镇')
        ? { area: '乡', leaders: '乡党委、乡政府' }
        : { area: '镇', leaders: '镇党委、镇政府' };
    case 'SUBDISTRICT':
      return { area: '街道', leaders: '街道党工委、街道办事处' };
    case 'VILLAGE':
      return { area: '村', leaders: '村党组织、村民委员会' };
    case 'COMMUNITY':
      return { area: '社区', leaders: '社区党组织、社区居民委员会' };
    default:
      return name.includes('县') ? { area: '县', leaders: '县委、县政府' } : { area: '区', leaders: '区委、区政府' };
  }
}

export function isFactName(name: string): boolean {
  return FACT_NAME.test(name);
}

/** "name?k=v&k2=v2" → { name, params }; null when it is not a well-formed reference. */
export function parseFactRef(ref: string): FactRef | null {
  const [name, query = ''] = ref.trim().split('?', 2);
  if (!isFactName(name)) return null;
  const params: Record<string, string> = {};
  if (query) {
    for (const pair of query.split('&')) {
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq <= 0) return null;
      const key = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(key) || !value) return null;
      params[key] = value;
    }
  }
  return { name, params };
}

/** The canonical text of a reference (parameters sorted), used as the key of a figure. */
export function factRefKey(name: string, params: Record<string, string> = {}): string {
  const keys = Object.keys(params).sort();
  return keys.length ? `${name}?${keys.map((k) => `${k}=${params[k]}`).join('&')}` : name;
}

export type TemplateSegment =
  | { t: 'text'; text: string }
  | { t: 'fact'; ref: FactRef; raw: string }
  | { t: 'var'; name: ReportVariable; raw: string };

const PLACEHOLDER = /\{([^{}\s]+)\}/g;

/**
 * Splits template text into literal text, fact placeholders and variables. Braces that do not hold a
 * well-formed reference stay literal text, so a typo shows up in the document rather than vanishing.
 */
export function parseTemplateText(text: string): TemplateSegment[] {
  const out: TemplateSegment[] = [];
  let last = 0;
  const pushText = (s: string) => {
    if (!s) return;
    const prev = out[out.length - 1];
    if (prev?.t === 'text') prev.text += s;
    else out.push({ t: 'text', text: s });
  };
  for (const m of text.matchAll(PLACEHOLDER)) {
    const inner = m[1];
    pushText(text.slice(last, m.index));
    last = m.index! + m[0].length;
    if ((REPORT_VARIABLES as readonly string[]).includes(inner)) {
      out.push({ t: 'var', name: inner as ReportVariable, raw: m[0] });
      continue;
    }
    const ref = parseFactRef(inner);
    if (ref) out.push({ t: 'fact', ref, raw: m[0] });
    else pushText(m[0]);
  }
  pushText(text.slice(last));
  return out;
}

// ─── How a figure is written ──────────────────────────────────────────────────────────────────

/**
 * A fact's value as running text: counts as integers ("78"), money fen as yuan with the unit
 * ("14000元" for whole yuan, "1,234.50元" otherwise), rates to two decimals ("35.42%", a whole rate "100%"), and a rate
 * with nothing to divide by as "—" (never 0% or NaN).
 */
export function formatFactValue(kind: FactKind, value: number | null | undefined): string {
  if (value == null || Number.isNaN(value)) return '—';
  switch (kind) {
    case 'money':
      return `${value % 100 === 0 ? formatYuanWhole(value) : formatFen(value)}元`;
    case 'rate':
      // Two decimals as in "35.42%"; a whole rate reads as the reference writes it ("办结率100%").
      return Number.isInteger(value) ? `${value}%` : `${value.toFixed(2)}%`;
    case 'count':
    case 'breakdown':
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}

/** The unit a formatted value already carries (so "{funds.x}元" in a template does not print "元元"). */
export function unitCarriedByText(kind: FactKind): string | null {
  return kind === 'money' ? '元' : kind === 'rate' ? '%' : null;
}

// ─── API: facts ───────────────────────────────────────────────────────────────────────────────

export const reportYearSchema = z.coerce
  .number({ message: '年份须为数字' })
  .int({ message: '年份须为整数' })
  .min(2000, { message: '年份不能早于2000年' })
  .max(2100, { message: '年份不能晚于2100年' });
export const reportOrgSchema = z.string().trim().min(1, { message: '单位不能为空' }).max(64, { message: '单位代码过长' });

export const factsQuerySchema = z.object({
  year: reportYearSchema,
  org: reportOrgSchema.optional(),
  /** Only these facts ("name?k=v"), repeated; default every fact without parameters. */
  f: z.union([z.string(), z.array(z.string())]).optional(),
});

export const factValueOutSchema = z.object({
  name: z.string(),
  ref: z.string(),
  params: z.record(z.string(), z.string()),
  module: z.string(),
  label: z.object({ zh: z.string(), en: z.string() }),
  unit: z.string(),
  kind: z.enum(FACT_KINDS),
  definition: z.string(),
  permission: z.string(),
  status: z.enum(['ok', 'forbidden', 'missing', 'error']),
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  breakdown: z.array(z.object({ key: z.string(), label: z.string(), value: z.number() })).optional(),
  /** The parameter that picks one part of a breakdown (its key as the value): a part's records are the fact's with it. */
  partParam: z.string().optional(),
  text: z.string(),
});
export type FactValueOut = z.infer<typeof factValueOutSchema>;

export const reportOrgOutSchema = z.object({ id: z.string(), name: z.string(), code: z.string().nullable(), kind: z.string() });
export type ReportOrgOut = z.infer<typeof reportOrgOutSchema>;

export const factsOutSchema = z.object({ year: z.number(), org: reportOrgOutSchema, facts: z.array(factValueOutSchema) });
export type FactsOut = z.infer<typeof factsOutSchema>;

export const factRecordsOutSchema = z.object({
  fact: factValueOutSchema,
  org: reportOrgOutSchema,
  year: z.number(),
  month: z.number().nullable(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type FactRecordsOut = z.infer<typeof factRecordsOutSchema>;

// ─── API: dashboard ───────────────────────────────────────────────────────────────────────────

export const dashboardQuerySchema = z.object({
  year: reportYearSchema,
  org: reportOrgSchema.optional(),
  /** The figure whose trend and breakdown are shown ("name?k=v"). */
  fact: z.string().trim().max(200).optional(),
});

const headlineSchema = factValueOutSchema.extend({
  previous: z.number().nullable(),
  previousText: z.string(),
  change: z.number().nullable(),
});
export type DashboardHeadline = z.infer<typeof headlineSchema>;

export const dashboardOutSchema = z.object({
  year: z.number(),
  org: reportOrgOutSchema,
  headlines: z.array(headlineSchema),
  focus: z
    .object({
      fact: factValueOutSchema,
      months: z.array(z.object({ month: z.number(), value: z.number().nullable(), previous: z.number().nullable() })),
      /** By township/street; first, when the figure adds up, the unit's own (本级) records with own: true. */
      units: z.array(z.object({ org: reportOrgOutSchema, value: z.number().nullable(), text: z.string(), own: z.boolean().optional() })),
    })
    .nullable(),
});
export type DashboardOut = z.infer<typeof dashboardOutSchema>;

// ─── Templates ────────────────────────────────────────────────────────────────────────────────

const text = (label: string, max = 4000) => z.string({ message: `${label}须为文本` }).max(max, { message: `${label}不能超过${max}个字符` });

export const templateBlockSchema = z.discriminatedUnion('type', [
  /** Prose without figures. */
  z.strictObject({ type: z.literal('narrative'), text: text('段落') }),
  /** Prose with {fact} placeholders. */
  z.strictObject({ type: z.literal('paragraph'), text: text('段落') }),
  /** A judgement part (experience, problems, plans): starts as an editable prompt with the figures that bear on it. */
  z.strictObject({ type: z.literal('prompt'), text: text('提示段落') }),
  z.strictObject({
    type: z.literal('table'),
    caption: text('表格标题', 200),
    rows: z.array(z.strictObject({ label: requiredText('行名称', 100), value: text('数值', 300) })).max(100, { message: '表格最多100行' }),
  }),
  z.strictObject({
    type: z.literal('chart'),
    caption: text('图表标题', 200),
    fact: text('数据项', 200),
    chart: z.enum(['bar', 'pie'], { message: '图表类型不正确' }),
  }),
]);
export type TemplateBlock = z.infer<typeof templateBlockSchema>;
export type TemplateBlockType = TemplateBlock['type'];

export type TemplateSection = { heading: string; source?: 'modules'; blocks: TemplateBlock[]; sections?: TemplateSection[] };

const templateSubSectionSchema = z.strictObject({
  heading: requiredText('小节标题', 200),
  blocks: z.array(templateBlockSchema).max(100, { message: '每节最多100个段落' }),
});
export const templateSectionSchema = z.strictObject({
  heading: requiredText('章节标题', 200),
  /** "modules": the sub-sections are the modules' own summary blocks, taken at generation time. */
  source: z.literal('modules').optional(),
  blocks: z.array(templateBlockSchema).max(100, { message: '每节最多100个段落' }),
  sections: z.array(templateSubSectionSchema).max(50, { message: '每章最多50个小节' }).optional(),
});

export const templateBodySchema = z.strictObject({
  title: requiredText('标题', 200),
  preamble: z.array(templateBlockSchema).max(50),
  sections: z.array(templateSectionSchema).min(1, { message: '至少需要一个章节' }).max(20, { message: '最多20个章节' }),
});
export type TemplateBody = z.infer<typeof templateBodySchema>;

export const createTemplateSchema = z.strictObject({
  name: requiredText('模板名称', 100),
  /** Start from the built-in template (its module blocks copied in) when body is omitted. */
  body: templateBodySchema.optional(),
});
export const updateTemplateSchema = z.strictObject({ name: requiredText('模板名称', 100).optional(), body: templateBodySchema.optional() });

export const templateOutSchema = z.object({
  id: z.string(),
  name: z.string(),
  builtin: z.boolean(),
  orgUnitId: z.string().nullable(),
  body: templateBodySchema,
  updatedAt: z.string().nullable(),
  /** The ETag, sent back as If-Match on an edit (412 when someone changed the template meanwhile); 0 for the built-in one. */
  version: z.number().int(),
});
export type TemplateOut = z.infer<typeof templateOutSchema>;

/** The id the built-in template answers to (it is assembled from the modules, never stored). */
export const BUILTIN_TEMPLATE_ID = 'builtin';

// ─── Summary documents ───────────────────────────────────────────────────────────────────────

export const SUMMARY_STATUSES = ['draft', 'edited', 'frozen'] as const;
export type SummaryStatus = (typeof SUMMARY_STATUSES)[number];
export const SUMMARY_STATUS_LABELS: Record<SummaryStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  edited: { zh: '已编辑', en: 'Edited' },
  frozen: { zh: '已定稿', en: 'Frozen' },
};

export const FIGURE_STATUSES = ['ok', 'missing', 'forbidden', 'error'] as const;
export const summaryFigureSchema = z.object({
  fact: z.string(),
  params: z.record(z.string(), z.string()),
  status: z.enum(FIGURE_STATUSES),
  kind: z.enum(FACT_KINDS).nullable(),
  label: z.string().nullable(),
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  text: z.string(),
});
export type SummaryFigure = z.infer<typeof summaryFigureSchema>;

export const summarySegmentSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('text'), text: z.string().max(20000) }),
  z.object({ t: z.literal('fig'), figure: summaryFigureSchema }),
]);
export type SummarySegment = z.infer<typeof summarySegmentSchema>;

export const summaryBlockSchema = z.discriminatedUnion('type', [
  z.object({ id: z.string(), type: z.literal('paragraph'), role: z.enum(['body', 'prompt']), segments: z.array(summarySegmentSchema) }),
  z.object({
    id: z.string(),
    type: z.literal('table'),
    caption: z.string(),
    rows: z.array(z.object({ label: z.string(), segments: z.array(summarySegmentSchema) })),
  }),
  z.object({
    id: z.string(),
    type: z.literal('chart'),
    caption: z.string(),
    chart: z.enum(['bar', 'pie']),
    figure: summaryFigureSchema,
    breakdown: z.array(z.object({ key: z.string(), label: z.string(), value: z.number() })),
  }),
]);
export type SummaryBlock = z.infer<typeof summaryBlockSchema>;

export type SummarySection = { id: string; level: 1 | 2; heading: string; blocks: SummaryBlock[]; sections: SummarySection[] };
const summarySubSectionSchema = z.object({
  id: z.string(),
  level: z.literal(2),
  heading: z.string(),
  blocks: z.array(summaryBlockSchema),
  sections: z.array(z.never()),
});
export const summarySectionSchema = z.object({
  id: z.string(),
  level: z.literal(1),
  heading: z.string(),
  blocks: z.array(summaryBlockSchema),
  sections: z.array(summarySubSectionSchema),
});

export const summaryContentSchema = z.object({
  title: z.string(),
  preamble: z.array(summaryBlockSchema),
  sections: z.array(summarySectionSchema),
  signature: z.object({ organ: z.string(), date: z.string() }),
});
export type SummaryContent = z.infer<typeof summaryContentSchema>;

export const summaryOutSchema = z.object({
  id: z.string(),
  year: z.number(),
  org: reportOrgOutSchema,
  status: z.enum(SUMMARY_STATUSES),
  templateId: z.string(),
  version: z.number(),
  content: summaryContentSchema,
  generatedAt: z.string(),
  frozenAt: z.string().nullable(),
  updatedAt: z.string(),
  /** What the caller may do with it (the page shows or hides buttons; the server decides). */
  can: z.object({ write: z.boolean() }),
});
export type SummaryOut = z.infer<typeof summaryOutSchema>;

export const summaryListItemSchema = summaryOutSchema.omit({ content: true, can: true });
export type SummaryListItem = z.infer<typeof summaryListItemSchema>;

export const generateSummarySchema = z.strictObject({
  year: reportYearSchema,
  org: reportOrgSchema.optional(),
  templateId: z.string().trim().max(64).optional(),
  /** Regenerating over edited text replaces it (the edited text stays in the versions). */
  overwrite: z.boolean().optional(),
});

/** One paragraph's new text: literal text and the figures it keeps (figures cannot be typed in). */
export const editParagraphSchema = z.strictObject({
  blockId: requiredText('段落', 64),
  segments: z
    .array(
      z.discriminatedUnion('t', [
        z.strictObject({ t: z.literal('text'), text: z.string().max(20000, { message: '段落过长' }) }),
        z.strictObject({ t: z.literal('fig'), index: z.number().int().min(0) }),
      ]),
    )
    .max(500, { message: '段落过长' }),
  /** The version being edited: a stale page is refused rather than overwriting someone's change. */
  version: z.number().int().min(1),
});
export type EditParagraph = z.infer<typeof editParagraphSchema>;

export const freezeSummarySchema = z.strictObject({ version: z.number().int().min(1) });

export const movedFigureSchema = z.object({
  blockId: z.string(),
  figure: summaryFigureSchema,
  currentValue: z.number().nullable(),
  currentText: z.string(),
  currentStatus: z.enum(FIGURE_STATUSES),
});
export type MovedFigure = z.infer<typeof movedFigureSchema>;

export const summaryVersionSchema = z.object({
  version: z.number(),
  status: z.enum(SUMMARY_STATUSES),
  action: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type SummaryVersion = z.infer<typeof summaryVersionSchema>;

export const EXPORT_FORMATS = ['docx', 'md', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Chinese ordinal for headings: 1 → 一, 12 → 十二. */
export function chineseOrdinal(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  return String(n);
}

/** The figures of a paragraph (or table row) as plain text, the way the document prints it. */
export function segmentsText(segments: SummarySegment[]): string {
  let out = '';
  for (const s of segments) {
    if (s.t === 'text') {
      out += s.text;
      continue;
    }
    out += s.figure.text;
  }
  return out;
}

/** Every figure in a summary, with the block it sits in (for the moved-figure notice). */
export function figuresOf(content: SummaryContent): { blockId: string; figure: SummaryFigure }[] {
  const out: { blockId: string; figure: SummaryFigure }[] = [];
  const visit = (blocks: SummaryBlock[]) => {
    for (const b of blocks) {
      if (b.type === 'paragraph') for (const s of b.segments) s.t === 'fig' && out.push({ blockId: b.id, figure: s.figure });
      if (b.type === 'table')
        for (const r of b.rows) for (const s of r.segments) s.t === 'fig' && out.push({ blockId: b.id, figure: s.figure });
      if (b.type === 'chart') out.push({ blockId: b.id, figure: b.figure });
    }
  };
  visit(content.preamble);
  for (const s of content.sections) {
    visit(s.blocks);
    for (const sub of s.sections) visit(sub.blocks);
  }
  return out;
}

/** What the opening paragraphs (before 一、) are called when the page or a refusal names where they are. */
export const SUMMARY_PREAMBLE_LABEL = '开头导语';

/** Every paragraph of a summary with the heading of the section it stands in (the preamble under its own label). */
function paragraphsWithSection(content: SummaryContent): { section: string; block: Extract<SummaryBlock, { type: 'paragraph' }> }[] {
  const out: { section: string; block: Extract<SummaryBlock, { type: 'paragraph' }> }[] = [];
  const visit = (section: string, blocks: SummaryBlock[]) => {
    for (const b of blocks) if (b.type === 'paragraph') out.push({ section, block: b });
  };
  visit(SUMMARY_PREAMBLE_LABEL, content.preamble);
  for (const s of content.sections) {
    visit(s.heading, s.blocks);
    for (const sub of s.sections) visit(sub.heading, sub.blocks);
  }
  return out;
}

export type SummaryPlaceholder = { blockId: string; section: string; text: string };

/**
 * The 待撰写 prompts still in a summary: instructions to the writer ("（请概述全年工作的总体情况…）") that must be
 * replaced by the writer's own words before the summary is frozen, or they go into the 公文 as body text.
 */
export function summaryPlaceholders(content: SummaryContent): SummaryPlaceholder[] {
  return paragraphsWithSection(content)
    .filter((p) => p.block.role === 'prompt')
    .map((p) => ({ blockId: p.block.id, section: p.section, text: segmentsText(p.block.segments) }));
}

export type ZeroSentence = { blockId: string; section: string; text: string };

// A sentence ends at 。；！？ (the full-width stops a 公文 uses); a figure never ends one.
const SENTENCE_END = /[。；！？]/;

/**
 * The sentences of a summary's paragraphs whose figures are all zero ("确定救助对象0名，发放救助金0元。"): a line of work
 * with no records this year reads as if nothing was done, so the page flags each one for the writer to reword or delete.
 * A sentence with no figure, or with any figure not stated (missing, forbidden) or not zero, is not flagged.
 */
export function zeroFigureSentences(content: SummaryContent): ZeroSentence[] {
  const out: ZeroSentence[] = [];
  for (const { section, block } of paragraphsWithSection(content)) {
    if (block.role === 'prompt') continue;
    let text = '';
    let figures: SummaryFigure[] = [];
    const close = () => {
      if (figures.length > 0 && figures.every((f) => f.status === 'ok' && f.value === 0))
        out.push({ blockId: block.id, section, text: text.trim() });
      text = '';
      figures = [];
    };
    for (const s of block.segments) {
      if (s.t === 'fig') {
        text += s.figure.text;
        figures.push(s.figure);
        continue;
      }
      let rest = s.text;
      for (let m = SENTENCE_END.exec(rest); m; m = SENTENCE_END.exec(rest)) {
        text += rest.slice(0, m.index + 1);
        close();
        rest = rest.slice(m.index + 1);
      }
      text += rest;
    }
    close();
  }
  return out;
}
