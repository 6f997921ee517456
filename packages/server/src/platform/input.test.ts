import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText, toStorableText } from './input.js';

describe('text the databases store exactly', () => {
  it('refuses U+0000 and lone surrogates, accepts surrogate pairs and every other character', () => {
    for (const bad of ['\u0000', 'a\u0000b', '\ud800', 'x\ud800', '\udc00x', '\udc00\ud800', '👩\ud800'])
      expect(isStorableText(bad), bad).toBe(false);
    for (const good of ['', 'abc', '王丽华', '𠮷', '👩‍👩‍👧', 'e\u0301', '\u0001\u0007\u001f', '\ufffd', '\uffff'])
      expect(isStorableText(good), good).toBe(true);
    expect(toStorableText('a\u0000b\ud800c\udc00')).toBe('a\ufffdb\ufffdc\ufffd');
    expect(toStorableText('👩')).toBe('👩');
  });

  it('names the first unstorable string of a parsed body by its path, keys included, without recursing', () => {
    expect(findUnstorableText({ a: 'ok', b: [{ c: 'ok' }, { d: 'x\u0000' }] })).toEqual({ path: 'b.1.d', inKey: false });
    expect(findUnstorableText({ a: { '\ud800': 1 } })).toEqual({ path: 'a', inKey: true });
    expect(findUnstorableText('\ud800')).toEqual({ path: '(root)', inKey: false });
    expect(findUnstorableText({ a: 1, b: null, c: true, d: ['x', '𠮷'] })).toBeNull();
    // The query parser's objects have a prototype without one; buffers and streams are not walked.
    const query = Object.create(Object.create(null)) as Record<string, string>;
    query.q = 'a\u0000';
    expect(findUnstorableText(query)).toEqual({ path: 'q', inKey: false });
    expect(findUnstorableText(Buffer.from([0, 0xed, 0xa0, 0x80]))).toBeNull();
    // 100,000 levels deep: a recursive walk would overflow the stack.
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep)?.path.split('.').length).toBe(100_000);
  });
});
