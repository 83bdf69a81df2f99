/**
 * Properties of content anchoring (matchQuote / foldText in src/shared/selectors.ts): a quote taken
 * from a text is found again in that text, and in the same text re-typeset the way a live page
 * differs from Readability's copy (spacing, quote and dash style, zero-width characters).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, matchQuote, quoteSelector } from '../../../src/shared/selectors';

const word = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9]{1,9}$/);
const sentence = fc.array(word, { minLength: 3, maxLength: 14 }).map((ws) => ws.join(' ') + '.');
const article = fc.array(sentence, { minLength: 2, maxLength: 12 }).map((ss) => ss.join(' '));

/** Restyle text as a live page might: curly quotes, long dashes, odd spaces, zero-width joiners. */
function restyle(text: string, seed: number): string {
  const spaces = [' ', '  ', '\u00A0', '\n', ' \u200B'];
  let i = seed;
  return text.replace(/ /g, () => spaces[i++ % spaces.length]).replace(/'/g, '\u2019').replace(/-/g, '\u2014');
}

describe('foldText', () => {
  it('maps every folded character back to a raw offset, in order and in range', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (raw) => {
        const f = foldText(raw);
        expect(f.map.length).toBe(f.text.length + 1);
        expect(f.map[f.text.length]).toBe(raw.length);
        for (let i = 0; i < f.text.length; i++) {
          expect(f.map[i]).toBeGreaterThanOrEqual(0);
          expect(f.map[i]).toBeLessThan(raw.length);
          if (i > 0) expect(f.map[i]).toBeGreaterThan(f.map[i - 1]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (raw) => {
        const once = foldText(raw).text;
        expect(foldText(once).text).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('matchQuote', () => {
  it('finds any sentence of a text in the same text, at a span that folds to the quote', () => {
    fc.assert(
      fc.property(article, fc.nat(), (text, pick) => {
        const starts = [0, ...[...text.matchAll(/\. /g)].map((m) => m.index + 2)];
        const s = starts[pick % starts.length];
        const e = text.indexOf('.', s) + 1;
        const m = matchQuote(text, quoteSelector(text, s, e));
        expect(m).not.toBeNull();
        expect(foldText(text.slice(m!.start, m!.end)).text).toBe(foldText(text.slice(s, e)).text);
        // With full context the sentence found is the one quoted, even when it repeats.
        expect(m!.start).toBe(s);
      }),
      { numRuns: 500 },
    );
  });

  it('finds the quote in a re-typeset page, at a span that folds to the quote', () => {
    fc.assert(
      fc.property(article, fc.nat(), fc.nat(5), (text, pick, seed) => {
        const starts = [0, ...[...text.matchAll(/\. /g)].map((m) => m.index + 2)];
        const s = starts[pick % starts.length];
        const e = text.indexOf('.', s) + 1;
        const page = restyle(text, seed);
        const m = matchQuote(page, quoteSelector(text, s, e));
        expect(m).not.toBeNull();
        expect(m!.start).toBeGreaterThanOrEqual(0);
        expect(m!.end).toBeLessThanOrEqual(page.length);
        expect(foldText(page.slice(m!.start, m!.end)).text).toBe(foldText(text.slice(s, e)).text);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws and returns offsets inside the text, for any quote and any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 10 }), fc.integer(), (text, exact, ctx, start) => {
        const m = matchQuote(text, { exact, prefix: ctx, suffix: ctx, start, end: start + exact.length });
        if (m) {
          expect(0 <= m.start && m.start <= m.end && m.end <= text.length).toBe(true);
          expect(m.score).toBeGreaterThan(0);
          expect(m.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
