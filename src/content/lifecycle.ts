/**
 * The content script's life in one document: wait until the page is visible and idle, gate,
 * capture the page and send it (the background extracts the article); answer the background's calls (extract now, show or hide
 * highlights) for the current document only; follow single-page-app navigations (a new document
 * id, stale highlights dropped, a re-check); and stop quietly when the extension is reloaded
 * under it ("Extension context invalidated"). Never listens to window.postMessage or page events.
 */
import type { BackgroundToContent, ContentToBackground, Highlight, Result } from '../shared/messages';
import { fail, ok } from '../shared/messages';
import { listen, ownMember, prerenderingOf, unlisten, viewOf, visibilityOf } from '../extract/safe-dom';

/** The content script's half of extraction (src/extract/capture-page.ts). */
export interface ExtractApi {
  isArticleCandidate(doc: Document, timeBudgetMs?: number): { ok: boolean; reason?: string; snapshot?: Document };
  captureHtml(snapshot: Document): { ok: true; html: string } | { ok: false; reason: string };
}

/** Highlight drawing (src/content/highlights). */
export interface HighlightsApi {
  showHighlights(doc: Document, highlights: Highlight[]): { shown: number; missed: number };
  hideHighlights(doc: Document): void;
  movePassage(doc: Document, step: 1 | -1): { index: number; total: number } | null;
}

/** The runtime API the content script uses (the bundled polyfill's `browser.runtime`). */
export interface ContentRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(cb: (message: unknown, sender: { id?: string }) => Promise<unknown> | undefined): void;
    removeListener(cb: (message: unknown, sender: { id?: string }) => Promise<unknown> | undefined): void;
  };
}

/** Dependencies of one content-script instance. */
export interface ContentDeps {
  runtime: ContentRuntime;
  extract: ExtractApi;
  highlights: HighlightsApi;
  doc: Document;
  win: Window;
  /** Time budget of the page's copy in ms (default EXTRACT_BUDGET_MS; tests on a loaded machine raise it). */
  extractBudgetMs?: number;
}

/** A running content-script instance. */
export interface ContentInstance {
  /** False once the extension context is gone (a newer injection may then take over). */
  alive(): boolean;
  /** The current document id (changes on single-page-app navigation). */
  docId(): string;
  /** Removes our UI and listeners. */
  stop(): void;
}

/**
 * Time the page's copy may take: the gate's element count already refused giant pages, and this
 * runs at idle, but a slow phone-class CPU should still give up rather than make the page stutter.
 */
const EXTRACT_BUDGET_MS = 2_000;
/** Longest wait for an idle moment before extracting anyway. */
const IDLE_TIMEOUT_MS = 3_000;
/**
 * After a single-page-app navigation the new article is rendered asynchronously; waiting this long
 * (plus an idle moment) usually sees the new text rather than the old one or a spinner.
 */
const SPA_SETTLE_MS = 1_200;
/** URL polling interval (a string compare): cheap, and fast enough for a reader. */
const POLL_MS = 1_000;

/**
 * Lets the page run before the next step: `scheduler.yield()` where the browser has it (the
 * continuation runs ahead of other queued tasks, so the check is not starved), else a 0 ms timer.
 * Read as an own member of the window, so a page element named "scheduler" cannot stand in for it.
 */
function yieldToPage(win: Window): Promise<void> {
  const scheduler = ownMember<{ yield?: () => Promise<void> }>(win, 'scheduler');
  if (typeof scheduler?.yield === 'function') return scheduler.yield.call(scheduler);
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function newDocId(): string {
  const b = new Uint8Array(8);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function withoutHash(href: string): string {
  const i = href.indexOf('#');
  return i < 0 ? href : href.slice(0, i);
}

function isInvalidated(err: unknown): boolean {
  // "Receiving end does not exist" is not here: it is also transient (a worker being restarted).
  return /context invalidated/i.test(String((err as Error)?.message ?? err));
}

/** Starts the content script in a document. */
export function startContent(deps: ContentDeps): ContentInstance {
  const { runtime, doc, win } = deps;
  // The document's own AbortController: listener options must carry a signal of its realm.
  const abort = new ((viewOf(doc) as (Window & typeof globalThis) | null)?.AbortController ?? AbortController)();
  let docId = newDocId();
  let url = withoutHash(win.location.href);
  let running: Promise<boolean> | null = null;
  /** Document id of the last finished check (the idle-time check skips a document already checked on request). */
  let checkedDoc: string | null = null;
  let stopped = false;
  /** The URL poll's timer (set below, cleared by stop). */
  const timers: { poll?: ReturnType<typeof setInterval> } = {};

  function alive(): boolean {
    if (stopped) return false;
    try {
      // The id disappears from an orphaned script's runtime when the extension is reloaded.
      return !!runtime.id;
    } catch {
      return false;
    }
  }

  function stop(): void {
    if (stopped) return;
    stopped = true;
    abort.abort();
    if (timers.poll) clearInterval(timers.poll);
    runtime.onMessage.removeListener(onMessage);
    try {
      deps.highlights.hideHighlights(doc);
    } catch {
      // The page may have torn our marks out already.
    }
  }

  async function send<K extends keyof ContentToBackground>(type: K, payload: Parameters<ContentToBackground[K]>[0]): Promise<Result<unknown>> {
    if (!alive()) return fail('stopped');
    try {
      return ((await runtime.sendMessage({ type, payload })) as Result<unknown>) ?? fail('no reply');
    } catch (err) {
      if (isInvalidated(err) || !alive()) stop();
      return fail(String(err));
    }
  }

  /** Gate, extract and send, once per request; concurrent requests share the run. */
  function check(): Promise<boolean> {
    if (!running) {
      const forDoc = docId;
      const run: Promise<boolean> = (async () => {
        try {
          const gate = deps.extract.isArticleCandidate(doc, deps.extractBudgetMs ?? EXTRACT_BUDGET_MS);
          if (!gate.ok) {
            await send('articleSkipped', { docId: forDoc, reason: gate.reason ?? 'not an article' });
            return false;
          }
          // The gate's copy and its serialisation are two steps: the page gets the thread between them.
          await yieldToPage(win);
          if (forDoc !== docId || stopped || !gate.snapshot) return false; // navigated meanwhile: this copy is stale
          const cap = deps.extract.captureHtml(gate.snapshot);
          if (!cap.ok) {
            await send('articleSkipped', { docId: forDoc, reason: cap.reason });
            return false;
          }
          const reply = await send('pageCaptured', { docId: forDoc, html: cap.html });
          return reply.ok;
        } catch (err) {
          await send('articleSkipped', { docId: forDoc, reason: `extraction failed: ${String((err as Error)?.message ?? err).slice(0, 200)}` });
          return false;
        }
      })().finally(() => {
        // A navigation meanwhile may have started the next document's check: leave that one be.
        if (running === run) running = null;
        if (forDoc === docId) checkedDoc = forDoc;
      });
      running = run;
    }
    return running;
  }

  /**
   * Runs `fn` once the page is shown (not prerendering, not hidden) and the main thread is idle.
   * Document and window state is read through safe-dom.ts: `<form name="prerendering">` must not
   * keep the page "prerendering" for ever, nor `<img name="addEventListener">` stop us listening.
   */
  function whenVisibleAndIdle(fn: () => void, delayMs = 0): void {
    if (prerenderingOf(doc) === true) {
      listen(doc, 'prerenderingchange', () => whenVisibleAndIdle(fn, delayMs), { once: true, signal: abort.signal });
      return;
    }
    if (visibilityOf(doc) === 'hidden') {
      const onVis = () => {
        if (visibilityOf(doc) === 'hidden') return;
        unlisten(doc, 'visibilitychange', onVis);
        whenVisibleAndIdle(fn, delayMs);
      };
      listen(doc, 'visibilitychange', onVis, { signal: abort.signal });
      return;
    }
    const run = () => {
      if (stopped) return;
      const ric = ownMember<(cb: () => void, o?: { timeout: number }) => number>(win, 'requestIdleCallback');
      if (typeof ric === 'function') ric.call(win, () => !stopped && fn(), { timeout: IDLE_TIMEOUT_MS });
      else setTimeout(() => !stopped && fn(), 0);
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else run();
  }

  /** A new document in this page: the old report and highlights are void; check it anew after `delayMs`. */
  function newDocument(delayMs: number): void {
    docId = newDocId();
    running = null;
    try {
      deps.highlights.hideHighlights(doc);
    } catch {
      // Nothing drawn, or the page replaced the nodes.
    }
    void send('documentChanged', { docId }).then((r) => {
      if (r.ok) whenVisibleAndIdle(autoCheck, delayMs);
    });
  }

  /** A single-page-app navigation (the URL changed without a load). */
  function onUrlChange(): void {
    const next = withoutHash(win.location.href);
    if (next === url || stopped) return;
    url = next;
    newDocument(SPA_SETTLE_MS);
  }

  /**
   * Back/forward cache: the browser treats the restored page as a new navigation (the badge and
   * report were cleared), so it is checked again. Only the browser's own event counts.
   */
  function onPageShow(e: PageTransitionEvent): void {
    if (!e.isTrusted || !e.persisted || stopped) return;
    url = withoutHash(win.location.href);
    newDocument(0);
  }

  type Call = { [K in keyof BackgroundToContent]: { type: K; payload: Parameters<BackgroundToContent[K]>[0] } }[keyof BackgroundToContent];

  function onMessage(message: unknown, sender: { id?: string }): Promise<unknown> | undefined {
    // Only our own background talks to us (tabs.sendMessage); pages cannot reach this listener.
    if (sender?.id !== undefined && sender.id !== runtime.id) return undefined;
    const m = message as Call | null;
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return undefined;
    switch (m.type) {
      case 'extractArticle':
        return check().then((extracted) => ok({ docId, extracted }));
      case 'showHighlights': {
        if (m.payload?.docId !== docId) return Promise.resolve(fail('stale document'));
        try {
          return Promise.resolve(ok(deps.highlights.showHighlights(doc, m.payload.highlights ?? [])));
        } catch (err) {
          return Promise.resolve(fail(String(err)));
        }
      }
      case 'movePassage':
        try {
          return Promise.resolve(ok(deps.highlights.movePassage(doc, m.payload?.step === -1 ? -1 : 1)));
        } catch (err) {
          return Promise.resolve(fail(String(err)));
        }
      case 'hideHighlights':
        try {
          deps.highlights.hideHighlights(doc);
          return Promise.resolve(ok(null));
        } catch (err) {
          return Promise.resolve(fail(String(err)));
        }
      default:
        return undefined;
    }
  }

  runtime.onMessage.addListener(onMessage);

  // Single-page apps: Navigation API events where there are some (fast), plus a cheap URL poll,
  // because not every router's history.pushState reaches those events in every browser. The poll
  // also notices an orphaned script (extension reloaded) and stops it.
  // Only the browser's own Navigation object: where there is none, `<form id="navigation">` would
  // otherwise stand in for it (and page script could fire its events).
  const nav = ownMember<EventTarget>(win, 'navigation');
  if (nav) {
    listen(nav, 'navigatesuccess', onUrlChange, { signal: abort.signal });
    listen(nav, 'currententrychange', () => setTimeout(onUrlChange, 0), { signal: abort.signal });
  }
  timers.poll = setInterval(() => {
    if (!alive()) stop();
    else onUrlChange();
  }, POLL_MS);
  listen(win, 'popstate', onUrlChange, { signal: abort.signal });
  listen(win, 'pageshow', onPageShow as (e: Event) => void, { signal: abort.signal });

  function autoCheck(): void {
    if (checkedDoc !== docId) void check();
  }

  whenVisibleAndIdle(autoCheck);

  return { alive, docId: () => docId, stop };
}

/** The key of the running instance on the content script's global (an isolated-world global the page cannot see). */
export const INSTANCE_KEY = Symbol.for('provenance-lens.content');

/**
 * Starts the content script unless an instance already runs in this document (a second injection
 * does nothing); an instance orphaned by an extension reload is stopped and replaced.
 */
export function ensureContent(scope: object, start: () => ContentInstance): ContentInstance {
  const s = scope as { [INSTANCE_KEY]?: ContentInstance };
  const existing = s[INSTANCE_KEY];
  if (existing?.alive()) return existing;
  existing?.stop();
  const fresh = start();
  s[INSTANCE_KEY] = fresh;
  return fresh;
}
