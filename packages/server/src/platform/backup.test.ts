import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupError, readEncryptedBackup, restoreEncryptedBackup, writeEncryptedBackup } from './backup.js';
import { generateKeyFile } from './crypto.js';

/** The encrypted backup file, in process (the CLI test runs the real commands once). */
describe('encrypted backups', () => {
  let dir: string;
  let dataDir: string;
  let dbFile: string;
  let backup: string;
  const keys = generateKeyFile();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-backup-unit-'));
    dataDir = path.join(dir, 'data');
    fs.mkdirSync(path.join(dataDir, 'files', 'activities', 'e1'), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dataDir, 'files', 'activities', 'e1', 'a.jpg'), 'photo-bytes');
    dbFile = path.join(dataDir, 'jinguo.db');
    const db = new SqliteDatabase(dbFile);
    db.exec("CREATE TABLE audit_log (seq integer primary key, note text); INSERT INTO audit_log (note) VALUES ('secret-marker')");
    backup = path.join(dir, 'out', 'nightly.bak');
    const r = await writeEncryptedBackup({ sqlite: db, dataDir, keys, out: backup });
    db.close();
    expect(r).toMatchObject({ entries: 2, files: 1 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one 0600 file in which neither the database nor the photo can be read', () => {
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(backup)).mode & 0o777).toBe(0o700);
    const bytes = fs.readFileSync(backup);
    for (const plain of ['secret-marker', 'photo-bytes', 'SQLite format 3', 'audit_log']) expect(bytes.includes(plain), plain).toBe(false);
    expect(fs.readdirSync(path.dirname(backup))).toEqual(['nightly.bak']);
    expect(Object.keys(readEncryptedBackup(backup, keys, null).sha256)).toEqual(['jinguo.db', 'files/activities/e1/a.jpg']);
  });

  it('refuses a changed byte, a cut-short file, an edited header, another file and a missing key, each saying so', () => {
    const good = fs.readFileSync(backup);
    const variant = (name: string, bytes: Buffer) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, bytes);
      return f;
    };
    const flipped = Buffer.from(good);
    flipped[good.length - 40] ^= 1;
    const header = Buffer.from(good);
    header[30] ^= 1;
    const cases: [string, Buffer, RegExp][] = [
      ['flipped', flipped, /已被篡改或损坏/],
      ['cut', good.subarray(0, good.length - 50), /已被篡改或损坏/],
      ['header', header, /已被篡改或损坏/],
      ['junk', Buffer.from('SQLite format 3\0 not a backup at all'), /不是 Jinguo 加密备份文件/],
    ];
    for (const [name, bytes, message] of cases) {
      const f = variant(`${name}.bak`, bytes);
      expect(() => readEncryptedBackup(f, keys, null), name).toThrow(BackupError);
      expect(() => readEncryptedBackup(f, keys, null), name).toThrow(message);
    }
    expect(() => readEncryptedBackup(backup, generateKeyFile(), null)).toThrow(/不在密钥文件中/);
  });

  it('restores only an authentic backup, and a refused one changes nothing', async () => {
    const target = path.join(dir, 'restore');
    fs.mkdirSync(path.join(target, 'files'), { recursive: true });
    fs.writeFileSync(path.join(target, 'files', 'current.jpg'), 'current');
    const flipped = Buffer.from(fs.readFileSync(backup));
    flipped[flipped.length / 2] ^= 1;
    fs.writeFileSync(path.join(dir, 'bad.bak'), flipped);
    await expect(
      restoreEncryptedBackup({ file: path.join(dir, 'bad.bak'), keys, dataDir: target, sqlitePath: path.join(target, 'jinguo.db') }),
    ).rejects.toThrow(BackupError);
    expect(fs.existsSync(path.join(target, 'jinguo.db'))).toBe(false);
    expect(fs.readFileSync(path.join(target, 'files', 'current.jpg'), 'utf8')).toBe('current');
    expect(fs.readdirSync(target).filter((f) => f.startsWith('.restore-'))).toEqual([]);

    const r = await restoreEncryptedBackup({ file: backup, keys, dataDir: target, sqlitePath: path.join(target, 'jinguo.db') });
    expect(r.files).toBe(1);
    expect(fs.statSync(path.join(target, 'jinguo.db')).mode & 0o777).toBe(0o600);
    const db = new SqliteDatabase(path.join(target, 'jinguo.db'), { readonly: true });
    expect(db.prepare('SELECT note FROM audit_log').get()).toEqual({ note: 'secret-marker' });
    db.close();
    expect(fs.readFileSync(path.join(target, 'files', 'activities', 'e1', 'a.jpg'), 'utf8')).toBe('photo-bytes');
    expect(fs.existsSync(path.join(target, 'files', 'current.jpg'))).toBe(false);
  });
});
