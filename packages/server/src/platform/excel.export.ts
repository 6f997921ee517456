import { PassThrough } from 'node:stream';
import ExcelJS from './exceljs.js';
import type { FastifyReply } from 'fastify';
import type { Permission } from '@jinguo/domain';
import { auditActor, can, type Actor } from './actor.js';
import { appendAudit } from './audit.js';
import { logBackgroundError } from './logging.js';
import { XLSX_MIME, type ExcelDeps } from './excel.spec.js';
import { attachmentHeader } from './excel.template.js';

// ---------------------------------------------------------------- export

export type ExportColumn<R> = {
  key: keyof R & string;
  header: string;
  width?: number;
  /** fen → yuan with 2 decimals; date stays "YYYY-MM-DD" text; integer as a number. Default: text. */
  format?: 'text' | 'integer' | 'fen' | 'date';
  /** Masks the value unless the caller holds the spec's reveal permission (e.g. maskIdNumber). */
  mask?: (value: string | null) => string | null;
  /** A computed value (label of a code, joined names …) instead of row[key]. */
  value?: (row: R) => string | number | null;
};

export type ExportSpec<R> = {
  kind: string;
  /** Chinese title: file name and sheet name. */
  title: string;
  /** Audit entity type for the export entry. */
  entityType: string;
  columns: ExportColumn<R>[];
  /** Who may export full values of masked columns (the export is then audited as revealing). */
  revealPermission?: Permission;
};

/** Rows in id order, fetched a batch at a time (keyset on the UUIDv7 id), so an export never loads a table whole. */
export async function* keysetRows<R extends { id: string }>(
  fetch: (afterId: string | null, limit: number) => Promise<R[]>,
  batch = 1000,
): AsyncIterable<R> {
  let after: string | null = null;
  for (;;) {
    const rows = await fetch(after, batch);
    for (const r of rows) yield r;
    if (rows.length < batch) return;
    after = rows[rows.length - 1].id;
  }
}

/**
 * Streams an export to the response as .xlsx, row by row, masking sensitive columns unless the caller may
 * reveal them. The audit entry (count and filters, never contents) is written before the file is finished,
 * so a download that completed is always in the trail.
 */
export async function sendExport<R>(
  reply: FastifyReply,
  deps: ExcelDeps,
  opts: { actor: Actor; spec: ExportSpec<R>; rows: AsyncIterable<R>; filters?: Record<string, unknown>; orgUnitId?: string | null },
): Promise<FastifyReply> {
  const { spec, actor } = opts;
  const reveal = !!spec.revealPermission && can(actor, spec.revealPermission);
  const out = new PassThrough();
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  void reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', attachmentHeader(`${spec.title}_${stamp}.xlsx`))
    .send(out);

  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(spec.title.slice(0, 31));
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(12, [...c.header].length * 2 + 4),
      style: c.format === 'fen' ? { numFmt: '#,##0.00' } : undefined,
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let count = 0;
    for await (const row of opts.rows) {
      const values: Record<string, unknown> = {};
      for (const c of spec.columns) {
        let v: unknown = c.value ? c.value(row) : (row as Record<string, unknown>)[c.key];
        if (c.mask && !reveal) v = c.mask(v == null ? null : String(v));
        if (v == null) values[c.key] = null;
        else if (c.format === 'fen') values[c.key] = Number(v) / 100;
        else if (c.format === 'integer') values[c.key] = Number(v);
        else values[c.key] = String(v);
      }
      ws.addRow(values).commit();
      count++;
    }
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps.clock, auditActor(actor), {
        action: 'export',
        entityType: spec.entityType,
        orgUnitId: opts.orgUnitId ?? null,
        detail: { kind: spec.kind, rows: count, revealed: reveal, filters: opts.filters ?? {} },
      }),
    );
    ws.commit();
    await wb.commit();
  })().catch((err) => {
    logBackgroundError('export failed', err);
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply;
}
