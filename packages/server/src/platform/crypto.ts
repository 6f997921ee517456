import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Field encryption for sensitive values: AES-256-GCM with a key id in every ciphertext so keys can rotate,
 * and a keyed hash (HMAC-SHA-256 "blind index") for exact look-ups of encrypted values.
 * The keys live in a key file outside the database, created on first start.
 */
export type KeyFile = { activeKeyId: string; keys: Record<string, string>; hmacKey: string };

export type FieldCipher = {
  encrypt: (plain: string) => string;
  decrypt: (stored: string) => string;
  /** Keyed hash for equality look-ups; the purpose separates indexes (e.g. "person.idNumber"). */
  blindIndex: (purpose: string, value: string) => string;
  activeKeyId: string;
  /** True when the value was encrypted with a key other than the active one (a rotation re-encrypts it). */
  needsReencryption: (stored: string) => boolean;
};

const PREFIX = 'enc1';

export function generateKeyFile(): KeyFile {
  const id = `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(2).toString('hex')}`;
  return { activeKeyId: id, keys: { [id]: randomBytes(32).toString('base64') }, hmacKey: randomBytes(32).toString('base64') };
}

/** Reads the key file, creating it (mode 0600) when it does not exist. */
export function loadOrCreateKeyFile(file: string): KeyFile {
  if (!fs.existsSync(file)) {
    // Its folder too is the server account's alone (0700 when created here).
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(generateKeyFile(), null, 2), { mode: 0o600, flag: 'wx' });
  } else if (fs.statSync(file).mode & 0o077) fs.chmodSync(file, 0o600);
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  if (!parsed.keys?.[parsed.activeKeyId] || !parsed.hmacKey) throw new Error(`key file ${file} is incomplete`);
  return parsed;
}

/** Adds a new key and makes it active; old keys stay so existing values still decrypt. */
export function rotateKeyFile(file: string): string {
  const current = loadOrCreateKeyFile(file);
  const next = generateKeyFile();
  current.keys[next.activeKeyId] = next.keys[next.activeKeyId];
  current.activeKeyId = next.activeKeyId;
  fs.writeFileSync(file, JSON.stringify(current, null, 2), { mode: 0o600 });
  return next.activeKeyId;
}

export function createFieldCipher(keyFile: KeyFile): FieldCipher {
  const keys = new Map(Object.entries(keyFile.keys).map(([id, k]) => [id, Buffer.from(k, 'base64')]));
  const hmacKey = Buffer.from(keyFile.hmacKey, 'base64');
  for (const [id, key] of keys) if (key.length !== 32) throw new Error(`key ${id} is not 256 bits`);
  const active = keys.get(keyFile.activeKeyId)!;
  return {
    activeKeyId: keyFile.activeKeyId,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', active, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [PREFIX, keyFile.activeKeyId, iv.toString('base64'), ct.toString('base64'), cipher.getAuthTag().toString('base64')].join(':');
    },
    decrypt(stored) {
      const [prefix, keyId, iv, ct, tag] = stored.split(':');
      const key = keys.get(keyId);
      if (prefix !== PREFIX || !key || !iv || ct === undefined || !tag) throw new Error('not a Jinguo ciphertext or unknown key');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
    },
    blindIndex(purpose, value) {
      return createHmac('sha256', hmacKey).update(purpose).update('\0').update(value).digest('hex');
    },
    needsReencryption(stored) {
      return stored.split(':')[1] !== keyFile.activeKeyId;
    },
  };
}
