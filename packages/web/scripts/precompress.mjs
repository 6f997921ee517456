#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the built web app, once at build time, at the
// highest levels (too slow per request, free here). The server sends the copy the browser accepts (Accept-Encoding).
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const dist = path.resolve(import.meta.dirname, '../dist');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    // .vite/ holds the build manifest, which the server does not serve.
    if (e.isDirectory()) return e.name.startsWith('.') ? [] : filesUnder(p);
    return COMPRESSIBLE.test(e.name) ? [p] : [];
  });
}

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`precompress: ${dist} has no index.html — run vite build first`);
  process.exit(1);
}
const files = filesUnder(dist);
let raw = 0;
let br = 0;
let gz = 0;
// The thread pool compresses several files at once (both cores).
await Promise.all(
  files.map(async (file) => {
    const data = fs.readFileSync(file);
    const [b, g] = await Promise.all([
      brotli(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
      gzip(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ]);
    fs.writeFileSync(`${file}.br`, b);
    fs.writeFileSync(`${file}.gz`, g);
    raw += data.length;
    br += b.length;
    gz += g.length;
  }),
);
const kB = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log(`precompressed ${files.length} files: ${kB(raw)} → brotli ${kB(br)}, gzip ${kB(gz)}`);
