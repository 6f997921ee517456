import { describe, expect, it } from 'vitest';
import { scrubText, serializeError, serializeRequest } from './logging.js';

const ID = '510399198503072466';

describe('what the log may carry', () => {
  it('scrubs values out of error messages: quoted text, key values, query strings, digit runs and non-ASCII text', () => {
    expect(scrubText('invalid input syntax for type integer: "张三"')).toBe('invalid input syntax for type integer: "…"');
    expect(scrubText('Key (id_number_hash)=(abc123) already exists.')).toBe('Key (id_number_hash)=(…) already exists.');
    expect(scrubText(`Reply was already sent, did you forget to "return reply" in "/api/people?q=${ID}" (GET)?`)).not.toContain(ID);
    expect(scrubText(`Route GET:/api/people?q=${ID} not found`)).toBe('Route GET:/api/people?… not found');
    expect(scrubText(`value ${ID} is too long; call 139-8765-1234 or 13987651234`)).toBe('value … is too long; call … or …');
    expect(scrubText('付款人王丽华不存在')).toBe('…');
    // What helps to debug stays: names of things, short numbers, addresses of the server.
    expect(scrubText('Cannot read properties of undefined (reading x) at line 12')).toBe(
      'Cannot read properties of undefined (reading x) at line 12',
    );
    expect(scrubText('Server listening at http://127.0.0.1:3000')).toBe('Server listening at http://127.0.0.1:3000');
  });

  it('logs an error as type, code, scrubbed message and stack frames: never a database error’s detail or the values it quotes', () => {
    const pgError = Object.assign(new Error(`duplicate key value violates unique constraint "persons_id_number_hash_key"`), {
      code: '23505',
      detail: `Key (id_number)=(${ID}) already exists.`,
      where: `SQL statement with "${ID}"`,
      parameters: [ID, '王丽华'],
    });
    const wrapped = new Error(`import failed for ${ID}`, { cause: pgError });
    const out = serializeError(wrapped);
    const text = JSON.stringify(out);
    expect(text).not.toContain(ID);
    expect(text).not.toContain('王丽华');
    expect(text).not.toContain('detail');
    expect(out).toMatchObject({ type: 'Error', message: 'import failed for …', cause: { type: 'Error', code: '23505' } });
    expect(out.stack).toMatch(/^\s+at /);
    expect(serializeError('a thrown string with 王丽华')).toEqual({ type: 'string', message: '…', stack: '' });
  });

  it('logs a request as its route pattern and the names of its query parameters', () => {
    const matched = { method: 'GET', url: `/api/people/x?q=${ID}&page=2`, ip: '10.0.0.1', routeOptions: { url: '/api/people/:id' } };
    expect(serializeRequest(matched)).toEqual({ method: 'GET', url: '/api/people/:id?q=*&page=*', remoteAddress: '10.0.0.1' });
    expect(serializeRequest({ method: 'GET', url: `/api/no-such/${ID}/more?${encodeURIComponent('王丽华')}=1` }).url).toBe(
      '/api/no-such/*?…=*',
    );
    expect(serializeRequest({ method: 'GET', url: `/${encodeURIComponent('王丽华')}` }).url).toBe('/*');
  });
});
