/**
 * Properties of tokenize (src/core/text/tokenize.ts) on arbitrary text that mixes what disguised
 * copies use: tokens always quote the text at their offsets, their comparison form holds nothing
 * a reader cannot see, and a word disguised in any of the ways a reader reads through has the
 * comparison terms of the plain word.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentTerms, tokenize } from '../../../src/core/text/index';

/** Letters, digits and the characters disguises are made of (overrides, narrow spaces, marks, letter forms). */
const disguiseText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'abcdeXYZ019 .,'.split('')),
    fc.constantFrom('\u202E', '\u202D', '\u202C', '\u202B', '\u2067', '\u2069', '\n'),
    fc.constantFrom('\u200A', '\u2009', '\u202F', '\u2006', '\u200B', '\u00AD'),
    fc.constantFrom('\u0301', '\u0323', 'ᴀ', 'ᴇ', 'ⓐ', '🅰', 'а', 'ب', 'é'),
  ),
  maxLength: 60,
});

const word = fc.stringMatching(/^[a-z]{2,9}$/);

/** Disguises of one word that a reader reads as the word. */
const DISGUISES: Array<(w: string) => string> = [
  (w) => w.replace(/[aeiou]/g, (v) => `${v}\u0301`),
  (w) => w.replace(/[a-z]/g, (c) => `${c}\u0323`),
  (w) => [...w].join('\u200A'),
  (w) => [...w].join('\u202F'),
  (w) => `\u202E${[...w].reverse().join('')}\u202C`,
  (w) => w.replace(/[aeo]/g, (c) => ({ a: 'ᴀ', e: 'ᴇ', o: 'ᴏ' })[c]!),
  (w) => w.replace(/[a-z]/g, (c) => String.fromCodePoint(0x24d0 + c.charCodeAt(0) - 97)),
];

describe('tokenize', () => {
  it('gives every token the text at its offsets, and a comparison form without invisible or spacing characters', () => {
    fc.assert(
      fc.property(disguiseText, (s) => {
        for (const t of tokenize(s)) {
          expect(s.slice(t.start, t.end)).toBe(t.text);
          expect(t.norm).not.toMatch(/[\s\u200A\u2009\u202F\u2006\u200B\u00AD\u202A-\u202E\u2066-\u2069]/u);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a sentence whose words are disguised as the plain sentence', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.nat(DISGUISES.length)), { minLength: 1, maxLength: 10 }), (ws) => {
        const plain = ws.map(([w]) => w).join(' ');
        // Index DISGUISES.length leaves the word as it is.
        const disguised = ws.map(([w, k]) => (k < DISGUISES.length ? DISGUISES[k](w) : w)).join(' ');
        expect(contentTerms(disguised, 'en').map((t) => t.term)).toEqual(contentTerms(plain, 'en').map((t) => t.term));
      }),
      { numRuns: 2000 },
    );
  });
});
