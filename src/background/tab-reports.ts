/**
 * Per-tab reports: the state each tab's popup shows (in storage.session, so it survives a stopped
 * worker), the badge, the current document per tab (replies about an older one are dropped), and
 * the one rule for revealing highlights: claim highlights from public feeds are drawn at once;
 * reuse findings and harvested claims (both derived from the reading history) only after the
 * popup is opened on that tab (a user gesture) with the highlights setting on. Claim warnings the
 * reader disputed (reading history too) are left out only of what a gesture draws: the draw at
 * page load never depends on them, so a page cannot learn of a dispute by watching its own DOM.
 */
import { disputesOf } from '../core/disputes';
import { articleText, type ArticleRecord, type Report } from '../core/types';
import type { BackgroundToContent, Highlight, ReplyOf, TabState } from '../shared/messages';
import type { BackgroundBrowser } from '../platform/browser';
import type { DisputeStore } from '../platform/dispute-store';
import type { SettingsStore } from '../platform/settings-store';
import type { StoredTabState, TabStateStore } from '../platform/tab-state-store';
import { badgeFor } from '../shared/verdict-view';
import type { Translate } from '../shared/i18n';
import { buildHighlights, claimIndexOf } from './build-highlights';
import type { ContentChannel } from './content-channel';
import { stripHash } from './urls';

/**
 * A check still "checking" after this long was cut off (the worker stopped mid-check). A real
 * check takes well under a second, a cold start with a big history a few seconds; a minute
 * leaves a wide margin before calling it interrupted.
 */
const STALE_CHECK_MS = 60_000;
/** Characters of the article opening shown under "what was analysed". */
const OPENING_CHARS = 280;

/** Where a finished check's claim matching stands (TabState.claimsStatus). */
export interface ClaimsOutcome {
  /** matched: the report's claims are final; pending: the verdict first (done is called again with them); failed: see `message`. */
  status: 'matched' | 'pending' | 'failed';
  message?: string;
  /** This check stored its verdict first (status pending): highlights the reader revealed since are drawn again. */
  afterVerdict?: boolean;
}

/** What the tab reports need. */
export interface TabReportsOptions {
  browser: Pick<BackgroundBrowser, 'action'>;
  /** Calls to a tab's content script (src/background/content-channel.ts). */
  content: ContentChannel;
  tabs: TabStateStore;
  settings: SettingsStore;
  disputes: DisputeStore;
  now: () => Date;
  /** The interface's messages (badge tooltip, hover-card words). */
  t: Translate;
}

/** Owns each tab's state, badge and highlights. */
export class TabReports {
  /** Latest document id per tab (replies about an older document are discarded). */
  private readonly currentDoc = new Map<number, string>();

  constructor(private readonly opts: TabReportsOptions) {}

  /** A tab's state with nothing known yet. */
  base(tabId: number, url: string, docId: string | null): StoredTabState {
    return { tabId, url, status: 'idle', report: null, message: null, analysed: null, highlightsOn: false, updatedAt: this.opts.now().toISOString(), docId };
  }

  /** `docId` is now the tab's document. */
  setDocument(tabId: number, docId: string): void {
    this.currentDoc.set(tabId, docId);
  }

  /** Whether a newer document replaced `docId` in the tab meanwhile. */
  isStale(tabId: number, docId: string): boolean {
    const cur = this.currentDoc.get(tabId);
    return cur !== undefined && cur !== docId;
  }

  /** The tab's stored state (a check cut off by a stopped worker turns into an error). */
  async get(tabId: number): Promise<StoredTabState | null> {
    const state = await this.opts.tabs.get(tabId);
    if (!state || this.opts.now().getTime() - Date.parse(state.updatedAt) <= STALE_CHECK_MS) return state;
    // A check cut off fails; a verdict shown before its claims stands, and only the claims fail.
    let change: Partial<StoredTabState>;
    if (state.status === 'checking') change = { status: 'error', message: 'The check was interrupted. Check the page again.' };
    else if (state.status === 'done' && state.claimsStatus === 'pending') change = { claimsStatus: 'failed', message: 'The claim check was interrupted. Check the page again.' };
    else return state;
    const cut = { ...state, ...change, updatedAt: this.opts.now().toISOString() };
    await this.opts.tabs.put(cut);
    return cut;
  }

  /** Stores a state; `badge` also sets the badge (null clears it). */
  async put(state: StoredTabState, badge?: { report: Report | null }, alongside?: Promise<unknown>): Promise<TabState> {
    // Badge first (with any write `alongside`, issued at the same time): whoever reads the stored
    // state as "done" (the popup, the demo tour) then finds the badge that goes with it.
    await Promise.all([badge ? this.setBadge(state.tabId, badge.report) : undefined, alongside]);
    await this.opts.tabs.put(state);
    return publicState(state);
  }

  /**
   * A finished check: the report, what was analysed, the badge, the prepared highlights; claim
   * highlights from public data are sent at once, the rest wait for the popup. `claims` says
   * whether the report's claims are final (matched), still to come (the verdict shown first: this
   * is called again with them) or could not be matched (its message says why).
   */
  async done(tabId: number, url: string, docId: string, article: ArticleRecord, report: Report, claims: ClaimsOutcome = { status: 'matched' }): Promise<void> {
    const text = articleText(article);
    // The same document's verdict shown first, its highlights perhaps drawn since (the popup was
    // opened meanwhile): they are drawn again with the claims.
    const before = claims.afterVerdict ? await this.opts.tabs.get(tabId) : null;
    const shown = before?.status === 'done' && before.claimsStatus === 'pending' && before.docId === docId && before.highlightsOn;
    const state: StoredTabState = {
      ...this.base(tabId, url, docId),
      status: 'done',
      report,
      analysed: { title: article.title, wordCount: report.article.wordCount, opening: text.slice(0, OPENING_CHARS) },
      ...(claims.status === 'matched' ? {} : { claimsStatus: claims.status, message: claims.message ?? null }),
    };
    // The prepared highlights are stored before the state says "done" (a reveal reads them then),
    // while the badge is set: neither waits for the other's round trip.
    const highlights = buildHighlights(report, article, { reuse: true, claims: true }, this.opts.t);
    await this.put(state, { report }, this.opts.tabs.putHighlights(tabId, { docId, highlights }));
    if (shown) return void (await this.showAll(tabId, state));
    // Claim highlights from feeds and imports are public data, so they may be drawn without a user
    // gesture. Reuse findings (reading history) and claims harvested from fact-check pages the user
    // visited (also history: a page could plant a sentence and learn whether the user read that
    // fact-check) wait for the popup (privacy decision, docs/architecture.md).
    const publicClaims = { ...report, claims: report.claims.filter((c) => c.claim.source !== 'harvest') };
    const claimHighlights = buildHighlights(publicClaims, article, { reuse: false, claims: true }, this.opts.t);
    if (claimHighlights.length) setTimeout(() => void this.send(tabId, docId, claimHighlights), 0);
  }

  /** The tab's state as pages see it. */
  async publicFor(tabId: number): Promise<TabState | null> {
    const state = await this.get(tabId);
    return state && publicState(state);
  }

  /**
   * Opening the popup is the gesture that reveals every highlight of a finished check, when the
   * reader's setting allows. The popup asks after its first render, so drawing on the page never
   * delays the verdict on screen.
   */
  async reveal(tabId: number): Promise<TabState | null> {
    let state = await this.get(tabId);
    if (state?.status === 'done' && !state.highlightsOn && (await this.opts.settings.get()).highlights) state = await this.showAll(tabId, state);
    return state && publicState(state);
  }

  /** Turns the tab's highlights on (all of them) or off. */
  async setHighlights(tabId: number, on: boolean): Promise<TabState> {
    const state = await this.opts.tabs.get(tabId);
    if (!state) throw new Error('This tab has not been checked yet.');
    if (on) {
      if (state.status !== 'done') throw new Error('There is nothing to highlight on this page yet.');
      return publicState(await this.showAll(tabId, state));
    }
    await this.opts.content(tabId, { type: 'hideHighlights', payload: {} }).catch(() => undefined);
    return this.put({ ...state, highlightsOn: false, updatedAt: this.opts.now().toISOString() });
  }

  /**
   * The keyboard shortcut: moves to the next (1) or previous (-1) highlighted passage of a checked
   * page, drawing the highlights first if they are not shown (the shortcut is the reader's own
   * gesture, like opening the popup). Null when the page has no report or nothing to highlight.
   */
  async movePassage(tabId: number, step: 1 | -1): Promise<{ index: number; total: number } | null> {
    let state = await this.opts.tabs.get(tabId);
    if (state?.status !== 'done') return null;
    if (!state.highlightsOn) state = await this.showAll(tabId, state);
    if (!state.highlightsOn) return null;
    const reply = (await this.opts
      .content(tabId, { type: 'movePassage', payload: { step } })
      .catch(() => null)) as ReplyOf<BackgroundToContent, 'movePassage'> | null;
    return reply?.ok ? reply.value : null;
  }

  /**
   * Draws the tab's highlights again when they are shown (after the reader disputed a claim
   * warning or took a dispute back, from the popup: their own gesture), so the page shows the change.
   */
  async redrawHighlights(tabId: number): Promise<void> {
    const state = await this.opts.tabs.get(tabId);
    if (state?.status === 'done' && state.highlightsOn) await this.showAll(tabId, state);
  }

  /** The tab navigated (a hash change keeps the report) or its document was replaced. */
  async navigated(tabId: number, url: string | undefined): Promise<void> {
    const state = await this.opts.tabs.get(tabId);
    if (!state) return;
    if (url && stripHash(url) === state.url) return;
    this.currentDoc.delete(tabId);
    await this.clear(tabId);
  }

  /** Forgets the tab's report and clears its badge. */
  async clear(tabId: number): Promise<void> {
    await this.opts.tabs.remove(tabId);
    await this.setBadge(tabId, null);
  }

  /** The tab closed. */
  async closed(tabId: number): Promise<void> {
    this.currentDoc.delete(tabId);
    await this.opts.tabs.remove(tabId);
  }

  /** Forgets every tab's report and badge (all data deleted). */
  async clearAll(): Promise<void> {
    for (const s of await this.opts.tabs.all()) await this.setBadge(s.tabId, null);
    await this.opts.tabs.clear();
  }

  private async showAll(tabId: number, state: StoredTabState): Promise<StoredTabState> {
    const prepared = await this.opts.tabs.getHighlights(tabId);
    if (!prepared || prepared.docId !== state.docId) return state;
    const reply = await this.send(tabId, state.docId, await this.withoutDisputed(state.report, prepared.highlights));
    if (!reply?.ok) return state;
    const next = { ...state, highlightsOn: true, updatedAt: this.opts.now().toISOString() };
    await this.opts.tabs.put(next);
    return next;
  }

  /** The highlights without the claim warnings the reader disputed on this page. */
  private async withoutDisputed(report: Report | null, highlights: Highlight[]): Promise<Highlight[]> {
    if (!report || !highlights.some((h) => h.kind === 'claim')) return highlights;
    const disputed = disputesOf(report, await this.opts.disputes.forPage(report.article.url)).claims;
    if (!disputed.size) return highlights;
    return highlights.filter((h) => {
      const i = claimIndexOf(h);
      return i === null || !disputed.has(report.claims[i]?.claim.id ?? '');
    });
  }

  private async send(tabId: number, docId: string | null | undefined, highlights: Highlight[]) {
    if (!docId) return null;
    return (await this.opts
      .content(tabId, { type: 'showHighlights', payload: { docId, highlights } })
      .catch((err: unknown) => ({ ok: false, error: String(err) }))) as ReplyOf<BackgroundToContent, 'showHighlights'>;
  }

  private async setBadge(tabId: number, report: Report | null): Promise<void> {
    const b = badgeFor(report, this.opts.t);
    const { action } = this.opts.browser;
    // Issued together, not one round trip after another (the browser applies them in order): the
    // colours before the text, so a new text never shows in the previous verdict's colour. The
    // tooltip names what one badge text cannot (a claim warning and the verdict both).
    try {
      const calls = b.text ? [action.setBadgeBackgroundColor({ tabId, color: b.color }), action.setBadgeTextColor?.({ tabId, color: '#FFFFFF' })] : [];
      calls.push(action.setTitle({ tabId, title: b.title }), action.setBadgeText({ tabId, text: b.text }));
      await Promise.allSettled(calls);
    } catch {
      // The tab closed meanwhile: nothing to show.
    }
  }
}

/** The state as pages see it (the document id stays in the background). */
export function publicState(s: StoredTabState): TabState {
  const { docId: _docId, ...rest } = s;
  return rest;
}
