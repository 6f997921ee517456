import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { KeyFile } from './crypto.js';

/**
 * `jinguo backup` / `restore`: one encrypted, authenticated file holding the SQLite database and the uploaded files.
 *
 * Key: derived with HKDF-SHA-256 from the key file's active data key (salt: 32 random bytes per backup, info
 * "jinguo backup v1"); the header names the key id, so a backup made before a rotation still restores while the old
 * key is in the key file. The key file is never inside a backup: keep it separately (a backup without it is noise).
 *
 * Format: "JINGUOBACKUP0001" | u32 header length | header JSON {format, keyId, salt, iv, createdAt} | AES-256-GCM
 * ciphertext | 16-byte tag. The magic, length and header are the GCM associated data, so a changed header fails
 * too. The plaintext is a sequence of entries (u32 length | JSON {name, size} | bytes) ended by a u32 0:
 * "jinguo.db" first, then "files/…".
 *
 * GCM releases plaintext before it has checked the tag, so restore decrypts into a private scratch folder and swaps
 * nothing in until the tag, the entries and SQLite's integrity check have all passed.
 */
const MAGIC = Buffer.from('JINGUOBACKUP0001', 'latin1');
const CHUNK = 1024 * 1024;
const DB_ENTRY = 'jinguo.db';

type Header = { format: 1; keyId: string; salt: string; iv: string; createdAt: string };
export type BackupSummary = { file: string; bytes: number; entries: number; files: number; sha256: Record<string, string> };

export class BackupError extends Error {}

function backupKey(keys: KeyFile, keyId: string, salt: Buffer): Buffer {
  const key = keys.keys[keyId];
  if (!key)
    throw new BackupError(`备份使用的密钥 ${keyId} 不在密钥文件中 / the backup was made with key ${keyId}, which is not in the key file`);
  return Buffer.from(hkdfSync('sha256', Buffer.from(key, 'base64'), salt, 'jinguo backup v1', 32));
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Every regular file under dir, as paths relative to it (sorted, '/'-separated). */
function walk(dir: string, rel = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...walk(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/** Creates a file only its owner can read (0600), replacing none: the caller picks a fresh name. */
function createPrivateFile(file: string): number {
  return fs.openSync(file, 'wx', 0o600);
}

/** A folder only its owner can enter (0700). */
export function privateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Writes an encrypted backup of the open SQLite database and the uploaded files to `out`, then reads it back and
 * checks it (tag, every entry's SHA-256 against what was read from the source, the database's integrity check).
 * The file appears under its name only once verified; it is created 0600.
 */
export async function writeEncryptedBackup(opts: {
  sqlite: SqliteDatabase.Database;
  dataDir: string;
  keys: KeyFile;
  out: string;
  now?: Date;
}): Promise<BackupSummary> {
  const out = path.resolve(opts.out);
  if (!fs.existsSync(path.dirname(out))) privateDir(path.dirname(out));
  const scratch = fs.mkdtempSync(path.join(opts.dataDir, '.backup-'));
  fs.chmodSync(scratch, 0o700);
  const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
  try {
    // A consistent online copy of the database, into the private scratch folder (0600 before SQLite writes it).
    const dbCopy = path.join(scratch, DB_ENTRY);
    fs.closeSync(createPrivateFile(dbCopy));
    await opts.sqlite.backup(dbCopy);
    const check = new SqliteDatabase(dbCopy, { readonly: true });
    const integrity = check.pragma('integrity_check', { simple: true });
    check.close();
    if (integrity !== 'ok') throw new BackupError(`数据库完整性检查未通过 / the database failed its integrity check: ${integrity}`);

    const filesDir = path.join(opts.dataDir, 'files');
    const entries = [
      { name: DB_ENTRY, source: dbCopy },
      ...walk(filesDir).map((r) => ({ name: `files/${r}`, source: path.join(filesDir, r) })),
    ];
    const header: Header = {
      format: 1,
      keyId: opts.keys.activeKeyId,
      salt: randomBytes(32).toString('base64'),
      iv: randomBytes(12).toString('base64'),
      createdAt: (opts.now ?? new Date()).toISOString(),
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const aad = Buffer.concat([MAGIC, u32(headerBytes.length), headerBytes]);
    const cipher = createCipheriv(
      'aes-256-gcm',
      backupKey(opts.keys, header.keyId, Buffer.from(header.salt, 'base64')),
      Buffer.from(header.iv, 'base64'),
    );
    cipher.setAAD(aad);
    const fd = createPrivateFile(partial);
    const sha256: Record<string, string> = {};
    try {
      fs.writeSync(fd, aad);
      const put = (b: Buffer) => {
        const c = cipher.update(b);
        if (c.length) fs.writeSync(fd, c);
      };
      const buf = Buffer.alloc(CHUNK);
      for (const e of entries) {
        const size = fs.statSync(e.source).size;
        const meta = Buffer.from(JSON.stringify({ name: e.name, size }), 'utf8');
        put(Buffer.concat([u32(meta.length), meta]));
        const hash = createHash('sha256');
        const src = fs.openSync(e.source, 'r');
        try {
          let left = size;
          while (left > 0) {
            const n = fs.readSync(src, buf, 0, Math.min(CHUNK, left), null);
            if (n <= 0) throw new BackupError(`${e.name} 在备份过程中变短了 / shrank while being backed up`);
            hash.update(buf.subarray(0, n));
            put(buf.subarray(0, n));
            left -= n;
          }
        } finally {
          fs.closeSync(src);
        }
        sha256[e.name] = hash.digest('hex');
      }
      put(u32(0));
      const last = cipher.final();
      if (last.length) fs.writeSync(fd, last);
      fs.writeSync(fd, cipher.getAuthTag());
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }

    // Read back what is on disk and check it against what was read from the source.
    const readBack = readEncryptedBackup(partial, opts.keys, null);
    for (const [name, hash] of Object.entries(sha256))
      if (readBack.sha256[name] !== hash) throw new BackupError(`写入的备份与源数据不一致：${name} / verification failed for ${name}`);
    if (Object.keys(readBack.sha256).length !== entries.length)
      throw new BackupError('写入的备份条目数不对 / verification failed: entry count');
    fs.renameSync(partial, out);
    return { file: out, bytes: fs.statSync(out).size, entries: entries.length, files: entries.length - 1, sha256 };
  } finally {
    fs.rmSync(partial, { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Decrypts a backup, checking its tag; with `into`, writes its entries under that (private) folder. Throws a
 * BackupError saying so when the file is not a Jinguo backup, its key is missing, or it was changed or cut short.
 */
export function readEncryptedBackup(file: string, keys: KeyFile, into: string | null): { header: Header; sha256: Record<string, string> } {
  const fd = fs.openSync(file, 'r');
  try {
    const total = fs.fstatSync(fd).size;
    const head = Buffer.alloc(MAGIC.length + 4);
    if (
      total < head.length + 16 ||
      fs.readSync(fd, head, 0, head.length, 0) !== head.length ||
      !head.subarray(0, MAGIC.length).equals(MAGIC)
    )
      throw new BackupError(`${file} 不是 Jinguo 加密备份文件 / is not a Jinguo encrypted backup`);
    const headerLength = head.readUInt32BE(MAGIC.length);
    if (headerLength > 4096 || head.length + headerLength + 16 > total)
      throw new BackupError(`${file} 已被篡改或损坏（文件头不对）/ was tampered with or is damaged (header)`);
    const headerBytes = Buffer.alloc(headerLength);
    fs.readSync(fd, headerBytes, 0, headerLength, head.length);
    let header: Header;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Header;
    } catch {
      throw new BackupError(`${file} 已被篡改或损坏（文件头不对）/ was tampered with or is damaged (header)`);
    }
    if (header.format !== 1)
      throw new BackupError(
        `${file} 已被篡改或损坏，或是不支持的备份格式（${header.format}）/ was tampered with, or has an unsupported format`,
      );
    const tag = Buffer.alloc(16);
    fs.readSync(fd, tag, 0, 16, total - 16);
    const decipher = createDecipheriv(
      'aes-256-gcm',
      backupKey(keys, header.keyId, Buffer.from(header.salt, 'base64')),
      Buffer.from(header.iv, 'base64'),
    );
    decipher.setAAD(Buffer.concat([head, headerBytes]));
    decipher.setAuthTag(tag);

    // A pull parser over the decrypted stream: entries are written as they arrive.
    let pending: Buffer = Buffer.alloc(0);
    let state:
      | { kind: 'len' }
      | { kind: 'meta'; n: number }
      | { kind: 'body'; name: string; left: number; out: number | null; hash: ReturnType<typeof createHash> }
      | { kind: 'end' } = {
      kind: 'len',
    };
    const sha256: Record<string, string> = {};
    const damaged = () => new BackupError(`${file} 已被篡改或损坏（内容结构不对）/ was tampered with or is damaged`);
    const feed = (data: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, data]) : data;
      for (;;) {
        if (state.kind === 'end') {
          if (pending.length) throw damaged();
          return;
        }
        if (state.kind === 'len') {
          if (pending.length < 4) return;
          const n = pending.readUInt32BE(0);
          pending = pending.subarray(4);
          state = n === 0 ? { kind: 'end' } : { kind: 'meta', n };
          if (n > 65536) throw damaged();
          continue;
        }
        if (state.kind === 'meta') {
          if (pending.length < state.n) return;
          let meta: { name: string; size: number };
          try {
            meta = JSON.parse(pending.subarray(0, state.n).toString('utf8'));
          } catch {
            throw damaged();
          }
          pending = pending.subarray(state.n);
          const name = String(meta.name);
          // Entries land only inside the scratch folder: no absolute paths, no "..".
          if (!(name === DB_ENTRY || name.startsWith('files/')) || name.split('/').some((p) => p === '..' || p === '' || p === '.'))
            throw damaged();
          let out: number | null = null;
          if (into) {
            const target = path.join(into, name);
            privateDir(path.dirname(target));
            out = createPrivateFile(target);
          }
          state = { kind: 'body', name, left: Number(meta.size), out, hash: createHash('sha256') };
          continue;
        }
        const take = Math.min(state.left, pending.length);
        if (take > 0) {
          const part = pending.subarray(0, take);
          state.hash.update(part);
          if (state.out !== null) fs.writeSync(state.out, part);
          pending = pending.subarray(take);
          state.left -= take;
        }
        if (state.left > 0) return;
        if (state.out !== null) fs.closeSync(state.out);
        sha256[state.name] = state.hash.digest('hex');
        state = { kind: 'len' };
      }
    };
    const buf = Buffer.alloc(CHUNK);
    let pos = head.length + headerLength;
    const end = total - 16;
    while (pos < end) {
      const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, end - pos), pos);
      pos += n;
      feed(decipher.update(buf.subarray(0, n)));
    }
    try {
      feed(decipher.final());
    } catch (err) {
      if (err instanceof BackupError) throw err;
      throw new BackupError(`${file} 认证失败：备份文件已被篡改或损坏 / failed authentication: the backup was changed or is damaged`);
    }
    // (state is moved by feed(); TypeScript cannot see that.)
    if ((state as { kind: string }).kind !== 'end') throw damaged();
    return { header, sha256 };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Restores a backup: decrypts and checks everything in a private scratch folder beside the database, then swaps the
 * database (SQLite's backup API onto the configured path) and the files folder in. A failure changes nothing.
 */
export async function restoreEncryptedBackup(opts: {
  file: string;
  keys: KeyFile;
  dataDir: string;
  sqlitePath: string;
}): Promise<{ files: number }> {
  privateDir(opts.dataDir);
  const scratch = fs.mkdtempSync(path.join(opts.dataDir, '.restore-'));
  fs.chmodSync(scratch, 0o700);
  try {
    const { sha256 } = readEncryptedBackup(path.resolve(opts.file), opts.keys, scratch);
    if (!sha256[DB_ENTRY]) throw new BackupError('备份中没有数据库 / the backup holds no database');
    const source = new SqliteDatabase(path.join(scratch, DB_ENTRY), { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma('integrity_check', { simple: true });
      const hasAudit = source.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'audit_log'").get() as { n: number };
      if (check !== 'ok' || hasAudit.n !== 1)
        throw new BackupError(`备份中的数据库不是健康的 Jinguo 数据库 / not a healthy Jinguo database (${check})`);
      if (!fs.existsSync(opts.sqlitePath)) fs.closeSync(createPrivateFile(opts.sqlitePath));
      await source.backup(opts.sqlitePath);
    } finally {
      source.close();
    }
    fs.chmodSync(opts.sqlitePath, 0o600);
    const files = path.join(opts.dataDir, 'files');
    const incoming = path.join(scratch, 'files');
    if (!fs.existsSync(incoming)) privateDir(incoming);
    fs.rmSync(files, { recursive: true, force: true });
    fs.renameSync(incoming, files);
    return { files: Object.keys(sha256).length - 1 };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
