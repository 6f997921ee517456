import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every workspace declares the packages its files import: an undeclared one works only while some other package
// happens to pull it in (hoisted), and breaks the day that package drops it or changes its version.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'screenshots', 'data', '.git']);

type Manifest = { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

/** The package part of a bare specifier (`@scope/name/sub` → `@scope/name`, `name/sub` → `name`); null for a relative path or a built-in. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? null : name;
}

/** Every module a file names: static and dynamic imports, `import()` types, require(), and createRequire(...)('x'). */
function importsOf(source: string): string[] {
  const found = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
  for (const m of source.matchAll(/createRequire\(import\.meta\.url\)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  return found;
}

function sourceFiles(dir: string, skip: (full: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (SKIP_DIRS.has(entry.name) || skip(full)) continue;
    if (entry.isDirectory()) out.push(...sourceFiles(full, skip));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

const readManifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
const rootManifest = readManifest(ROOT);
const WORKSPACES = ['packages/domain', 'packages/server', 'packages/web'];

/** Tests, benchmarks, e2e and build configuration may also use the tools declared once at the root (vitest, typescript …). */
const isDevFile = (rel: string) => /(^|\/)(test|e2e|bench|scripts)\//.test(rel) || /\.test\.tsx?$/.test(rel) || /\.config\.ts$/.test(rel);

/** For one package.json and the files it owns: every import of a package it does not declare, as "file → package". */
function undeclared(dir: string, files: string[]): string[] {
  const manifest = readManifest(dir);
  const runtime = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {})]);
  const dev = new Set([...runtime, ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(rootManifest.devDependencies ?? {})]);
  const problems: string[] = [];
  for (const file of files) {
    const rel = path.relative(ROOT, file);
    const allowed = isDevFile(path.relative(dir, file)) ? dev : runtime;
    for (const specifier of importsOf(fs.readFileSync(file, 'utf8'))) {
      const name = packageOf(specifier);
      if (name && !allowed.has(name)) problems.push(`${rel} → ${name}`);
    }
  }
  return problems;
}

describe('declared dependencies', () => {
  it('reads the package of every kind of import a file can make', () => {
    const source = [
      "import a from 'zod';",
      "import type { B } from '@jinguo/domain/cases';",
      "export { c } from 'kysely/helpers/sqlite';",
      "const d = await import('jszip');",
      "type E = typeof import('saxes');",
      "const f = createRequire(import.meta.url)('unzipper');",
      "import fs from 'node:fs'; import path from 'path'; import x from './x.js';",
    ].join('\n');
    expect(importsOf(source).map(packageOf).filter(Boolean)).toEqual(['zod', '@jinguo/domain', 'kysely', 'jszip', 'saxes', 'unzipper']);
  });

  it.each(WORKSPACES)('%s declares every package its files import', (workspace) => {
    const dir = path.join(ROOT, workspace);
    expect(undeclared(dir, sourceFiles(dir))).toEqual([]);
  });

  it('the root declares what e2e/, bench/ and scripts/ import', () => {
    const files = sourceFiles(ROOT, (full) => full === path.join(ROOT, 'packages'));
    expect(undeclared(ROOT, files)).toEqual([]);
  });
});
