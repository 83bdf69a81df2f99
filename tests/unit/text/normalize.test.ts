import { describe, expect, it } from 'vitest';
import { contentTerms, tokenize } from '../../../src/core/text/index';
import { asciiDigits, digitValue } from '../../../src/core/text/ascii-digits';
import { compareArticles } from '../../../src/core/engine/index';
import type { ArticleRecord } from '../../../src/core/types';

const norms = (s: string) => tokenize(s).map((t) => t.norm);

function rec(url: string, siteName: string, publishedTime: string, paragraphs: string[]): ArticleRecord {
  return {
    url, title: paragraphs[0].slice(0, 40), byline: null, siteName, lang: 'en', publishedTime, modifiedTime: null,
    paragraphs, links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
  };
}

const ORIGINAL = [
  'The city council of Port Alden voted 7 to 2 on Tuesday night to close the Fenwick Street ferry terminal by March.',
  'Council members cited a $4.2 million repair bill for the terminal pier, which engineers found to be sinking after last winter\'s storms.',
  'The terminal carried about 3,100 commuters a day across Merrow Bay before a partial closure in January.',
  'Mayor Ilse Brandvold said the vote was painful but unavoidable, and promised extra bus service along the coast road.',
];

/** What a scraper does to hide a copy from exact matching: Cyrillic a/e/o/c/p, soft hyphens and zero-width spaces inside words. */
function disguise(text: string): string {
  const cyr: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', c: '\u0441', p: '\u0440', T: '\u0422', M: '\u041c' };
  return text
    .split(' ')
    .map((w, k) => {
      let out = [...w].map((ch, i) => (i % 2 === 1 && cyr[ch] ? cyr[ch] : ch)).join('');
      if (out.length > 5) out = out.slice(0, 3) + (k % 2 ? '\u00AD' : '\u200B') + out.slice(3);
      return out;
    })
    .join(' ');
}

describe('normalisation before fingerprinting (format characters, NFKC, look-alikes, digits)', () => {
  it('reads a word-for-word copy in look-alike letters and invisible characters as the same words', () => {
    const plain = ORIGINAL.join(' ');
    const hidden = disguise(plain);
    expect(hidden).not.toBe(plain);
    expect(norms(hidden)).toEqual(norms(plain));
  });

  it('calls the disguised copy a verbatim copy, as it calls the plain copy', () => {
    const a = rec('https://ledger.example/ferry', 'Ledger', '2026-03-01T08:00:00Z', ORIGINAL);
    const b = rec('https://copycat.example/ferry', 'Copycat', '2026-03-01T10:00:00Z', ORIGINAL.map(disguise));
    const r = compareArticles(b, a);
    expect(r.verdict).toBe('verbatim-copy');
    // Passages quote the copy's own characters, so highlights anchor on the page as it is.
    const text = b.paragraphs.join('\n\n');
    for (const p of r.passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it('keeps offsets into the original text whatever was dropped or folded', () => {
    // "\u202Etfel\u202C" is shown as "left": a right-to-left override lays the letters out reversed.
    const text = 'Gov\u00ADern\u200Bment \u0441\u043euncil \u202Etfel\u202C in \u0662\u0660\u0662\u0663 c\u200Ao\u200Au\u200An\u200At.';
    const toks = tokenize(text);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(toks.map((t) => t.norm)).toEqual(['government', 'council', 'left', 'in', '2023', 'count']);
  });

  it('never folds the words of a Cyrillic or Greek text into Latin, nor merges two real words', () => {
    // "сор" (litter) and "рос" (grew) are made only of Latin look-alikes; in Russian text they stay Russian.
    expect(norms('В комнате был сор, и лес рос.')).toEqual(['в', 'комнате', 'был', 'сор', 'и', 'лес', 'рос']);
    expect(norms('Ο Πρόεδρος είπε ότι η ΕΡΤ μεταδίδει.')).toEqual(['ο', 'πρόεδρος', 'είπε', 'ότι', 'η', 'ερτ', 'μεταδίδει']);
    // A Russian word with Latin look-alikes slipped in folds back to the Russian word.
    expect(norms('Москва сообщила: Мoсквa')).toEqual(['москва', 'сообщила', 'москва']);
    // A real Russian name in an English sentence stays Russian (к, в have no Latin look-alike).
    expect(norms('He flew to Москва today')).toEqual(['he', 'flew', 'to', 'москва', 'today']);
  });

  it('applies NFKC (full-width letters, ligatures, mathematical letters)', () => {
    expect(norms('\uFF46\uFF55\uFF4C\uFF4C \uFB01ne \u{1D41B}\u{1D428}\u{1D425}\u{1D41D}')).toEqual(['full', 'fine', 'bold']);
  });

  it('reads letters drawn as small capitals or in circles and squares as the letters', () => {
    expect(norms('ᴄᴏᴜɴᴄɪʟ ⓒⓞⓤⓝⓒⓘⓛ 🄲🄾🅄🄽🄲🄸🄻 🅒🅞🅤🅝🅒🅘🅛 🅲🅾🆄🅽🅲🅸🅻')).toEqual(Array(5).fill('council'));
  });

  it('joins letters spaced out with thin or hair spaces, and leaves spaced digits and punctuation alone', () => {
    expect(norms('t\u2009h\u2009e c\u200Ao\u200Au\u200An\u200Ac\u200Ai\u200Al v\u202Fo\u202Ft\u202Fe\u202Fd')).toEqual(['the', 'council', 'voted']);
    // Thousands grouped by a thin space and French spacing before a colon stay as they are.
    expect(norms('10\u2009000 voix\u202F: oui')).toEqual(['10', '000', 'voix', 'oui']);
  });

  it('reads words inside a direction override in the order they are shown', () => {
    // Each word reversed in its own override, or a whole clause reversed in one.
    expect(norms('\u202Eeht\u202C \u202Elicnuoc\u202C \u202Edetov\u202C')).toEqual(['the', 'council', 'voted']);
    expect(norms('Yesterday \u202E3 ot 7 detov licnuoc eht\u202C at noon')).toEqual(['yesterday', 'the', 'council', 'voted', '7', 'to', '3', 'at', 'noon']);
    // Right-to-left letters in a right-to-left override show as stored; an embedding is not an override.
    expect(norms('\u202Eمجلس المدينة\u202C')).toEqual(['مجلس', 'المدينة']);
    expect(norms('\u202Bthe council\u202C')).toEqual(['the', 'council']);
    // An override ends at its paragraph's end even without its PDF.
    expect(norms('\u202Eeht\nvoted')).toEqual(['the', 'voted']);
  });

  it('calls each disguise of a copy a verbatim copy, as it calls the plain copy', () => {
    const a = rec('https://ledger.example/ferry', 'Ledger', '2026-03-01T08:00:00Z', ORIGINAL);
    const disguises: Record<string, (s: string) => string> = {
      'accents on every vowel': (s) => s.replace(/[aeiou]/g, (v) => `${v}\u0301`),
      'dots below every letter': (s) => s.replace(/[a-z]/g, (c) => `${c}\u0323`),
      'hair spaces between letters': (s) => s.replace(/(\p{L})(?=\p{L})/gu, '$1\u200A'),
      'small capitals': (s) => s.replace(/[aeo]/g, (c) => ({ a: 'ᴀ', e: 'ᴇ', o: 'ᴏ' })[c]!),
      'dotless i and Latin alpha': (s) => s.replace(/i/g, 'ı').replace(/a/g, 'ɑ'),
      'each word reversed in an override': (s) => s.split(' ').map((w) => `\u202E${[...w].reverse().join('')}\u202C`).join(' '),
    };
    for (const [name, f] of Object.entries(disguises)) {
      for (const lang of ['en', null]) {
        const b = { ...rec('https://copycat.example/ferry', 'Copycat', '2026-03-01T10:00:00Z', ORIGINAL.map(f)), lang };
        expect(b.paragraphs).not.toEqual(ORIGINAL);
        expect(`${name} (${lang ?? 'detected'}): ${compareArticles(b, a).verdict}`).toBe(`${name} (${lang ?? 'detected'}): verbatim-copy`);
      }
    }
  });
});

describe('marks in English text', () => {
  it('folds marks in English words (café, Zoë) but keeps them in languages whose letters carry them', () => {
    const en = (s: string) => contentTerms(s, 'en').map((t) => t.term);
    expect(en('Zoë ordered a café crème')).toEqual(en('Zoe ordered a cafe creme'));
    const es = (s: string) => contentTerms(s, 'es').map((t) => t.term);
    expect(es('el año')).not.toEqual(es('el ano'));
    // Dotless ı is an English look-alike of i, but a letter of its own in Turkish.
    expect(en('ɑ gıɡɑntıc ıdea')).toEqual(en('a gigantic idea'));
    const tr = (s: string) => contentTerms(s, 'tr').map((t) => t.term);
    expect(tr('sıcak kız')).not.toEqual(tr('sicak kiz'));
  });
});

describe('digits of every script', () => {
  it('gives each script its decimal values', () => {
    expect(asciiDigits('\u0661\u0669\u0669\u0660')).toBe('1990'); // Arabic-Indic
    expect(asciiDigits('\u06F2\u06F0\u06F2\u06F4')).toBe('2024'); // Extended Arabic-Indic (Urdu, Persian)
    expect(asciiDigits('\u0968\u0966\u0968\u096A')).toBe('2024'); // Devanagari
    expect(asciiDigits('\u09E7\u09EF')).toBe('19'); // Bengali
    expect(asciiDigits('\u0E51\u0E52')).toBe('12'); // Thai
    expect(asciiDigits('\u{1D7D8}')).toBe('0'); // a later set of ten in the math run (double-struck zero)
    expect(asciiDigits('\u0663\u066B\u0665')).toBe('3.5'); // Arabic decimal separator
    expect(digitValue('x'.charCodeAt(0))).toBe(-1);
  });

  it('makes the same number one term whatever digits wrote it', () => {
    const terms = (s: string) => tokenize(s).filter((t) => t.numeric).map((t) => t.norm);
    expect(terms('\u06F2\u06F0\u06F1\u06F4 \u0968\u0966\u0967\u096A 2014')).toEqual(['2014', '2014', '2014']);
  });
});
