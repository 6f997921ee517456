import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFieldCipher, generateKeyFile, loadOrCreateKeyFile, rotateKeyFile } from './crypto.js';

const dirs: string[] = [];
const tempKeyFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-keys-'));
  dirs.push(dir);
  return path.join(dir, 'keys.json');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('field encryption (AES-256-GCM)', () => {
  it('round-trips text, including Chinese and the empty string', () => {
    const cipher = createFieldCipher(generateKeyFile());
    for (const plain of ['11010519491231002X', '四川省自贡市沿滩区牛佛镇大山村3组', '', '13800138000']) {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    }
  });

  it('never produces the same ciphertext twice, and never contains the value', () => {
    const cipher = createFieldCipher(generateKeyFile());
    const a = cipher.encrypt('360426199101010071');
    const b = cipher.encrypt('360426199101010071');
    expect(a).not.toBe(b);
    expect(a).not.toContain('360426');
    expect(a.startsWith(`enc1:${cipher.activeKeyId}:`)).toBe(true);
  });

  it('throws on a tampered ciphertext, tag or key id', () => {
    const cipher = createFieldCipher(generateKeyFile());
    const stored = cipher.encrypt('家庭暴力受害人住址');
    const [prefix, keyId, iv, ct, tag] = stored.split(':');
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] ^= 1;
      return buf.toString('base64');
    };
    expect(() => cipher.decrypt([prefix, keyId, iv, flip(ct), tag].join(':'))).toThrow();
    expect(() => cipher.decrypt([prefix, keyId, iv, ct, flip(tag)].join(':'))).toThrow();
    expect(() => cipher.decrypt([prefix, keyId, flip(iv), ct, tag].join(':'))).toThrow();
    expect(() => cipher.decrypt([prefix, 'k-unknown', iv, ct, tag].join(':'))).toThrow();
    expect(() => cipher.decrypt('plain text')).toThrow();
  });

  it('cannot decrypt with another install’s keys', () => {
    const stored = createFieldCipher(generateKeyFile()).encrypt('secret');
    expect(() => createFieldCipher(generateKeyFile()).decrypt(stored)).toThrow();
  });
});

describe('key file and rotation', () => {
  it('creates the key file once, readable by its owner only', () => {
    const file = tempKeyFile();
    const first = loadOrCreateKeyFile(file);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(loadOrCreateKeyFile(file)).toEqual(first);
    expect(Buffer.from(first.keys[first.activeKeyId], 'base64')).toHaveLength(32);
  });

  it('still decrypts old values after a rotation, and marks them for re-encryption', () => {
    const file = tempKeyFile();
    const before = createFieldCipher(loadOrCreateKeyFile(file));
    const old = before.encrypt('110105194912310021');
    const newId = rotateKeyFile(file);
    const after = createFieldCipher(loadOrCreateKeyFile(file));
    expect(after.activeKeyId).toBe(newId);
    expect(newId).not.toBe(before.activeKeyId);
    expect(after.decrypt(old)).toBe('110105194912310021');
    expect(after.needsReencryption(old)).toBe(true);
    const fresh = after.encrypt('110105194912310021');
    expect(after.needsReencryption(fresh)).toBe(false);
    expect(fresh.split(':')[1]).toBe(newId);
  });

  it('keeps blind indexes stable across a rotation (the HMAC key does not rotate with the data keys)', () => {
    const file = tempKeyFile();
    const before = createFieldCipher(loadOrCreateKeyFile(file));
    rotateKeyFile(file);
    const after = createFieldCipher(loadOrCreateKeyFile(file));
    expect(after.blindIndex('person.idNumber', '360426199101010071')).toBe(before.blindIndex('person.idNumber', '360426199101010071'));
  });

  it('refuses an incomplete key file or a key of the wrong size', () => {
    const file = tempKeyFile();
    fs.writeFileSync(file, JSON.stringify({ activeKeyId: 'k1', keys: {}, hmacKey: 'x' }));
    expect(() => loadOrCreateKeyFile(file)).toThrow(/incomplete/);
    expect(() => createFieldCipher({ activeKeyId: 'k1', keys: { k1: Buffer.alloc(16).toString('base64') }, hmacKey: 'x' })).toThrow(
      /256 bits/,
    );
  });
});

describe('blind index (HMAC-SHA-256)', () => {
  it('is deterministic per purpose and value, and differs between purposes and installs', () => {
    const keys = generateKeyFile();
    const a = createFieldCipher(keys);
    const b = createFieldCipher(keys);
    expect(a.blindIndex('person.idNumber', '360426199101010071')).toBe(b.blindIndex('person.idNumber', '360426199101010071'));
    expect(a.blindIndex('person.idNumber', '360426199101010071')).not.toBe(a.blindIndex('person.phone', '360426199101010071'));
    expect(a.blindIndex('person.idNumber', '360426199101010071')).not.toBe(a.blindIndex('person.idNumber', '11010519491231002X'));
    expect(a.blindIndex('person.idNumber', '360426199101010071')).not.toBe(
      createFieldCipher(generateKeyFile()).blindIndex('person.idNumber', '360426199101010071'),
    );
    expect(a.blindIndex('p', 'v')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('cannot be confused by moving characters between purpose and value', () => {
    const c = createFieldCipher(generateKeyFile());
    expect(c.blindIndex('ab', 'c')).not.toBe(c.blindIndex('a', 'bc'));
  });
});
