/**
 * The one Excel import/export mechanism every module uses (docs/import-export.md).
 *
 * A module declares an ImportSpec (columns with Chinese headers, a parser per column, an example, a row
 * validator and a commit) and an ExportSpec (columns, masking). These files turn them into: a template
 * download, a streamed, fully validated, all-or-nothing, idempotent import that reports progress through
 * a job, and a streamed export that masks sensitive columns unless the caller may reveal them. Modules import
 * this file; the parts are: excel.spec.ts (the specs, the cell parsers), excel.template.ts, excel.upload.ts (the
 * file received), excel.read.ts (rows read and validated), excel.import.ts (the job: idempotency, commit, audit),
 * excel.export.ts.
 */
export {
  cells,
  formatImportError,
  ImportRejected,
  MAX_REPORTED_ERRORS,
  XLSX_MIME,
  type CellParser,
  type ExcelDeps,
  type ImportColumn,
  type ImportCommitResult,
  type ImportError,
  type ImportJobResult,
  type ImportRequest,
  type ImportRow,
  type ImportSpec,
  type ParseResult,
  type RowProblem,
  type UploadSource,
} from './excel.spec.js';
export { attachmentHeader, buildTemplate, sendTemplate } from './excel.template.js';
export { startImport } from './excel.import.js';
export { keysetRows, sendExport, type ExportColumn, type ExportSpec } from './excel.export.js';
