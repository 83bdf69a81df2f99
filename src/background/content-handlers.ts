/**
 * Calls from content scripts (ContentToBackground): a captured page has its article extracted here
 * (src/extract/from-html.ts, off the page's main thread), validated, filed under its own page,
 * remembered (unless private or over the rate limit), checked through the one pipeline, and its
 * report kept for the tab; a skipped page or a replaced document clears the tab.
 */
import { parseRecord } from '../core/records/parse-record';
import { parseDeclaredUrls, resolveArticleUrl } from '../core/site';
import { extractHtml } from '../extract/from-html';
import type { ArticleRecord, DeclaredUrls } from '../core/types';
import type { ContentToBackground } from '../shared/messages';
import type { Stores } from '../platform/stores';
import { markPerformance } from '../shared/performance-mark';
import type { ClaimStore } from './claim-store';
import type { BackgroundEngine, BackgroundIndex, ProvenanceStore } from './provenance-store';
import type { DocLoader } from '../core/engine/check-article';
import type { Handlers, TabSender } from './router';
import type { TabReports } from './tab-reports';
import { stripHash } from './urls';

/**
 * At most this many new articles enter the history from one tab per RATE_WINDOW_MS. A reader on a
 * single-page news site opens a few articles a minute; a hostile page sending a stream of made-up
 * articles under its own addresses (to pose as the "original" of stories read later) is cut off.
 * Beyond the limit a page is still checked, just not remembered.
 */
const RATE_LIMIT = 30;
const RATE_WINDOW_MS = 10 * 60_000;
/** Cap on ClaimReview blocks harvested from one page (a page is hostile and could send thousands). */
const MAX_HARVEST_BLOCKS = 50;

/** What the content handlers need. */
export interface ContentHandlersOptions {
  stores: Pick<Stores, 'articles' | 'settings'>;
  engine: BackgroundEngine;
  provenance: ProvenanceStore;
  claims: ClaimStore;
  reports: TabReports;
  /** Adds a visited fact-check page's ClaimReview claims (feed handlers), if available. */
  harvest?: (blocks: unknown[], pageUrl: string) => Promise<unknown>;
  now: () => Date;
  log: Pick<Console, 'warn'>;
}

/** An article extracted from a captured page, as `checkArticle` takes it. */
export interface ExtractedPage {
  docId: string;
  /** As extracted: filed under the address `resolveArticleUrl` chooses from `declared` and the tab's URL. */
  article: ArticleRecord;
  /** The addresses the page declares for itself (og:url, canonical, home), not yet judged. */
  declared: DeclaredUrls;
  /** ClaimReview JSON-LD blocks found on the page (fact-check pages), raw. */
  claimReviews: unknown[];
}

/** The content handler table, the check after extraction, and what a closed tab must forget. */
export interface ContentHandlers {
  handlers: Handlers<ContentToBackground, TabSender>;
  /**
   * The second half of `pageCaptured`: validates, files, remembers and checks an extracted
   * article. Also the entry for tests whose pages are made-up records rather than HTML.
   */
  checkArticle(p: ExtractedPage, sender: TabSender): Promise<{ highlightsOn: boolean }>;
  /**
   * Starts loading both indexes without waiting for them (each load is shared by whoever asks
   * next; a failed one is reported by the check that awaits it); the claim index is restored only
   * when no page is being checked (a check restores it after its verdict).
   */
  warmIndexes(): void;
  tabClosed(tabId: number): void;
}

/**
 * The sending document's address. The tab's URL follows single-page-app navigations
 * (history.pushState) while Chrome's sender.url keeps the URL the document loaded with; both
 * name the top frame, which is the only frame allowed to send.
 */
function pageUrlOf(sender: TabSender): string | undefined {
  return sender.tab.url ?? sender.url;
}

/** An error as one short line for the popup. */
function errorText(err: unknown): string {
  return String((err as Error)?.message ?? err).slice(0, 200);
}

/**
 * The address of the document a call speaks for, or null when that document is not being read
 * (prerendered or back/forward-cached: security note rule 8). Throws on a call without a
 * document id or a page.
 */
function readPage(docId: unknown, sender: TabSender): string | null {
  if (typeof docId !== 'string' || !docId) throw new Error('missing docId');
  if (sender.documentLifecycle && sender.documentLifecycle !== 'active') return null;
  const pageUrl = pageUrlOf(sender);
  if (!pageUrl) throw new Error('unknown page');
  return pageUrl;
}

/** Builds the content handlers. */
export function createContentHandlers(opts: ContentHandlersOptions): ContentHandlers {
  const { stores, reports } = opts;
  /** Times articles were stored per tab (for RATE_LIMIT; in memory, so a restart resets it). */
  const storedAt = new Map<number, number[]>();
  /** Pages being checked now (to their final report): the claim index's restore waits for their verdicts. */
  let checking = 0;

  function withinRate(tabId: number): boolean {
    const t = opts.now().getTime();
    const recent = (storedAt.get(tabId) ?? []).filter((x) => t - x < RATE_WINDOW_MS);
    if (recent.length >= RATE_LIMIT) {
      storedAt.set(tabId, recent);
      return false;
    }
    storedAt.set(tabId, [...recent, t]);
    return true;
  }

  /** Remembers the article (history, index, harvested claims); returns it as stored. */
  async function remember(article: ArticleRecord, claimReviews: unknown, pageTab: number): Promise<ArticleRecord> {
    if (!withinRate(pageTab)) return article;
    const stored = (await stores.articles.put(article, opts.now())).article;
    await opts.provenance.added(stored);
    const blocks = Array.isArray(claimReviews) ? claimReviews.slice(0, MAX_HARVEST_BLOCKS) : [];
    if (blocks.length && opts.harvest && (await stores.settings.get()).harvestClaims) {
      try {
        await opts.harvest(blocks, stored.url);
      } catch (err) {
        opts.log.warn('Provenance Lens: ClaimReview harvest failed', err);
      }
    }
    return stored;
  }

  /**
   * Loads the indexes in the order a check needs them (docs/architecture.md, "Verdict first"): the
   * retrieval index, then, when no page is being checked, the claim index. A check under way reads
   * the claim index's snapshot row once its own index reads are issued (checkAndReport) and
   * restores it after its verdict, instead of waiting behind that read and restore.
   */
  function warmIndexes(): void {
    void opts.provenance
      .index()
      .then(() => {
        if (checking === 0) return opts.claims.index();
      })
      .catch(() => undefined);
  }

  async function pageCaptured(p: { docId: string; html: string }, sender: TabSender): Promise<{ highlightsOn: boolean }> {
    markPerformance('check-received');
    const pageUrl = readPage(p.docId, sender);
    if (pageUrl === null) return { highlightsOn: false };
    if (typeof p.html !== 'string') throw new Error('invalid page capture');
    // The indexes' reads (IndexedDB, off this thread) overlap the extraction below.
    warmIndexes();
    // The page's own HTML, parsed by a DOM library that runs no script and loads nothing; the
    // article comes out as plain text (extractHtml never serialises what it read).
    const res = extractHtml(p.html, { url: pageUrl, captured: true });
    markPerformance('extracted');
    if (!res.ok) {
      await articleSkipped({ docId: p.docId, reason: res.reason }, sender);
      return { highlightsOn: false };
    }
    return check({ docId: p.docId, article: res.article, declared: res.declared, claimReviews: res.claimReviews }, sender, pageUrl);
  }

  async function checkArticle(p: ExtractedPage, sender: TabSender): Promise<{ highlightsOn: boolean }> {
    const pageUrl = readPage(p.docId, sender);
    return pageUrl === null ? { highlightsOn: false } : check(p, sender, pageUrl);
  }

  /** Validates, files, remembers and checks the article of the page at `pageUrl`. */
  async function check(p: ExtractedPage, sender: TabSender, pageUrl: string): Promise<{ highlightsOn: boolean }> {
    const tabId = sender.tab.id;
    const parsed = parseRecord('article', p.article, 'untrusted');
    if (!parsed.ok) throw new Error('invalid article record');
    const declared = parseDeclaredUrls(p.declared);
    if (!declared) throw new Error('invalid declared addresses');
    // The page may only speak for itself: its address is the tab's (not what it sent), and a
    // declared address on another site (which would overwrite that site's entry in the history)
    // is only a syndication signal.
    const article = resolveArticleUrl(parsed.value, { url: pageUrl, declared, trust: 'tab' });
    // First-seen time is ours to set: a page claiming an earlier one could pose as the original.
    delete article.firstSeen;
    reports.setDocument(tabId, p.docId);

    const url = stripHash(pageUrl);
    // Counted before the index can resolve: warmIndexes leaves the claim index's restore to it.
    checking++;
    try {
      warmIndexes();
      // Nothing from private windows enters the history or the index (security note rule 8). The
      // history's write overlaps the index's load.
      const storing = sender.tab.incognito ? Promise.resolve(article) : remember(article, p.claimReviews, tabId);
      storing.catch(() => undefined); // awaited below, after the index
      const index = await opts.provenance.index();
      const stored = await storing;
      markPerformance('remembered');
      await checkAndReport(opts, { tabId, docId: p.docId, url }, stored, index, await stores.articles.loader());
      return { highlightsOn: false };
    } catch (err) {
      // A check that fails (the database refusing a read, an index that cannot be built) says so
      // in the popup; without this an automatic check left the tab blank as if still to come.
      if (!reports.isStale(tabId, p.docId)) {
        const message = `The check failed: ${errorText(err)}. Check the page again.`;
        await reports.put({ ...reports.base(tabId, url, p.docId), status: 'error', message }, { report: null }).catch(() => undefined);
      }
      throw err;
    } finally {
      checking--;
    }
  }

  async function articleSkipped(p: { docId: string; reason: string }, sender: TabSender): Promise<null> {
    const tabId = sender.tab.id;
    reports.setDocument(tabId, String(p.docId));
    // The reason comes from our own extraction code ("not an article (no long paragraphs)"), but
    // the sender is the page's renderer: cap it, and keep only the detail.
    const raw = typeof p.reason === 'string' ? p.reason.slice(0, 300) : '';
    const detail = raw.replace(/^not an article\s*/i, '').replace(/^\((.*)\)$/, '$1').trim();
    const state = reports.base(tabId, stripHash(pageUrlOf(sender) ?? ''), String(p.docId));
    await reports.put({ ...state, status: 'not-article', message: `This page does not look like a news article${detail ? ` (${detail})` : ''}.` }, { report: null });
    return null;
  }

  async function documentChanged(p: { docId: string }, sender: TabSender): Promise<null> {
    reports.setDocument(sender.tab.id, String(p.docId));
    await reports.clear(sender.tab.id);
    return null;
  }

  return {
    handlers: { pageCaptured, articleSkipped, documentChanged },
    checkArticle,
    warmIndexes,
    tabClosed: (tabId) => storedAt.delete(tabId),
  };
}

/** The tab and document a check reports to. */
interface CheckedPage {
  tabId: number;
  docId: string;
  url: string;
}

/**
 * Checks a stored article through the one pipeline and keeps its report for the tab. When the
 * claim index is not in memory (a cold start) the verdict is stored and badged first, and again
 * with the claims once they are matched; claims that cannot be matched leave the verdict standing
 * and say so (docs/architecture.md, "Verdict first").
 */
async function checkAndReport(opts: ContentHandlersOptions, page: CheckedPage, stored: ArticleRecord, index: BackgroundIndex, loader: DocLoader): Promise<void> {
  const { reports } = opts;
  // The candidates' reads are the check's last IndexedDB reads before its verdict: the claim
  // snapshot row's read is queued behind them, not ahead (IndexedDB answers in turn).
  let readingAhead = false;
  const load: DocLoader = (url) => {
    const doc = loader(url);
    if (!readingAhead) {
      readingAhead = true;
      queueMicrotask(() => opts.claims.readAhead());
    }
    return doc;
  };
  let claimsFailed: unknown = null;
  let afterVerdict = false;
  const claims = {
    ready: () => opts.claims.ready(),
    matchArticle: (a: ArticleRecord) =>
      opts.claims.matchArticle(a).catch((err: unknown) => {
        claimsFailed = err;
        return [];
      }),
  };
  const report = await opts.engine.check(stored, index, load, {
    claims,
    onVerdict: async (first) => {
      markPerformance('verdict-done');
      if (reports.isStale(page.tabId, page.docId)) return;
      await reports.done(page.tabId, page.url, page.docId, stored, first, { status: 'pending' });
      afterVerdict = true;
      markPerformance('verdict-stored');
    },
  });
  markPerformance('check-done');
  if (reports.isStale(page.tabId, page.docId)) return;
  if (claimsFailed) opts.log.warn('Provenance Lens: claim matching failed', claimsFailed);
  const message = claimsFailed ? `The sentences could not be matched against the known claims: ${errorText(claimsFailed)}.` : undefined;
  await reports.done(page.tabId, page.url, page.docId, stored, report, { status: message ? 'failed' : 'matched', message, afterVerdict });
  markPerformance('report-stored');
}
