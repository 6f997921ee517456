import type { Permission } from '@jinguo/domain';
import type { DialectName, Executor } from '../db/database.js';
import type { Scope } from './actor.js';

/**
 * The contract by which a module gives figures to reports (DESIGN.md "How a figure reaches the summary").
 * A fact is a named, documented SQL aggregate over a period and an org subtree, with a drill-down that
 * returns the rows it counted. Modules declare them in <module>.facts.ts; reports only reads them.
 */
export type FactPeriod = { year: number; from: string; to: string };
export type FactContext = { db: Executor; dialect: DialectName; scope: Scope; period: FactPeriod };
export type FactParams = Record<string, string>;

export type FactValue = {
  /** The number (count, fen, or a rate in percent rounded to 2 decimals); null when a rate's denominator is 0. */
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** For breakdown facts: one entry per key (channel, township, level …). */
  breakdown?: { key: string; label: string; value: number }[];
};

export type FactRecords = {
  columns: { key: string; label: string }[];
  rows: Record<string, string | number | null>[];
  total: number;
};

export type FactDefinition = {
  name: string;
  module: string;
  label: { zh: string; en: string };
  /** 件, 人, 元, %, 个, 次, 场, 所 … */
  unit: string;
  kind: 'count' | 'money' | 'rate' | 'breakdown';
  /** For a breakdown: the parameter that narrows the fact (and its records) to one part, set to the part's key. */
  partParam?: string;
  /** The definition in words, shown wherever the figure is shown. */
  definition: string;
  /** Needed to read the fact; the scope of this permission bounds the aggregate. */
  permission: Permission;
  compute: (ctx: FactContext, params: FactParams) => Promise<FactValue>;
  records: (ctx: FactContext, params: FactParams, page: { limit: number; offset: number }) => Promise<FactRecords>;
};

/** A rate from summed numerator and denominator, in percent to 2 decimals; null when nothing to divide by. */
export function rate(numerator: number, denominator: number): FactValue {
  return { value: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100, numerator, denominator };
}

/**
 * A module's paragraphs for the built-in annual summary template (一、主要工作). Placeholders name facts:
 * "{cases.received}" or with parameters "{funds.raised.cash?programme=POOR_MOTHER}". A placeholder whose
 * fact does not exist (its module not yet built) renders as a plain "not recorded yet", never a number.
 */
export type SummaryBlockDef = {
  module: string;
  /** Order among the sub-sections of 一、主要工作 (10, 20, 30 …). */
  order: number;
  /**
   * The sub-section heading, e.g. "维护妇女儿童合法权益" (numbering is added by the generator). Blocks of several
   * modules with the same heading form one sub-section, their paragraphs in (order, module) order.
   */
  heading: string;
  paragraphs: string[];
};
