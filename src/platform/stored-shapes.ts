/**
 * The shapes the extension's platform stores besides the records (src/core/records): settings
 * (storage.local), per-tab state and its prepared highlights (storage.session), feed status (the
 * `feeds` store) and the storage summary the article store computes; the reader's disputes
 * (storage.local) are a record shape declared in core and re-exported here. Declared here, where they are
 * stored, and re-exported by src/shared/messages.ts, which carries them; types and one constant
 * only, so any context may import it.
 */
import type { Report } from '../core/types';

/** The reader's disputes, kept in storage.local under `disputes` (src/platform/dispute-store.ts). */
export type { DisputeRecord, DisputeTarget } from '../core/types';

/** W3C-style text quote + position selector used to anchor a highlight in the live page. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  /** Offsets in the article text (`paragraphs.join('\n\n')`), a hint when the quote repeats. */
  start: number;
  end: number;
}

/** What a highlight marks: reuse of one of three kinds, or a known claim. */
export type HighlightKind = 'verbatim' | 'paraphrase' | 'quote' | 'claim';

/** What a hover card shows for one highlight. All strings are rendered with textContent only. */
interface HighlightCard {
  /** The source sentence (for reuse) or the claim as reviewed (for claims). */
  sentence: string | null;
  /** Outlet name (reuse) or reviewer organisation (claims). */
  outlet: string | null;
  /** ISO date of the source publication or of the review. */
  date: string | null;
  /** Source article URL or review URL (rendered only if http(s)). */
  url: string | null;
  title: string | null;
  /** Claim rating text ("False", "Mostly true"), claims only. */
  rating: string | null;
  /** What the page changed from the source sentence, in words (reuse only; see describe-change.ts). */
  changes?: string[];
  /**
   * Reuse the page owns up to: `credited` (a credit a reader sees), `syndicated` (a declared
   * republication). Absent otherwise. Decides the mark's look (src/shared/mark-legend.ts).
   */
  credit?: 'credited' | 'syndicated';
}

/** One highlight to draw: what it marks, where (a quote selector) and what its hover card shows. */
export interface Highlight {
  id: string;
  kind: HighlightKind;
  selector: QuoteSelector;
  card: HighlightCard;
}

/** Per-tab state kept in storage.session under `tab:<id>` so the popup survives a worker restart. */
export interface TabState {
  tabId: number;
  url: string;
  status: 'idle' | 'checking' | 'not-article' | 'done' | 'error';
  /** Set when status is 'done'. */
  report: Report | null;
  /** Set when status is 'error' or 'not-article', or claimsStatus is 'failed' (a plain explanation). */
  message: string | null;
  /** What was analysed, so a wrong extraction is visible: title, word count, opening lines. */
  analysed: { title: string; wordCount: number; opening: string } | null;
  highlightsOn: boolean;
  updatedAt: string;
  /**
   * A finished check's claim matching, when it is not simply done: 'pending' while the verdict is
   * shown and the article's sentences are still being matched against the known claims (a cold
   * start restores the claim index after the article index), 'failed' when they could not be
   * (`message` says why). Absent: matched (the report's `claims` are final).
   */
  claimsStatus?: 'pending' | 'failed';
}

/** Settings in storage.local (beside the reader's disputes). */
export interface Settings {
  /** Check every page automatically (needs the optional host permission). */
  autoCheck: boolean;
  /** Add ClaimReview found on visited fact-check pages to the local claims store. */
  harvestClaims: boolean;
  /** Draw highlights when the popup is opened on a tab. */
  highlights: boolean;
}

/** Settings of a new install (and of any setting an older install has not stored yet). */
export const DEFAULT_SETTINGS: Settings = { autoCheck: false, harvestClaims: true, highlights: true };

/** A feed subscription and its status, as the options page lists it. */
export interface FeedStatus {
  id: string;
  url: string;
  kind: 'claimreview' | 'pack';
  /** Base64 Ed25519 public key pinned at subscription, or null for an unsigned feed. */
  publicKey: string | null;
  records: number;
  skipped: number;
  lastUpdate: string | null;
  lastError: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Version/date of the data stored (an update older than this is rejected). */
  dataVersion: string | null;
}

/** What the options page shows of the stored data: counts, estimated bytes, recent articles. */
export interface StorageSummary {
  articles: number;
  claims: number;
  feeds: number;
  packEntries: number;
  bytes: number;
  /** Most recent articles first, for the options list. */
  recent: Array<{ url: string; title: string; siteName: string | null; firstSeen: string | null }>;
  /** When the extension found its database cleared from outside (the browser evicted it, or the
   * user cleared site data), until the user dismisses the notice; null otherwise. */
  wipedAt: string | null;
}
