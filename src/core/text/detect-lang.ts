/**
 * Language of a text: the script decides alone where one language owns it (kana -> Japanese, Hangul
 * -> Korean, Thai, Greek, Hebrew, Bengali, ...); within Latin, Cyrillic, Arabic and Devanagari
 * script, franc-min's trigram model decides among the languages the engine processes. Chosen by
 * measurement (scripts/eval-lang.ts; the table is in docs/architecture.md): the same answer in the
 * CLI and both browsers, and a small part of the background bundle. Pure, no browser API.
 */
import { francAll } from 'franc-min';
import { languageRules, withoutMarks } from './language-rules';
import { tokenize } from './tokenize';

/** A language decision: ISO 639-1 code (or null when unknown) and how it was reached. */
export interface LangDecision {
  lang: string | null;
  /** 'declared' kept the page's own tag; 'detected' had none; 'corrected' overrode a plainly wrong tag. */
  source: 'declared' | 'detected' | 'corrected' | 'unknown';
}

// franc-min's ISO 639-3 codes for the languages the engine processes (news languages that share a
// script with others); a franc answer outside this list is not trusted (e.g. Bhojpuri for Hindi).
const FRANC: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', ita: 'it', nld: 'nl', pol: 'pl', tur: 'tr',
  ind: 'id', vie: 'vi', ces: 'cs', swe: 'sv', ron: 'ro', hun: 'hu', hrv: 'hr', zlm: 'ms', tgl: 'tl', swh: 'sw',
  rus: 'ru', ukr: 'uk', bul: 'bg', srp: 'sr', bel: 'be', kaz: 'kk',
  arb: 'ar', urd: 'ur', pes: 'fa',
  hin: 'hi', mar: 'mr', npi: 'ne',
};
const ONLY = Object.keys(FRANC);

/** Scripts that name one language, by a code point range test. */
const SCRIPT_LANGS: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/u, 'ja'], // kana: Japanese even when most characters are Han
  [/[\uac00-\ud7af\u1100-\u11ff]/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Bengali}/u, 'bn'],
  [/\p{Script=Tamil}/u, 'ta'],
  [/\p{Script=Telugu}/u, 'te'],
  [/\p{Script=Gujarati}/u, 'gu'],
  [/\p{Script=Gurmukhi}/u, 'pa'],
  [/\p{Script=Kannada}/u, 'kn'],
  [/\p{Script=Malayalam}/u, 'ml'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
  [/\p{Script=Khmer}/u, 'km'],
  [/\p{Script=Myanmar}/u, 'my'],
  [/\p{Script=Sinhala}/u, 'si'],
  [/\p{Script=Ethiopic}/u, 'am'],
  [/\p{Script=Lao}/u, 'lo'],
];
/** Every language this module can name: a declared one absent from a text's candidates is of another script. */
const KNOWN_LANGS = new Set([...Object.values(FRANC), ...SCRIPT_LANGS.map(([, l]) => l)]);
const FRANC_SCRIPT_RE = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Devanagari}]/u;
const LETTER_RE = /\p{L}/u;

/**
 * Characters read for detection. Trigram statistics settle within a few hundred characters, and
 * franc costs about 1 ms per 100 characters here (it is the largest part of fingerprinting an
 * undeclared article), so 600 characters: a first paragraph or two.
 */
const SAMPLE_CHARS = 600;
/**
 * Share of a sample's words that must be the declared language's stopwords for the declaration to
 * be accepted without running the detector. Running text has 30-50% function words in its own
 * language and under 10% in another language's list; 0.2 leaves room for headlines and lists.
 */
const DECLARED_STOPWORD_SHARE = 0.2;
/**
 * The words of a sample in their comparison form (tokenize: invisible characters dropped, NFKC,
 * look-alike letters folded, direction overrides read as shown, lower case), numbers left out: a
 * disguised copy is detected in the language of the words a reader sees, as its original is.
 */
function wordsOf(sample: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(sample)) if (!t.numeric) out.push(t.norm);
  return out;
}

const LATIN_MARKS_RE = /(?<=\p{Script=Latin})\p{Mn}+/gu;
/**
 * Latin letters without their marks, for the trigram detector: a copy can put an accent or a dot
 * on every letter ("Thé cóuncil") without leaving its language, and the detector would read the
 * marks as another language's (Vietnamese for dots below). On scripts/eval-lang.ts's 2,035 texts
 * (French, German, Spanish and Portuguese among their languages) accuracy is unchanged or better
 * (fixture sentences 0.994 -> 1.000).
 */
const baseLetters = (text: string): string => withoutMarks(text, LATIN_MARKS_RE);

/** Below this many letters a text is too short to name its language (a name, a number, a caption). */
const MIN_LETTERS = 12;

/** The script-level language of a text when its letters are mostly of one single-language script, else null. */
function scriptLang(sample: string): { lang: string | null; francable: boolean } {
  const counts = new Map<string, number>();
  let francable = 0;
  let letters = 0;
  for (const ch of sample) {
    if (!LETTER_RE.test(ch)) continue;
    letters++;
    if (FRANC_SCRIPT_RE.test(ch)) {
      francable++;
      continue;
    }
    for (const [re, lang] of SCRIPT_LANGS) {
      if (re.test(ch)) {
        counts.set(lang, (counts.get(lang) ?? 0) + 1);
        break;
      }
    }
  }
  if (letters < MIN_LETTERS) return { lang: null, francable: false };
  // Japanese mixes Han with kana: any real share of kana makes the text Japanese.
  const kana = counts.get('ja') ?? 0;
  if (kana > 0 && kana >= 0.1 * ((counts.get('zh') ?? 0) + kana)) return { lang: 'ja', francable: false };
  let best: string | null = null;
  let bestN = 0;
  for (const [lang, n] of counts) if (n > bestN) [best, bestN] = [lang, n];
  if (best && bestN > francable) return { lang: best, francable: false };
  return { lang: null, francable: francable >= MIN_LETTERS };
}

/** Ranked candidate languages of a text (ISO 639-1, best first, scores 0..1 relative to the best); empty when unknown. */
function rankLangs(text: string, sampleWords?: string[]): Array<[string, number]> {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const s = scriptLang(sample);
  if (s.lang) return [[s.lang, 1]];
  if (!s.francable) return [];
  const out: Array<[string, number]> = [];
  const words = sampleWords ?? wordsOf(sample);
  for (const [code, score] of francAll(baseLetters(words.join(' ')), { only: ONLY, minLength: MIN_LETTERS })) {
    const lang = FRANC[code];
    if (lang) out.push([lang, score]);
  }
  return sample.length < SHORT_CHARS ? preferStopwords(words, out) : out;
}

/**
 * Below this length trigram statistics are thin (a claim, a headline): franc alone names the right
 * language of a one-sentence English claim 90% of the time (scripts/eval-lang.ts).
 */
const SHORT_CHARS = 300;
/** Candidates within this relative score of franc's best are re-ranked by stopwords on short texts. */
const SHORT_MARGIN = 0.85;

/** Short texts: among franc's close candidates, the one whose stopwords the text uses most comes first. */
function preferStopwords(words: string[], ranked: Array<[string, number]>): Array<[string, number]> {
  if (ranked.length < 2) return ranked;
  let best = 0;
  let bestHits = -1;
  for (let k = 0; k < ranked.length && ranked[k][1] >= SHORT_MARGIN * ranked[0][1]; k++) {
    const rules = languageRules(ranked[k][0]);
    let hits = 0;
    for (const w of words) if (rules.isStopword(w)) hits++;
    if (hits > bestHits) [best, bestHits] = [k, hits];
  }
  if (best === 0) return ranked;
  return [[ranked[best][0], ranked[0][1]], ...ranked.filter((_, k) => k !== best)];
}

/** Detected language of a text (ISO 639-1), or null when it is too short or of no known language. */
export function detectLang(text: string): string | null {
  return rankLangs(text)[0]?.[0] ?? null;
}

/**
 * A declared language is kept unless the text plainly contradicts it: another script altogether,
 * or its own function words nearly absent (under this share of the words) while the detected
 * language's are common. CMS templates often declare their default ("en") on pages in any language.
 */
const DECLARED_ABSENT_SHARE = 0.05;

/** Primary subtag of a BCP 47 tag, lower case ("pt-BR" -> "pt"), or null. */
function primaryLang(tag: string | null | undefined): string | null {
  const m = tag ? /^([a-z]{2,3})(?:[-_]|$)/i.exec(tag.trim()) : null;
  return m ? m[1].toLowerCase() : null;
}

/** Share of the text's first words that are stopwords of `lang` (null when it has no list or the sample is too short). */
function stopwordShare(lang: string, words: string[]): number | null {
  const rules = languageRules(lang);
  if (rules.lang !== lang) return null;
  if (words.length < 20) return null;
  let stops = 0;
  for (const w of words) if (rules.isStopword(w)) stops++;
  return stops / words.length;
}

/** The language to process a text in: the declared one unless plainly wrong, else the detected one. */
export function resolveLang(declared: string | null | undefined, text: string): LangDecision {
  const tag = primaryLang(declared);
  // The sample's words, read once for the stopword shares and the detector.
  const words = wordsOf(text.slice(0, SAMPLE_CHARS));
  // The cheap path: the declared language's function words are there, so it is right.
  const own = tag ? stopwordShare(tag, words) : null;
  if (tag && own !== null && own >= DECLARED_STOPWORD_SHARE) return { lang: tag, source: 'declared' };
  const ranked = rankLangs(text, words);
  if (!tag) return ranked.length ? { lang: ranked[0][0], source: 'detected' } : { lang: null, source: 'unknown' };
  if (!ranked.length || ranked[0][0] === tag) return { lang: tag, source: 'declared' };
  const best = ranked[0][0];
  // Another script altogether: the declared language is not even a candidate of the text's script.
  const otherScript = KNOWN_LANGS.has(tag) && !ranked.some(([l]) => l === tag);
  const bestShare = stopwordShare(best, words);
  const swapped = own !== null && own < DECLARED_ABSENT_SHARE && bestShare !== null && bestShare >= DECLARED_STOPWORD_SHARE;
  return otherScript || swapped ? { lang: best, source: 'corrected' } : { lang: tag, source: 'declared' };
}
