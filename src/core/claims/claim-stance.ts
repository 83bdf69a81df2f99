/**
 * Claim stance: whether a sentence that matched a fact-checked claim asserts it (`repeats`), reports
 * it as false (`refutes`) or only attributes or questions it (`mentions`). A news report that a
 * claim was debunked shares the claim's words; only the words around them say which way it leans.
 *
 * Rules, not a model: the cues are the closed vocabulary journalists use to debunk ("no evidence
 * that", "falsely claimed", "debunked") and to attribute ("claimed that", "rumours that", a
 * question), plus a negation the claim does not have. A cue the claim itself contains ("The moon
 * landing was a hoax") is the claim's own wording, not the sentence's stance, and is ignored.
 * Measured by scripts/eval-stance.ts on our own labelled sentences (tune and test parts by claim).
 */
import type { ClaimStance } from '../types';
import { isStopword, stem, tokenize, type Token } from '../text';

/** Phrases that report a claim as false, deny or debunk it. */
const REFUTE_CUES: RegExp[] = [
  /\bno (?:credible |real |actual |such |scientific |factual )?(?:evidence|proof|basis|record|truth|indication|sign)\b/i,
  /\b(?:not|n't|never|nothing) (?:true|so|accurate|correct|the case|happened|real)\b/i,
  /\b(?:untrue|inaccurate|incorrect|false(?:ly|hood)?|fake|bogus|baseless|unfounded|unsubstantiated|groundless|fabricated|made[- ]up|misleading|erroneous(?:ly)?|wrong(?:ly)?|mistaken(?:ly)?|debunk(?:s|ed|ing)?|hoax(?:es)?|myths?|misinformation|disinformation|doctored|satir(?:e|ical)|scams?|overstat(?:e|es|ed|ing)|exaggerat(?:e|es|ed|ing|ion))\b/i,
  /\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|disprov(?:e|es|ed|en|ing)|contradict(?:s|ed|ing)?|discredit(?:s|ed|ing)?|retract(?:s|ed|ing)?|corrected)\b/i,
  /\bwithout (?:any )?(?:evidence|proof|basis)\b/i,
  /\b(?:contrary to|despite) (?:the )?(?:claims?|rumou?rs?|reports?|posts?|assertions?)\b/i,
  /\bfact[- ]?check(?:ers?|ing|ed)?\b/i,
  /\bconspiracy theor(?:y|ies|ists?)\b/i,
  /\b(?:there is|there's|there was) nothing to\b/i,
  /\bpants on fire\b/i,
];

/** Phrases that attribute a claim to someone or question it without taking a side. */
const MENTION_CUES: RegExp[] = [
  /\b(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly|ation|ations)|assert(?:s|ed|ion)|insist(?:s|ed)?|purport(?:s|ed|edly)?|supposed(?:ly)?|rumou?r(?:s|ed)?|speculat(?:e|es|ed|ion)|reportedly|circulat(?:e|es|ed|ing)|viral)\b/i,
  /\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|question(?:s|ed|ing)?|whether|attribut(?:e|es|ed|ing)|suggest(?:s|ed|ing)?)\b/i,
  // A second-hand source passing the claim on: "a widely shared post says", "tabloids reported".
  /\b(?:posts?|memes?|websites?|blogs?|articles?|headlines?|stor(?:y|ies)|tabloids?|videos?|messages?|tweets?|flyers?|leaflets?|theor(?:y|ies)|legends?|tales?|chain letters?|folk)\b.{0,60}?\b(?:says?|saying|said|reported|reports|holds?|held|states?|stated|announced|tells?|told)\b/i,
  /\b(?:many|some|critics|fans|activists|users|people|readers|supporters|opponents|protesters|viewers)\b(?: \w+){0,3}? (?:believe[sd]?|think|thought|say|said|argue[sd]?|insist(?:s|ed)?)\b/i,
  /^\s*(?:is|are|was|were|did|does|do|has|have|can|could|will|would)\s+it\s+true\b/i,
  /\bif (?:it is|it's) true\b/i,
];

/** Negators ("don't", "can't" end in n't). */
const NEGATORS = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'nowhere', 'neither', 'nor', 'cannot', 'without']);
/** Punctuation that ends a clause, and with it a negation's scope. */
const CLAUSE_BREAK = /[,:;.!?()\u2013\u2014]/;
/** Words after a negator that it governs: "did not vote", "has never been a bridge". */
const NEGATION_SCOPE = 4;

/** Stems of the text's content words, split into those within a negation's scope and the others. */
function negationScopes(text: string): { negated: Set<string>; plain: Set<string> } {
  const negated = new Set<string>();
  const plain = new Set<string>();
  let scope = 0;
  let last = 0;
  for (const t of tokenize(text)) {
    // A negation ends with its clause: "Make no mistake: the seawall ..." negates no claim word.
    if (CLAUSE_BREAK.test(text.slice(last, t.start))) scope = 0;
    last = t.end;
    if (NEGATORS.has(t.norm) || /n['\u2019]t$/i.test(t.text)) {
      scope = NEGATION_SCOPE;
      continue;
    }
    if (!isStopword(t.norm) && !t.numeric) (scope > 0 ? negated : plain).add(stem(t.norm));
    if (scope > 0) scope--;
  }
  return { negated, plain };
}

/**
 * Whether the sentence negates what the claim asserts, word by word: a claim word the sentence
 * puts under a negation while the claim does not ("YouTube is not shutting down" against "YouTube
 * is shutting down"), or a word the claim negates that the sentence asserts ("Non-profits can
 * criticize" against "non-profits can't criticize"). Comparing negated words rather than counting
 * negators keeps a claim's own negation, paraphrased ("will stay closed" for "would not be
 * open"), from reading as a denial.
 */
function negatesClaim(sentence: string, claim: string): boolean {
  const s = negationScopes(sentence);
  const c = negationScopes(claim);
  for (const w of s.negated) if (c.plain.has(w) && !c.negated.has(w)) return true;
  for (const w of c.negated) if (s.plain.has(w) && !s.negated.has(w)) return true;
  return false;
}

/** `text` with every cue phrase blanked out (its negators are the cue's, not the claim's). */
function stripMatches(text: string, cues: RegExp[]): string {
  let out = text;
  for (const re of cues) out = out.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'), ' ');
  return out;
}

/** Whether `re` matches `text` at a place whose matched words the claim does not also contain. */
function cueIn(sentence: string, claim: string, re: RegExp): boolean {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  const inClaim = new Set((claim.match(g) ?? []).map((m) => m.toLowerCase()));
  for (const m of sentence.match(g) ?? []) if (!inClaim.has(m.toLowerCase())) return true;
  return false;
}

/**
 * Number of negators in a text; with `within`, only those between the first and the last word the
 * text shares with it, so that an aside before or after the claim ("Make no mistake: ...") does not
 * count as denying it.
 */
function negations(text: string, within?: string): number {
  const tokens = tokenize(text);
  const isNeg = (t: Token) => NEGATORS.has(t.norm) || /n['\u2019]t$/i.test(t.text);
  let from = 0;
  let to = tokens.length - 1;
  if (within !== undefined) {
    const { negated, plain } = negationScopes(within);
    const shared = (t: Token) => !isNeg(t) && !isStopword(t.norm) && (plain.has(stem(t.norm)) || negated.has(stem(t.norm)));
    from = tokens.findIndex(shared);
    to = tokens.findLastIndex(shared);
    if (from < 0) return 0;
  }
  let n = 0;
  for (let i = from; i <= to; i++) if (isNeg(tokens[i])) n++;
  return n;
}

/**
 * The stance of `sentence` towards the claim it matched. Refuting cues win over attributing ones
 * ("X falsely claimed that ..." refutes); a negation the claim lacks refutes ("The council did not
 * vote to double taxes"); otherwise attribution or a question
 * mentions; otherwise the sentence repeats the claim.
 */
export function claimStance(sentence: string, claim: string): ClaimStance {
  const s = sentence.replace(/[\u2019\u2018]/g, "'");
  const c = claim.replace(/[\u2019\u2018]/g, "'");
  if (REFUTE_CUES.some((re) => cueIn(s, c, re))) return 'refutes';
  // Negators inside a cue ("no evidence", "it is not true") were handled above.
  const bare = (x: string) => stripMatches(x, [...REFUTE_CUES, ...MENTION_CUES]);
  if (negatesClaim(bare(s), bare(c)) || negations(bare(s), bare(c)) > negations(bare(c))) return 'refutes';
  if (MENTION_CUES.some((re) => cueIn(s, c, re))) return 'mentions';
  if (/\?\s*["'\u201D]?\s*$/.test(s) && !/\?\s*["']?\s*$/.test(c)) return 'mentions';
  return 'repeats';
}

/**
 * The part of a sentence a claim is matched on: the sentence without its stance cues, so that
 * "Fact-checkers found no evidence that X" matches X as well as X alone does (the cue words would
 * otherwise count as query text the claim does not explain). Null when the sentence has no cue.
 */
export function claimClause(sentence: string): string | null {
  const s = sentence.replace(/[\u2019\u2018]/g, "'");
  const stripped = stripMatches(s, [...REFUTE_CUES, ...MENTION_CUES]);
  return stripped === s ? null : stripped;
}
