/**
 * Properties of text normalisation (src/core/text/normalize-text.ts) on arbitrary Unicode: what
 * the comparison form promises, whatever the input. Idempotence matters because normalised text
 * is stored and compared with text normalised again later.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldChar, normalizeText } from '../../../src/core/text/normalize-text';

/** Text that mixes what pages mix: letters of several scripts, typographic marks, odd spaces, zero-width. */
const pageText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'aZé ß İ ﬁ Ω ж 中 ١ א'.split('')),
    fc.constantFrom('\u2018', '\u2019', '\u201C', '\u201D', '\u2013', '\u2014', '\u2026', '\u00AB', '\u00BB', '`', '\u00B4', '\uFF02'),
    fc.constantFrom(' ', '\t', '\n', '\u00A0', '\u2009', '\u202F', '\u3000', '\u200B', '\u00AD', '\uFEFF', '\u2060', '\r'),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
  ),
  maxLength: 80,
});

describe('normalizeText', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(pageText, (s) => {
        expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no typographic quote, dash, zero-width character, odd space or edge whitespace', () => {
    fc.assert(
      fc.property(pageText, (s) => {
        const n = normalizeText(s);
        expect(n).not.toMatch(/[\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00AB\u00BB\u200B\u00AD\uFEFF\u2060\u00A0\u2009\u202F\u3000]/);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/ {2}|\n{3}/);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not care which quote or dash style or which spacing the outlet used', () => {
    const words = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(words, fc.constantFrom(['"', '"', '-', ' '], ['\u201C', '\u201D', '\u2014', '\u00A0'], ['\u00AB', '\u00BB', '\u2013', '  \u2009']), (ws, [open, close, dash, space]) => {
        const plain = `"${ws.join(' ')}" - ${ws[0]}`;
        const styled = `${open}${ws.join(space)}${close}${space}${dash}${space}${ws[0]}`;
        expect(normalizeText(styled)).toBe(normalizeText(plain));
      }),
    );
  });
});

describe('foldChar', () => {
  it('keeps every code unit one code unit, so offsets on folded text hold for the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
        for (let i = 0; i < s.length; i++) expect(foldChar(s[i]).length).toBe(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent and case-insensitive on letters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), (c) => {
        expect(foldChar(foldChar(c))).toBe(foldChar(c));
        expect(foldChar(c.toUpperCase())).toBe(foldChar(c.toLowerCase()));
      }),
    );
  });
});
