/**
 * The document decision: aligns the checked article with each candidate, decides how each relates
 * (source, derivative, syndication, credited source, same story), follows a rewrite chain back to
 * its origin, and builds the `provenance-lens/report@1` report with passages and evidence. The
 * English of the summary and the evidence lines is describe-verdict.ts's: this file decides, that
 * one words what was decided.
 */
import { REPORT_SCHEMA, type ArticleRecord, type ArticleRef, type Passage, type RelatedArticle, type Report, type Verdict } from '../types';
import { alignSentences, orderScore, sentenceVectors, type AlignedPair, type SentenceVectors } from './align-sentences';
import { printDoc, printRecord, type DocPrint, type SentencePrint } from './fingerprint-article';
import type { PackEntry } from './pack-entry';
import { creditReasons, direction, docTime, outletName, pageDataReasons, syndicationReasons, urlKey } from './signals';
import { siteOf } from '../site';
import { quotationsNameSpeaker } from '../text/quote-speaker';
import { compareFacts } from './compare-facts';
import { describeEvidence, describeVerdict } from './describe-verdict';

/** Optional inputs of analyzeArticle. */
export interface AnalyzeOptions {
  /**
   * Inverse document frequency of a term hash, from the index (ProvenanceIndex.idf). Without it,
   * weights come from the article and candidates alone, which is fine for a pair comparison.
   */
  idf?: (term: number) => number;
  /** Number of articles the idf was computed over (enables the "distinctive terms" evidence). */
  docCount?: number;
  /**
   * Whether a sentence (its content-term hashes) is boilerplate frequent across the index
   * (ProvenanceIndex.isBoilerplate): such sentences never count as reuse.
   */
  isBoilerplate?: (terms: Uint32Array) => boolean;
}

/**
 * Thresholds of the document decision. Tuned on the fixture clusters and WikinewsSum (see
 * scripts/eval-engine.ts); each says what moving it trades.
 */
const DECISION = {
  /** Verbatim share of the checked text above which it is a verbatim copy ("most of its text"). */
  verbatimCopyShare: 0.5,
  /**
   * Partial-copy needs this many sentences copied word for word in the writer's own wording, as a
   * passage: each shares at least ownWordingTerms ordinary words (names, numbers and quoted speech
   * not counted) with its source sentence, is not a quoted statement with its attribution
   * (quotesAStatement), and fewer than passageGap sentences of the writer's own (quotations aside)
   * lie between the two, in both texts.
   * Or partialScattered such sentences anywhere. Independent reports of one event share the
   * official quotation, a name-heavy formulaic line, a formulaic closing line and a background
   * sentence about a company or a place (TUNE: at most two such sentences, never next to each
   * other); a pasted paragraph carries two or more in a row. Lower flags independent reports,
   * higher misses short excerpts.
   */
  partialMinSentences: 2,
  /**
   * Quotations of its own (not aligned to the source at all) from which a loosely reusing article
   * counts as having its own access. TUNE: rewrites 0-1, independent reports and outlets writing
   * from one press release mostly 2+.
   */
  ownAccessQuotes: 2,
  partialScattered: 3,
  passageGap: 2,
  ownWordingTerms: 6,
  /**
   * Rewrites must reuse the source's own wording, not only its facts: this share of the checked
   * article's ordinary words (names, numbers, quotations excluded) must sit in sentences aligned to
   * the source. TUNE stories: rewrites 0.53-0.78, rewrites of rewrites 0.63+, independent reports
   * of the same event 0.09-0.44; the threshold sits between. Lower finds looser rewrites and starts
   * accusing independent reports.
   */
  paraphraseWording: 0.48,
  /**
   * ...or its own ordered details: a retelling of most of the source (this share of the source
   * covered, this share of the checked article aligned) in the source's order (paraphraseOrder
   * at orderedDetailsOrder), as a heavy rewrite that changes nearly every word still does. TUNE
   * independent reports reach coverage 0.60 and share 0.73; rewrites 0.73+ and 0.85+ (demo breach rewrite: 0.73, 0.85).
   */
  orderedDetailsCoverage: 0.7,
  orderedDetailsShare: 0.8,
  orderedDetailsOrder: 0.9,
  /**
   * ...or nothing of its own: this share of its own text (quotations aside) aligned to the source,
   * in the source's order, over at least paraphraseMinSentences sentences. An independent report
   * always carries reporting of its own (witnesses, scene, its angle): TUNE independent reports
   * reach 0.86, rewrites and rewrites of rewrites 0.80-1.00 (0.95+ for all but three).
   */
  retoldShare: 0.95,
  /**
   * Paraphrased-copy needs ALL of: reused share, aligned sentences, order, and document cosine.
   * A false accusation is the worst error, so these sit above what independent reports of one
   * event reach on the fixtures (share <= 0.25, order noisy); lowering them finds looser rewrites.
   * A brief shorter than paraphraseMinSentences needs every one of its sentences (at least 2)
   * aligned: COUNTER tune (Urdu) has two- and three-sentence briefs reworded whole from the wire
   * that four sentences could never catch; the wording and order rules still apply to them.
   */
  paraphraseShare: 0.35,
  paraphraseMinSentences: 4,
  paraphraseOrder: 0.7,
  paraphraseCosine: 0.3,
  /** The candidate side must be covered too: a rewrite retells most of its source. */
  paraphraseSourceCoverage: 0.25,
  /** Document cosine above which two articles are related (same story) even with few aligned sentences. */
  sameStoryCosine: 0.15,
  /**
   * A visibly credited copy covering less of its source than this is an excerpt, not a
   * republication: wire members carry all or most of a story (TUNE carriers: 0.9+), a roundup
   * quoting two paragraphs a third of it. Lower calls more excerpts syndication.
   */
  republishedCoverage: 0.6,
  /** Reused share under which a credited article is an excerpt rather than a credited copy. */
  creditedMinShare: 0.05,
};

type Kind = Exclude<Verdict, 'original' | 'no-match'>;

interface PairResult {
  cand: DocPrint;
  pairs: AlignedPair[];
  cosine: number;
  verbatimShare: number;
  paraphraseShare: number;
  quoteShare: number;
  sourceCoverage: number;
  order: number;
  reusedSentences: number;
  /** Sentences of the checked article (a short brief can be reworded whole in fewer than paraphraseMinSentences). */
  articleSentences: number;
  /** Share of the checked article's ordinary words (not names, numbers, quotations) shared with aligned source sentences. */
  wordingShare: number;
  /** Verbatim sentences sharing at least DECISION.ownWordingTerms ordinary words with their source sentence. */
  ownWordingSentences: number;
  /** Whether two of those lie next to each other in both texts, a quotation or one other sentence apart at most (a pasted passage). */
  ownWordingPassage: boolean;
  /**
   * Quotations (sentences mostly quoted speech) of the checked article not aligned to the source
   * at all and naming their speaker (quotationsNameSpeaker): its own access to the story's people.
   * Anonymous voices ("said one local resident") cost a rewriter nothing to invent.
   */
  ownQuotes: number;
  /** The loose reuse that own access (ownQuotes) withheld as an accusation, or null. */
  withheld: Kind | null;
  /** How the first document reuses the second (null: it does not). */
  kind: Kind | null;
  /** Visible credit the first document gives the second (copied mentions excluded). */
  credit: string[];
  syndication: string[];
  /** The part of `syndication` declared only in page data (canonical, isBasedOn): not visible credit. */
  pageData: string[];
  /** Both articles come from one outlet (same host or site name). */
  sameOutlet: boolean;
}

const printCache = new WeakMap<object, DocPrint>();
function cachedPrint(doc: ArticleRecord | PackEntry): DocPrint {
  let p = printCache.get(doc);
  if (!p) {
    p = printDoc(doc);
    printCache.set(doc, p);
  }
  return p;
}

/** Full decision for one article against candidate documents (records with text, or pack entries). */
export function analyzeArticle(article: ArticleRecord, candidates: Array<ArticleRecord | PackEntry>, opts: AnalyzeOptions = {}): Report {
  const a = printRecord(article);
  const selfKey = urlKey(a.url);
  const seen = new Set<string>();
  const cands: DocPrint[] = [];
  for (const c of candidates) {
    if (!c) continue;
    const p = cachedPrint(c);
    const key = urlKey(p.url);
    if (key === selfKey || seen.has(key)) continue;
    seen.add(key);
    cands.push(p);
  }
  const weight = memoize(opts.idf ?? localIdf([a, ...cands]));
  const vecCache = new Map<DocPrint, SentenceVectors>();
  const vecs = (d: DocPrint) => {
    let v = vecCache.get(d);
    if (!v) {
      v = sentenceVectors(d, weight);
      vecCache.set(d, v);
    }
    return v;
  };
  const docVecCache = new Map<DocPrint, { v: Map<number, number>; n: number }>();
  const docVec = (d: DocPrint) => {
    let v = docVecCache.get(d);
    if (!v) {
      v = documentVector(d, weight);
      docVecCache.set(d, v);
    }
    return v;
  };
  const pairCache = new Map<DocPrint, Map<DocPrint, PairResult>>();
  const compare = (x: DocPrint, y: DocPrint): PairResult => {
    let m = pairCache.get(x);
    if (!m) pairCache.set(x, (m = new Map()));
    let r = m.get(y);
    if (!r) m.set(y, (r = comparePrints(x, y, vecs, docVec)));
    return r;
  };

  // Which of two other pages came first, for ordering copies of one text and chains: the declared
  // times unless the evidence contests them, and then the page the evidence names as the origin.
  const precedeCache = new Map<DocPrint, Map<DocPrint, boolean | null>>();
  const precedes = (x: DocPrint, y: DocPrint): boolean | null => {
    let m = precedeCache.get(x);
    if (!m) precedeCache.set(x, (m = new Map()));
    if (!m.has(y)) {
      const d = direction(y, x, cands);
      m.set(y, d.contested ? d.evidence : d.earlier);
    }
    return m.get(y)!;
  };

  // Both directions for each candidate; which one applies depends on time.
  const forward = cands.map((c) => compare(a, c)); // does a reuse c?
  const boilerplate = boilerplateSentences(forward);
  if (opts.isBoilerplate) a.sentences.forEach((s, i) => opts.isBoilerplate!(s.terms) && boilerplate.add(i));
  if (boilerplate.size) for (const r of forward) dropSentences(r, a, boilerplate);

  const sources: PairResult[] = [];
  const derivatives = new Map<DocPrint, PairResult>(); // c -> how c reuses a
  const earlierOf = new Map<DocPrint, boolean | null>();
  const contestedOf = new Map<DocPrint, string>();
  for (const r of forward) {
    const c = r.cand;
    // Direction: publication (or first-seen) time, checked against evidence (who names, links or
    // declares whom); contested dates never accuse the page the evidence names as the origin.
    const dir = r.kind ? direction(a, c, cands) : { earlier: null, contested: null, evidence: null };
    const earlier = dir.earlier; // is c earlier than a?
    if (dir.contested) contestedOf.set(c, dir.contested);
    earlierOf.set(c, earlier);
    // Own access weighs who copied whom; with the order unknown the two pages are still shown as
    // one derived from the other, which accuses neither.
    if (earlier === null && r.withheld) r.kind = r.withheld;
    if (r.kind && r.kind !== 'same-story' && earlier !== false) sources.push(r);
    else if (earlier === false && r.kind) {
      const back = compare(c, a);
      if (back.kind) derivatives.set(c, back);
    }
  }

  // Direct source: the most reused earlier article. Near-identical copies of one text explain the
  // article equally well: the earliest of them is the source, the rest are its copies (a scrape of
  // a syndicated copy still comes from the original).
  sources.sort((x, y) => strength(y) - strength(x));
  let direct = sources[0] ?? null;
  for (let moved = true; direct && moved; ) {
    moved = false;
    for (const r of sources) {
      if (r === direct || precedes(r.cand, direct.cand) !== true) continue;
      const k = compare(direct.cand, r.cand).kind;
      // A declared republication of r carries r's text: whatever this article took from it is r's
      // text, however much more it seems to share with the copy (a credit line of its own, such as
      // "Read the full story at X", reads as a rewording of the copy's "originally appeared in X").
      // It never stands in for r. Other copies of one text: the earliest of near-ties.
      const tie = k === 'syndicated' || strength(direct) - strength(r) <= SOURCE_TIE;
      if (!tie) continue;
      if (k === 'verbatim-copy' || k === 'syndicated') {
        direct = r;
        moved = true;
        break;
      }
    }
  }
  // Other sources that are themselves copies of the direct source are siblings, not sources.
  const siblings = new Set<DocPrint>();
  // How a sibling reuses the page of the chain it copies, kept only where that page is known to
  // come first (the timeline draws it as an edge; an unknown order accuses no one).
  const siblingReuse = new Map<DocPrint, PairResult>();
  const addSibling = (c: DocPrint, via: PairResult) => {
    siblings.add(c);
    if (precedes(via.cand, c) === true) siblingReuse.set(c, via);
  };
  if (direct)
    for (const r of sources) {
      if (r === direct) continue;
      if (precedes(r.cand, direct.cand) === true) continue;
      const via = compare(r.cand, direct.cand);
      if (via.kind && via.kind !== 'same-story') addSibling(r.cand, via);
    }

  // Origin: follow the direct source's own sources back in time (a rewrite of a rewrite). Only
  // articles related to this one can be on its chain, which bounds the pair comparisons.
  const related0 = forward.filter((r) => r.kind).map((r) => r.cand);
  let origin: DocPrint | null = direct?.cand ?? null;
  const chain = new Set<DocPrint>(direct ? [a, direct.cand] : []);
  if (direct && direct.kind !== 'syndicated' && direct.kind !== 'credited-excerpt') {
    let cur = direct.cand;
    for (let step = 0; step < 4; step++) {
      const found: PairResult[] = [];
      for (const c of related0) {
        if (chain.has(c) || precedes(c, cur) !== true) continue;
        const r = compare(cur, c);
        if (r.kind && r.kind !== 'same-story') found.push(r);
      }
      // The strongest earlier source; among near-ties (copies of one text) the earliest.
      const top = Math.max(...found.map(strength));
      const best = found
        .filter((r) => strength(r) >= top - SOURCE_TIE)
        .sort((x, y) => (precedes(x.cand, y.cand) === true ? -1 : precedes(y.cand, x.cand) === true ? 1 : 0))[0];
      if (!best) break;
      chain.add(best.cand);
      cur = best.cand;
    }
    origin = cur;
  }
  // Copies of the origin or of any page on the chain (scrapes, syndicated copies of the original)
  // share this article's reused text only through the chain: siblings, not sources.
  if (direct && origin && origin !== direct.cand) {
    const chainPages = [origin, direct.cand];
    for (const r of sources) {
      if (r === direct || r.cand === origin || siblings.has(r.cand)) continue;
      const via = chainPages.map((p) => compare(r.cand, p)).find((v) => ACCUSING.has(v.kind ?? 'same-story') || v.kind === 'syndicated');
      if (via) addSibling(r.cand, via);
    }
  }
  // A further source must explain sentences the direct source does not: a page whose every aligned
  // sentence is aligned to the direct source as well (and no more closely: a word-for-word match
  // where the direct source has only a rewording is its own evidence) adds nothing. It is what an
  // independent report of the same event or another retelling of the same text shares with this
  // one, and would be listed as a source only because it too retells the facts (a scrape of the
  // original "paraphrases" every later rewrite of it). It stays a related article of the same story.
  const unexplained = new Set<DocPrint>();
  if (direct)
    for (const r of sources) {
      if (r === direct || siblings.has(r.cand) || chain.has(r.cand)) continue;
      if (addedBeyond(r, direct) < DECISION.partialMinSentences) unexplained.add(r.cand);
    }
  const directCredited = direct ? isCredited(direct) || (origin !== null && origin !== direct.cand && compare(a, origin).credit.length > 0) : false;
  const directCreditKind = direct ? creditKindOf(direct, directCredited) : null;

  // A later article that reuses the direct source as much as it reuses this one is a sibling copy.
  if (direct)
    for (const [c, back] of derivatives) {
      const viaSource = compare(c, direct.cand);
      if (viaSource.kind && viaSource.kind !== 'same-story' && strength(viaSource) >= strength(back) - SOURCE_TIE) {
        derivatives.delete(c);
        addSibling(c, viaSource);
      }
    }
  // The same rule seen from the other side: a later article is this one's derivative only if this
  // one explains sentences of it that its own stronger source does not. An independent report is
  // not the source of a rewrite of the original that it happens to share facts with. (A word-for-
  // word copy of this text is its derivative whatever else it copies: only looser reuse is weighed.)
  for (const [c, back] of derivatives) {
    if (back.kind !== 'paraphrased-copy' && back.kind !== 'partial-copy') continue;
    let best: PairResult | null = null;
    for (const x of related0) {
      if (x === c || precedes(x, c) !== true) continue;
      const viaX = compare(c, x);
      // Clearly stronger: a copy of this text (a scrape, a syndicated copy) ties with it and explains
      // the later page only through it, as the direct source's near-ties resolve to the earliest.
      if (ACCUSING.has(viaX.kind ?? 'same-story') && strength(viaX) > strength(back) + SOURCE_TIE && (!best || strength(viaX) > strength(best))) best = viaX;
    }
    if (best && addedBeyond(back, best) < DECISION.partialMinSentences) derivatives.delete(c);
  }

  const related: RelatedArticle[] = [];
  for (const r of forward) {
    const c = r.cand;
    const back = derivatives.get(c) ?? null;
    const reuse = siblingReuse.get(c) ?? (back?.kind && back.kind !== 'same-story' ? back : null);
    let relation: RelatedArticle['relation'] | null = null;
    let kind: Kind | null = null;
    let credited: boolean | null = null;
    let creditKind: RelatedArticle['creditKind'] = null;
    if (sources.includes(r) && !siblings.has(c) && !unexplained.has(c)) {
      kind = r.kind;
      credited = c === direct?.cand ? directCredited : isCredited(r);
      creditKind = creditKindOf(r, credited);
      relation =
        r.kind === 'syndicated' ? 'syndication' : r.kind === 'credited-excerpt' ? 'credited-source' : c === origin && c !== direct?.cand ? 'origin' : 'source';
    } else if (c === origin) {
      relation = 'origin';
    } else if (siblings.has(c) || unexplained.has(c)) {
      relation = 'same-story';
    } else if (back && back.kind !== 'same-story') {
      relation = back.kind === 'syndicated' ? 'syndication' : 'derivative';
    } else if (r.kind === 'same-story' || back?.kind === 'same-story' || (r.kind && earlierOf.get(c) === false)) {
      relation = 'same-story';
    }
    if (!relation) continue;
    related.push({
      ...ref(c),
      relation,
      similarity: round(r.cosine),
      verbatimShare: round(r.verbatimShare),
      paraphraseShare: round(r.paraphraseShare),
      kind,
      credited,
      ...(creditKind ? { creditKind } : {}),
      ...(siblings.has(c) ? { sibling: true } : {}),
      ...(reuse && (siblings.has(c) || relation === 'derivative' || relation === 'syndication') ? { reuses: reuseOf(reuse) } : {}),
      evidence: describeEvidence({
        article: a,
        pair: r,
        back,
        relation,
        distinctiveTerms: distinctiveTermsShared(a, c, opts.idf, opts.docCount ?? 0),
        contested: contestedOf.get(c) ?? null,
        siblingOf: direct && siblings.has(c) ? direct.cand : null,
      }),
    });
  }
  const relOrder: Record<string, number> = { source: 0, 'credited-source': 0, syndication: 1, origin: 2, derivative: 3, 'same-story': 4 };
  related.sort((x, y) => relOrder[x.relation] - relOrder[y.relation] || y.similarity - x.similarity);

  let verdict: Verdict;
  let credited: boolean | null = null;
  if (direct) {
    verdict = direct.kind!;
    credited = directCredited;
  } else if ([...derivatives.values()].some((d) => d.kind !== 'same-story')) verdict = 'original';
  else if (related.length) verdict = 'same-story';
  else verdict = 'no-match';

  const passageSources = direct ? [direct, ...sources.filter((r) => r !== direct && !siblings.has(r.cand) && !unexplained.has(r.cand))] : [];
  // Without a source nothing is reused: only quotations shared with related articles are shown,
  // never aligned facts of a same-story article (a highlight there would read as an accusation).
  const passages = direct
    ? buildPassages(a, passageSources)
    : buildPassages(a, forward.filter((r) => r.kind)).filter((p) => p.kind === 'quote');
  const directUnknownTime = direct ? earlierOf.get(direct.cand) === null : false;
  const contested = direct ? (contestedOf.get(direct.cand) ?? null) : null;
  const contestedUrls = new Set([...contestedOf.keys()].map((c) => c.url));

  return {
    schema: REPORT_SCHEMA,
    article: { ...ref(a), byline: a.byline, lang: a.lang, wordCount: a.wordCount },
    verdict,
    credited,
    creditKind: directCreditKind,
    ...(a.partial ? { partialText: a.partial } : {}),
    summary: describeVerdict({
      article: a,
      verdict,
      source: direct ? { doc: direct.cand, reusedShare: reusedShare(direct), syndication: direct.syndication, pageData: direct.pageData } : null,
      credited: directCredited,
      origin: direct && origin !== direct.cand ? origin : null,
      relatedCount: related.length,
      derivativeCount: derivatives.size,
      contestedRelated: related.find((x) => contestedUrls.has(x.url)) ?? null,
      directionUnknown: directUnknownTime,
      contested,
    }),
    directionKnown: !directUnknownTime,
    origin: direct ? ref(origin ?? direct.cand) : verdict === 'original' ? ref(a) : null,
    directSource: direct ? ref(direct.cand) : null,
    related,
    passages,
    claims: [],
  };
}

/**
 * Two sources whose strength differs by less than this carry essentially the same text (a copy and
 * its original); the earlier one is taken as the source. Larger values merge more distinct sources.
 */
const SOURCE_TIE = 0.08;

const ACCUSING = new Set<string>(['verbatim-copy', 'partial-copy', 'paraphrased-copy']);

/** Credit a reader can see: a credit of its own, or a visible republication line or wire credit. */
function isCredited(r: PairResult): boolean {
  return r.credit.length > 0 || r.syndication.length > r.pageData.length;
}

/** How one article reuses another (a pair with a kind), as RelatedArticle.reuses reports it. */
function reuseOf(r: PairResult): NonNullable<RelatedArticle['reuses']> {
  const credited = isCredited(r);
  return { url: r.cand.url, kind: r.kind!, credit: credited ? 'credited' : creditKindOf(r, credited) ? 'metadata-only' : 'none' };
}

/** 'visible' when credited, 'metadata-only' when the source is declared only in page data, else null. */
function creditKindOf(r: PairResult, credited: boolean): 'visible' | 'metadata-only' | null {
  if (credited) return 'visible';
  return r.pageData.length ? 'metadata-only' : null;
}

/** One candidate scored against an article (for ranking sources, e.g. in evaluations and the CLI). */
export interface ScoredCandidate {
  url: string;
  /** Ranking score: document cosine plus the aligned share of the article's text. */
  score: number;
  cosine: number;
  /** Share of the article's text aligned to the candidate (verbatim + paraphrase, quotes excluded). */
  alignedShare: number;
  /** Indices of the article's sentences aligned to this candidate (quotes included). */
  alignedSentences: number[];
  kind: Kind | null;
}

/**
 * Scores every candidate against the article (no chain logic), best first. Ranking by cosine plus
 * aligned share lets sentence alignment break ties that bag-of-words cannot. A candidate known to
 * be published after the article (both times known, more than LATER_SLACK_MS apart) cannot be its
 * source: it ranks after every candidate that can, as analyzeArticle never names it either.
 */
export function rankCandidates(article: ArticleRecord, candidates: Array<ArticleRecord | PackEntry>, opts: AnalyzeOptions = {}): ScoredCandidate[] {
  const a = printRecord(article);
  const cands = candidates.map(cachedPrint);
  const weight = opts.idf ?? localIdf([a, ...cands]);
  const av = sentenceVectors(a, weight);
  const ad = documentVector(a, weight);
  const aTime = docTime(a);
  const later = new Set<string>();
  const out = cands.map((c) => {
    const r = comparePrints(a, c, (d) => (d === a ? av : sentenceVectors(d, weight)), (d) => (d === a ? ad : documentVector(d, weight)));
    const share = r.verbatimShare + r.paraphraseShare;
    const cTime = docTime(c);
    if (aTime && cTime && cTime.t - aTime.t > LATER_SLACK_MS) later.add(c.url);
    return { url: c.url, score: r.cosine + RANK_SHARE_WEIGHT * share, cosine: r.cosine, alignedShare: share, alignedSentences: r.pairs.map((p) => p.i), kind: r.kind };
  });
  return out.sort((x, y) => Number(later.has(x.url)) - Number(later.has(y.url)) || y.score - x.score);
}

/**
 * How much later than the article a candidate must be dated to rank as "published after it". Half
 * a day absorbs time-zone and clock noise between exact stamps; day-only stamps a calendar day
 * apart (24 h) still count as later, which opposite time zones near midnight could reverse but
 * ordinary dating does not. Larger values keep more later pages (follow-ups) in the running;
 * analyzeArticle orders by time with no slack at all.
 */
const LATER_SLACK_MS = 12 * 3600 * 1000;

/** Weight of the aligned share against document cosine when ranking candidates (tuned on WikinewsSum). */
const RANK_SHARE_WEIGHT = 0.5;

/** The report of article a checked against b alone. */
export function compareArticles(a: ArticleRecord, b: ArticleRecord): Report {
  return analyzeArticle(a, [b]);
}

function reusedShare(r: PairResult): number {
  return r.verbatimShare + r.paraphraseShare;
}

/** How much of the checked article a candidate explains: reused share (verbatim weighs more) plus cosine. */
function strength(r: PairResult): number {
  return 1.5 * r.verbatimShare + r.paraphraseShare + r.cosine;
}

function comparePrints(
  a: DocPrint,
  c: DocPrint,
  vecs: (d: DocPrint) => SentenceVectors,
  docVec: (d: DocPrint) => { v: Map<number, number>; n: number },
): PairResult {
  const pairs = alignSentences(a, vecs(a), c, vecs(c));
  const dv = docVec(a);
  const cvv = docVec(c);
  let dot = 0;
  for (const [t, w] of dv.v) {
    const x = cvv.v.get(t);
    if (x) dot += w * x;
  }
  const cosine = dv.n && cvv.n ? dot / (dv.n * cvv.n) : 0;
  const r: PairResult = {
    cand: c,
    pairs,
    cosine,
    verbatimShare: 0,
    paraphraseShare: 0,
    quoteShare: 0,
    sourceCoverage: 0,
    order: 0,
    reusedSentences: 0,
    articleSentences: 0,
    wordingShare: 0,
    ownWordingSentences: 0,
    ownWordingPassage: false,
    ownQuotes: 0,
    withheld: null,
    kind: null,
    credit: [],
    syndication: syndicationReasons(a, c),
    pageData: pageDataReasons(a, c),
    sameOutlet: sameOutlet(a, c),
  };
  // Credit is judged against what was aligned: a mention copied along with the text is not credit.
  r.credit = creditReasons(a, c, new Map(pairs.map((p) => [p.i, p.j])));
  measure(r, a);
  return r;
}

/** Fills the shares, order and kind of a pair result from its aligned pairs. */
function measure(r: PairResult, a: DocPrint): void {
  const c = r.cand;
  const total = a.sentences.reduce((n, s) => n + (s.end - s.start), 0) || 1;
  const cTotal = c.sentences.reduce((n, s) => n + (s.end - s.start), 0) || 1;
  let verb = 0;
  let para = 0;
  let quote = 0;
  let cQuote = 0;
  let cCovered = 0;
  let reused = 0;
  const counted: AlignedPair[] = [];
  for (const p of r.pairs) {
    const len = a.sentences[p.i].end - a.sentences[p.i].start;
    if (p.quote) {
      quote += len;
      cQuote += c.sentences[p.j].end - c.sentences[p.j].start;
      continue;
    }
    reused++;
    counted.push(p);
    cCovered += c.sentences[p.j].end - c.sentences[p.j].start;
    if (p.verbatim) {
      verb += len * Math.min(1, Math.max(p.runShare, p.runShare >= 0.8 ? 1 : p.runShare));
      para += len * (1 - Math.min(1, p.runShare >= 0.8 ? 1 : p.runShare));
    } else para += len;
  }
  // Shares are of the text that could count as copying: shared quotations are set aside.
  const own = Math.max(1, total - quote);
  r.verbatimShare = verb / own;
  r.paraphraseShare = para / own;
  r.quoteShare = quote / total;
  // Of the source as well: its quotations shared with the article are set aside, so a text that is
  // half official statement can still be carried whole (a wire carrier) or retold whole (a rewrite).
  r.sourceCoverage = Math.min(1, cCovered / Math.max(1, cTotal - cQuote));
  r.order = counted.length ? orderScore(counted) : 0;
  r.reusedSentences = reused;
  r.articleSentences = a.sentences.length;
  measureWording(r, a);
  r.kind = decide(r);
}

/**
 * Fills wordingShare and ownWordingSentences: how much of the writer's own wording (ordinary
 * words, not names, numbers or quoted speech, which independent reports of one event share by
 * necessity) the aligned sentences carry over from the source.
 */
function measureWording(r: PairResult, a: DocPrint): void {
  // Sentences aligned as a shared quotation are set aside, as the shares set them aside: their
  // attributions ("a spokesperson for the force said in a statement on Sunday") are the official
  // text's frame, not the writer's wording, and would dilute a statement-heavy rewrite.
  const quoted = new Set(r.pairs.filter((p) => p.quote).map((p) => p.i));
  let total = 0;
  a.sentences.forEach((s, i) => {
    if (!quoted.has(i)) total += s.plain ? countPlain(s.plain) : s.terms.length;
  });
  let shared = 0;
  let own = 0;
  let passage = false;
  let last: AlignedPair | null = null;
  for (const p of [...r.pairs].sort((x, y) => x.i - y.i)) {
    if (p.quote) continue;
    const s = a.sentences[p.i];
    const src = termSet(r.cand, p.j);
    let n = 0;
    for (let k = 0; k < s.terms.length; k++) if ((!s.plain || s.plain[k]) && src.has(s.terms[k])) n++;
    shared += n;
    if (p.verbatim && n >= DECISION.ownWordingTerms && !quotesAStatement(s, r.cand.sentences[p.j])) {
      own++;
      if (last && p.j > last.j && ownBetween(a, last.i, p.i) < DECISION.passageGap && ownBetween(r.cand, last.j, p.j) < DECISION.passageGap) passage = true;
      last = p;
    }
  }
  r.wordingShare = total ? shared / total : 0;
  r.ownWordingSentences = own;
  r.ownWordingPassage = passage;
  const aligned = new Set(r.pairs.map((p) => p.i));
  const named = namedQuotes(a);
  r.ownQuotes = a.sentences.filter((s, i) => named[i] === 1 && !aligned.has(i)).length;
}

/**
 * How many sentences r explains that base does not (quotations aside): aligned in r and not in
 * base, or word for word in r where base has only a rewording.
 */
function addedBeyond(r: PairResult, base: PairResult): number {
  const byBase = new Map(base.pairs.map((p) => [p.i, p]));
  let n = 0;
  for (const p of r.pairs) {
    const d = byBase.get(p.i);
    if (!p.quote && (!d || (p.verbatim && !d.verbatim && !d.quote))) n++;
  }
  return n;
}

const namedCache = new WeakMap<DocPrint, Uint8Array>();
/**
 * Per sentence of d, 1 when it is mostly quoted speech whose speaker is named (quotationsNameSpeaker);
 * a sentence of a quotation with no attribution of its own takes its neighbour's in the same
 * paragraph. All 0 without the text (pack entries).
 */
function namedQuotes(d: DocPrint): Uint8Array {
  let out = namedCache.get(d);
  if (out) return out;
  out = new Uint8Array(d.sentences.length);
  const text = d.text;
  if (text !== null) {
    const named = quotationsNameSpeaker(text, d.sentences.map((s) => [s.start, s.end]));
    const says = d.sentences.map((s, i) => (s.quoted >= 0.5 ? named[i] : false));
    const sameParagraph = (i: number, j: number) => !text.slice(d.sentences[Math.min(i, j)].end, d.sentences[Math.max(i, j)].start).includes('\n');
    says.forEach((v, i) => {
      if (v === null) v = [i + 1, i - 1].some((j) => j >= 0 && j < says.length && says[j] === true && sameParagraph(i, j));
      out![i] = v ? 1 : 0;
    });
  }
  namedCache.set(d, out);
  return out;
}

/** Sentences of d strictly between x and y that are not mostly quoted speech (a pasted passage may keep or skip a quotation). */
function ownBetween(d: DocPrint, x: number, y: number): number {
  let n = 0;
  for (let k = x + 1; k < y; k++) if (d.sentences[k].quoted < 0.5) n++;
  return n;
}

/**
 * Whether both sentences of a pair carry a whole quoted statement (at least ownWordingTerms content
 * terms inside quotation marks): the official quotation with its attribution ("...," the county's
 * emergency management director said at a news conference late Wednesday). Independent reports of
 * one event print it alike, title and setting included, so it is not a sentence of the writer's
 * own wording, however many ordinary words its attribution has. A short quoted phrase inside
 * a writer's own sentence does not make it one.
 */
function quotesAStatement(s: SentencePrint, src: SentencePrint): boolean {
  const quotedTerms = (x: SentencePrint) => Math.round(x.quoted * x.terms.length);
  return quotedTerms(s) >= DECISION.ownWordingTerms && quotedTerms(src) >= DECISION.ownWordingTerms;
}

function countPlain(plain: Uint8Array): number {
  let n = 0;
  for (let k = 0; k < plain.length; k++) n += plain[k];
  return n;
}

const termSets = new WeakMap<DocPrint, Array<Set<number> | undefined>>();
/** The content terms of sentence j of d, as a set (cached: each is looked up once per aligned pair). */
function termSet(d: DocPrint, j: number): Set<number> {
  let sets = termSets.get(d);
  if (!sets) termSets.set(d, (sets = []));
  return (sets[j] ??= new Set(d.sentences[j].terms));
}

function decide(r: PairResult): Kind | null {
  const D = DECISION;
  r.withheld = null;
  const share = r.verbatimShare + r.paraphraseShare;
  const ordered = r.order >= D.paraphraseOrder && r.cosine >= D.paraphraseCosine;
  let reuse: Kind | null = null;
  // Each accusing verdict needs the source's own wording (docs/verdicts.md): shared names, numbers,
  // quotations and formulaic lines are what independent reports of one event have in common.
  if (r.verbatimShare >= D.verbatimCopyShare) reuse = 'verbatim-copy';
  else if (
    share >= D.paraphraseShare &&
    r.paraphraseShare >= r.verbatimShare &&
    r.reusedSentences >= Math.max(2, Math.min(D.paraphraseMinSentences, r.articleSentences)) &&
    ordered &&
    r.sourceCoverage >= D.paraphraseSourceCoverage &&
    (r.wordingShare >= D.paraphraseWording ||
      (r.sourceCoverage >= D.orderedDetailsCoverage && share >= D.orderedDetailsShare && r.order >= D.orderedDetailsOrder) ||
      (share >= D.retoldShare && r.reusedSentences >= D.paraphraseMinSentences))
  )
    reuse = 'paraphrased-copy';
  else if ((r.ownWordingSentences >= D.partialMinSentences && r.ownWordingPassage) || r.ownWordingSentences >= D.partialScattered) reuse = 'partial-copy';
  // Own access: quotations the source does not have show reporting of its own (or another source,
  // such as the press release both pages were written from); with only part of the text shared,
  // that part may come from the common source. A loose reuse is then not an accusation.
  if ((reuse === 'partial-copy' || reuse === 'paraphrased-copy') && r.ownQuotes >= D.ownAccessQuotes) {
    r.withheld = reuse;
    reuse = null;
  }
  // Declared republication: of the (most of the) source's text, or declared in page data. Part of
  // a text under a visible republication or wire credit is a credited excerpt.
  if (r.syndication.length && (reuse || r.cosine >= D.sameStoryCosine)) {
    const excerpt = r.pageData.length === 0 && (reuse === 'partial-copy' || (reuse !== null && r.sourceCoverage < D.republishedCoverage));
    return excerpt ? 'credited-excerpt' : 'syndicated';
  }
  // An outlet reusing its own earlier text (background paragraphs, follow-ups, site furniture)
  // is not copying: at most the same story.
  if (reuse && r.sameOutlet) return 'same-story';
  if (reuse && r.credit.length) {
    // Credited reuse: an excerpt that names or links its source is not theft, whatever its size.
    return 'credited-excerpt';
  }
  if (!reuse && r.credit.length && share >= D.creditedMinShare && r.reusedSentences >= 1) return 'credited-excerpt';
  if (reuse) return reuse;
  if (r.cosine >= D.sameStoryCosine || r.pairs.length >= 2) return 'same-story';
  return null;
}

/** Sentences of the checked article found word for word in 3+ otherwise unrelated outlets: boilerplate, not reuse. */
function boilerplateSentences(results: PairResult[]): Set<number> {
  const hosts = new Map<number, Set<string>>();
  for (const r of results) {
    // A copy of the whole article shares every sentence; only unrelated articles make a sentence boilerplate.
    if (r.cosine >= DECISION.sameStoryCosine) continue;
    for (const p of r.pairs)
      if (p.verbatim && p.runShare >= 0.9) {
        const s = hosts.get(p.i) ?? new Set<string>();
        s.add(outletName(r.cand));
        hosts.set(p.i, s);
      }
  }
  const out = new Set<number>();
  for (const [i, s] of hosts) if (s.size >= 3) out.add(i);
  return out;
}

function dropSentences(r: PairResult, a: DocPrint, drop: Set<number>): void {
  const before = r.pairs.length;
  r.pairs = r.pairs.filter((p) => !drop.has(p.i));
  if (r.pairs.length !== before) measure(r, a);
}

function documentVector(d: DocPrint, weight: (t: number) => number): { v: Map<number, number>; n: number } {
  const v = new Map<number, number>();
  for (const s of d.sentences) for (let i = 0; i < s.terms.length; i++) v.set(s.terms[i], (v.get(s.terms[i]) ?? 0) + 1);
  let n = 0;
  for (const [t, f] of v) {
    const w = (1 + Math.log(f)) * weight(t);
    v.set(t, w);
    n += w * w;
  }
  return { v, n: Math.sqrt(n) };
}

/** Caches a term-weight function for one analysis (the same terms recur across candidates). */
function memoize(f: (t: number) => number): (t: number) => number {
  const m = new Map<number, number>();
  return (t) => {
    let v = m.get(t);
    if (v === undefined) m.set(t, (v = f(t)));
    return v;
  };
}

/** IDF over a small set of documents (smoothed so that a term shared by all still weighs something). */
function localIdf(docs: DocPrint[]): (t: number) => number {
  const df = new Map<number, number>();
  for (const d of docs) {
    const seen = new Set<number>();
    for (const s of d.sentences) for (const t of s.terms) seen.add(t);
    for (const t of seen) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = docs.length;
  return (t) => Math.log(1 + (n + 1) / ((df.get(t) ?? 0) + 0.5));
}

function ref(d: DocPrint): ArticleRef {
  return { url: d.url, title: d.title, siteName: d.siteName, publishedTime: d.publishedTime };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Whether two articles come from one outlet: same site (registrable domain), or the same site name. */
function sameOutlet(a: DocPrint, c: DocPrint): boolean {
  const ha = siteOf(a.url);
  if (ha && ha === siteOf(c.url)) return true;
  const sa = a.siteName?.trim().toLowerCase();
  return !!sa && sa === c.siteName?.trim().toLowerCase();
}

/**
 * Distinctive terms (names, figures, rare words) both articles contain: 0 unless the index's idf
 * is given and counts RARE_MIN_DOCS articles.
 */
function distinctiveTermsShared(a: DocPrint, c: DocPrint, idf: ((t: number) => number) | undefined, docCount: number): number {
  if (!idf || docCount < RARE_MIN_DOCS) return 0;
  // "Rare" is relative to the index: at least half the idf of a term seen in one article.
  const threshold = 0.5 * Math.log(1 + docCount / 0.5);
  const aTerms = new Set<number>();
  for (const s of a.sentences) for (const t of s.terms) aTerms.add(t);
  const shared = new Set<number>();
  for (const s of c.sentences) for (const t of s.terms) if (aTerms.has(t) && idf(t) >= threshold) shared.add(t);
  return shared.size;
}

/** Below this many indexed articles, document frequencies cannot say which terms are rare. */
const RARE_MIN_DOCS = 50;

function buildPassages(a: DocPrint, results: PairResult[]): Passage[] {
  const used = new Set<number>();
  const out: Passage[] = [];
  for (const r of results) {
    for (const p of r.pairs) {
      if (used.has(p.i)) continue;
      used.add(p.i);
      const s = a.sentences[p.i];
      const cs = r.cand.sentences[p.j];
      const passage: Passage = {
        text: a.text!.slice(s.start, s.end),
        start: s.start,
        end: s.end,
        kind: p.quote ? 'quote' : p.verbatim && p.runShare >= 0.8 ? 'verbatim' : 'paraphrase',
        score: round(p.verbatim ? Math.max(p.runShare, p.cosine) : p.cosine),
        source: {
          url: r.cand.url,
          sentence: r.cand.text ? r.cand.text.slice(cs.start, cs.end) : null,
          start: cs.start,
          end: cs.end,
        },
      };
      // Shared quotations are someone's words, not the copy's facts: only reused text is compared.
      if (passage.kind !== 'quote' && passage.source.sentence) {
        const changes = compareFacts(passage.text, passage.source.sentence);
        if (changes.length) passage.changes = changes;
      }
      out.push(passage);
    }
  }
  return out.sort((x, y) => x.start - y.start);
}
