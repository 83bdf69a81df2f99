/**
 * The hostile page corpus (hostile-pages.ts, 200+ generated pages) through the real content
 * script: startContent with a fake runtime on each page (gate, capture, the message to the
 * background, and the background's extraction of the capture), then its showHighlights call, a hover card opened, the page's own
 * attack on our marks, and hideHighlights. For every page: no script runs, nothing that identifies
 * the install or comes from the reading history is readable by the page, and the work is bounded.
 *
 * jsdom implements no named properties, so DOM clobbering is emulated the way browsers do it:
 * `document.<name>` and `form.<name>` answer with the named element (as own properties, as on
 * Chrome's legacy platform objects), window names sit on the window's prototype chain. The
 * content script reads through the DOM interfaces of its own realm (safe-dom.ts); here that realm
 * is a bootstrap jsdom window whose interfaces are put on globalThis before the modules load.
 * Pages that shadow the extension globals of the content script's own world (`worldClobbers`,
 * Chromium's isolated world made after the page was parsed) get a global whose prototype answers
 * those names with the page's elements: the content script must find no API there
 * (src/platform/content-runtime.ts) and run through its relay (src/content/relay.ts), driven here
 * as the background drives it (take, settle, deliver).
 * The real thing runs in Chromium and Firefox in tests/e2e/hostile-pages.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-ignore -- jsdom ships no types and @types/jsdom is not a dependency.
import { JSDOM } from 'jsdom';
import type { Highlight } from '../../../src/shared/messages';
import { quoteSelector } from '../../../src/shared/selectors';
import { hostilePages, TRIPWIRE, type Clobber, type HostilePage } from './hostile-pages';
import { english } from '../../helpers/messages';

type Win = Window & typeof globalThis & { [TRIPWIRE]?: { calls?: number } };

// The content script's realm: DOM interfaces on globalThis, as in an isolated world.
const realm = new JSDOM('<!doctype html><html><body></body></html>').window as Win;
for (const name of ['Node', 'Element', 'Document', 'EventTarget', 'HTMLElement', 'Text', 'CharacterData']) {
  (globalThis as Record<string, unknown>)[name] = (realm as unknown as Record<string, unknown>)[name];
}

let content: typeof import('../../../src/content/lifecycle');
let capture: typeof import('../../../src/extract/capture-page');
let fromHtml: typeof import('../../../src/extract/from-html');
let highlights: typeof import('../../../src/content/highlights/index');
let contentRuntime: typeof import('../../../src/platform/content-runtime').contentRuntime;
let relays: typeof import('../../../src/content/relay');
beforeAll(async () => {
  content = await import('../../../src/content/lifecycle');
  contentRuntime = (await import('../../../src/platform/content-runtime')).contentRuntime;
  relays = await import('../../../src/content/relay');
  capture = await import('../../../src/extract/capture-page');
  fromHtml = await import('../../../src/extract/from-html');
  highlights = await import('../../../src/content/highlights/index');
});

/** The extension id the fake runtime has: must never appear in a page. */
const INSTALL_ID = 'install-5f0c9d2e-83aa-4c1b-9e77-0d1f2a3b4c5d';
/** Strings from the "reading history" the cards carry: must never be readable by the page. */
const SECRET_SENTENCE = 'HISTORY-SENTENCE read on another site by this reader';
const SECRET_OUTLET = 'HISTORY-OUTLET Gazette';
const SECRET_URL = 'https://history-source.example/private-read';
/** A generous cap on one page's whole run (the point is that nothing loops or explodes). */
const CAP_MS = 20_000;
/** Accesses to one emulated named property after which the page is looping us. */
const MAX_ACCESSES = 100_000;

// jsdom's own selector engine reads `localName` from element wrappers (browsers match selectors
// natively): emulating that name on a form breaks jsdom itself, so only the browsers test it
// (tests/e2e/hostile-pages.test.ts).
const JSDOM_READS = new Set(['form.localName', 'document.createTreeWalker']);

/** Makes the page's named properties visible as a browser would (see the file comment). */
function emulateClobbering(win: Win, clobbers: Clobber[]): void {
  const doc = win.document;
  for (const c of clobbers) {
    if (JSDOM_READS.has(`${c.on}.${c.name}`)) continue;
    let reads = 0;
    const counted = <T>(value: T) => () => {
      if (++reads > MAX_ACCESSES) throw new Error(`named property ${c.on}.${c.name} read ${MAX_ACCESSES} times: a loop`);
      return value;
    };
    if (c.on === 'document') {
      const named = doc.querySelector(`[name="${c.name}"]`);
      // [LegacyUnforgeable] members (`location`) cannot be shadowed, in browsers either.
      if (Object.getOwnPropertyDescriptor(doc, c.name)?.configurable === false) continue;
      Object.defineProperty(doc, c.name, { get: counted(named), configurable: true });
    } else if (c.on === 'form') {
      const form = doc.getElementById('page-form')!;
      const control = form.querySelector(`[name="${c.name}"]`);
      Object.defineProperty(form, c.name, { get: counted(control), configurable: true });
    } else if (!(c.name in win)) {
      // Window names only show where the window has no such member (WindowProperties).
      Object.defineProperty(Object.getPrototypeOf(win), c.name, { get: counted(doc.getElementById(c.name)), configurable: true });
    }
  }
}

// The test reads the page through the realm's prototypes too: the emulated named properties
// would answer for `doc.documentElement` or `doc.querySelectorAll` otherwise.
const DocProto = realm.Document.prototype;
const read = <T>(name: string, doc: Document): T => Object.getOwnPropertyDescriptor(DocProto, name)!.get!.call(doc) as T;
/** The page's markup as the browser holds it. */
const markup = (doc: Document) => read<HTMLElement>('documentElement', doc).outerHTML;
/** `doc.querySelectorAll(sel)`, unclobbered. */
const all = (doc: Document, sel: string) => Array.from(DocProto.querySelectorAll.call(doc, sel) as NodeListOf<HTMLElement>);

/** Everything page script can read of the DOM: markup, open shadow roots, attributes, title. */
function pageVisible(doc: Document): string {
  const parts = [markup(doc), read<string>('title', doc)];
  for (const el of all(doc, '*')) {
    if (el.shadowRoot) parts.push(el.shadowRoot.innerHTML);
  }
  return parts.join('\n');
}

interface Run {
  sent: Array<{ type: string; payload: any }>;
  call: (type: string, payload: unknown) => Promise<any>;
  stop: () => void;
}

/**
 * The content script's own global when the page's elements stand for `names` on it (see the file
 * comment): `<form id=x>`, `<img name=x>`, `<embed id=x>`, a frame's window for `<iframe name=x>`.
 */
function clobberedWorld(doc: Document, names: string[]): object {
  const named: Record<string, PropertyDescriptor> = {};
  for (const name of names) {
    const el = all(doc, `[id="${name}"], [name="${name}"]`)[0];
    named[name] = { get: () => (el instanceof realm.HTMLIFrameElement || el?.localName === 'iframe' ? (el as HTMLIFrameElement).contentWindow : el), configurable: true };
  }
  return Object.create(Object.create(Object.prototype, named));
}

/**
 * The runtime the content script takes in a world shadowed by `worldClobbers` (none: the relay),
 * with the background's side of the relay: every message taken and answered as the fake runtime
 * answers, calls delivered through it.
 */
function relayRuntime(doc: Document, names: string[], answer: (m: any) => unknown) {
  const scope = clobberedWorld(doc, names);
  // The page's elements are there, and none passes for the API.
  for (const name of names) expect(Reflect.get(scope, name)).toBeTruthy();
  expect(contentRuntime(scope)).toBeNull();
  const runtime = relays.createRelay(scope);
  const relay = (scope as Record<symbol, import('../../../src/content/relay').Relay>)[relays.RELAY_KEY];
  let open = true;
  void (async () => {
    while (open) {
      for (const { n, message } of await relay.take(20)) relay.settle(n, answer(message));
    }
  })();
  return { runtime, call: (m: unknown) => relay.deliver(m).then((r) => r.reply), close: () => (open = false) };
}

/** Starts the content script on the page with a fake runtime; resolves once it reported the page. */
async function startOn(win: Win, worldClobbers?: string[]): Promise<Run> {
  const sent: Array<{ type: string; payload: any }> = [];
  const listeners = new Set<(m: unknown, s: { id?: string }) => Promise<unknown> | undefined>();
  let reported!: () => void;
  const done = new Promise<void>((r) => (reported = r));
  const answer = (m: any) => {
    sent.push(m);
    if (m.type === 'pageCaptured' || m.type === 'articleSkipped') reported();
    return { ok: true, value: null };
  };
  const relayed = worldClobbers && relayRuntime(win.document, worldClobbers, answer);
  const runtime = relayed
    ? relayed.runtime
    : {
        id: INSTALL_ID,
        sendMessage: async (m: any) => answer(m),
        onMessage: { addListener: (l: any) => listeners.add(l), removeListener: (l: any) => listeners.delete(l) },
      };
  const instance = content.startContent({
    runtime,
    extract: { isArticleCandidate: capture.isArticleCandidate, captureHtml: capture.captureHtml },
    highlights: { showHighlights: (d, hs) => highlights.showHighlights(d, hs, english), hideHighlights: highlights.hideHighlights, movePassage: highlights.movePassage },
    doc: win.document,
    win,
    // Results must not depend on how loaded the test machine is; CAP_MS bounds the work instead.
    extractBudgetMs: CAP_MS,
  });
  await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error('the content script never reported the page')), CAP_MS))]);
  const call = async (type: string, payload: unknown) => {
    if (relayed) return relayed.call({ type, payload });
    for (const l of listeners) {
      const r = l({ type, payload }, { id: INSTALL_ID });
      if (r) return r;
    }
    return undefined;
  };
  return {
    sent,
    call,
    stop: () => {
      instance.stop();
      if (relayed) relayed.close();
    },
  };
}

/** Highlights the background would send: a reuse of the first long paragraph, a claim in the second. */
function highlightsFor(paragraphs: string[]): Highlight[] {
  const text = paragraphs.join('\n\n');
  const card = { sentence: SECRET_SENTENCE, outlet: SECRET_OUTLET, date: '2026-01-02T10:00:00Z', url: SECRET_URL, title: 'HISTORY-TITLE', rating: null };
  const out: Highlight[] = [];
  const long = paragraphs.filter((p) => p.length >= 60).slice(0, 2);
  long.forEach((p, i) => {
    const start = text.indexOf(p);
    out.push({ id: `h${i}`, kind: i === 0 ? 'verbatim' : 'claim', selector: quoteSelector(text, start, start + Math.min(p.length, 120)), card: { ...card, rating: i ? 'False' : null } });
  });
  return out;
}

/** Where each hostile page is served (the background reads the tab's address, not the page's word). */
const URL_OF_PAGE = 'https://hostile.example/news/story';

// Page attacks that take our marks out of the page: the page then cannot be compared afterwards.
const DESTRUCTIVE = new Set(['mutation/remove-marks', 'mutation/move-marks', 'mutation/unwrap-text', 'mutation/replace-body']);

async function runPage(page: HostilePage): Promise<void> {
  const started = performance.now();
  const win = new JSDOM(page.html, { runScripts: 'dangerously', url: URL_OF_PAGE }).window as Win;
  const doc = win.document;
  // The tripwire exists (the page's own script ran) and nothing called it while parsing.
  if (page.html.includes(`window.${TRIPWIRE} = function`)) expect(typeof win[TRIPWIRE]).toBe('function');
  expect(win[TRIPWIRE]?.calls ?? 0).toBe(0);
  if (page.clobbers) emulateClobbering(win, page.clobbers);
  const before = markup(doc);

  const run = await startOn(win, page.worldClobbers);
  const report = run.sent.find((m) => m.type === 'pageCaptured' || m.type === 'articleSkipped')!;
  // The background's half: the article extracted from the capture, as pageCaptured does it.
  const extracted = report.type === 'pageCaptured' ? fromHtml.extractHtml(report.payload.html, { url: URL_OF_PAGE, captured: true }) : null;
  const refusal = report.type === 'articleSkipped' ? report.payload.reason : extracted && !extracted.ok ? extracted.reason : null;
  if (page.expect === 'article') {
    expect(refusal, page.id).toBeNull();
  } else if (page.expect !== 'any') {
    expect(refusal).toMatch(page.expect.refused);
  }
  // Capturing read the page and left it as it was.
  expect(markup(doc)).toBe(before);

  if (extracted?.ok) {
    const article = extracted.article;
    // Page text stays text: a payload in the page is in the record as the characters it was.
    for (const p of article.paragraphs as string[]) expect(typeof p).toBe('string');
    if (page.clobbers) {
      // Clobbering changes nothing: the same page without the browser's named properties, through
      // the same gate, capture and extraction, reads the same.
      const gate = capture.isArticleCandidate(new JSDOM(page.html, { url: URL_OF_PAGE }).window.document);
      const html = gate.snapshot && capture.captureHtml(gate.snapshot);
      const twin = html && html.ok ? fromHtml.extractHtml(html.html, { url: URL_OF_PAGE, captured: true }) : null;
      expect(twin?.ok && { title: twin.article.title, byline: twin.article.byline, paragraphs: twin.article.paragraphs }).toEqual({
        title: article.title,
        byline: article.byline,
        paragraphs: article.paragraphs,
      });
    }
    const hs = highlightsFor(article.paragraphs);
    const shown = await run.call('showHighlights', { docId: report.payload.docId, highlights: hs });
    expect(shown.ok, JSON.stringify(shown)).toBe(true);
    if (page.expect === 'article' && hs.length) expect(shown.value.shown, page.id).toBeGreaterThan(0);
    const marks = all(doc, 'pl-mark');
    for (const m of marks) {
      expect(['reuse', 'claim']).toContain(m.getAttribute('data-pl-kind'));
      for (const prop of ['display', 'position', 'padding', 'transform', 'font-size', 'width', 'height']) expect(m.style.getPropertyPriority(prop)).toBe('important');
    }
    if (marks.length) {
      const host = highlights.openCard(marks[0])!;
      expect(host.shadowRoot).toBeNull();
      expect(highlights.cardRoot(host)!.textContent).toContain(SECRET_SENTENCE);
    }
    // Nothing from the reading history, nothing that identifies the install, readable by the page.
    const visible = pageVisible(doc);
    for (const secret of ['HISTORY-', 'history-source', INSTALL_ID, 'install-']) expect(visible, page.id).not.toContain(secret);

    if (page.afterHighlight) {
      const attrsOf = (m: HTMLElement) => Array.from(m.attributes, (a) => `${a.name}=${a.value}`).filter((a) => !a.startsWith('style=')).sort();
      const drawn = marks.map((m) => ({ m, attrs: attrsOf(m) }));
      page.afterHighlight(doc);
      await new Promise((r) => setTimeout(r, 0)); // mutation observers run
      for (const { m, attrs } of drawn) {
        if (!m.isConnected) continue;
        expect(attrsOf(m)).toEqual(attrs);
        expect(m.style.getPropertyValue('padding')).toMatch(/^0(px)?$/);
        expect(m.style.getPropertyPriority('position')).toBe('important');
      }
    }
    highlights.closeCard(doc);
    await run.call('hideHighlights', {});
    if (!DESTRUCTIVE.has(page.id)) expect(markup(doc)).toBe(before);
  }
  run.stop();
  expect(pageVisible(doc)).not.toContain(INSTALL_ID);
  // No script ran: not the page's payloads, not anything we built.
  expect(win[TRIPWIRE]?.calls ?? 0).toBe(0);
  expect(performance.now() - started).toBeLessThan(CAP_MS);
  win.close();
}

const PAGES = hostilePages();

describe('the hostile page corpus', () => {
  it('has at least 200 pages in every family, with unique ids', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(PAGES.map((p) => p.id)).size).toBe(PAGES.length);
    const families = new Set(PAGES.map((p) => p.family));
    expect([...families].sort()).toEqual(['bidi', 'clobber-document', 'clobber-form', 'clobber-window', 'comments', 'encoding', 'mutation', 'script-text', 'size', 'style']);
  });

  for (const family of [...new Set(PAGES.map((p) => p.family))]) {
    describe(family, () => {
      for (const page of PAGES.filter((p) => p.family === family)) {
        it(page.id, () => runPage(page), CAP_MS * 2);
      }
    });
  }
});
