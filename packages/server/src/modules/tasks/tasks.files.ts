import path from 'node:path';
import type { Db } from '../../db/database.js';
import { auditActor, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, fieldError, NotFoundError } from '../../platform/errors.js';
import type { UploadSource } from '../../platform/excel.js';
import { putFile, readFile } from '../../platform/files.js';
import { newId } from '../../platform/ids.js';
import { IMAGE_TYPES, stripImageMetadata } from '../../platform/images.js';
import * as repo from './tasks.repository.js';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** What a task or notice may carry: documents, sheets, PDFs, images (re-encoded: no EXIF/GPS) and archives. */
const ALLOWED_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'wps', 'et', 'txt', 'zip', 'rar', 'jpg', 'jpeg', 'png', 'webp'];
const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/** Some clients percent-encode a non-ASCII file name in the multipart header; browsers send it as UTF-8. */
function decodeName(name: string): string {
  try {
    return /%[0-9A-Fa-f]{2}/.test(name) ? decodeURIComponent(name) : name;
  } catch {
    return name;
  }
}

export type FilesDeps = { db: Db; clock: Clock };
type Parent = { type: 'task' | 'notice'; id: string; ownerOrgId: string };

/** Stores an attachment of a task or notice: the file, its row and the audit entry in one transaction. */
export async function storeAttachment({ db, clock }: FilesDeps, actor: Actor, parent: Parent, source: UploadSource) {
  const part = await source().catch((err) => {
    if (err instanceof AppError) throw err;
    return undefined;
  });
  if (!part) throw fieldError('file', '请选择附件');
  const fileName = path.basename(decodeName(part.filename || 'file')).slice(0, 200);
  const ext = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    size += (chunk as Buffer).length;
    if (size > MAX_ATTACHMENT_BYTES) {
      part.file.resume();
      throw fieldError('file', '附件不能超过 20 MB');
    }
    chunks.push(chunk as Buffer);
  }
  if (!ALLOWED_EXTENSIONS.includes(ext)) throw fieldError('file', `附件类型不支持，请上传 ${ALLOWED_EXTENSIONS.join('、')} 文件`);
  if (size === 0) throw fieldError('file', '附件是空文件');
  let buf: Buffer = Buffer.concat(chunks);
  const mime = MIME_BY_EXT[ext] ?? 'application/octet-stream';
  if (IMAGE_TYPES[mime]) {
    if (!IMAGE_TYPES[mime].magic(buf)) throw fieldError('file', '图片文件已损坏或扩展名不符');
    buf = await stripImageMetadata(buf, mime);
  }
  const id = newId();
  const at = clock.now().toISOString();
  // The file and its row in one transaction, in the database every app server reads (platform/files.ts).
  await db.transaction().execute(async (trx) => {
    const storedName = await putFile(trx, { ownerKind: `${parent.type}_attachment`, ownerId: id, fileName, mime, bytes: buf, at });
    await repo.insertFile(trx, {
      id,
      parentType: parent.type,
      parentId: parent.id,
      ownerOrgId: parent.ownerOrgId,
      fileName,
      storedName,
      mime,
      size: buf.length,
      createdBy: actor.userId,
      createdAt: at,
    });
    await appendAudit(trx, clock, auditActor(actor), {
      action: 'attachment.add',
      entityType: parent.type,
      entityId: parent.id,
      orgUnitId: parent.ownerOrgId,
      detail: { fileId: id, fileName, size: buf.length },
    });
  });
}

/** The stored file of an attachment (the caller has checked the parent is visible). */
export async function openAttachment({ db }: FilesDeps, parentId: string, fileId: string) {
  const f = await repo.findFile(db, parentId, fileId);
  const stored = f && (await readFile(db, f.storedName));
  if (!f || !stored) throw new NotFoundError('附件');
  return { body: stored.bytes, mime: f.mime, fileName: f.fileName };
}

export async function listAttachments(db: Db, parentId: string) {
  return (await repo.listFiles(db, parentId)).map((f) => ({
    id: f.id,
    fileName: f.fileName,
    size: Number(f.size),
    createdAt: f.createdAt,
  }));
}
