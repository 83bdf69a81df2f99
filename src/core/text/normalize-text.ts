/**
 * Unicode and typography normalisation applied before any tokenising, so that the same words
 * typed with curly or straight quotes, different dashes or odd spaces compare equal.
 */

// Characters that differ only typographically between outlets (and between CMSs of one outlet).
const QUOTE_MAP: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u00B4': "'", '`': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
};
const QUOTE_RE = /[\u2018\u2019\u201A\u201B\u2032\u00B4`\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u2010-\u2015\u2212\u2026]/g;

/**
 * Normalises text (invisible format characters dropped, NFKC, straight quotes, ASCII dashes, collapsed whitespace). The result's length
 * may differ from the input's, so use it for comparison only, never for offsets.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(QUOTE_RE, (c) => QUOTE_MAP[c] ?? c)
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .replace(/[ \t\f\v\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ')
    .replace(/ *\n[\s]*/g, (m) => (m.split('\n').length > 2 ? '\n\n' : '\n'))
    .trim();
}

/**
 * Maps one character to its comparison form without changing length (lower case, straight quotes,
 * ASCII dashes), so offsets computed on the result stay valid for the original text.
 */
export function foldChar(c: string): string {
  const q = QUOTE_MAP[c];
  if (q !== undefined && q.length === 1) return q;
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}
