/**
 * Claim stance: whether a sentence that matched a fact-checked claim asserts it (`repeats`), reports
 * it as false (`refutes`) or only attributes or questions it (`mentions`). A news report that a
 * claim was debunked shares the claim's words; only the words around them say which way it leans.
 *
 * Rules, not a model: the cues are the closed vocabulary journalists use to debunk ("no evidence
 * that", "falsely claimed", "debunked") and to attribute ("claimed that", "rumours that", a
 * question, reported speech "X told reporters that"), plus a negation the claim does not have
 * (a negator, a negating verb such as "declined to", or a negating prefix such as "ineligible"). A
 * cue the claim itself contains ("The moon landing was a hoax") is the claim's own wording, not the
 * sentence's stance, and is ignored. Measured by scripts/eval-stance.ts on our own labelled
 * sentences (tune, tune2, tune3, tune4, test, fresh, blind, blind2 and blind3 parts by claim; fitted
 * on the tune parts only).
 */
import type { ClaimStance } from '../types';
import { isStopword, stem, tokenize, type Token } from '../text';

/** Phrases that report a claim as false, deny or debunk it. */
const REFUTE_CUES: RegExp[] = [
  /\bno (?:credible |real |actual |such |scientific |factual )?(?:evidence|proof|basis|record|truth|indication|sign)\b/i,
  /\b(?:not|n't|never|nothing) (?:true|so|accurate|correct|the case|happened|real)\b/i,
  /\b(?:untrue|inaccurate|incorrect|false(?:ly|hood)?|fake|bogus|baseless|unfounded|unsubstantiated|groundless|fabricated|made[- ]up|misleading|erroneous(?:ly)?|wrongly|mistaken(?:ly)?|debunk(?:s|ed|ing)?|hoax(?:es)?|myths?|misinformation|disinformation|doctored|satir(?:e|ical)|scams?|overstat(?:e|es|ed|ing)|exaggerat(?:e|es|ed|ing|ion))\b/i,
  /\b(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|disprov(?:e|es|ed|en|ing)|contradict(?:s|ed|ing)?|discredit(?:s|ed|ing)?|retract(?:s|ed|ing)?|corrected)\b/i,
  /\bwithout (?:any )?(?:evidence|proof|basis)\b/i,
  // "Wrong" as a verdict on the claim ("the post is wrong"), not the claim's own error ("NASA got
  // the date wrong", which repeats a claim about a mistake).
  /\b(?:is|are|was|were|be|been|proved|proven|turned out|it's|that's)\s+(?:(?:simply|flat|dead|completely|entirely|just|also|all)\s+)?wrong\b/i,
  /\b(?:contrary to|despite) (?:the )?(?:claims?|rumou?rs?|reports?|posts?|assertions?)\b/i,
  /\bfact[- ]?check(?:ers?|ing|ed)?\b/i,
  /\bconspiracy theor(?:y|ies|ists?)\b/i,
  /\b(?:there is|there's|there was) nothing to\b/i,
  /\bpants on fire\b/i,
  // "Not an actual event", "not a real quote", "not genuine": the thing itself is denied.
  /\bnot (?:an? )?(?:actual|real|genuine|authentic)\b/i,
  // A story told as a joke or a fiction: "is an old joke", "was a parody", "a work of fiction".
  /\b(?:is|was|are|were|been|it's|that's)\s+(?:(?:just|only|merely|simply|actually|really)\s+)?(?:an?\s+)?(?:(?:old|urban|internet|online)\s+)?(?:joke|parody|fable|fiction|work of fiction|tall tale|prank|spoof|urban legend)s?\b/i,
  // Evidence under a negation a few filler words away: "not supported by any evidence", "not a
  // shred of proof", "isn't backed by evidence". The filler words are a closed list so that a
  // negation elsewhere in the clause ("did not wait for evidence") is not read as one.
  /(?:\b(?:no|not|never|lacks?|lacking|without)|n't)(?:\s+(?:a|an|any|the|single|shred|scrap|bit|piece|of|supported|backed|borne|out|up|by|credible|real|actual|hard|such))*\s+(?:evidence|proof)\b/i,
  // Altered media, the usual verdict on a photo or clip: the words name the manipulation itself,
  // so they do not fire on a plain "video shows".
  /\b(?:photoshop(?:ped|ping)?|digitally (?:altered|manipulated|edited|created|doctored|added|inserted)|computer[- ]generated|CGI|deep ?fakes?)\b/i,
  /\b(?:altered|manipulated|staged|spliced|edited|flipped|mirrored|reversed) (?:photo(?:graph)?s?|images?|pictures?|videos?|clips?|footage|versions?)\b/i,
  /\bmirror[- ]?images?\b/i,
  // The picture is real but from elsewhere: "was actually taken at a different event", "filmed
  // years earlier".
  /\b(?:taken|filmed|shot|recorded|captured|snapped)\s+(?:\w+\s+)?(?:at|in|during|from|on)\s+(?:(?:a|an|the)\s+)?(?:different|another|unrelated|separate|earlier|older|previous)\b/i,
  /\b(?:taken|filmed|shot|recorded|captured|snapped)\s+(?:years|months|decades|long)\s+(?:earlier|before|ago)\b/i,
];

/** Phrases that attribute a claim to someone or question it without taking a side. */
const MENTION_CUES: RegExp[] = [
  /\b(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|edly|ation|ations)|assert(?:s|ed|ion)|insist(?:s|ed)?|purport(?:s|ed|edly)?|supposed(?:ly)?|rumou?r(?:s|ed)?|speculat(?:e|es|ed|ion)|reportedly|circulat(?:e|es|ed|ing)|viral)\b/i,
  /\b(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|question(?:s|ed|ing)?|whether|attribut(?:e|es|ed|ing)|ascrib(?:e|es|ed|ing)|suggest(?:s|ed|ing)?)\b/i,
  // Authorship or a deed credited to someone ("an essay credited to Vonnegut", "an e-mail credits
  // Yeager with a story"): the attribution the claim is about, not an assertion of it.
  // (A lookahead, so that the names between stay in the clause the claim is matched on.)
  /\bcredit(?:s|ed|ing)?\b(?=(?:\s+[\w'.-]+){0,4}?\s+(?:to|with)\b)/i,
  // A second-hand source passing the claim on: "a widely shared post says", "tabloids reported",
  // "a popular explanation holds that", "captions describing it as". Not the text itself ("share
  // this post", "each time this message is shared"): a post that asks to be shared repeats.
  /(?<!\b(?:this|our|my)\s+)\b(?:posts?|memes?|websites?|blogs?|articles?|headlines?|stor(?:y|ies)|reports|tabloids?|videos?|messages?|tweets?|flyers?|leaflets?|theor(?:y|ies)|legends?|tales?|chain letters?|e-?mails?|jokes?|anecdotes?|folk|explanations?|narratives?|captions?)\b.{0,60}?\b(?:says?|saying|said|reported|reports|holds?|held|states?|stated|announced|tells?|told|warns?|warned|warning|promot(?:e|es|ed|ing)|push(?:es|ed|ing)|spread(?:s|ing)?|shar(?:e|es|ed|ing)|describ(?:e|es|ed|ing))\b/i,
  // Distance from the words used, and a story in circulation: "the so-called showering rat",
  // "an explanation making the rounds".
  /\b(?:so-called|(?:making|made|doing|did) the rounds)\b/i,
  // An accusation reports that someone says a deed was done: "officials accused Greenpeace of
  // damaging the lines" (a lookahead, as for "credited", keeps the names in the matched clause).
  /\baccus(?:e|es|ed|ing)\b(?=(?:\s+[\w'.-]+){1,4}?\s+of\b)/i,
  /\b(?:many|some|critics|fans|activists|users|people|readers|supporters|opponents|protesters|viewers)\b(?: \w+){0,3}? (?:believe[sd]?|think|thought|say|said|argue[sd]?|insist(?:s|ed)?)\b/i,
  /^\s*(?:is|are|was|were|did|does|do|has|have|can|could|will|would)\s+it\s+true\b/i,
  /\bif (?:it is|it's) true\b/i,
  // A claim as the content of a report, story or account: "Reports that X drew outrage".
  /\b(?:reports?|stor(?:y|ies)|accounts?|suggestions?|speculation|word) that\b/i,
  /\baccording to (?:a |an |the |some |one |several |many )?(?:\w+ ){0,2}?(?:posts?|memes?|websites?|blogs?|articles?|headlines?|stor(?:y|ies)|tabloids?|videos?|messages?|tweets?|rumou?rs?|e-?mails?|reports?)\b/i,
  // Hedges that leave the claim open: "could not be confirmed", "unverified reports".
  /\b(?:could|can|has|have|was|were)(?: not|n't| never)(?: been| be)?(?: independently)? (?:confirm|verif)(?:y|ied|ed)\b/i,
  /\b(?:unconfirmed|unverified|is said to|are said to|was said to|were said to)\b/i,
  // "an article they say proves X"; not at a clause's end ("believe anything they say.").
  /\bthey (?:say|claim)\b(?!\s*(?:[.,;:!?)\u2013\u2014]|$))/i,
];

/**
 * Reported speech: an attribution verb introducing a that-clause ("Smith told reporters that X",
 * "bloggers wrote that X"). Kept apart from MENTION_CUES because a claim that is itself reported
 * speech ("Bachmann said King would be alive") makes the verb the claim's own, in any of its forms
 * ("Bachmann says that King ..." still repeats it). A trailing attribution (", police said.") is
 * how news reports a fact and is left out on purpose: the verb must come before its clause.
 */
const REPORTED_SPEECH = /\b(say|says|said|saying|tell|tells|told|telling|report|reports|reported|reporting|warns?|warned|warning|writes?|wrote|written|tweets?|tweeted|posts?|posted|argues?|argued|arguing|maintains?|maintained|believes?|believed|insists?|insisted)\b(?:\s+[\w'-]+){0,3}?\s+that\b/gi;

/** Attribution verbs by lemma, so that the claim's "said" also covers the sentence's "says that". */
const SPEECH_LEMMAS: string[][] = [
  ['say', 'says', 'said', 'saying'],
  ['tell', 'tells', 'told', 'telling'],
  ['report', 'reports', 'reported', 'reporting'],
  ['warn', 'warns', 'warned', 'warning'],
  ['write', 'writes', 'wrote', 'written'],
  ['tweet', 'tweets', 'tweeted'],
  ['post', 'posts', 'posted'],
  ['argue', 'argues', 'argued', 'arguing'],
  ['maintain', 'maintains', 'maintained'],
  ['believe', 'believes', 'believed'],
  ['insist', 'insists', 'insisted'],
];

const SPEECH_VERBS = new Set(SPEECH_LEMMAS.flat());
/** How many words before a speech verb name its speaker ("Oklahoma State Representative George Faught said"). */
const SPEAKER_WORDS = 4;

/**
 * Stems of the words that name the speaker of a claim that is itself reported speech (the content
 * words just before its first verb of speech), or an empty set when the claim reports nobody.
 */
function claimSpeaker(claim: string): Set<string> {
  const tokens = tokenize(claim);
  const at = tokens.findIndex((t) => SPEECH_VERBS.has(t.norm));
  const out = new Set<string>();
  for (let i = Math.max(0, at - SPEAKER_WORDS); i < at; i++) if (!isStopword(tokens[i].norm) && !tokens[i].numeric) out.add(stem(tokens[i].norm));
  return out;
}

/**
 * Whether the sentence reports the claim as someone's speech with a verb the claim does not use.
 * When the claim is itself someone's speech ("Faught said rape and incest are the will of God"),
 * that speaker's speech in any verb ("Faught argued that ...") is the claim's own wording; a
 * third party's ("Bloggers wrote that Faught said ...") still reports it.
 */
function reportsSpeech(sentence: string, claim: string): boolean {
  const claimWords = new Set(claim.toLowerCase().match(/[a-z]+/g) ?? []);
  let speaker: Set<string> | undefined;
  for (const m of sentence.matchAll(REPORTED_SPEECH)) {
    // The writer's own "I'd say that" asserts; only someone else's speech is attribution.
    const before = sentence.slice(0, m.index);
    if (/\b(?:i|we|i'd|we'd|i'll|we'll|i would|we would)\s*$/i.test(before)) continue;
    const verb = m[1].toLowerCase();
    const family = SPEECH_LEMMAS.find((f) => f.includes(verb)) ?? [verb];
    if (family.some((w) => claimWords.has(w))) continue;
    speaker ??= claimSpeaker(claim);
    const subject = tokenize(before).slice(-SPEAKER_WORDS);
    if (speaker.size > 0 && subject.some((t) => speaker!.has(stem(t.norm)))) continue;
    return true;
  }
  return false;
}

/** Negators ("don't", "can't" end in n't). */
const NEGATORS = new Set(['not', 'no', 'never', 'none', 'nobody', 'nothing', 'nowhere', 'neither', 'nor', 'cannot', 'without']);
/** Punctuation that ends a clause, and with it a negation's scope. */
const CLAUSE_BREAK = /[,:;.!?()\u2013\u2014]/;
/** Words after a negator that it governs: "did not vote", "has never been a bridge". */
const NEGATION_SCOPE = 4;
/** Verbs that negate the infinitive after them: "declined to renew" is "did not renew". */
const NEGATING_BEFORE_TO = new Set(['decline', 'declines', 'declined', 'declining', 'refuse', 'refuses', 'refused', 'refusing', 'fail', 'fails', 'failed', 'failing', 'unable']);
/** Verbs that negate the gerund after them: "will stop accepting" is "will no longer accept". */
const NEGATING_BEFORE_ING = new Set(['stop', 'stops', 'stopped', 'stopping', 'cease', 'ceases', 'ceased', 'quit', 'quits']);
/**
 * Negating prefixes, with the shortest root each may strip: "ineligible" against "eligible",
 * "illegal" against "legal". Read as a negation only when the other text has the bare root, so
 * that "index" or "uniform" are never taken apart. In-, im-, il-, ir- and dis- also begin many
 * words that negate nothing ("immigrant"/"migrant", "discover"/"cover", "inform"/"form"), so
 * they strip only roots shaped like the adjectives they negate (ADJECTIVE_ROOT).
 */
const NEGATING_PREFIXES: { prefix: string; min: number; adjectiveOnly: boolean }[] = [
  { prefix: 'non', min: 4, adjectiveOnly: false },
  { prefix: 'un', min: 4, adjectiveOnly: false },
  { prefix: 'il', min: 4, adjectiveOnly: true },
  { prefix: 'ir', min: 4, adjectiveOnly: true },
  { prefix: 'in', min: 5, adjectiveOnly: true },
  { prefix: 'im', min: 5, adjectiveOnly: true },
  { prefix: 'dis', min: 5, adjectiveOnly: true },
];
/** Endings of the adjectives Latinate prefixes negate: eligible, legal, active, correct, valid, honest. */
const ADJECTIVE_ROOT = /(?:ible|able|al|ive|ent|ect|ete|ate|id|ous|ure|ful|est)$/;

/** The root a negating prefix leaves of a word, or null when it has none. */
function prefixRoot(norm: string): string | null {
  for (const { prefix, min, adjectiveOnly } of NEGATING_PREFIXES) {
    if (!norm.startsWith(prefix) || norm.length - prefix.length < min) continue;
    const rest = norm.slice(prefix.length);
    if (!adjectiveOnly || ADJECTIVE_ROOT.test(rest)) return rest;
  }
  return null;
}

/**
 * Whether the token at `i` negates what follows it: a negator word, "n't", or (unless `verbs` is
 * false) a negating verb.
 */
function isNegator(tokens: Token[], i: number, verbs = true): boolean {
  const t = tokens[i];
  if (NEGATORS.has(t.norm) || /n['\u2019]t$/i.test(t.text)) return true;
  const next = tokens[i + 1];
  if (!verbs || next === undefined) return false;
  if (NEGATING_BEFORE_TO.has(t.norm)) return next.norm === 'to';
  return NEGATING_BEFORE_ING.has(t.norm) && /..ing$/.test(next.norm);
}

/** The stem of a word's root when it is a prefixed negation of a word the other text has. */
function negatedRoot(norm: string, other: Set<string>): string | null {
  const rest = prefixRoot(norm);
  if (rest === null) return null;
  const root = stem(rest);
  return other.has(root) ? root : null;
}

/** Stems of a text's content words; with `roots`, also those of their prefix-stripped roots. */
function stemsOf(text: string, roots = false): Set<string> {
  const out = new Set<string>();
  for (const t of tokenize(text)) {
    if (isStopword(t.norm) || t.numeric) continue;
    out.add(stem(t.norm));
    const rest = roots ? prefixRoot(t.norm) : null;
    if (rest !== null) out.add(stem(rest));
  }
  return out;
}

/** A text's content stems: under a negation's scope, the heads negations govern, and the others. */
interface NegationScopes {
  negated: Set<string>;
  /**
   * The word each negation governs: the first word in its scope the other text also has ("renew"
   * in "did not renew the contract" against "declined to renew"), else its first content word.
   */
  heads: Set<string>;
  plain: Set<string>;
}

/**
 * Stems of the text's content words, split into those within a negation's scope and the others.
 * With `other` (the stems of the text it is compared with), a prefixed negation of one of its
 * words is read as that word negated: "ineligible to serve" as "not eligible to serve".
 */
function negationScopes(text: string, other?: string): NegationScopes {
  const negated = new Set<string>();
  const heads = new Set<string>();
  const plain = new Set<string>();
  const otherStems = other === undefined ? new Set<string>() : stemsOf(other);
  const shared = other === undefined ? otherStems : stemsOf(other, true);
  // The current negation's first content word, until a shared word or the scope's end settles it.
  let pending: string | null = null;
  let awaiting = false;
  const settle = () => {
    if (awaiting && pending !== null) heads.add(pending);
    awaiting = false;
    pending = null;
  };
  let scope = 0;
  let last = 0;
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // A negation ends with its clause: "Make no mistake: the seawall ..." negates no claim word.
    if (CLAUSE_BREAK.test(text.slice(last, t.start))) scope = 0;
    last = t.end;
    if (scope === 0) settle();
    if (isNegator(tokens, i)) {
      settle();
      scope = NEGATION_SCOPE;
      awaiting = true;
      continue;
    }
    const root = other === undefined ? null : negatedRoot(t.norm, otherStems);
    if (root !== null) {
      // The root is the word the prefix negates, as "eligible" is after "not".
      settle();
      negated.add(root);
      heads.add(root);
      scope = NEGATION_SCOPE - 1;
      continue;
    }
    if (!isStopword(t.norm) && !t.numeric) {
      const w = stem(t.norm);
      (scope > 0 ? negated : plain).add(w);
      if (awaiting && shared.has(w)) {
        heads.add(w);
        awaiting = false;
      } else if (awaiting) pending ??= w;
    }
    if (scope > 0) scope--;
  }
  settle();
  return { negated, heads, plain };
}

/**
 * Whether the sentence negates what the claim asserts, word by word: the word a negation governs
 * in the sentence is asserted by the claim outside any negation ("YouTube is not shutting down"
 * against "YouTube is shutting down"), or the word a negation governs in the claim is asserted by
 * the sentence ("Non-profits can criticize" against "non-profits can't criticize"). Comparing
 * negated words rather than counting negators keeps a claim's own negation, paraphrased ("will
 * stay closed" for "would not be open"), from reading as a denial. Only the governed word (the
 * head) is compared, not every word in the scope's window: a paraphrase that orders the
 * arguments otherwise ("decided not to renew the contract of CNN" for "declined to renew CNN's
 * contract") leaves some of them outside the window without asserting anything the claim denies.
 */
function negatesClaim(sentence: string, claim: string): boolean {
  const s = negationScopes(sentence, claim);
  const c = negationScopes(claim, sentence);
  for (const w of s.heads) if (c.plain.has(w) && !c.negated.has(w)) return true;
  for (const w of c.heads) if (s.plain.has(w) && !s.negated.has(w)) return true;
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
 * Number of negations in a text (negators, and prefixed negations of words `other` has). For the
 * sentence (`isSentence`), only those between the first and the last word it shares with `other`,
 * so that an aside before or after the claim ("Make no mistake: ...") does not count as denying
 * it; and without negating verbs, whose one governed word negatesClaim already compares ("He is
 * refusing to protect ..." in a quote that repeats the claim denies nothing of it). For the claim,
 * its negating verbs count, so that "decided not to renew" is not more negative than its
 * "declined to renew".
 */
function negations(text: string, other: string, isSentence: boolean): number {
  const tokens = tokenize(text);
  const otherStems = stemsOf(other);
  const isNeg = (i: number) => isNegator(tokens, i, !isSentence) || negatedRoot(tokens[i].norm, otherStems) !== null;
  let from = 0;
  let to = tokens.length - 1;
  if (isSentence) {
    const shared = (t: Token, i: number) => !isNeg(i) && !isStopword(t.norm) && otherStems.has(stem(t.norm));
    from = tokens.findIndex(shared);
    to = tokens.findLastIndex(shared);
    if (from < 0) return 0;
  }
  let n = 0;
  for (let i = from; i <= to; i++) if (isNeg(i)) n++;
  return n;
}

/**
 * A review's summary of its own work in the place of a claim ("We check an assortment of claims
 * about the 2017 total solar eclipse"): a sentence on its topic asserts nothing it could repeat.
 */
const ROUNDUP = /^\s*(?:here )?we (?:check|checked|evaluate[sd]?|fact[- ]check(?:ed)?|investigate[sd]?|examine[sd]?|break down|broke down|look(?:ed)? (?:at|into)|analy[sz]e[sd]?|review(?:ed)?|debunk(?:ed)?|explain(?:ed)?|round(?:ed)? up|sort(?:ed)? (?:out|through)|dig into|dug into|address(?:ed)?|answer(?:ed)?)\b/i;

/**
 * The stance of `sentence` towards the claim it matched. Refuting cues win over attributing ones
 * ("X falsely claimed that ..." refutes); a negation the claim lacks refutes ("The council did not
 * vote to double taxes"); otherwise attribution or a question mentions, and so does any sentence
 * matching a review's summary of itself (ROUNDUP); otherwise the sentence repeats the claim.
 */
export function claimStance(sentence: string, claim: string): ClaimStance {
  const s = sentence.replace(/[\u2019\u2018]/g, "'");
  const c = claim.replace(/[\u2019\u2018]/g, "'");
  if (REFUTE_CUES.some((re) => cueIn(s, c, re))) return 'refutes';
  // Negators inside a cue ("no evidence", "it is not true") were handled above.
  const bare = (x: string) => stripMatches(x, [...REFUTE_CUES, ...MENTION_CUES]);
  if (negatesClaim(bare(s), bare(c)) || negations(bare(s), bare(c), true) > negations(bare(c), bare(s), false)) return 'refutes';
  if (MENTION_CUES.some((re) => cueIn(s, c, re)) || reportsSpeech(s, c) || ROUNDUP.test(c)) return 'mentions';
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
