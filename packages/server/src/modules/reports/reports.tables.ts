import type { Versioned } from '../../platform/platform.tables.js';
import type { SummaryStatus } from '@jinguo/domain';

// Tables owned by the reports module (Kysely types, camelCase; the database columns are snake_case).

/** A template staff saved (the built-in one is assembled from the modules at run time and never stored). */
export type ReportTemplatesTable = {
  id: string;
  ownerOrgId: string;
  name: string;
  /** TemplateBody as JSON. */
  body: string;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
};

/** One annual summary per org unit and year: draft → edited → frozen. */
export type ReportSummariesTable = {
  id: string;
  ownerOrgId: string;
  year: number;
  status: SummaryStatus;
  templateId: string;
  /** The latest version number; the content of every version is in report_summary_versions. */
  version: number;
  /** SummaryContent as JSON: the text and, per figure, the fact, its parameters and its value. */
  content: string;
  generatedAt: string;
  frozenAt: string | null;
  frozenBy: string | null;
  createdAt: string;
  updatedAt: string;
};

/** Every version of a summary, append-only: what it said after each generate, edit and freeze. */
export type ReportSummaryVersionsTable = {
  id: string;
  summaryId: string;
  version: number;
  status: SummaryStatus;
  action: string;
  content: string;
  createdAt: string;
  createdBy: string | null;
};

export type ReportsTables = {
  reportTemplates: ReportTemplatesTable & Versioned;
  reportSummaries: ReportSummariesTable;
  reportSummaryVersions: ReportSummaryVersionsTable;
};
