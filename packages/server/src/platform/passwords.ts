import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { checkPasswordPolicy } from '@jinguo/domain';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

/**
 * scrypt's cost: N = 2^17, r = 8 (OWASP's first choice) — about 0.4 s of one core per hash here, and 128 MiB of
 * memory (128·N·r bytes). Node runs at most 4 hashes at a time (its thread pool), so sign-ins cannot take more
 * than ~512 MiB together; maxmem leaves room for that one hash and refuses a stored hash asking for more.
 */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024;
const PARAMS = { ...SCRYPT_PARAMS, maxmem: MAXMEM };

/** scrypt$N$r$p$salt$hash (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash was made with weaker parameters than today's: it is rehashed at the next successful sign-in. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < SCRYPT_PARAMS.N || Number(r) < SCRYPT_PARAMS.r || Number(p) < SCRYPT_PARAMS.p;
}

/** A hash of a password nobody knows, checked for unknown users so their timing matches a wrong password. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** A random password that satisfies the policy (for the administrators' first passwords and resets). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  for (;;) {
    const bytes = randomBytes(14);
    let out = '';
    for (const b of bytes) out += alphabet[b % alphabet.length];
    const password = `${out.slice(0, 5)}-${out.slice(5, 10)}-${out.slice(10)}A7a`;
    // A random draw may, very rarely, hold a run such as "abcde": draw again rather than hand it out.
    if (checkPasswordPolicy(password).length === 0) return password;
  }
}
