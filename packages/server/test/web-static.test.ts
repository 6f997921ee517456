import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp } from './build-test-app.js';

const HTML = '<!doctype html><html><head><script type="module" src="/assets/index-AbC123xy.js"></script></head><body></body></html>';
const JS = `export const page = ${JSON.stringify('巾帼 '.repeat(500))};\n`;

/** A built web app as `npm run build:web` lays it out: hashed chunks under assets/, each file with .br and .gz beside it. */
function writeDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  for (const [name, text] of [
    ['index.html', HTML],
    ['assets/index-AbC123xy.js', JS],
  ]) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  }
  return dir;
}

describe.each(TEST_DATABASES)('the built web app on %s', (kind) => {
  let t: TestApp;
  let dist: string;
  beforeAll(async () => {
    dist = writeDist();
    t = await buildTestApp(kind, { demo: false, webDist: dist });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends a hashed asset brotli-compressed when asked, cached for a year as immutable', async () => {
    const res = await t.app.inject({ url: '/assets/index-AbC123xy.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    // The precompressed copy itself, which decompresses to the file.
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(JS);
  });

  it('sends gzip to a browser without brotli, and the plain file to one that accepts neither', async () => {
    const gz = await t.app.inject({ url: '/assets/index-AbC123xy.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(JS);
    const plain = await t.app.inject({ url: '/assets/index-AbC123xy.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(JS);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has index.html revalidated on every load, at / and at any page of the app', async () => {
    for (const url of ['/', '/index.html', '/cases/01900000-0000-7000-8000-000000000000']) {
      const res = await t.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(HTML);
    }
  });

  it('answers a chunk that is not in this build with 404, not with the page', async () => {
    const res = await t.app.inject({ url: '/assets/index-Old999zz.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBeUndefined();
  });
});
