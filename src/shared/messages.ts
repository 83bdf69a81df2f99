/**
 * The message protocol between extension contexts: one call map per direction, events in the
 * past tense, commands in the imperative. Replies are always a `Result`; an `Error` never crosses a
 * channel. Payloads are plain JSON. No side effects at import.
 */
import type { ArticleRecord, KnownClaim, Report } from '../core/types';

/** A serialisable success-or-failure reply. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: string): Result<never> => ({ ok: false, error });

/** W3C-style text quote + position selector used to anchor a highlight in the live page. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  /** Offsets in the article text (`paragraphs.join('\n\n')`), a hint when the quote repeats. */
  start: number;
  end: number;
}

export type HighlightKind = 'verbatim' | 'paraphrase' | 'quote' | 'claim';

/** What a hover card shows for one highlight. All strings are rendered with textContent only. */
export interface HighlightCard {
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
}

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
  /** Set when status is 'error' or 'not-article' (a plain explanation). */
  message: string | null;
  /** What was analysed, so a wrong extraction is visible: title, word count, opening lines. */
  analysed: { title: string; wordCount: number; opening: string } | null;
  highlightsOn: boolean;
  updatedAt: string;
}

/** Settings in storage.local (the only thing kept there). */
export interface Settings {
  /** Check every page automatically (needs the optional host permission). */
  autoCheck: boolean;
  /** Add ClaimReview found on visited fact-check pages to the local claims store. */
  harvestClaims: boolean;
  /** Draw highlights when the popup is opened on a tab. */
  highlights: boolean;
}

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

/** Content script -> background. The content script may only speak about its own document. */
export interface ContentToBackground {
  /** The readable article of this document was extracted (auto-check or on request). */
  articleExtracted: (p: {
    docId: string;
    article: ArticleRecord;
    /** ClaimReview JSON-LD blocks found on the page (fact-check pages), raw. */
    claimReviews: unknown[];
  }) => { highlightsOn: boolean };
  /** This document is not an article (the gate or Readability said no). */
  articleSkipped: (p: { docId: string; reason: string }) => null;
  /** The SPA navigated to a new document; the old report is void. */
  documentChanged: (p: { docId: string }) => null;
}

/** Background -> content script (sent with tabs.sendMessage to one tab). */
export interface BackgroundToContent {
  /** Extract the article now (the user clicked "check this page"). */
  extractArticle: (p: Record<string, never>) => { docId: string; extracted: boolean };
  showHighlights: (p: { docId: string; highlights: Highlight[] }) => { shown: number; missed: number };
  hideHighlights: (p: Record<string, never>) => null;
}

/** Popup and side-by-side page -> background. */
export interface PopupToBackground {
  getTabState: (p: { tabId: number }) => TabState | null;
  checkTab: (p: { tabId: number }) => TabState;
  setHighlights: (p: { tabId: number; on: boolean }) => TabState;
  /** The tab's report as W3C Web Annotations (JSON-LD text) and a file name to save it under. */
  exportEvidence: (p: { tabId: number }) => { json: string; fileName: string };
  getComparison: (p: { tabId: number; sourceUrl: string }) => {
    article: ArticleRecord;
    source: ArticleRecord | null;
    report: Report;
  };
}

/** Options page -> background. */
export interface OptionsToBackground {
  getSettings: (p: Record<string, never>) => Settings;
  setSettings: (p: Partial<Settings>) => Settings;
  getStorageSummary: (p: Record<string, never>) => StorageSummary;
  /** The user read the "database was cleared" notice. */
  dismissWipeNotice: (p: Record<string, never>) => StorageSummary;
  deleteAllData: (p: Record<string, never>) => StorageSummary;
  exportData: (p: Record<string, never>) => { json: string };
  importData: (p: { json: string }) => { articles: number; claims: number; skipped: number };
  importClaims: (p: { json: string }) => { added: number; skipped: number };
  listFeeds: (p: Record<string, never>) => FeedStatus[];
  subscribeFeed: (p: { url: string; kind: FeedStatus['kind']; publicKey: string | null }) => FeedStatus;
  refreshFeed: (p: { id: string }) => FeedStatus;
  unsubscribeFeed: (p: { id: string }) => FeedStatus[];
  listClaims: (p: { limit: number }) => KnownClaim[];
  /** Deletes the claims kept from fact-check pages the user visited (they tell what was read). */
  forgetHarvestedClaims: (p: Record<string, never>) => { removed: number };
  /** Known claims closest to a text, best first (the options page's "is this claim known?"). */
  searchClaims: (p: { text: string; limit: number }) => Array<{ claim: KnownClaim; score: number }>;
}

/** Every call an extension page (popup, options, side-by-side: one origin, one trust level) may make. */
export type PageCalls = PopupToBackground & OptionsToBackground;

/** The Result a call of map M answers with. */
export type ReplyOf<M, K extends keyof M> = M[K] extends (p: never) => infer R ? Result<R> : never;
