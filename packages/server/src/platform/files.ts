import crypto from 'node:crypto';
import type { Executor } from '../db/database.js';
import { newId } from './ids.js';

/**
 * The one store of uploaded files: in the database (db/migrations/…_stored_files.ts says why), in chunks so that no
 * single value is large. A module writes a file inside the transaction that writes the record naming it, and
 * deletes it inside the one that removes the record.
 */

const CHUNK_BYTES = 256 * 1024;

export type StoredFile = { id: string; fileName: string; mime: string; size: number; sha256: string; bytes: Buffer };

/** Stores `bytes` for its owner (a module's record kind and id); answers the new file's id. */
export async function putFile(
  trx: Executor,
  file: { ownerKind: string; ownerId: string; fileName: string; mime: string; bytes: Buffer; at: string; id?: string },
): Promise<string> {
  const id = file.id ?? newId();
  await trx
    .insertInto('storedFiles')
    .values({
      id,
      ownerKind: file.ownerKind,
      ownerId: file.ownerId,
      fileName: file.fileName,
      mime: file.mime,
      size: file.bytes.length,
      sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
      createdAt: file.at,
    })
    .execute();
  for (let seq = 0, at = 0; at < file.bytes.length || seq === 0; seq++, at += CHUNK_BYTES)
    await trx
      .insertInto('storedFileChunks')
      .values({ fileId: id, seq, data: file.bytes.subarray(at, at + CHUNK_BYTES) })
      .execute();
  return id;
}

/** The file with its bytes, checked against the hash it was stored with; null when there is none. */
export async function readFile(db: Executor, id: string): Promise<StoredFile | null> {
  const meta = await db
    .selectFrom('storedFiles')
    .select(['id', 'fileName', 'mime', 'size', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!meta) return null;
  const chunks = await db.selectFrom('storedFileChunks').select('data').where('fileId', '=', id).orderBy('seq').execute();
  const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.data)));
  if (bytes.length !== Number(meta.size) || crypto.createHash('sha256').update(bytes).digest('hex') !== meta.sha256)
    throw new Error(`stored file ${id} is damaged`);
  return { ...meta, size: Number(meta.size), bytes };
}

/** Removes a file and its chunks (in the caller's transaction). */
export async function deleteFile(trx: Executor, id: string): Promise<void> {
  await trx.deleteFrom('storedFileChunks').where('fileId', '=', id).execute();
  await trx.deleteFrom('storedFiles').where('id', '=', id).execute();
}
