/**
 * The SQL store's lossless encoding of strings PostgreSQL refuses (NUL, lone surrogates).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJson, decodeText, encodeJson, encodeText } from '../src/store/text-encoding';

/** What PostgreSQL refuses in TEXT and JSONB. */
const REFUSED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('text encoding of the SQL store', () => {
  it('keeps usual strings as they are (Unicode, emoji, surrogate pairs, U+E000 inside)', () => {
    for (const text of ['', 'Kitten #1', 'π 3.14', '😀 pair', 'a\uE000b', '%25 \\u0000 literal']) expect(encodeText(text)).toBe(text);
  });

  it('escapes NUL, lone surrogates and a leading U+E000, and reads them back', () => {
    for (const text of ['coffee\u0000', 'a\ud800b', '\udc00', 'x\ud83d', '\uE000start', '\uE000e000', 'mixed \u0000\ud800😀\uE000']) {
      const stored = encodeText(text);
      expect(stored).not.toMatch(REFUSED);
      expect(decodeText(stored)).toBe(text);
    }
  });

  it('round-trips any string, and never stores what PostgreSQL refuses (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: fc.constantFrom('\0', '\ud800', '\udc00', '\uE000', 'a', '0', 'e'), maxLength: 20 }),
        (a, b) => {
          for (const text of [a, b, a + b, b + a]) {
            const stored = encodeText(text);
            expect(stored).not.toMatch(REFUSED);
            expect(decodeText(stored)).toBe(text);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('encodes every string of a JSON value, keys included', () => {
    const value = { 'k\u0000': ['\ud800', { n: 1, t: true, z: null, s: 'ok' }], plain: 'x' };
    const stored = encodeJson(value);
    expect(JSON.stringify(stored)).not.toMatch(/\\u0000|\\ud800/i);
    expect(decodeJson(stored)).toEqual(value);
  });

  it('keeps a "__proto__" key as a key (found by the store property test)', () => {
    const value = JSON.parse('{"__proto__":null,"a":{"__proto__":"\\u0000"}}') as Record<string, unknown>;
    const read = decodeJson(encodeJson(value)) as Record<string, unknown>;
    expect(Object.keys(read)).toEqual(['__proto__', 'a']);
    expect(JSON.stringify(read)).toBe(JSON.stringify(value));
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
  });
});
