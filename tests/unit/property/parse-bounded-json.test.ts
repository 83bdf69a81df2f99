/**
 * The bounded JSON reader: within its limits it is JSON.parse (same value, same failures); past
 * them it refuses with a reason before JSON.parse runs, so a nesting bomb costs nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseBoundedJson } from '../../../src/core/json/parse-bounded-json';

function depthOf(x: unknown): number {
  if (Array.isArray(x)) return 1 + Math.max(0, ...x.map(depthOf));
  if (x && typeof x === 'object') return 1 + Math.max(0, ...Object.values(x).map(depthOf));
  return 0;
}

describe('parseBoundedJson', () => {
  it('returns what JSON.parse returns for any JSON value within the depth limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        const r = parseBoundedJson(text);
        expect(r).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses exactly the documents nested deeper than the limit, whatever strings hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 1, max: 12 }), (value, limit) => {
        const r = parseBoundedJson(JSON.stringify(value), { maxDepth: limit });
        expect(r.ok).toBe(depthOf(value) <= limit);
        if (!r.ok) expect(r.error).toBe(`is nested more than ${limit} levels deep`);
      }),
      { numRuns: 500 },
    );
  });

  it('fails like JSON.parse on any text that is not JSON, with a one-line reason', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        let valid = true;
        try {
          JSON.parse(text.replace(/^\uFEFF/, ''));
        } catch {
          valid = false;
        }
        const r = parseBoundedJson(text);
        if (!r.ok) expect(r.error).not.toContain('\n');
        if (depthOfText(text) <= MAX_JSON_DEPTH) expect(r.ok).toBe(valid);
      }),
      { numRuns: 1000 },
    );
  });

  it('stops a 20 MB "[[[[" bomb, a container flood and an oversized text before parsing', () => {
    expect(parseBoundedJson('['.repeat(20 * 1024 * 1024))).toEqual({ ok: false, error: `is nested more than ${MAX_JSON_DEPTH} levels deep` });
    expect(parseBoundedJson('[' + '{},'.repeat(1000) + '{}]', { maxContainers: 100 })).toEqual({ ok: false, error: 'holds more than 100 arrays and objects' });
    expect(parseBoundedJson('[' + '0,'.repeat(1000) + '0]', { maxItems: 100 })).toEqual({ ok: false, error: 'holds more than 100 values' });
    expect(parseBoundedJson('"' + 'x'.repeat(2000) + '"', { maxChars: 1000 })).toEqual({ ok: false, error: 'is larger than 1000 characters' });
    // Brackets, commas and escaped quotes inside strings are text, not structure.
    expect(parseBoundedJson(JSON.stringify({ s: '[[[[\\"[[,,,' + '['.repeat(500) }), { maxDepth: 1, maxItems: 0 })).toMatchObject({ ok: true });
  });
});

/** Bracket depth of arbitrary text outside strings (what the reader bounds). */
function depthOfText(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}
