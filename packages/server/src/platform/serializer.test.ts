import * as domain from '@jinguo/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { safeEncode, type $ZodType } from 'zod/v4/core';
import { compileEncoder, REFUSED, responseSerializerCompiler } from './serializer.js';

/** The answer zod's own serializer (fastify-type-provider-zod) gives: the JSON text, or null for a 500. */
function zodAnswer(schema: $ZodType, value: unknown): string | null {
  try {
    const r = safeEncode(schema, value);
    return r.error ? null : JSON.stringify(r.data);
  } catch {
    // A request schema with a one-way transform cannot be encoded at all: zod throws.
    return null;
  }
}
function compiledAnswer(schema: $ZodType, value: unknown): string | null {
  const serialize = responseSerializerCompiler({ schema, method: 'GET', url: '/t', httpStatus: '200' });
  try {
    return serialize(value);
  } catch {
    return null;
  }
}

/** A small deterministic random source. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Def = {
  type: string;
  shape?: Record<string, $ZodType>;
  element?: $ZodType;
  entries?: object;
  values?: unknown[];
  innerType?: $ZodType;
  options?: $ZodType[];
};
const defOf = (s: $ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

const STRANGE: unknown[] = [undefined, null, 0, -0, 1.5, Number.NaN, Infinity, 2 ** 53, '', 'x', true, [], {}, new Date(0), ['a']];

/** A value shaped like the schema, with mistakes thrown in at random (wrong types, missing and extra keys). */
function sample(schema: $ZodType, r: () => number, depth = 0): unknown {
  if (r() < 0.04 || depth > 6) return STRANGE[Math.floor(r() * STRANGE.length)];
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return ['', 'a', '张三', '2026-11-29', 'x'.repeat(30)][Math.floor(r() * 5)];
    case 'number':
      return [0, 1, -3, 2.5, 1e6, 2 ** 53 - 1][Math.floor(r() * 6)];
    case 'boolean':
      return r() < 0.5;
    case 'null':
      return null;
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return values[Math.floor(r() * values.length)];
    }
    case 'literal':
      return def.values![Math.floor(r() * def.values!.length)];
    case 'nullable':
      return r() < 0.3 ? null : sample(def.innerType!, r, depth + 1);
    case 'optional':
      return r() < 0.3 ? undefined : sample(def.innerType!, r, depth + 1);
    case 'array':
      return Array.from({ length: Math.floor(r() * 4) }, () => sample(def.element!, r, depth + 1));
    case 'union':
      return sample(def.options![Math.floor(r() * def.options!.length)], r, depth + 1);
    case 'object': {
      const out: Record<string, unknown> = {};
      // Extra keys, in front and behind: never listed, never sent.
      if (r() < 0.5) out.secretEnc = 'enc1:k:iv:ct:tag';
      for (const [k, v] of Object.entries(def.shape ?? {})) if (r() > 0.03) out[k] = sample(v, r, depth + 1);
      if (r() < 0.5) out.passwordHash = 'scrypt$…';
      return out;
    }
    default:
      return STRANGE[Math.floor(r() * STRANGE.length)];
  }
}

const SCHEMAS = Object.entries(domain).filter(([, v]) => v && typeof v === 'object' && '_zod' in v) as [string, $ZodType][];

describe('the compiled response serializer', () => {
  it('drops unlisted keys and sends the listed ones in the schema’s order', () => {
    const schema = z.object({ id: z.string(), name: z.string(), phoneMasked: z.string().nullable() });
    const data = { phoneEnc: 'enc1:…', name: '张三', id: 'a', phoneMasked: null, idNumber: '110105…' };
    expect(compiledAnswer(schema, data)).toBe('{"id":"a","name":"张三","phoneMasked":null}');
    expect(compiledAnswer(schema, data)).toBe(zodAnswer(schema, data));
  });

  it('refuses what zod refuses: a wrong type, a missing field, NaN, a non-integer page, an unknown enum value', () => {
    const schema = domain.pageOf(z.object({ id: z.string(), status: z.enum(['open', 'closed']), n: z.number() }));
    const ok = { items: [{ id: 'a', status: 'open', n: 1 }], total: 1, page: 1, pageSize: 50 };
    expect(compiledAnswer(schema, ok)).toBe(zodAnswer(schema, ok));
    for (const bad of [
      { ...ok, total: '1' },
      { ...ok, page: 1.5 },
      { ...ok, items: [{ id: 'a', status: 'lost', n: 1 }] },
      { ...ok, items: [{ id: 'a', status: 'open', n: Number.NaN }] },
      { ...ok, items: [{ status: 'open', n: 1 }] },
      { items: ok.items, total: 1, page: 1 },
    ]) {
      expect(compileEncoder(schema)(bad)).toBe(REFUSED);
      expect(compiledAnswer(schema, bad)).toBeNull();
      expect(zodAnswer(schema, bad)).toBeNull();
    }
  });

  it('throws fastify-type-provider-zod’s ResponseSerializationError with zod’s issues (the handler logs them)', () => {
    const serialize = responseSerializerCompiler({ schema: z.object({ id: z.string() }), method: 'GET', url: '/api/x', httpStatus: '200' });
    expect(() => serialize({ id: 1 })).toThrow(
      expect.objectContaining({ method: 'GET', url: '/api/x', cause: expect.objectContaining({ issues: expect.any(Array) }) }),
    );
  });

  it('hands to zod what it does not compile (checks, defaults, dates, strict objects), with zod’s answer', () => {
    const schema = z.object({
      email: z.email(),
      short: z.string().max(3),
      when: z.date(),
      strict: z.strictObject({ a: z.string() }),
      tags: z.array(z.string()).min(1),
      extra: z.unknown(),
    });
    const data = { email: 'a@b.cn', short: 'abc', when: new Date(0), strict: { a: 'x' }, tags: ['t'], extra: { deep: [1] }, dropped: 1 };
    expect(compiledAnswer(schema, data)).toBe(zodAnswer(schema, data));
    expect(compiledAnswer(schema, { ...data, short: 'abcd' })).toBeNull();
    expect(compiledAnswer(schema, { ...data, strict: { a: 'x', b: 'y' } })).toBeNull();
  });

  it(`answers exactly as zod for every schema of the domain package (${SCHEMAS.length}), on valid and broken values`, () => {
    let compared = 0;
    let accepted = 0;
    const withValid = new Set<string>();
    for (const [name, schema] of SCHEMAS) {
      const r = rng(name.length * 7919 + name.charCodeAt(0));
      for (let i = 0; i < 40; i++) {
        const value = sample(schema, r);
        const expected = zodAnswer(schema, value);
        const got = compiledAnswer(schema, value);
        if (got !== expected) throw new Error(`${name}: ${JSON.stringify(value)} → compiled ${got}, zod ${expected}`);
        // The compiled path alone must never accept what zod refuses, nor answer differently.
        let direct: unknown = REFUSED;
        try {
          direct = compileEncoder(schema)(value);
        } catch {}
        if (direct !== REFUSED) expect(JSON.stringify(direct)).toBe(expected);
        compared++;
        if (expected !== null) {
          accepted++;
          withValid.add(name);
        }
      }
    }
    expect(compared).toBe(SCHEMAS.length * 40);
    // Enough of the samples are valid, for most schemas, for the comparison to mean something.
    expect(accepted).toBeGreaterThan(compared / 10);
    expect(withValid.size).toBeGreaterThan(SCHEMAS.length * 0.5);
  });
});
