import fs from 'node:fs';
import path from 'node:path';
import { APPLICATION_ACTIONS, APPROVAL_HISTORY_ACTIONS, CASE_TRANSITION_NAMES } from '@jinguo/domain';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../web/src/modules/platform/labels.ts';

// The server's source, read as text: every audit action and record type it writes must have a name on the web
// app's audit page (packages/web/src/modules/platform/labels.ts).
const SERVER = path.resolve(import.meta.dirname, '../src');
const sources = (fs.readdirSync(SERVER, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => fs.readFileSync(path.join(SERVER, f), 'utf8'));

/** The quoted keys on `action: …` / `entityType: …` lines (both branches of a ternary), and audit(trx, 'key') helpers. */
function literals(field: 'action' | 'entityType'): Set<string> {
  const out = new Set<string>();
  for (const src of sources) {
    for (const line of src.split('\n')) {
      // Up to the next comma or brace: the value of this key only, not the keys after it on the same line.
      const m = new RegExp(`\\b${field}: ([^,}]*)`).exec(line) ?? (field === 'action' ? /\baudit\(trx, ('[^']*')/.exec(line) : null);
      if (!m) continue;
      // (?<!\[): not a type's indexed key (Table['action']).
      for (const k of m[1].matchAll(/(?<!\[)'([a-z][a-zA-Z_.]*)'/g)) out.add(k[1]);
    }
  }
  return out;
}

/** Keys built in a template (`case.${t}`): their families, expanded from the unions the server takes them from. */
const TEMPLATED: Record<string, readonly string[]> = {
  case: CASE_TRANSITION_NAMES,
  referral: ['accept', 'decline', 'outcome'],
  review: ['approve', 'reject'],
  reexamine: ['pass', 'fail'],
  report: ['generate', 'edit', 'refresh', 'freeze'],
  indicator_value: ['save', 'submit', 'approve', 'return', 'reopen', 'import'],
  approval: APPROVAL_HISTORY_ACTIONS,
};

describe('audit trail labels', () => {
  it('names every action the server writes in Chinese (and English)', () => {
    const written = literals('action');
    expect(written.size).toBeGreaterThan(80);
    for (const [family, keys] of Object.entries(TEMPLATED)) for (const k of keys) written.add(`${family}.${k}`);
    // A relief application's steps are written as the step itself (action: input.action).
    for (const k of APPLICATION_ACTIONS) written.add(k);
    const templated = sources.flatMap((s) => [...s.matchAll(/action: `([a-z_]+)\.\$\{/g)].map((m) => m[1]));
    expect(templated.filter((f) => !TEMPLATED[f])).toEqual([]);
    const unnamed = [...written].filter((k) => !AUDIT_ACTIONS[k]);
    expect(unnamed).toEqual([]);
    for (const [zh, en] of Object.values(AUDIT_ACTIONS)) {
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names every kind of record the server writes', () => {
    const written = literals('entityType');
    expect(written.size).toBeGreaterThan(50);
    expect([...written].filter((k) => !AUDIT_ENTITY_TYPES[k])).toEqual([]);
  });
});
