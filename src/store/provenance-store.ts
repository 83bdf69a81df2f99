/**
 * The storage interface behind `index`, `check`, `claims` and `serve`: the local store (the CLI's
 * JSON Lines database and its in-memory ProvenanceIndex) and the team store on Redis Cluster
 * implement it, so the check pipeline (checkInStore) is one function whichever holds the index.
 * Another engine (OpenSearch, say) is added by implementing ProvenanceStore.
 */
import { ClaimIndex } from '../core/claims/index';
import type { Candidate, PackEntry } from '../core/engine/index';
import { CHECK_CANDIDATES, checkArticle, type CheckIndex } from '../core/engine/check-article';
import { printRecord, type DocPrint } from '../core/engine/fingerprint-article';
import type { ArticleRecord, ArticleRef, KnownClaim, Report } from '../core/types';

/** A stored document: an article with its text, or a pack entry (fingerprints only). */
export type StoredDoc = ArticleRecord | PackEntry;

/**
 * What a store without alignment data (ProvenanceStore.alignment false) holds of a document: who
 * published it and when, nothing to align another article's sentences against.
 */
export interface StoredRef extends ArticleRef {
  refOnly: true;
  lang: string | null;
  firstSeen?: string | null;
}

/** A document as a store returns it: whole, or as a reference when the store keeps no alignment data. */
export type LoadedDoc = StoredDoc | StoredRef;

/** Whether a loaded document is a reference only (no text, no sentence fingerprints). */
export function isStoredRef(doc: LoadedDoc): doc is StoredRef {
  return (doc as StoredRef).refOnly === true;
}

/** What adding one document did: new, replaced a different version, or nothing (same content). */
type AddStatus = 'added' | 'updated' | 'unchanged';

/** Outcome of adding one document; `firstSeen` is the earliest any writer recorded. */
export interface AddResult {
  url: string;
  status: AddStatus;
  firstSeen: string;
}

/**
 * What retrieval hands the analysis: the candidates, their documents (in candidate order, with
 * their stored firstSeen), and the index's statistics for the analysis, fetched for this article
 * and these candidates.
 */
export interface Retrieved {
  candidates: Candidate[];
  docs: LoadedDoc[];
  /** Per candidate: the share of the query's sampled shingles (runs of 4 content terms) it also holds. */
  shingleShare: number[];
  stats: Pick<CheckIndex, 'docCount' | 'idf' | 'isBoilerplate'>;
}

/** A provenance index that a check reads and `index` writes, wherever it lives. */
export interface ProvenanceStore {
  /** Human-readable name of the store ("redis://127.0.0.1:7101,...", a file path). */
  readonly name: string;
  /**
   * Whether stored documents keep what a full check aligns against (text or per-sentence term
   * hashes). Without it the store answers matchInStore (which stored articles share fingerprints
   * with a page, and how much), not checkInStore's report.
   */
  readonly alignment: boolean;
  /**
   * Adds documents, idempotent by URL: the same content again is 'unchanged'; new content for a
   * known URL replaces it. Each document's firstSeen (else now) joins the stored one, the earliest
   * kept. Resolves once the writes are durable as far as the store promises (see docs/team-store.md).
   */
  add(docs: StoredDoc[], now: string): Promise<AddResult[]>;
  /** The k best candidates for an article (its own URL excluded), loaded, with analysis options. */
  retrieve(p: DocPrint, k: number, excludeUrl: string): Promise<Retrieved>;
  /** Documents by URL, with their stored firstSeen (missing URLs are absent from the map). */
  load(urls: string[]): Promise<Map<string, LoadedDoc>>;
  /** Adds or replaces claims by id; resolves to how many were new. */
  addClaims(claims: KnownClaim[]): Promise<number>;
  /** Every stored claim. */
  claims(): Promise<KnownClaim[]>;
  /** Counts for summaries and health. */
  stats(): Promise<{ articles: number; claims: number }>;
  close(): Promise<void>;
}

/**
 * Checks an article against a store through the engine's one check pipeline (checkArticle): the
 * store's retrieval runs first (it is asynchronous: a team store reads over the network), then
 * checkArticle sees it as an index whose candidates and statistics are already at hand.
 */
export async function checkInStore(
  store: ProvenanceStore,
  article: ArticleRecord,
  opts: { k?: number; claimIndex?: ClaimIndex | null } = {},
): Promise<{ report: Report; sources: Map<string, StoredDoc> }> {
  const k = opts.k ?? CHECK_CANDIDATES;
  if (!store.alignment) throw new Error('this team store keeps no alignment data (built without align=1): it can list matching articles (matchInStore), not align them');
  const got = await store.retrieve(printRecord(article), k, article.url);
  const sources = new Map(got.docs.filter((d): d is StoredDoc => !isStoredRef(d)).map((d) => [d.url, d]));
  const claims = opts.claimIndex === undefined ? await storeClaimIndex(store) : opts.claimIndex;
  const view: CheckIndex = { ...got.stats, candidates: () => got.candidates };
  const report = await checkArticle(article, view, async (url) => sources.get(url), { claims, k });
  return { report, sources };
}

/** A claim index over the store's claims, or null when it holds none. */
export async function storeClaimIndex(store: ProvenanceStore): Promise<ClaimIndex | null> {
  const claims = await store.claims();
  return claims.length ? new ClaimIndex(claims) : null;
}

/** One stored article that shares fingerprints with a checked page (a check without alignment data). */
interface TeamMatch extends ArticleRef {
  firstSeen: string | null;
  /** Retrieval score: the share of the page's distinctive terms it holds plus shingleShare (0..2). */
  score: number;
  /**
   * Share of the page's sampled runs of 4 content terms (about 8 words of running text) that this
   * article also contains: an estimate of the share of the page's text it holds word for word.
   */
  shingleShare: number;
}

/**
 * What a store without alignment data can say about a page (`check --store` on such a store, and
 * `serve`): the stored articles that share fingerprints with it, best first, with when each was
 * published and first seen. It names no verdict, direction, credit or passages: those need the
 * sentence alignment the store does not hold.
 */
export interface TeamMatches {
  schema: 'provenance-lens/team-matches@1';
  article: ArticleRef;
  matches: TeamMatch[];
}

/**
 * The matches of a page in a store, from its fingerprints (any store; the only check a store
 * without alignment data answers, and what a fingerprint-only query gets).
 */
export async function matchInStore(store: ProvenanceStore, p: DocPrint, k = CHECK_CANDIDATES): Promise<TeamMatches> {
  const got = await store.retrieve(p, k, p.url);
  return {
    schema: 'provenance-lens/team-matches@1',
    article: { url: p.url, title: p.title, siteName: p.siteName, publishedTime: p.publishedTime },
    matches: got.candidates.map((c, i) => {
      const d = got.docs[i];
      return { url: c.url, title: d.title, siteName: d.siteName, publishedTime: d.publishedTime, firstSeen: d.firstSeen ?? null, score: c.score, shingleShare: got.shingleShare[i] };
    }),
  };
}
