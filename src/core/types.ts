/**
 * The shared data shapes of Provenance Lens: the article record that extraction produces, the
 * known-claim record, and the versioned report (`provenance-lens/report@1`) that the engine
 * returns. Plain JSON only: every value here crosses message channels and is written to disk.
 */

/** A link found inside the article body (not navigation), with its visible text. */
export interface ArticleLink {
  href: string;
  text: string;
}

/** Declared-provenance signals read from the page (syndication, credit, wire lines). */
export interface ProvenanceSignals {
  /** rel=canonical (or og:url) when it points to a different site than the page itself (set by `resolveArticleUrl`). */
  canonicalUrl: string | null;
  /** schema.org `isBasedOn` URLs from JSON-LD. */
  isBasedOn: string[];
  /** Sentences such as "This story originally appeared in X", "First reported by X", "(AP) —". */
  creditLines: string[];
  /** Wire agency named by a dateline or credit line ("AP", "Reuters", "AFP"), else null. */
  wire: string | null;
}

/**
 * The addresses a page declares for itself, as extraction reads them (absolute http(s) URLs, or
 * null): data, not judged. Which one, if any, is the article's address is decided by
 * `resolveArticleUrl` (core/site.ts) against the page's site, in the background and the CLI alike.
 */
export interface DeclaredUrls {
  /** og:url. */
  ogUrl: string | null;
  /** rel=canonical. */
  canonical: string | null;
  /** The page's own home as it declares it (JSON-LD WebSite or publisher URL, feed, shortlink, home link). */
  home: string | null;
}

/** The readable article, as extraction gives it and as the index stores it. */
export interface ArticleRecord {
  /**
   * The article's own address (og:url, else same-site canonical, else the page URL), as
   * `resolveArticleUrl` chose it; straight out of extraction, the page URL.
   */
  url: string;
  title: string;
  byline: string | null;
  siteName: string | null;
  /** BCP 47 language tag or null. */
  lang: string | null;
  /** ISO 8601 publication time, or null when the page gives none. */
  publishedTime: string | null;
  modifiedTime: string | null;
  /** ISO 8601 time this article was first seen by this install (set by the store, not the page). */
  firstSeen?: string | null;
  /**
   * Why only part of the article was read (a paywall teaser, a "continue reading" stub), when
   * extraction saw that; absent otherwise. A check never concludes independence from the rest.
   */
  partial?: string | null;
  /** Body text, one entry per paragraph; the article text is `paragraphs.join('\n\n')`. */
  paragraphs: string[];
  links: ArticleLink[];
  signals: ProvenanceSignals;
}

/** The text the engine analyses for an article: paragraphs joined by blank lines. */
export function articleText(article: Pick<ArticleRecord, 'paragraphs'>): string {
  return article.paragraphs.join('\n\n');
}

/** A fact-checked claim (from ClaimReview), as stored in the claims store. */
export interface KnownClaim {
  /** Stable id: the review URL when there is one, else a feed-scoped id. */
  id: string;
  claimReviewed: string;
  /** Title of the fact-check article (ClaimReview `name`/`headline`), when given: a second field to match on. */
  title?: string | null;
  /** Review URL (https), or null. */
  url: string | null;
  rating: {
    alternateName: string | null;
    ratingValue: number | null;
    bestRating: number | null;
    worstRating: number | null;
  };
  reviewer: { name: string | null; url: string | null };
  datePublished: string | null;
  claimAuthor: string | null;
  appearances: string[];
  /** Which feed or import it came from ("import", "harvest", or a feed id). */
  source: string;
}

/** How one article relates to another. */
export type Verdict =
  | 'original'
  | 'verbatim-copy'
  | 'partial-copy'
  | 'paraphrased-copy'
  | 'credited-excerpt'
  | 'syndicated'
  | 'same-story'
  | 'no-match';

/** Whether a verdict says the article copies or rewrites another (an accusation, unless direction is unknown). */
export function isCopyVerdict(v: Verdict): boolean {
  return v === 'verbatim-copy' || v === 'partial-copy' || v === 'paraphrased-copy';
}

/** Relation of a related article to the checked one (as seen from the checked article). */
export type Relation =
  | 'source' // the checked article derives from it (verbatim, partial or paraphrase)
  | 'origin' // the earliest article of the derivation chain (may also be the source)
  | 'derivative' // it derives from the checked article
  | 'syndication' // declared republication, in either direction
  | 'credited-source' // the checked article quotes it with credit
  | 'same-story'; // independent report of the same story

type PassageKind = 'verbatim' | 'paraphrase' | 'quote';

/** Minimal description of an article inside a report. */
export interface ArticleRef {
  url: string;
  title: string;
  siteName: string | null;
  publishedTime: string | null;
}

export interface RelatedArticle extends ArticleRef {
  relation: Relation;
  /** Document similarity in [0, 1]. */
  similarity: number;
  /** Share of the checked article's text (by characters) copied word for word from this one. */
  verbatimShare: number;
  /** Share of the checked article's text aligned as paraphrase of this one. */
  paraphraseShare: number;
  /** Kind of reuse when the checked article reuses this one, else null. */
  kind: Exclude<Verdict, 'original' | 'no-match'> | null;
  /** Whether the checked article credits this one (null where nothing is reused). */
  credited: boolean | null;
  /**
   * How the credit shows: 'visible' (a credit, link or republication line a reader sees),
   * 'metadata-only' (declared only in page data: rel=canonical, isBasedOn; `credited` is false).
   * Absent when there is none. Additive to report@1.
   */
  creditKind?: 'visible' | 'metadata-only' | null;
  /**
   * True when it reuses the checked article's source (or the origin) as this article does: a
   * sibling copy, listed as same-story, not as a source or derivative. Absent otherwise. Additive to report@1.
   */
  sibling?: true;
  /**
   * How this article itself reuses another version of the story, where the engine measured it
   * and knows which came first: a derivative or syndicated copy reusing the checked page, a
   * sibling reusing the page of the chain it copies (the direct source or the origin). The URL of
   * that version, the kind of reuse and the credit this article gives it. Absent otherwise.
   * Additive to report@1.
   */
  reuses?: { url: string; kind: ReuseKind; credit: 'credited' | 'metadata-only' | 'none' };
  /** Why the engine thinks so, in plain words (dates, signals, alignment numbers). */
  evidence: string[];
}

/**
 * One difference between a reused sentence and its source sentence that a reader would care about:
 * `number` a figure replaced by a different one in the same role ("$48 million" -> "$50 million"),
 * `hedge` the source hedges or attributes ("reportedly", "may", "about 50", "according to") and the
 * copy states it plainly, `negation` one sentence negates what the other affirms. `source` and
 * `copy` quote the exact words of each sentence (`copy` null when the copy has no word to point at,
 * e.g. a dropped "according to"); offsets are into `Passage.source.sentence` and `Passage.text`.
 */
export interface FactChange {
  kind: 'number' | 'hedge' | 'negation';
  source: string;
  copy: string | null;
  sourceStart?: number | null;
  sourceEnd?: number | null;
  copyStart?: number | null;
  copyEnd?: number | null;
}

export interface Passage {
  text: string;
  /** Character offsets into `articleText(article)` of the checked article. */
  start: number;
  end: number;
  kind: PassageKind;
  score: number;
  source: {
    url: string;
    /** The source sentence text, or null when the source is known only by fingerprint (packs). */
    sentence: string | null;
    /** Offsets of the source sentence in the source article text, when known. */
    start: number | null;
    end: number | null;
  };
  /**
   * What the reused sentence changed relative to its source sentence (verbatim and paraphrase
   * passages with a known source sentence only); absent when nothing changed. Additive to report@1.
   */
  changes?: FactChange[];
}

/**
 * How a sentence relates to the claim it matched: `repeats` asserts it, `refutes` reports it as
 * false or denies it, `mentions` attributes or questions it without taking a side.
 */
export type ClaimStance = 'repeats' | 'refutes' | 'mentions';

/**
 * Whether a claim match is shown as a warning (highlighted with its rating, counted for the badge's
 * `!`): only when the sentence repeats the claim. Reports from before `stance` existed repeat. The
 * one rule the background, the popup and the CLI share.
 */
export function isClaimWarning(m: Pick<ClaimMatch, 'stance'>): boolean {
  return (m.stance ?? 'repeats') === 'repeats';
}

export interface ClaimMatch {
  text: string;
  start: number;
  end: number;
  score: number;
  /** The sentence's stance towards the claim; only `repeats` is a warning (isClaimWarning). Absent
   * in reports from before this field, which meant `repeats`. */
  stance?: ClaimStance;
  claim: {
    id: string;
    url: string | null;
    claimReviewed: string;
    rating: string | null;
    reviewer: string | null;
    /** Where the claim came from ("import", "harvest", or a feed id). Harvested claims derive from
     * the user's browsing, so they must not be drawn on a page without a user gesture (rule 6). */
    source?: string;
  };
}

/** The engine's answer for one article (JSON schema `provenance-lens/report@1`). */
export interface Report {
  schema: 'provenance-lens/report@1';
  article: ArticleRef & { byline: string | null; lang: string | null; wordCount: number };
  verdict: Verdict;
  credited: boolean | null;
  /** How the direct source is credited (see RelatedArticle.creditKind); null without one. Additive to report@1. */
  creditKind?: 'visible' | 'metadata-only' | null;
  /**
   * Why only part of the checked article was read (see ArticleRecord.partial); absent when it was
   * read whole. "same-story" and "no-match" then speak only for the part read. Additive to report@1.
   */
  partialText?: string;
  /** One plain sentence, e.g. "Rewritten from The Harbor Ledger, published 2 hours earlier; no credit given." */
  summary: string;
  /**
   * False when the checked article and its direct source share text but nothing tells which came
   * first (no comparable dates, no credit or link): the verdict names the kind of reuse between
   * them, not who copied whom, and nobody is accused. Absent in reports from before this field.
   */
  directionKnown?: boolean;
  origin: ArticleRef | null;
  directSource: ArticleRef | null;
  related: RelatedArticle[];
  passages: Passage[];
  claims: ClaimMatch[];
  /**
   * Every known version of this story (this page and each related article) in time order, with
   * who derived from whom as the engine decided it (src/core/engine/build-timeline.ts). Set by
   * checkArticle; absent in reports from before this field. Additive to report@1.
   */
  timeline?: TimelineEntry[];
}

/**
 * What one version is to the story: `original` the origin of the derivation chain; a copy kind
 * (how it reuses the page it derives from); `derived` derived from the origin on the way to this
 * page (its own kind of reuse is not measured from this page); `source` another earlier page this
 * page also reuses; `sibling` it also reuses this page's source (or the origin); `derivative`
 * derived from this page; `syndicated` a declared republication of this page; `same-story` an
 * independent report; `this-page` the checked page when none applies.
 */
export type TimelineRelation = Exclude<Verdict, 'no-match'> | 'derived' | 'source' | 'sibling' | 'derivative' | 'this-page';

/** A kind of reuse: every verdict but `original` and `no-match`. */
export type ReuseKind = Exclude<Verdict, 'original' | 'no-match'>;

/** One version of the story in the report's timeline. */
export interface TimelineEntry {
  url: string;
  /** Site name, else host. */
  outlet: string;
  /** ISO 8601 time the entry is ordered by, or null (unknown times come last). */
  time: string | null;
  /** Where `time` came from: the page's declared publication time, or when this install first saw it. */
  timeFrom: 'published' | 'first-seen' | null;
  relation: TimelineRelation;
  /**
   * How this version reuses the one it derives from (`derivedFrom`), where measured: the checked
   * page's own verdict, and derivatives and siblings as the engine compared them with that
   * version. Absent when not measured (the origin, the direct source, independent reports).
   * Additive to report@1.
   */
  reuseKind?: ReuseKind;
  /**
   * Whether this version credits the one it derives from: `credited` (visibly), `metadata-only`
   * (page data only), `none`, `n/a` (it derives from nothing), `unknown` (not measured from this
   * page: how the direct source credits the origin).
   */
  credit: 'credited' | 'metadata-only' | 'none' | 'n/a' | 'unknown';
  thisPage: boolean;
  /** URL of the version this one derives from, as the engine decided it; null when none or unknown. */
  derivedFrom: string | null;
  /** False when this version shares text with the one it would derive from but which came first is unknown: no edge is drawn. */
  directionKnown: boolean;
}

/**
 * What a reader marked as wrong on a page: the page's verdict (named by the verdict and the
 * article it was measured against, so a later check that finds another source or verdict is not
 * covered by an old dispute) or one claim warning (by the claim's id).
 */
export type DisputeTarget =
  | { kind: 'verdict'; verdict: Verdict; sourceUrl: string | null }
  | { kind: 'claim'; claimId: string };

/**
 * A dispute as the extension keeps it (storage.local, never sent anywhere): the page by its
 * filed address (the report's `article.url`, chosen by resolveArticleUrl in core/site.ts), what
 * was disputed, and when (ISO 8601). Validated by parseRecord('dispute', ...).
 */
export interface DisputeRecord {
  pageUrl: string;
  target: DisputeTarget;
  disputedAt: string;
}

export const REPORT_SCHEMA = 'provenance-lens/report@1' as const;

/** One article of the team index that shares text with the page (no verdict: see TeamView). */
/* Declared here, not in core/team, so the message maps can name them without reaching valibot. */
export interface TeamMatch extends ArticleRef {
  /** Share of the page's runs of about 8 words that this article also holds word for word (0..1). */
  shingleShare: number;
}

/** What the popup shows from a team index. */
export type TeamView =
  | { kind: 'matches'; server: string; matches: TeamMatch[] }
  | { kind: 'error'; server: string; message: string };
