import { describe, expect, it } from 'vitest';
import { contentTerms, fnv1a32, isStopword, normalizeText, splitSentences, stem, tokenize } from '../../../src/core/text/index';

describe('normalizeText', () => {
  it('folds NFKC, curly quotes, dashes and whitespace', () => {
    expect(normalizeText('  \u201CHello\u201D \u2014 it\u2019s\u00A0\ufb01ne\u2026  ')).toBe('"Hello" - it\'s fine...');
  });
});

describe('tokenize', () => {
  it('keeps offsets into the original text', () => {
    const text = 'Vietnam\u2019s $8bn deal with the U.S. (2023).';
    const toks = tokenize(text);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(toks.map((t) => t.norm)).toEqual(['vietnam', '8bn', 'deal', 'with', 'the', 'u.s', '2023']);
  });
});

describe('stopwords and stems', () => {
  it('drops function words, keeps content words', () => {
    expect(isStopword('the')).toBe(true);
    expect(isStopword('court')).toBe(false);
    expect(stem('reported')).toBe(stem('reporting'));
  });
});

describe('numbers', () => {
  it('normalises the same amount written four ways', () => {
    const forms = ['$8 billion', '8bn', '8,000,000,000', 'eight billion'];
    const terms = forms.map((f) => contentTerms(f).map((t) => t.term));
    for (const t of terms) expect(t).toEqual(['#8000000000']);
    expect(contentTerms('3.5 million').map((t) => t.term)).toEqual(['#3500000']);
    expect(contentTerms('in 2016').map((t) => t.term)).toEqual(['#2016']);
  });
});

describe('splitSentences', () => {
  it('handles abbreviations, initials, decimals and quotes, with offsets', () => {
    const text =
      'Mr. Smith met Dr. Jones in Washington on Jan. 5. The deal was worth $3.5 billion. "Why now?" she asked. John F. Kennedy spoke in the U.S. The end.\n\nA new paragraph';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual([
      'Mr. Smith met Dr. Jones in Washington on Jan. 5.',
      'The deal was worth $3.5 billion.',
      '"Why now?" she asked.',
      'John F. Kennedy spoke in the U.S.',
      'The end.',
      'A new paragraph',
    ]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('splits a text with invisible characters where it splits the visible one (a disguise does not merge sentences)', () => {
    const plain = 'Mr. Smith met Dr. Jones on Jan. 5. The deal was worth $3.5 billion. "Why now?" she asked. The end.';
    const ZW = '\u200b';
    const SHY = '\u00ad';
    for (const disguised of [
      plain.replace(/([.?"]) /g, `$1${ZW} `), // after every period, quote or question mark
      plain.replace(/ /g, `${ZW} `).replace(/(\w{3})(\w)/g, `$1${SHY}$2`), // after every word, and soft hyphens inside them
      plain.replace(/\. /g, `.\u2060\u200e `), // a word joiner and a direction mark
    ]) {
      const s = splitSentences(disguised);
      expect(s.map((x) => x.text.replace(/[\u200b\u00ad\u2060\u200e]/g, '')), disguised).toEqual(splitSentences(plain).map((x) => x.text));
      for (const x of s) expect(disguised.slice(x.start, x.end)).toBe(x.text);
    }
  });
});

describe('fnv1a32', () => {
  it('matches the reference FNV-1a values', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});
