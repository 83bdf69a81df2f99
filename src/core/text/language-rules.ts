/**
 * Per-language word rules: which words are stopwords, how a word is reduced to its comparison stem,
 * and whether the language writes a decimal comma. One place, used by contentTerms for articles and
 * claims alike. English keeps its hand-made stopwords and the Porter stemmer (the figures the
 * engine was measured with); 13 more languages use their Snowball stemmer; Arabic-script and
 * Devanagari languages without one get a light normaliser (letter variants, diacritics) and a light
 * suffix stripper; Chinese, Japanese, Korean and Thai are segmented into words (tokenize) and not
 * stemmed. Unknown languages get no stopwords and no stemming: safe, only less forgiving.
 */
import snowball from 'snowball-stemmers';
import { isStopword as isEnglishStopword } from './stopwords';
import { stem as porterStem } from './stem';
import { STOPWORD_LISTS } from './stopwords-data';

/** The word rules of one language. */
export interface LanguageRules {
  lang: string;
  isStopword(norm: string): boolean;
  /** Comparison stem of a normalised word. */
  stem(norm: string): string;
  /** Whether "3.100" groups thousands and "4,2" is a decimal (most of continental Europe). */
  decimalComma: boolean;
}

const SNOWBALL: Record<string, string> = {
  es: 'spanish', fr: 'french', de: 'german', pt: 'portuguese', it: 'italian', nl: 'dutch', ru: 'russian',
  ar: 'arabic', tr: 'turkish', cs: 'czech', sv: 'swedish', ro: 'romanian', hu: 'hungarian', da: 'danish',
  no: 'norwegian', nb: 'norwegian', fi: 'finnish', ca: 'catalan',
};
/** Languages whose news writes "4,2 millones" and "3.100". */
const DECIMAL_COMMA = new Set('es fr de pt it nl ru uk pl cs sk tr ro hu sv da no nb fi ca id el bg hr sr sl'.split(' '));

// Arabic-script letter variants that outlets (and keyboards) mix: Arabic yeh/alef maksura and
// Farsi yeh, Arabic and Urdu kaf, heh forms, alef with hamza or madda; harakat and tatweel dropped.
const ARABIC_MARKS_RE = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const ARABIC_SCRIPT_MAP: Record<string, Record<string, string>> = {
  ar: { 'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ة': 'ه', 'ک': 'ك', 'ۀ': 'ه' },
  // Urdu: heh goal (ہ) and Arabic heh (ه) are used interchangeably for the same words across outlets.
  ur: { 'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ه': 'ہ', 'ۂ': 'ہ', 'ۀ': 'ہ', 'ة': 'ہ', 'أ': 'ا', 'إ': 'ا', 'ٱ': 'ا' },
  fa: { 'ي': 'ی', 'ى': 'ی', 'ك': 'ک', 'ة': 'ه', 'ۀ': 'ه', 'أ': 'ا', 'إ': 'ا', 'ٱ': 'ا' },
};
/**
 * Urdu inflection endings stripped from words of 3+ remaining letters: plural/oblique "وں", "یں",
 * "یوں", "ئیں". Longest first. Short words keep their ending ("میں", "ہیں" are stopwords anyway).
 */
const URDU_SUFFIXES = ['یوں', 'ئیں', 'وں', 'یں'];
/** Hindi light stemmer (after Ramanathan and Rao, 2003): inflectional endings, longest first, 2+ letters kept. */
const HINDI_SUFFIXES = [
  'ियों', 'ियां', 'ियाँ', 'ाओं', 'ाएं', 'ाएँ', 'ाओ', 'ाना', 'ाने', 'ाती', 'ाते', 'ाया', 'ाये', 'ोगे', 'ेगा', 'ेगी', 'ेंगे',
  'ों', 'ें', 'ीं', 'ता', 'ती', 'ते', 'ना', 'नी', 'ने', 'ाँ', 'ां', 'ो', 'े', 'ू', 'ु', 'ी', 'ि', 'ा',
];

function stripSuffix(word: string, suffixes: string[], minKept: number): string {
  for (const s of suffixes) if (word.length - s.length >= minKept && word.endsWith(s)) return word.slice(0, -s.length);
  return word;
}

/** Light normalisation of a word in a language without a stemmer worth its risk (letter variants, marks). */
function lightNormalize(word: string, lang: string): string {
  const map = ARABIC_SCRIPT_MAP[lang];
  if (map) {
    let out = '';
    for (const ch of word.replace(ARABIC_MARKS_RE, '')) out += map[ch] ?? ch;
    return out;
  }
  // Devanagari: nukta and chandrabindu are written or left out by outlet (ज़/ज, ँ/ं).
  if (lang === 'hi' || lang === 'mr' || lang === 'ne') return word.replace(/\u093C/g, '').replace(/\u0901/g, '\u0902');
  // Cyrillic: stress marks (acute, grave) are written only in some texts ("молоко́"), and a copy
  // can put one on every vowel; й, ё, ї keep their own marks.
  if (CYRILLIC_STRESS.has(lang)) return withoutMarks(word, STRESS_RE);
  // Greek: accents and diaeresis (tonos, dialytika, polytonic marks) are left out in capitals and
  // by many keyboards; the stopword list itself is mostly written without them.
  if (lang === 'el') return withoutMarks(word);
  return word;
}
const CYRILLIC_STRESS = new Set(['ru', 'uk', 'bg', 'be', 'sr', 'mk']);
const STRESS_RE = /[\u0300\u0301]/g;
const MARK_RE = /\p{M}/gu;
const NON_ASCII_RE = /[^\x00-\x7f]/;

/** `text` with the combining marks `marks` matches (all of them by default) taken off their letters; ASCII text as it is. */
export function withoutMarks(text: string, marks: RegExp = MARK_RE): string {
  return NON_ASCII_RE.test(text) ? text.normalize('NFD').replace(marks, '').normalize('NFC') : text;
}

const cache = new Map<string, LanguageRules>();
/** Bounded memo per language: news vocabulary repeats, and Snowball is the hot path of fingerprinting. */
const STEM_CACHE_LIMIT = 50_000;

function memo(fn: (w: string) => string): (w: string) => string {
  const m = new Map<string, string>();
  return (w) => {
    let s = m.get(w);
    if (s === undefined) {
      s = fn(w);
      if (m.size >= STEM_CACHE_LIMIT) m.clear();
      m.set(w, s);
    }
    return s;
  };
}

/**
 * English writes its 26 letters and no others, so before its stopwords and stemmer, marks are
 * folded ("café" and "cafe", "Zoë" and "Zoe" are one word) and Latin letters drawn like one of the
 * 26 become it (dotless ı and ȷ, Latin alpha ɑ, script ɡ, iota ɩ): a copy that puts an accent on
 * every vowel ("Thé cóuncil vótéd") or swaps in such letters reads as the words a reader sees in
 * it. Languages whose letters carry marks, or that have a dotless ı of their own (Turkish), keep
 * them (their stemmers read them).
 */
const ENGLISH_LOOKALIKES: Record<string, string> = { 'ı': 'i', 'ȷ': 'j', 'ɑ': 'a', 'ɡ': 'g', 'ɩ': 'i' };
const ENGLISH_LOOKALIKES_RE = /[ıȷɑɡɩ]/g;
const foldMarks = (w: string): string => (NON_ASCII_RE.test(w) ? withoutMarks(w).replace(ENGLISH_LOOKALIKES_RE, (c) => ENGLISH_LOOKALIKES[c]) : w);
const ENGLISH: LanguageRules = { lang: 'en', isStopword: (w) => isEnglishStopword(foldMarks(w)), stem: (w) => porterStem(foldMarks(w)), decimalComma: false };

/** The word rules for a language (ISO 639-1, or a BCP 47 tag); English rules when the language is unknown or null. */
export function languageRules(lang: string | null | undefined): LanguageRules {
  const key = (lang ?? 'en').toLowerCase().split(/[-_]/)[0];
  if (key === 'en') return ENGLISH;
  let rules = cache.get(key);
  if (!rules) {
    const light = (w: string) => lightNormalize(w, key);
    const list = STOPWORD_LISTS[key];
    const stops = new Set(list ? list.split(' ').map(light) : []);
    const algorithm = SNOWBALL[key];
    let stem: (w: string) => string;
    if (algorithm) {
      const s = snowball.newStemmer(algorithm);
      // Arabic's Snowball stemmer folds letter variants itself; light normalisation first keeps stopwords in step.
      stem = memo((w) => (w.length <= 2 ? w : s.stem(light(w))));
    } else if (key === 'ur') stem = memo((w) => stripSuffix(light(w), URDU_SUFFIXES, 3));
    else if (key === 'hi') stem = memo((w) => stripSuffix(light(w), HINDI_SUFFIXES, 2));
    else stem = memo(light);
    rules = { lang: key, isStopword: (w) => stops.has(light(w)), stem, decimalComma: DECIMAL_COMMA.has(key) };
    cache.set(key, rules);
  }
  return rules;
}
