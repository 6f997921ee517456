import fs from 'node:fs';
import type { Db } from '../db/database.js';
import { auditActor } from './actor.js';
import { appendAudit } from './audit.js';
import { newId } from './ids.js';
import { logBackgroundError } from './logging.js';
import { createJob, finishJob, reportProgress } from './jobs.js';
import {
  ImportRejected,
  formatImportError,
  type ExcelDeps,
  type ImportCommitResult,
  type ImportError,
  type ImportJobResult,
  type ImportRequest,
} from './excel.spec.js';
import { readAndValidate, readSharedStrings, SharedStringsMissing } from './excel.read.js';
import { saveUpload, type SavedUpload } from './excel.upload.js';

/**
 * Starts an import job: receives the file (after the caller's service has authorised), and unless this exact
 * file was already imported into the target, reads, validates and commits it in the background. The web app
 * polls GET /api/jobs/:id. Returns at once with the job id.
 */
export async function startImport<R, C>(deps: ExcelDeps, req: ImportRequest<R, C>): Promise<{ jobId: string }> {
  const upload = await saveUpload(req.source);
  const { db, clock } = deps;
  const jobId = await createJob(db, clock, { kind: `import:${req.spec.kind}`, createdBy: req.actor.userId, message: '已上传，等待处理' });
  const previous = await findPreviousImport(db, req.spec.kind, req.targetKey, upload.sha256);
  if (previous) {
    fs.rmSync(upload.filePath, { force: true });
    await reportDuplicate(deps, req, upload, jobId, previous);
    return { jobId };
  }
  void runImport(deps, req, upload, jobId)
    .catch(async (err) => {
      // Anything unexpected still ends the job (never a job spinning forever); the database was rolled back.
      logBackgroundError('import failed', err);
      await finishJob(db, clock, jobId, { status: 'failed', message: '导入失败（服务器内部错误），未写入任何数据' }).catch(() => undefined);
    })
    .finally(() => fs.rmSync(upload.filePath, { force: true }));
  return { jobId };
}

function findPreviousImport(db: Db, kind: string, targetKey: string, sha256: string) {
  return db
    .selectFrom('fileImports')
    .select(['createdAt', 'rows', 'fileName'])
    .where('kind', '=', kind)
    .where('targetKey', '=', targetKey)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

async function reportDuplicate<R, C>(
  deps: ExcelDeps,
  req: ImportRequest<R, C>,
  upload: SavedUpload,
  jobId: string,
  previous: { createdAt: string; rows: number },
) {
  const { db, clock } = deps;
  await db.transaction().execute((trx) =>
    appendAudit(trx, clock, auditActor(req.actor), {
      action: 'import.duplicate',
      entityType: req.entityType,
      entityId: req.entityId ?? null,
      orgUnitId: req.orgUnitId,
      detail: { kind: req.spec.kind, sha256: upload.sha256 },
    }),
  );
  const when = previous.createdAt.slice(0, 10);
  const result: ImportJobResult = { fileName: upload.fileName, rows: Number(previous.rows), created: 0, duplicate: true };
  await finishJob(db, clock, jobId, {
    status: 'succeeded',
    message: `该文件已于${when}导入过（${previous.rows}行），本次未重复导入`,
    result,
  });
}
async function runImport<R, C>(deps: ExcelDeps, req: ImportRequest<R, C>, upload: SavedUpload, jobId: string): Promise<void> {
  const { db, clock } = deps;
  const { spec, actor } = req;
  await reportProgress(db, clock, jobId, 1, '正在读取和校验');
  let read: Awaited<ReturnType<typeof readAndValidate<R, C>>>;
  try {
    try {
      read = await readAndValidate(deps, req, upload, jobId, null);
    } catch (err) {
      if (!(err instanceof SharedStringsMissing)) throw err;
      read = await readAndValidate(deps, req, upload, jobId, await readSharedStrings(upload.filePath));
    }
  } catch (err) {
    logBackgroundError('import: unreadable workbook', err);
    await auditImport(deps, req, 'import.rejected', { kind: spec.kind, sha256: upload.sha256, reason: 'unreadable' });
    await finishJob(db, clock, jobId, {
      status: 'failed',
      message: '无法读取该文件，请确认是 .xlsx 格式的 Excel 文件（可用下载的模板填写）',
      result: { fileName: upload.fileName, rows: 0, created: 0, errorCount: 1, errors: [] } satisfies ImportJobResult,
    });
    return;
  }
  if (read.errorCount > 0) return reject(deps, req, upload, jobId, read.dataRows, read.errors, read.errorCount);

  await reportProgress(db, clock, jobId, 92, `校验通过，正在写入 ${read.rows.length.toLocaleString('en-US')} 行`);
  let outcome: ImportCommitResult;
  try {
    // All or nothing: the module's rows, the idempotency record and the audit entry commit together.
    outcome = await db.transaction().execute(async (trx) => {
      const result = await spec.commit(trx, read.rows, req.context);
      await trx
        .insertInto('fileImports')
        .values({
          id: newId(),
          kind: spec.kind,
          targetKey: req.targetKey,
          sha256: upload.sha256,
          fileName: upload.fileName,
          rows: read.rows.length,
          jobId,
          ownerOrgId: req.orgUnitId,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        })
        .execute();
      await appendAudit(trx, clock, auditActor(actor), {
        action: 'import',
        entityType: req.entityType,
        entityId: req.entityId ?? null,
        orgUnitId: req.orgUnitId,
        detail: { kind: spec.kind, rows: read.rows.length, ...result, sha256: upload.sha256 },
      });
      return result;
    });
  } catch (err) {
    if (err instanceof ImportRejected) return reject(deps, req, upload, jobId, read.dataRows, err.errors, err.errors.length);
    const previous = await findPreviousImport(db, spec.kind, req.targetKey, upload.sha256);
    if (previous) return reportDuplicate(deps, req, upload, jobId, previous);
    throw err;
  }
  const { created, ...counts } = outcome;
  const result: ImportJobResult = { fileName: upload.fileName, rows: read.rows.length, created, counts };
  await finishJob(db, clock, jobId, {
    status: 'succeeded',
    message: `导入成功：共 ${read.rows.length.toLocaleString('en-US')} 行，新增 ${created.toLocaleString('en-US')} 条`,
    result,
  });
}

async function reject<R, C>(
  deps: ExcelDeps,
  req: ImportRequest<R, C>,
  upload: SavedUpload,
  jobId: string,
  rows: number,
  errors: ImportError[],
  errorCount: number,
) {
  await auditImport(deps, req, 'import.rejected', { kind: req.spec.kind, rows, errorCount, sha256: upload.sha256 });
  const shown = errors.map((e) => ({ ...e, text: formatImportError(e) }));
  const more = errorCount > shown.length ? `（仅列出前 ${shown.length} 处）` : '';
  const result: ImportJobResult = { fileName: upload.fileName, rows, created: 0, errorCount, errors: shown };
  await finishJob(deps.db, deps.clock, jobId, {
    status: 'failed',
    message: `发现 ${errorCount} 处错误${more}，未导入任何数据；请改正后重新上传`,
    result,
  });
}

function auditImport<R, C>(deps: ExcelDeps, req: ImportRequest<R, C>, action: string, detail: Record<string, unknown>) {
  return deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.clock, auditActor(req.actor), {
      action,
      entityType: req.entityType,
      entityId: req.entityId ?? null,
      orgUnitId: req.orgUnitId,
      detail,
    }),
  );
}
