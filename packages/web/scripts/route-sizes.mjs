#!/usr/bin/env node
// What each route of the built web app downloads before it can draw: index.html, the entry chunk and, for the
// route's lazy pages (the shell + the page), each page chunk with every chunk it imports statically, transitively,
// and their CSS. Bytes as sent: brotli and gzip (the precompressed copies when present, as the server sends them).
// Fails the build when the first visit — the login page, then the home page — needs more than BUDGET gzipped.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET = 400_000;
const web = path.resolve(import.meta.dirname, '..');
const dist = path.join(web, 'dist');
const manifest = JSON.parse(fs.readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));

/** `const X = lazyPage(() => import('./pages/X'), …)` in a source file → X: the source path as the manifest names it. */
function lazyPages(file) {
  const text = fs.readFileSync(path.join(web, file), 'utf8');
  const pages = new Map();
  for (const [, name, spec] of text.matchAll(/const (\w+) = lazyPage\(\s*\(\) => import\('([^']+)'\)/g))
    pages.set(name, path.posix.join(path.posix.dirname(file), `${spec}.tsx`));
  return { text, pages };
}

// The app's own routes (App.tsx): the shell (Layout) is a lazy chunk of its own, needed by every signed-in page.
const app = lazyPages('src/app/App.tsx');
const SHELL = app.pages.get('AppLayout');
const routes = [
  { path: '/login', pages: [app.pages.get('LoginPage')] },
  { path: '/', pages: [SHELL, app.pages.get('HomePage')] },
  { path: '/account', pages: [SHELL, app.pages.get('AccountPage')] },
];
// Each module's routes: `{ path: '/x', element: <Page /> … }` under routes (in the shell), bareRoutes or publicRoutes.
for (const dir of fs.readdirSync(path.join(web, 'src/modules'), { withFileTypes: true })) {
  if (!dir.isDirectory()) continue;
  const file = `src/modules/${dir.name}/index.tsx`;
  if (!fs.existsSync(path.join(web, file))) continue;
  const { text, pages } = lazyPages(file);
  const bareAt = text.search(/\b(bareRoutes|publicRoutes): \[/);
  for (const m of text.matchAll(/\{\s*path: '([^']+)',\s*element: <(\w+) \/>/g)) {
    const page = pages.get(m[2]);
    if (!page)
      throw new Error(
        `${file}: ${m[1]} shows ${m[2]}, imported directly: it would be in every page's first download. Declare it as const ${m[2]} = lazyPage(() => import('./pages/${m[2]}'), '${m[2]}')`,
      );
    const inShell = bareAt < 0 || m.index < bareAt;
    routes.push({ path: m[1], pages: inShell ? [SHELL, page] : [page] });
  }
}

const sizeCache = new Map();
/** Bytes of a built file: raw, brotli, gzip. */
function sizes(file) {
  if (!sizeCache.has(file)) {
    const full = path.join(dist, file);
    const data = fs.readFileSync(full);
    const compressed = (ext, make) => (fs.existsSync(full + ext) ? fs.statSync(full + ext).size : make(data).length);
    sizeCache.set(file, {
      raw: data.length,
      br: compressed('.br', (d) => zlib.brotliCompressSync(d)),
      gz: compressed('.gz', (d) => zlib.gzipSync(d, { level: 9 })),
    });
  }
  return sizeCache.get(file);
}

/** The files a manifest entry needs: its chunk, its CSS, and the same for each static import, transitively. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not a chunk of the build (.vite/manifest.json)`);
  if (files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

const entry = closure('index.html');
entry.add('index.html');
const total = (files) =>
  [...files].reduce((t, f) => ({ raw: t.raw + sizes(f).raw, br: t.br + sizes(f).br, gz: t.gz + sizes(f).gz }), { raw: 0, br: 0, gz: 0 });
const filesOf = (route) => route.pages.reduce((files, page) => closure(page, files), new Set(entry));

const kB = (n) => (n / 1000).toFixed(1).padStart(7);
const rows = routes.map((r) => ({ path: r.path, files: filesOf(r) }));
const first = total(new Set([...rows[0].files, ...rows[1].files]));
console.log('\nWhat each route downloads (kB = 1000 bytes; entry + its lazy pages + their static imports, transitively):');
console.log(`${'route'.padEnd(34)} ${'files'.padStart(5)} ${'raw'.padStart(7)} ${'gzip'.padStart(7)} ${'brotli'.padStart(7)}`);
for (const r of rows) {
  const t = total(r.files);
  console.log(`${r.path.padEnd(34)} ${String(r.files.size).padStart(5)} ${kB(t.raw)} ${kB(t.gz)} ${kB(t.br)}`);
}
const all = total(new Set(Object.values(manifest).flatMap((c) => [c.file, ...(c.css ?? [])])));
console.log(`${'(every chunk of the app)'.padEnd(34)} ${''.padStart(5)} ${kB(all.raw)} ${kB(all.gz)} ${kB(all.br)}`);
console.log(
  `first visit, /login then /: ${kB(first.gz).trim()} kB gzip, ${kB(first.br).trim()} kB brotli (budget ${BUDGET / 1000} kB gzip)`,
);

// Every page chunk should be some route's page: one that is not was missed by the patterns above.
const counted = new Set(routes.flatMap((r) => r.pages));
const missed = Object.keys(manifest).filter((key) => manifest[key].isDynamicEntry && !counted.has(key));
const pagesMissed = missed.filter((key) => /\/pages\/|Page\.tsx$/.test(key));
const others = missed.filter((key) => !pagesMissed.includes(key));
if (others.length) console.log(`other lazy chunks (loaded when used): ${others.join(', ')}`);
if (pagesMissed.length) {
  console.error(`page chunks no route above accounts for (route-sizes.mjs cannot read their module's routes): ${pagesMissed.join(', ')}`);
  process.exit(1);
}
if (first.gz > BUDGET) {
  console.error(`the login and home pages need ${kB(first.gz).trim()} kB gzipped, over the ${BUDGET / 1000} kB budget`);
  process.exit(1);
}
