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

// A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace or end.
const END_RE = /[.!?]+["'\u201D\u2019)\]]*(?=\s|$)/g;

/**
 * Splits text into sentences with offsets. Line breaks always end a sentence (paragraphs, headings);
 * a period ends one unless it follows an abbreviation, an initial ("John F. Kennedy") or the next
 * word starts in lower case ('"Why?" she asked').
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
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
  const rest = line.slice(after).trimStart();
  if (rest.length === 0) return true;
  const next = rest[0];
  // The next sentence starts with a capital, a digit, or an opening quote/bracket.
  const nextWord = /^["'\u201C\u2018([]?([\p{L}\p{N}]+)/u.exec(rest)?.[1] ?? '';
  if (!/^[\p{Lu}\p{N}"'\u201C\u2018([]/u.test(next)) return false;
  if (punct[0] !== '.') return true;
  if (punct.startsWith('...') ) return /^\p{Lu}/u.test(nextWord);
  // The word before the period.
  // Only the last few characters matter; slicing keeps long paragraphs linear.
  const before = /([\p{L}\p{N}.]+)$/u.exec(line.slice(Math.max(0, at - 32), at))?.[1] ?? '';
  const lower = before.toLowerCase();
  if (/^\p{Lu}$/u.test(before)) return false; // an initial: "John F. Kennedy"
  if (ABBREVIATIONS.has(lower)) {
    // Dotted abbreviations can end a sentence; titles ("Dr.") never do.
    return lower.includes('.') && SENTENCE_STARTERS.has(nextWord.toLowerCase());
  }
  if (/^(?:\p{L}\.)+\p{L}$/u.test(before)) return SENTENCE_STARTERS.has(nextWord.toLowerCase());
  return true;
}
