import {
  areaWords,
  chineseOrdinal,
  factRefKey,
  formatChineseDate,
  formatFactValue,
  parseFactRef,
  parseTemplateText,
  REPORT_MISSING_TEXT,
  unitCarriedByText,
  type FactRef,
  type ReportVariable,
  type SummaryBlock,
  type SummaryContent,
  type SummaryFigure,
  type SummarySection,
  type SummarySegment,
  type TemplateBlock,
  type TemplateBody,
  type TemplateSection,
} from '@jinguo/domain';
import type { SummaryBlockDef } from '../../platform/facts.js';
import type { FactOutcome } from './facts.engine.js';

/**
 * From a template and the facts to a summary document. Pure: the caller computes the figures (so the same
 * code serves the web, the CLI and the tests) and passes them in by reference key.
 */

/** The lines of work whose modules give sub-sections to 一、主要工作; used to say plainly which have not landed. */
export const LINES_OF_WORK: Record<string, string> = {
  cases: '信访维权工作',
  relief: '贫困母亲救助工作',
  sponsorship: '春蕾计划结对助学',
  funds: '救助资金和物资筹集发放',
  activities: '宣传教育和主题活动',
  honours: '巾帼建功和家庭文明创建',
  cadres: '女干部培养和推优工作',
  associations: '协会和联谊工作',
};

/** The sub-section a line of work gets while its module records nothing yet. */
export const PENDING_TEXT = '该项工作的数据尚未在系统中登记，本节待相关记录录入后自动生成。';

/**
 * The built-in template in the reference summary's structure: 一、主要工作 (one sub-section per line of work,
 * taken from the modules), 二、基本经验, 三、存在问题及原因, 四、下一步工作思路和打算. The judgement parts start
 * as prompts listing the figures that bear on them; staff replace them with their own words.
 */
export function builtinTemplate(): TemplateBody {
  return {
    title: '{org}{year}年工作总结',
    preamble: [
      {
        type: 'prompt',
        text: '{year}年，在{leaders}的领导和上级妇联的指导下，{org}团结带领全{area}各级妇联组织和广大妇女，围绕中心、服务大局，全{area}妇女儿童事业取得了新的进展。（请概述全年工作的总体情况。本单位共有{org.townships}个乡镇、{org.streets}条街道、{org.departments}个区级部门。）',
      },
    ],
    sections: [
      { heading: '{year}年的主要工作', source: 'modules', blocks: [] },
      {
        heading: '基本经验',
        blocks: [
          {
            type: 'prompt',
            text: '（请结合全年工作总结基本经验。可参考的数据：全年接待群众来信来访{cases.received}件，办结率{cases.closureRate}；在维权合议庭立案{cases.tribunalFilings}件；资助春蕾学生{sponsorship.students}名；由妇联组织推优{cadres.recommendations}名。）',
          },
        ],
      },
      {
        heading: '存在问题及原因',
        blocks: [
          {
            type: 'prompt',
            text: '（请分析存在的问题及原因。可参考的数据：全年筹集救助资金{funds.raised.cash}、物资折价{funds.raised.goods}，发放资金{funds.paid.cash}、物资{funds.paid.goods}；上报救助对象{relief.reported}名；上挂下派干部{cadres.rotation.total}名，其中女干部{cadres.rotation.women}名，占{cadres.rotation.womenShare}。）',
          },
        ],
      },
      {
        heading: '下一步工作思路和打算',
        blocks: [{ type: 'prompt', text: '（请提出{nextYear}年的工作思路和打算，与上述主要工作和存在问题相对应。）' }],
      },
    ],
  };
}

/**
 * Replaces a "modules" section's sub-sections with the modules' blocks (ordered), and a plain note for each line of
 * work not landed yet. Blocks with the same heading are one sub-section: a module whose work the reference states in
 * another module's paragraph (the 职介所 beside the skills training) joins it, after it, where the first block stands.
 */
export function expandTemplate(body: TemplateBody, blocks: SummaryBlockDef[], pendingModules: string[]): TemplateBody {
  const fromModules: TemplateSection[] = [];
  const byHeading = new Map<string, TemplateSection>();
  for (const b of [...blocks].sort((x, y) => x.order - y.order || x.module.localeCompare(y.module))) {
    const paragraphs = b.paragraphs.map((text) => ({ type: 'paragraph' as const, text }));
    const section = byHeading.get(b.heading);
    if (section) section.blocks.push(...paragraphs);
    else {
      const added = { heading: b.heading, blocks: paragraphs };
      byHeading.set(b.heading, added);
      fromModules.push(added);
    }
  }
  const pending: TemplateSection[] = pendingModules
    .filter((m) => LINES_OF_WORK[m])
    .map((m) => ({ heading: LINES_OF_WORK[m], blocks: [{ type: 'narrative' as const, text: PENDING_TEXT }] }));
  return {
    ...body,
    sections: body.sections.map((s) =>
      s.source === 'modules' ? { heading: s.heading, blocks: s.blocks, sections: [...(s.sections ?? []), ...fromModules, ...pending] } : s,
    ),
  };
}

function blockRefs(b: TemplateBlock): FactRef[] {
  const refsOf = (text: string) => parseTemplateText(text).flatMap((s) => (s.t === 'fact' ? [s.ref] : []));
  switch (b.type) {
    case 'narrative':
    case 'paragraph':
    case 'prompt':
      return refsOf(b.text);
    case 'table':
      return b.rows.flatMap((r) => refsOf(r.value));
    case 'chart': {
      const ref = parseFactRef(b.fact);
      return ref ? [ref] : [];
    }
  }
}

/** Every fact an (expanded) template asks for. */
export function templateRefs(body: TemplateBody): FactRef[] {
  const refs: FactRef[] = [...body.preamble.flatMap(blockRefs)];
  for (const s of body.sections) {
    refs.push(...s.blocks.flatMap(blockRefs));
    for (const sub of s.sections ?? []) refs.push(...sub.blocks.flatMap(blockRefs));
  }
  return refs;
}

export type RenderContext = {
  year: number;
  orgName: string;
  /** The unit's level (PROVINCE … COMMUNITY): the summary's words for its own area follow it (全区, 全市, 全镇 …). */
  orgLevel: string | null;
  /** The date printed under the organ's name ("YYYY-MM-DD"). */
  date: string;
  figures: Map<string, FactOutcome>;
  newId: () => string;
};

export function figureOf(outcome: FactOutcome | undefined, ref: FactRef): SummaryFigure {
  if (!outcome)
    return { fact: ref.name, params: ref.params, status: 'missing', kind: null, label: null, value: null, text: REPORT_MISSING_TEXT };
  const o = outcome.out;
  return {
    fact: o.name,
    params: o.params,
    status: o.status,
    kind: outcome.def ? o.kind : null,
    label: outcome.def ? o.label.zh : null,
    value: o.value,
    ...(o.numerator !== undefined ? { numerator: o.numerator } : {}),
    ...(o.denominator !== undefined ? { denominator: o.denominator } : {}),
    text: o.text,
  };
}

// A measure word right after a figure that could not be stated would dangle ("来访（尚未登记）件"), and so would one
// after a figure with nothing to divide by ("机构平均—天"): it is dropped.
const DANGLING_UNIT = /^(余|多)?(万元|元|件|人次|人|名|个|次|场|所|期|册|项|户|家|条|%|岗|本|封|张|份|处|天)/;

/**
 * Joins a figure with the text after it so units read once: a money figure already says "元" and a rate "%",
 * so "{funds.x}元" prints "14000元"; "{funds.x}余元" prints "7000余元".
 */
function tidyUnits(segments: SummarySegment[]): SummarySegment[] {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const next = segments[i + 1];
    if (s.t !== 'fig' || next?.t !== 'text') continue;
    if (s.figure.status !== 'ok' || s.figure.value === null) {
      next.text = next.text.replace(DANGLING_UNIT, '');
      continue;
    }
    const unit = s.figure.kind ? unitCarriedByText(s.figure.kind) : null;
    if (!unit) continue;
    if (next.text.startsWith(unit)) next.text = next.text.slice(unit.length);
    else if (next.text.startsWith(`余${unit}`) || next.text.startsWith(`多${unit}`))
      s.figure = { ...s.figure, text: s.figure.text.slice(0, -unit.length) };
  }
  return segments.filter((s) => s.t !== 'text' || s.text !== '');
}

/**
 * `{fact?each=param}` states a breakdown part by part ("来访71件，来信7件，来电1件"): every part with a non-zero
 * value, each its own figure (the fact with `param=key`, so it drills down and refreshes like any other), so the
 * parts always add up to the whole the sentence has just stated. Null when the fact could not be stated (the
 * placeholder then says why, like any other).
 */
const EACH_PARAM = 'each';
function partsOf(outcome: FactOutcome | undefined, ref: FactRef): { label: string; unit: string; figure: SummaryFigure }[] | null {
  const o = outcome?.out;
  if (o?.status !== 'ok' || !o.breakdown) return null;
  const { [EACH_PARAM]: key, ...rest } = ref.params;
  return o.breakdown
    .filter((b) => b.value !== 0)
    .map((b) => ({
      label: b.label,
      unit: o.unit,
      figure: {
        fact: o.name,
        params: { ...rest, [key]: b.key },
        status: 'ok' as const,
        kind: o.kind,
        label: o.label.zh,
        value: b.value,
        text: formatFactValue(o.kind, b.value),
      },
    }));
}

export function renderText(text: string, ctx: RenderContext): SummarySegment[] {
  const vars: Record<ReportVariable, string> = {
    year: String(ctx.year),
    prevYear: String(ctx.year - 1),
    nextYear: String(ctx.year + 1),
    org: ctx.orgName,
    ...areaWords(ctx.orgLevel, ctx.orgName),
  };
  const out: SummarySegment[] = [];
  const pushText = (t: string) => {
    const prev = out[out.length - 1];
    if (prev?.t === 'text') prev.text += t;
    else out.push({ t: 'text', text: t });
  };
  for (const seg of parseTemplateText(text)) {
    if (seg.t === 'text') pushText(seg.text);
    else if (seg.t === 'var') pushText(vars[seg.name]);
    else {
      const outcome = ctx.figures.get(factRefKey(seg.ref.name, seg.ref.params));
      const parts = seg.ref.params[EACH_PARAM] ? partsOf(outcome, seg.ref) : null;
      if (!parts) out.push({ t: 'fig', figure: figureOf(outcome, seg.ref) });
      else if (!parts.length) pushText('无');
      else
        parts.forEach((p, i) => {
          pushText(`${i ? '，' : ''}${p.label}`);
          out.push({ t: 'fig', figure: p.figure });
          pushText(p.unit);
        });
    }
  }
  return tidyUnits(out);
}

/** Plain text of a heading or title (figures are not allowed there; variables are). */
function renderPlain(text: string, ctx: RenderContext): string {
  return renderText(text, ctx)
    .map((s) => (s.t === 'text' ? s.text : s.figure.text))
    .join('');
}

function renderBlock(b: TemplateBlock, ctx: RenderContext): SummaryBlock {
  const id = ctx.newId();
  switch (b.type) {
    case 'narrative':
    case 'paragraph':
      return { id, type: 'paragraph', role: 'body', segments: renderText(b.text, ctx) };
    case 'prompt':
      return { id, type: 'paragraph', role: 'prompt', segments: renderText(b.text, ctx) };
    case 'table':
      return {
        id,
        type: 'table',
        caption: renderPlain(b.caption, ctx),
        rows: b.rows.map((r) => ({ label: renderPlain(r.label, ctx), segments: renderText(r.value, ctx) })),
      };
    case 'chart': {
      const ref = parseFactRef(b.fact) ?? { name: b.fact, params: {} };
      const outcome = ctx.figures.get(factRefKey(ref.name, ref.params));
      return {
        id,
        type: 'chart',
        caption: renderPlain(b.caption, ctx),
        chart: b.chart,
        figure: figureOf(outcome, ref),
        breakdown: outcome?.out.breakdown ?? [],
      };
    }
  }
}

/** The document: numbered headings (一、 and （一）), every placeholder filled, the organ and date at the end. */
export function renderSummary(body: TemplateBody, ctx: RenderContext): SummaryContent {
  const sections: SummarySection[] = body.sections.map((s, i) => ({
    id: ctx.newId(),
    level: 1 as const,
    heading: `${chineseOrdinal(i + 1)}、${renderPlain(s.heading, ctx)}`,
    blocks: s.blocks.map((b) => renderBlock(b, ctx)),
    sections: (s.sections ?? []).map((sub, j) => ({
      id: ctx.newId(),
      level: 2 as const,
      heading: `（${chineseOrdinal(j + 1)}）${renderPlain(sub.heading, ctx)}`,
      blocks: sub.blocks.map((b) => renderBlock(b, ctx)),
      sections: [],
    })),
  }));
  return {
    title: renderPlain(body.title, ctx),
    preamble: body.preamble.map((b) => renderBlock(b, ctx)),
    sections: sections as SummaryContent['sections'],
    signature: { organ: ctx.orgName, date: formatChineseDate(ctx.date) },
  };
}
