import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, fieldError } from './errors.js';
import { newId } from './ids.js';
import type { UploadSource } from './excel.spec.js';

export type SavedUpload = { filePath: string; fileName: string; sha256: string; size: number };

/** Streams the upload to a temporary file, hashing it on the way (the hash is the idempotency key). */
export async function saveUpload(source: UploadSource): Promise<SavedUpload> {
  let part: Awaited<ReturnType<UploadSource>>;
  try {
    part = await source();
  } catch (err) {
    // The input guard's refusal (a file name that cannot be stored) names its own field.
    if (err instanceof AppError) throw err;
    throw fieldError('file', '请以表单方式上传 Excel 文件');
  }
  if (!part) throw fieldError('file', '请选择要导入的文件');
  const fileName = path.basename(part.filename || 'upload.xlsx');
  if (/\.xls$/i.test(fileName)) {
    part.file.resume();
    throw fieldError('file', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后上传');
  }
  if (!/\.xlsx$/i.test(fileName)) {
    part.file.resume();
    throw fieldError('file', '请上传 .xlsx 格式的 Excel 文件');
  }
  const filePath = path.join(os.tmpdir(), `jinguo-import-${newId()}.xlsx`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(part.file, tap, fs.createWriteStream(filePath));
  } catch {
    fs.rmSync(filePath, { force: true });
    throw fieldError('file', '文件上传中断，请重试');
  }
  if (part.file.truncated) {
    fs.rmSync(filePath, { force: true });
    throw fieldError('file', '文件超过 50 MB，请拆分后分批导入');
  }
  // An .xlsx is a zip: "PK\x03\x04". Anything else renamed to .xlsx is refused before parsing.
  if (size === 0 || head.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') {
    fs.rmSync(filePath, { force: true });
    throw fieldError('file', size === 0 ? '文件是空的' : '文件不是有效的 .xlsx 格式');
  }
  return { filePath, fileName, sha256: hash.digest('hex'), size };
}
