/**
 * The message protocol between extension contexts: one call map per direction, events in the
 * past tense, commands in the imperative. Replies are always a `Result`; an `Error` never crosses a
 * channel. Payloads are plain JSON. No side effects at import.
 */
import type { DisputeRequest } from '../core/disputes';
import type { TeamView } from '../core/types';
import type { ArticleRecord, KnownClaim, Report } from '../core/types';
import type { FeedStatus, Highlight, Settings, StorageSummary, TabState } from '../platform/stored-shapes';

// The shapes the platform stores (and the messages carry) are declared where they are stored.
export type { FeedStatus, Highlight, HighlightKind, QuoteSelector, Settings, StorageSummary, TabState } from '../platform/stored-shapes';

/** What the popup shows of the reader's disputes on its tab's page (only those that apply to the report as it stands). */
export interface PageDisputes {
  /** When the reader marked the page's verdict as wrong (ISO 8601), or null. */
  verdict: string | null;
  /** The claim warnings the reader marked as wrong, by claim id, and when. */
  claims: Array<{ claimId: string; disputedAt: string }>;
  /** False in a private window, where nothing is kept, disputes included. */
  canDispute: boolean;
}

/** A serialisable success-or-failure reply. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: string): Result<never> => ({ ok: false, error });

/** Content script -> background. The content script may only speak about its own document. */
export interface ContentToBackground {
  /**
   * This document passed the gate and was captured (auto-check or on request): the bounded copy of
   * the page without the words a reader cannot see, as HTML (src/extract/capture-page.ts). The
   * background extracts the article from it, off the page's main thread.
   */
  pageCaptured: (p: { docId: string; html: string }) => { highlightsOn: boolean };
  /** This document is not an article (the gate said no, or it could not be captured). */
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
  /** Focus the next (1) or previous (-1) highlighted passage (the keyboard shortcut); null: none shown. */
  movePassage: (p: { step: 1 | -1 }) => { index: number; total: number } | null;
}

/** Popup and side-by-side page -> background. */
export interface PopupToBackground {
  getTabState: (p: { tabId: number }) => TabState | null;
  checkTab: (p: { tabId: number }) => TabState;
  /**
   * The popup is showing a finished check: reveal its highlights on the page (opening the popup is
   * the reader's gesture; the background applies the rule and the setting). Answers the tab's state
   * after it, so the popup sets its switch. Popup only.
   */
  revealHighlights: (p: { tabId: number }) => TabState | null;
  setHighlights: (p: { tabId: number; on: boolean }) => TabState;
  /** The tab's report as W3C Web Annotations (JSON-LD text) and a file name to save it under. */
  exportEvidence: (p: { tabId: number }) => { json: string; fileName: string };
  /** The reader's disputes that apply to the tab's report. Popup only. */
  getDisputes: (p: { tabId: number }) => PageDisputes;
  /** Marks the tab's verdict or one claim warning as wrong (`disputed: true`), or undoes that. Popup only. */
  setDispute: (p: { tabId: number; target: DisputeRequest; disputed: boolean }) => PageDisputes;
  /** Asks the team index the reader opted into about the tab's page (fingerprint only); null: none chosen. Popup only. */
  queryTeam: (p: { tabId: number }) => TeamView | null;
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
  /** The team index the reader opted into, if any. */
  getTeamServer: (p: Record<string, never>) => { server: string | null };
  /** Opts into a team index (its address is checked, then its /health asked) or out of it (null). Options page only. */
  setTeamServer: (p: { url: string | null }) => { server: string | null; articles: number | null };
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
