// @vitest-environment jsdom
/**
 * The content script's lifecycle in a jsdom document with a fake runtime: one check per document,
 * only when visible; answers only our background and only about the current document; follows a
 * single-page-app navigation; stops quietly when the extension context is invalidated; a second
 * injection does nothing; window.postMessage is ignored.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureContent, startContent, type ContentInstance, type ContentRuntime, type ExtractApi } from '../../../src/content/lifecycle';
import type { Highlight } from '../../../src/shared/messages';

const EXT_ID = 'ext-id';
type Listener = (m: unknown, s: { id?: string }) => Promise<unknown> | undefined;

/** The gate's copy of the page (a stand-in: the fake capture below only reads its title). */
function copyOf(): Document {
  const d = document.implementation.createHTMLDocument(`copy of ${location.pathname}`);
  return d;
}

function setup(opts: { isArticle?: boolean } = {}) {
  const sent: Array<{ type: string; payload: any }> = [];
  const listeners = new Set<Listener>();
  const runtime = {
    id: EXT_ID as string | undefined,
    getURL: (p: string) => `chrome-extension://${EXT_ID}/${p}`,
    sendMessage: vi.fn(async (m: any) => {
      sent.push(m);
      return { ok: true, value: m.type === 'pageCaptured' ? { highlightsOn: false } : null };
    }),
    onMessage: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
  };
  const extract: ExtractApi = {
    isArticleCandidate: vi.fn(() => (opts.isArticle === false ? { ok: false, reason: 'not an article (no long paragraphs)' } : { ok: true, snapshot: copyOf() })),
    captureHtml: vi.fn((snap: Document) => ({ ok: true as const, html: `<title>${snap.title}</title>` })),
  };
  const highlights = { showHighlights: vi.fn((_d: Document, h: Highlight[]) => ({ shown: h.length, missed: 0 })), hideHighlights: vi.fn(), movePassage: vi.fn(() => ({ index: 1, total: 1 })) };
  const call = async (type: string, payload: unknown, sender = { id: EXT_ID }) => {
    const replies = [...listeners].map((l) => l({ type, payload }, sender)).filter(Boolean);
    return replies.length ? await replies[0] : undefined;
  };
  const instance = () => startContent({ runtime: runtime as unknown as ContentRuntime, extract, highlights, doc: document, win: window });
  return { sent, listeners, runtime, extract, highlights, call, instance };
}

// On the prototype: the content script reads document state through the built-in accessors, so
// that page elements named "visibilityState" cannot answer for the browser (safe-dom.ts).
function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(Document.prototype, 'visibilityState', { get: () => state, configurable: true });
}

let running: ContentInstance | null = null;
beforeEach(() => {
  vi.useFakeTimers();
  history.replaceState(null, '', '/news/story-1');
  setVisibility('visible');
});
afterEach(() => {
  running?.stop();
  running = null;
  vi.useRealTimers();
});

describe('content lifecycle', () => {
  it('checks the page once and leaves nothing in the page that identifies the install', async () => {
    const t = setup();
    running = t.instance();
    // The extension id (in Firefox a per-install UUID) would let any site track the user.
    expect(document.documentElement.outerHTML).not.toContain(EXT_ID);
    expect(Object.keys(document.documentElement.dataset)).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.sent.map((m) => m.type)).toEqual(['pageCaptured']);
    // The capture of this document, and nothing else: its address is the tab's, read by the background.
    expect(t.sent[0].payload).toEqual({ docId: running.docId(), html: '<title>copy of /news/story-1</title>' });
  });

  it('lets the page run between the gate and the capture, and captures the copy the gate made', async () => {
    const t = setup();
    const copy = document.implementation.createHTMLDocument('copy');
    const order: string[] = [];
    vi.mocked(t.extract.isArticleCandidate).mockImplementation(() => {
      order.push('gate');
      // A task the page queues while the gate runs: it must not wait for the capture.
      setTimeout(() => order.push('page task'), 0);
      return { ok: true, snapshot: copy };
    });
    vi.mocked(t.extract.captureHtml).mockImplementationOnce(() => {
      order.push('capture');
      return { ok: true as const, html: '<p>copy</p>' };
    });
    running = t.instance();
    await vi.advanceTimersByTimeAsync(50);
    expect(order).toEqual(['gate', 'page task', 'capture']);
    expect(vi.mocked(t.extract.captureHtml).mock.calls[0][0]).toBe(copy);
    expect(t.sent.map((m) => m.type)).toEqual(['pageCaptured']);
  });

  it('drops a check whose content script stopped while the page had the thread', async () => {
    const t = setup();
    vi.mocked(t.extract.isArticleCandidate).mockImplementation(() => {
      queueMicrotask(() => running?.stop());
      return { ok: true, snapshot: copyOf() };
    });
    running = t.instance();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.extract.isArticleCandidate).toHaveBeenCalledTimes(1);
    expect(t.extract.captureHtml).not.toHaveBeenCalled();
    expect(t.sent).toEqual([]);
  });

  it('reports a page that is not an article', async () => {
    const t = setup({ isArticle: false });
    running = t.instance();
    await vi.advanceTimersByTimeAsync(50);
    expect(t.sent).toEqual([{ type: 'articleSkipped', payload: { docId: running.docId(), reason: 'not an article (no long paragraphs)' } }]);
    expect(t.extract.captureHtml).not.toHaveBeenCalled();
  });

  it('waits while the page is hidden (a background tab) and checks when it is shown', async () => {
    setVisibility('hidden');
    const t = setup();
    running = t.instance();
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.sent).toEqual([]);
    setVisibility('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(50);
    expect(t.sent.map((m) => m.type)).toEqual(['pageCaptured']);
  });

  it('answers extractArticle after the background has the article, without a second automatic check', async () => {
    const t = setup();
    running = t.instance();
    // The check yields to the page between its steps (a timer here), so time has to pass.
    const answer = t.call('extractArticle', {});
    await vi.advanceTimersByTimeAsync(10);
    expect(await answer).toEqual({ ok: true, value: { docId: running.docId(), extracted: true } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.sent.map((m) => m.type)).toEqual(['pageCaptured']);
  });

  it('draws highlights only for the current document', async () => {
    const t = setup();
    running = t.instance();
    const hl: Highlight[] = [{ id: 'r0', kind: 'verbatim', selector: { exact: 'x', prefix: '', suffix: '', start: 0, end: 1 }, card: { sentence: null, outlet: null, date: null, url: null, title: null, rating: null } }];
    expect(await t.call('showHighlights', { docId: 'old-doc', highlights: hl })).toEqual({ ok: false, error: 'stale document' });
    expect(t.highlights.showHighlights).not.toHaveBeenCalled();
    expect(await t.call('showHighlights', { docId: running.docId(), highlights: hl })).toEqual({ ok: true, value: { shown: 1, missed: 0 } });
    expect(await t.call('hideHighlights', {})).toEqual({ ok: true, value: null });
    expect(t.highlights.hideHighlights).toHaveBeenCalledOnce();
  });

  it('ignores calls from other senders and anything posted by the page', async () => {
    const t = setup();
    running = t.instance();
    await vi.advanceTimersByTimeAsync(50);
    expect(await t.call('hideHighlights', {}, { id: 'another-extension' })).toBeUndefined();
    window.postMessage({ type: 'extractArticle', payload: {} }, '*');
    window.postMessage({ type: 'showHighlights', payload: { docId: running.docId(), highlights: [] } }, '*');
    await vi.advanceTimersByTimeAsync(100);
    expect(t.highlights.hideHighlights).not.toHaveBeenCalled();
    expect(t.highlights.showHighlights).not.toHaveBeenCalled();
    expect(t.sent).toHaveLength(1);
  });

  it('follows a single-page-app navigation: new document id, stale highlights dropped, re-check', async () => {
    const t = setup();
    running = t.instance();
    await vi.advanceTimersByTimeAsync(50);
    const firstDoc = running.docId();
    history.pushState(null, '', '/news/story-2');
    await vi.advanceTimersByTimeAsync(1100); // URL poll (jsdom has no Navigation API)
    expect(running.docId()).not.toBe(firstDoc);
    expect(t.highlights.hideHighlights).toHaveBeenCalled();
    expect(t.sent[1]).toEqual({ type: 'documentChanged', payload: { docId: running.docId() } });
    await vi.advanceTimersByTimeAsync(3000);
    expect(t.sent.map((m) => m.type)).toEqual(['pageCaptured', 'documentChanged', 'pageCaptured']);
    expect(t.sent[2].payload.html).toBe('<title>copy of /news/story-2</title>');
    // A hash change is not a new document.
    location.hash = 'comments';
    await vi.advanceTimersByTimeAsync(3000);
    expect(t.sent).toHaveLength(3);
  });

  it('stops quietly when the extension context is invalidated', async () => {
    const t = setup();
    t.runtime.sendMessage.mockRejectedValue(new Error('Extension context invalidated.'));
    running = t.instance();
    await vi.advanceTimersByTimeAsync(50);
    expect(running.alive()).toBe(false);
    expect(t.listeners.size).toBe(0);
    expect(t.highlights.hideHighlights).toHaveBeenCalled();
    history.pushState(null, '', '/news/story-3');
    await vi.advanceTimersByTimeAsync(3000);
    expect(t.runtime.sendMessage).toHaveBeenCalledTimes(1);
  });

  it('a second injection does nothing; after an extension reload the new one takes over', async () => {
    const scope = {};
    const t = setup();
    const first = ensureContent(scope, t.instance);
    const again = ensureContent(scope, t.instance);
    expect(again).toBe(first);
    await vi.advanceTimersByTimeAsync(50);
    expect(t.sent).toHaveLength(1);
    expect(t.listeners.size).toBe(1);

    t.runtime.id = undefined; // the old context is gone
    const t2 = setup();
    running = ensureContent(scope, t2.instance);
    expect(running).not.toBe(first);
    expect(t.listeners.size).toBe(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(t2.sent.map((m) => m.type)).toEqual(['pageCaptured']);
  });
});

describe('back/forward cache', () => {
  it('checks a page restored from the back/forward cache again, and ignores a forged pageshow', async () => {
    const t = setup();
    running = t.instance();
    await vi.advanceTimersByTimeAsync(50);
    const first = running.docId();
    // A page script can dispatch its own pageshow; it is not trusted and changes nothing.
    const forged = new Event('pageshow') as Event & { persisted?: boolean };
    Object.defineProperty(forged, 'persisted', { value: true });
    window.dispatchEvent(forged);
    await vi.advanceTimersByTimeAsync(50);
    expect(running.docId()).toBe(first);
    expect(t.sent).toHaveLength(1);
  });
});
