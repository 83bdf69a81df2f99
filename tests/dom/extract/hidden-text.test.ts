/**
 * Text a reader cannot see is not the page's text: a scraper interleaves words hidden by CSS with a
 * copied article ("The board<span class=x> zebra</span> met ..."), which would break every run of
 * the copy's words. Where the browser can tell what is laid out (Element.checkVisibility), the
 * extraction leaves hidden elements of the body out; where it cannot (Node), it keeps them.
 *
 * jsdom lays nothing out, so checkVisibility is stood in for here by the same answer a browser
 * gives for these pages (no box under `display: none`, none for a `display: contents` wrapper);
 * tests/e2e checks the real thing in Chromium and Firefox.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
// @ts-ignore -- jsdom ships no types and @types/jsdom is not a dependency.
import { JSDOM } from 'jsdom';
import type { ArticleRecord } from '../../../src/core/types';

type Win = Window & typeof globalThis;
// The content script's realm: DOM interfaces on globalThis, as in an isolated world.
const realm = new JSDOM('<!doctype html><html><body></body></html>').window as Win;
for (const name of ['Node', 'Element', 'Document', 'EventTarget', 'HTMLElement', 'Text', 'CharacterData']) {
  (globalThis as Record<string, unknown>)[name] = (realm as unknown as Record<string, unknown>)[name];
}

/** What a browser's checkVisibility answers on these pages: false under `display: none` (a class or inline), and for a box-less `display: contents` element. */
function layoutStandIn(this: Element): boolean {
  return seenByLayout(this);
}
function seenByLayout(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const display = e.ownerDocument.defaultView!.getComputedStyle(e).display;
    if (e.classList.contains('sr-hide') || display === 'none') return false;
    if (e === el && display === 'contents') return false;
  }
  return true;
}

let extract: typeof import('../../../src/extract/index');
let engine: typeof import('../../../src/core/engine/analyze-article');
beforeAll(async () => {
  extract = await import('../../../src/extract/index');
  engine = await import('../../../src/core/engine/analyze-article');
});
afterEach(() => {
  delete (realm.Element.prototype as { checkVisibility?: unknown }).checkVisibility;
});

const SENTENCES = [
  'The harbour board voted on Monday to close the old ferry terminal at the end of the summer season.',
  'Board members said repairs to the pier would cost more than four million dollars over five years.',
  'Residents of the island have until the end of the month to comment on the plan at the town hall.',
  'The ferry company said its timetable would not change before the terminal closes in September.',
];
const JUNK = ['zebra', 'quartz', 'violin', 'maple'];

/** A page of the sentences, every fourth word followed by a hidden junk word when `hide` is set. */
function page(hide: boolean, extra = ''): string {
  let k = 0;
  const para = (s: string) =>
    `<p>${s
      .split(' ')
      .map((w, i) => (hide && i % 4 === 3 ? `${w}<span class="sr-hide"> ${JUNK[k++ % JUNK.length]}</span>` : w))
      .join(' ')}</p>`;
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Harbour board votes to close ferry terminal', datePublished: '2026-03-02T10:00:00Z' });
  return `<!doctype html><html lang="en"><head><title>Harbour board votes to close ferry terminal</title><style>.sr-hide{display:none}</style></head>
<body><article><h1>Harbour board votes to close ferry terminal</h1><script type="application/ld+json">${ld}</script>${extra}
${SENTENCES.map(para).join('\n')}${SENTENCES.map(para).join('\n')}</article></body></html>`;
}

function read(html: string, url: string): ArticleRecord {
  const doc = new JSDOM(html, { url }).window.document as Document;
  const r = extract.extractArticle(doc, { url, now: new Date('2026-03-03T00:00:00Z') });
  if (!r.ok) throw new Error(r.reason);
  return r.article;
}

describe('extraction leaves out what a reader cannot see, where the browser can tell', () => {
  it('drops words hidden by CSS between a copy\'s words, so the copy reads as word for word', () => {
    realm.Element.prototype.checkVisibility = layoutStandIn;
    const original = read(page(false), 'https://ledger.example/news/terminal');
    const copy = read(page(true), 'https://scraper.example/p/terminal');
    const text = copy.paragraphs.join(' ');
    for (const w of JUNK) expect(text).not.toContain(w);
    expect(copy.paragraphs).toEqual(original.paragraphs);
    // The page data inside the body (JSON-LD) is still read.
    expect(copy.publishedTime).toBe('2026-03-02T10:00:00.000Z');
    const report = engine.compareArticles({ ...copy, publishedTime: '2026-03-02T12:00:00Z' }, original);
    expect(report.verdict).toBe('verbatim-copy');
  });

  it('keeps a display: contents wrapper, whose children show though it has no box', () => {
    realm.Element.prototype.checkVisibility = layoutStandIn;
    const copy = read(page(false, '<div style="display: contents"><p>A wrapper paragraph that every reader of the page can see on the screen today.</p></div>'), 'https://scraper.example/p/wrapped');
    expect(copy.paragraphs.join(' ')).toContain('A wrapper paragraph that every reader');
  });

  it('keeps hidden blocks (a paywall\'s remaining paragraphs): only words hidden inside visible text are left out', () => {
    realm.Element.prototype.checkVisibility = layoutStandIn;
    // Its paragraphs' links and emphasis are hidden too, but inside hidden text: they stay with it.
    const copy = read(page(false, '<div class="sr-hide"><p>The rest of this article is <a href="/subscribe">for subscribers</a>, who can read <em>every paragraph</em> of it here.</p></div>'), 'https://ledger.example/news/paywalled');
    expect(copy.paragraphs.join(' ')).toContain('The rest of this article is for subscribers, who can read every paragraph of it here.');
  });

  it('keeps everything where nothing is laid out and no style reading is given: the hidden words stay', () => {
    const copy = read(page(true), 'https://scraper.example/p/terminal');
    expect(copy.paragraphs.join(' ')).toContain('zebra');
  });
});
