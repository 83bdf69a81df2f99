/**
 * Whether a quotation names its speaker: the attribution outside the quotation marks carries a
 * person's name ("said Councillor Priya Nandra", "Gareth Lowe, head of waste services, said",
 * "Lowe said", "he said" after the story has named him) rather than an anonymous voice ("said one
 * local resident", "a shopkeeper nearby said", "a neighbour told us"). A named speaker can be
 * checked; an anonymous one costs a rewriter nothing to invent. English attributions only (said,
 * says, told, added, wrote, according to): in other languages no quotation counts as named.
 */
import { quotedRanges } from './quoted-ranges';

// Two or more capitalised words in a row (a full name, a title and a name), or one next to an
// attribution verb ("Lowe said", "said Lowe"), or a pronoun for a speaker named before.
const VERB = 'said|says|told|added|wrote';
const WORD = "\\p{Lu}[\\p{Ll}'’-]+";
const FULL_NAME = /\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’.-]*)+/u;
const SURNAME_VERB = new RegExp(`${WORD}\\s+(?:${VERB})\\b|\\b(?:${VERB})\\s+${WORD}`, 'u');
const PRONOUN_VERB = /\b(?:he|she)\s+(?:said|says|added)\b|\b(?:said|says|added)\s+(?:he|she)\b/i;
const ATTRIBUTION = new RegExp(`\\b(?:${VERB}|according to)\\b`);

/**
 * For each [start, end) range of `text` (its sentences), whether the quotation there names its
 * speaker: true, false, or null when the range has no attribution outside the quotation marks (a
 * sentence in the middle of a quotation that runs over several).
 */
export function quotationsNameSpeaker(text: string, ranges: Array<[number, number]>): Array<boolean | null> {
  const quoted = quotedRanges(text);
  return ranges.map(([start, end]) => {
    // The parts of the range outside quotation marks, each on its own.
    const parts: string[] = [];
    let at = start;
    for (const [s, e] of quoted) {
      if (e <= start || s >= end) continue;
      if (s > at) parts.push(text.slice(at, s));
      at = Math.max(at, e);
    }
    if (at < end) parts.push(text.slice(at, end));
    if (!parts.some((p) => ATTRIBUTION.test(p))) return null;
    // A capitalised word opening the sentence is not evidence of a name ("The council said").
    return parts.some((part, k) => {
      const p = part.trim();
      const q = k === 0 && at !== start ? p : p.replace(/^\p{Lu}\p{Ll}+\s(?=\p{Ll})/u, '');
      return FULL_NAME.test(q) || SURNAME_VERB.test(p) || PRONOUN_VERB.test(p);
    });
  });
}
