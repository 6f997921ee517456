import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// A shape the server sends is typed once, in @jinguo/domain (z.infer of the schema the route answers with); a type
// of the same name written again on the web or the server drifts from it unseen (the web's audit entry and the cases
// module's overdue board, holiday and referral letter once did).
const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every name @jinguo/domain exports, types included (read by the compiler, not at run time). */
function domainExports(): Set<string> {
  const entry = path.join(ROOT, 'packages/domain/src/index.ts');
  const program = ts.createProgram([entry], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return new Set(checker.getExportsOfModule(symbol).map((s) => s.name));
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Types and interfaces a side declares itself, with a name the domain package already exports. */
function copiesOf(side: string, exported: Set<string>): string[] {
  return files(path.join(ROOT, side)).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(/^(?:export )?(?:type|interface) ([A-Z]\w*)\b/gm)]
      .filter((m) => exported.has(m[1]))
      .map((m) => `${path.relative(ROOT, file)}: ${m[1]}`),
  );
}

describe('types shared between server and web', () => {
  const exported = domainExports();

  it('reads the domain package’s type exports', () => {
    for (const name of ['OverdueBoard', 'Holiday', 'ReferralLetter', 'AuditLogEntry', 'Page', 'CaseListItem'])
      expect(exported).toContain(name);
  });

  it.each(['packages/web/src', 'packages/server/src'])('%s declares no type the domain package exports', (side) => {
    expect(copiesOf(side, exported)).toEqual([]);
  });
});
