/** A sentence with its character offsets in the text it was split from. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations whose trailing period does not end a sentence (lower case, without the period). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr prof sen rep gov gen col lt sgt capt cmdr adm maj st jr sr rev hon pres supt insp ' +
    'inc ltd co corp bros llc plc dept univ assn est approx vs etc al fig no nos vol ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mt ft ave blvd rd ' +
    'u.s u.k u.n e.u e.g i.e a.m p.m d.c n.y l.a'
  ).split(' '),
);

/** Words that after "U.S." or "a.m." show a new sentence started ("... in the U.S. The deal ..."). */
const SENTENCE_STARTERS = new Set(
  'the a an he she it they we i but and in on at this that these those his her their its there however meanwhile'.split(' '),
);

// A candidate end: terminal punctuation of any script (\p{Sentence_Terminal}: . ! ? and the Urdu
// and Arabic full stop and question mark, the Devanagari danda, the CJK full stop ...), optional
// closing quotes/brackets, then whitespace or the end. Terminals of scripts without spaces or
// without a decimal point (CJK 。！？, Arabic-script ۔ ؟, Devanagari । ॥) end a sentence even
// when the next one follows without a space, as they often do in Urdu and always in Chinese.
const CLOSERS = `"'\u201D\u2019\u00BB\u300D\u300F\uFF09)\\]`;
// Invisible format characters (zero-width space, soft hyphen, joiners, bidi controls) are
// transparent here as they are to tokens: a scraper that puts a zero-width space after each period
// must not merge a copy's sentences into one per paragraph (its runs would no longer line up with
// the source's sentences).
const END_RE = new RegExp(
  `(?:\\p{Sentence_Terminal}+[${CLOSERS}]*(?=\\p{Default_Ignorable_Code_Point}*(?:\\s|$))|[\u3002\uFF01\uFF1F\u06D4\u061F\u0964\u0965]+[${CLOSERS}]*)`,
  'gu',
);
const IGNORABLE_RE = /\p{Default_Ignorable_Code_Point}/gu;
/** What a sentence is trimmed of at either end. */
const SPACE_RE = /[\s\p{Default_Ignorable_Code_Point}]/u;
/** Terminals that end a sentence whatever follows (no abbreviation or decimal use). */
const HARD_END_RE = /^[\u3002\uFF01\uFF1F\u06D4\u061F\u0964\u0965]/u;

/**
 * Splits text into sentences with offsets. Line breaks always end a sentence (paragraphs, headings);
 * so does the terminal punctuation of every script; a period ends one unless it follows an
 * abbreviation, an initial ("John F. Kennedy") or the next word starts in lower case ('"Why?" she
 * asked'). Rules rather than Intl.Segmenter's sentence mode: ICU breaks after "Mr." and "U.S.", and
 * its rules differ between the ICU builds of Node, Chrome and Firefox, while these give one answer.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: number, e: number) => {
    while (s < e && SPACE_RE.test(text[s])) s++;
    while (e > s && SPACE_RE.test(text[e - 1])) e--;
    if (e > s && /[\p{L}\p{N}]/u.test(text.slice(s, e))) out.push({ text: text.slice(s, e), start: s, end: e });
  };
  let lineStart = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    splitLine(line, lineStart, push);
    lineStart += line.length + 1;
  }
  return out;
}

function splitLine(line: string, offset: number, push: (s: number, e: number) => void): void {
  let start = 0;
  END_RE.lastIndex = 0;
  for (let m = END_RE.exec(line); m !== null; m = END_RE.exec(line)) {
    const punctEnd = m.index + m[0].length;
    if (!isBoundary(line, m.index, m[0], punctEnd)) continue;
    push(offset + start, offset + punctEnd);
    start = punctEnd;
  }
  push(offset + start, offset + line.length);
}

function isBoundary(line: string, at: number, punct: string, after: number): boolean {
  // What follows, without invisible characters (enough of it to read the next word).
  const rest = line.slice(after, after + 80).replace(IGNORABLE_RE, '').trimStart();
  if (rest.length === 0) return true;
  const next = rest[0];
  if (HARD_END_RE.test(punct)) return true;
  // The next sentence starts with a capital, a letter of a script without case (Arabic,
  // Devanagari, Han, ...), a digit, or an opening quote/bracket.
  const nextWord = /^["'\u201C\u2018\u00AB\u201E\u300C([]?([\p{L}\p{N}]+)/u.exec(rest)?.[1] ?? '';
  if (!/^[\p{Lu}\p{Lo}\p{N}"'\u201C\u2018\u00AB\u201E\u300C\u2014([]/u.test(next)) return false;
  if (punct[0] !== '.') return true;
  if (punct.startsWith('...') ) return /^\p{Lu}/u.test(nextWord);
  // The word before the period.
  // Only the last few characters matter; slicing keeps long paragraphs linear.
  const before = /([\p{L}\p{N}.]+)$/u.exec(line.slice(Math.max(0, at - 32), at).replace(IGNORABLE_RE, ''))?.[1] ?? '';
  const lower = before.toLowerCase();
  if (/^\p{Lu}$/u.test(before)) return false; // an initial: "John F. Kennedy"
  if (ABBREVIATIONS.has(lower)) {
    // Dotted abbreviations can end a sentence; titles ("Dr.") never do.
    return lower.includes('.') && SENTENCE_STARTERS.has(nextWord.toLowerCase());
  }
  if (/^(?:\p{L}\.)+\p{L}$/u.test(before)) return SENTENCE_STARTERS.has(nextWord.toLowerCase());
  return true;
}
