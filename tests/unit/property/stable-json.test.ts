/**
 * Records' key-sorted JSON (src/core/json/stable-json.ts), the team store's content digest and the
 * CLI database's same-content test: the same text as the formulation earlier versions stored
 * digests of (JSON.stringify with a key-sorting replacer), so re-indexing unchanged articles into
 * an existing namespace still reports them `unchanged`, and key order never changes a digest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableJson } from '../../../src/core/json/stable-json';

/** The digest input as versions up to 2026-12-05 wrote it. */
const earlier = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );

describe('stableJson', () => {
  it('writes what earlier versions digested, for any JSON value (pack entries, articles)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stableJson(v)).toBe(earlier(v));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same for values JSON leaves out or rewrites (undefined, functions, -0, NaN, integer-like keys)', () => {
    const key = fc.oneof(fc.string(), fc.nat().map(String), fc.constantFrom('01', '4294967294', '4294967295', '-1'));
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.anything({ maxDepth: 1 }), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(key, tie('value'), { maxKeys: 5 })),
    }));
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (v) => {
        expect(stableJson(v)).toBe(earlier(v));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        const reversed = Object.fromEntries(Object.entries(o).reverse());
        expect(stableJson(reversed)).toBe(stableJson(o));
      }),
    );
  });
});
