// Modules talk only through their front doors (docs/ARCHITECTURE.md "Front doors"): on every side (server, web,
// domain) a file of one module imports another module only through that module's door, and no chain of imports
// between modules comes back to where it started. This reads the import lines of the source tree (no database).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

type Side = {
  name: string;
  /** The folder whose sub-folders are the modules. */
  modulesDir: string;
  /** Sub-folders that are shared code, not modules: any module may use them (they use no module). */
  shared: string[];
  /** The files of a module another module may import (relative to the module's folder). */
  doors: string[];
};

const SIDES: Side[] = [
  { name: 'server', modulesDir: 'packages/server/src/modules', shared: [], doors: ['index.ts'] },
  { name: 'web', modulesDir: 'packages/web/src/modules', shared: [], doors: ['index.tsx', 'public.ts'] },
  { name: 'domain', modulesDir: 'packages/domain/src', shared: ['common', 'platform'], doors: ['index.ts'] },
];

const SOURCE = /\.(ts|tsx)$/;
// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`; the specifier is the captured group.
const IMPORT =
  /(?:^|[\s;}])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return SOURCE.test(e.name) ? [p] : [];
  });
}

/** The import specifiers of a source text (comments stripped first, so an example in a comment is not an import). */
function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Resolves a relative specifier to a file ('./x.js' → x.ts, './x' → x.tsx or x/index.ts). */
function resolveFile(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const c of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) if (fs.existsSync(c)) return c;
  return null;
}

type Edge = { from: string; to: string; file: string; target: string };

/** Every import in a side from one module's file into another module: the edges of the module graph. */
function moduleEdges(side: Side): Edge[] {
  const modulesRoot = path.join(ROOT, side.modulesDir);
  const moduleOf = (file: string): string | null => {
    const rel = path.relative(modulesRoot, file).split(path.sep);
    if (rel.length < 2 || rel[0] === '..' || side.shared.includes(rel[0])) return null;
    return rel[0];
  };
  const edges: Edge[] = [];
  for (const file of walk(modulesRoot)) {
    const from = moduleOf(file);
    if (!from) continue;
    for (const spec of importSpecifiers(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const target = resolveFile(file, spec);
      if (!target) continue;
      const to = moduleOf(target);
      if (to && to !== from) edges.push({ from, to, file: path.relative(ROOT, file), target: path.relative(ROOT, target) });
    }
  }
  return edges;
}

/** Imports of another module's inside (not its door): "file → target". */
function reachIns(side: Side): string[] {
  const modulesRoot = path.join(ROOT, side.modulesDir);
  const isDoor = (target: string) => {
    const rel = path.relative(modulesRoot, path.join(ROOT, target)).split(path.sep);
    return rel.length === 2 && side.doors.includes(rel[1]);
  };
  return moduleEdges(side)
    .filter((e) => !isDoor(e.target))
    .map((e) => `${e.file} → ${e.target}`);
}

/** Every cycle between modules, each as "a → b → … → a" (found once, from its smallest module name). */
function moduleCycles(side: Side): string[] {
  const graph = new Map<string, Set<string>>();
  for (const e of moduleEdges(side)) graph.set(e.from, (graph.get(e.from) ?? new Set()).add(e.to));
  const cycles = new Set<string>();
  const visit = (start: string, node: string, trail: string[]) => {
    for (const next of graph.get(node) ?? []) {
      if (next === start) cycles.add([...trail, start].join(' → '));
      // Only walk through modules named after the start, so each cycle is reported once, from its smallest name.
      else if (next > start && !trail.includes(next)) visit(start, next, [...trail, next]);
    }
  };
  for (const m of [...graph.keys()].sort()) visit(m, m, [m]);
  return [...cycles];
}

const SERVER_MODULES = path.join(ROOT, 'packages/server/src/modules');
// Kysely calls that name a table: the table's TypeScript name is the first argument.
const TABLE_USE = /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([A-Za-z_]+)/g;

const RAW_TABLE_USE = /\b(?:FROM|JOIN)\s+([a-z][a-z_]*)\b/g;

/** Which module owns each table: the keys of the `<M>Tables` type in its `<m>.tables.ts`. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const m of fs.readdirSync(SERVER_MODULES)) {
    const file = path.join(SERVER_MODULES, m, `${m}.tables.ts`);
    if (!fs.existsSync(file)) continue;
    for (const block of fs.readFileSync(file, 'utf8').matchAll(/export type \w+Tables = \{([^}]*)\}/g))
      for (const t of block[1].matchAll(/^\s+(\w+):/gm)) owners.set(t[1], m);
  }
  return owners;
}

/**
 * SQL one module runs on another module's tables, as "module → table (owner)". Org units are left out: every owned row
 * is scoped by the unit tree (db/scope.ts) and every list shows its unit's name, so joining org_units is the rule.
 */
function foreignTableUses(): string[] {
  const owners = tableOwners();
  const uses = new Set<string>();
  for (const file of walk(SERVER_MODULES)) {
    const rel = path.relative(SERVER_MODULES, file).split(path.sep);
    if (rel.length < 2 || file.endsWith('.test.ts')) continue;
    const text = fs.readFileSync(file, 'utf8');
    const tables = [
      ...[...text.matchAll(TABLE_USE)].map((m) => m[1]),
      // Hand-written SQL (fast paths, facts): `FROM persons p`, `JOIN org_units o`, named in snake_case.
      ...[...text.matchAll(RAW_TABLE_USE)].map((m) => m[1].replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())),
    ];
    for (const table of tables) {
      const owner = owners.get(table);
      if (owner && owner !== rel[0] && owner !== 'org') uses.add(`${rel[0]} → ${table} (${owner})`);
    }
  }
  return [...uses].sort();
}

/**
 * Joins on another module's table that are still there (issue 15): each should become a read view of the owner's front
 * door (people's `personsView`, funds' `disbursementsView`). The list may only shrink — a new entry fails, and so does
 * an entry that is gone (take it off the list).
 */
const KNOWN_FOREIGN_TABLE_USES = [
  'activities → associations (associations)',
  'associations → activityEvents (activities)',
  'cases → persons (people)',
  'funds → persons (people)',
  'relief → persons (people)',
  'sponsorship → persons (people)',
];

describe('module boundaries', () => {
  it('reads the import lines it is meant to check', () => {
    expect(
      importSpecifiers(
        [
          "import { a } from '../x/index.js';",
          "import type {\n  B,\n} from '../y/y.repository.js';",
          "export { c } from './c.js';",
          "import './side-effect.js';",
          "const P = lazyPage(() => import('./pages/P'), 'P');",
          "// import { d } from '../commented/out.js';",
        ].join('\n'),
      ),
    ).toEqual(['../x/index.js', '../y/y.repository.js', './c.js', './side-effect.js', './pages/P']);
    // The checks see the modules of each side (a wrong folder would pass every check vacuously).
    for (const side of SIDES) expect(moduleEdges(side).length, side.name).toBeGreaterThan(0);
  });

  it('server: a module runs SQL on its own tables only (the org tree aside), beyond the known joins still to be moved', () => {
    expect(tableOwners().get('persons')).toBe('people');
    expect(foreignTableUses()).toEqual(KNOWN_FOREIGN_TABLE_USES);
  });

  describe.each(SIDES)('$name', (side) => {
    it('imports another module only through its front door, never a repository, service, demo or helper file', () => {
      expect(reachIns(side)).toEqual([]);
    });

    it('has no import cycle between modules', () => {
      expect(moduleCycles(side)).toEqual([]);
    });
  });
});
