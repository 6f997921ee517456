import ExcelJS from '../src/platform/exceljs.js';
import type { LightMyRequestResponse } from 'fastify';
import type { TestSession } from './build-test-app.js';

/** An .xlsx with a header row and data rows, as a person would fill in a template. */
export async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body with one file field, for app.inject. */
export function multipart(
  file: Buffer,
  filename = 'upload.xlsx',
  field = 'file',
  contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
) {
  const boundary = `----jinguo${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, file, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file to an import route and waits for its job to end (polling GET /api/jobs/:id as the web app does). */
export async function importFile(s: TestSession, url: string, file: Buffer, filename = 'upload.xlsx') {
  const res = await s.inject({ method: 'POST', url, ...multipart(file, filename) });
  if (res.statusCode !== 202) return { res, job: null };
  return { res, job: await waitJob(s, res.json().jobId) };
}

export async function waitJob(s: TestSession, jobId: string) {
  for (;;) {
    const r = await s.inject({ url: `/api/jobs/${jobId}` });
    const job = r.json();
    if (job.status !== 'running')
      return job as {
        status: string;
        message: string;
        result: {
          rows: number;
          created: number;
          duplicate?: boolean;
          errorCount?: number;
          errors?: { row: number; column: string | null; message: string; text: string }[];
        };
      };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads a downloaded .xlsx back into rows of cell values (first sheet). */
export async function readXlsx(res: LightMyRequestResponse): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as never);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
