import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// @ts-ignore -- jsdom ships no types and @types/jsdom is not a dependency; only new JSDOM(html).window is used.
import { JSDOM } from 'jsdom';
import { cardRoot, closeCard, hideHighlights, markRoot, movePassage, openCard, showHighlights } from '../../../src/content/highlights/index';
import { quoteSelector } from '../../../src/shared/selectors';
import type { Highlight, HighlightKind } from '../../../src/shared/messages';
import { english } from '../../helpers/messages';

// The article text as Readability would give it (paragraphs joined by blank lines).
const PARAS = [
  'The city council voted 7 to 2 on Tuesday to close the Harbor Street bridge for repairs.',
  'Engineers found “significant corrosion” in the bridge’s steel supports during a routine inspection in March.',
  'The closure is expected to last eight months, officials said.',
];
const ARTICLE = PARAS.join('\n\n');

// The live page: different whitespace, curly quotes, an inline link and a footnote, a nav and a script.
const PAGE = `<!doctype html><html><head><title>t</title></head><body>
<nav><a href="/">Home</a> <a href="/city">City</a></nav>
<article>
  <h1>Bridge to close</h1>
  <p>The city   council voted 7 to 2 on <em>Tuesday</em> to close the
     Harbor Street bridge for repairs.</p>
  <p>Engineers found "significant corrosion" in the bridge's <a href="/steel">steel supports</a> during a routine inspection in March.</p>
  <script>var x = "The closure is expected";</script>
  <p>The closure is expected to last eight months, officials said.</p>
</article>
<footer>The closure is expected to last eight months, officials said.</footer>
</body></html>`;

function hl(id: string, kind: HighlightKind, sentence: string): Highlight {
  const start = ARTICLE.indexOf(sentence);
  if (start < 0) throw new Error('bad fixture');
  return {
    id,
    kind,
    selector: quoteSelector(ARTICLE, start, start + sentence.length),
    card: { sentence: `Source says: ${sentence}`, outlet: 'The Harbor Ledger', date: '2026-11-20T09:00:00Z', url: 'https://ledger.example/bridge', title: 'Bridge closing', rating: null },
  };
}

function page() {
  const dom = new JSDOM(PAGE) as { window: Window };
  return dom.window.document;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('showHighlights / hideHighlights', () => {
  it('anchors quotes despite whitespace, typographic quotes and inline elements', () => {
    const doc = page();
    const res = showHighlights(doc, [hl('a', 'verbatim', PARAS[0]), hl('b', 'paraphrase', PARAS[1])], english);
    expect(res).toEqual({ shown: 2, missed: 0 });
    const a = [...doc.querySelectorAll('pl-mark[data-pl-id="a"]')].map((m) => m.textContent).join('');
    expect(a.replace(/\s+/g, ' ')).toBe(PARAS[0]);
    const b = [...doc.querySelectorAll('pl-mark[data-pl-id="b"]')];
    expect(b.map((m) => m.textContent).join('')).toBe(`Engineers found "significant corrosion" in the bridge's steel supports during a routine inspection in March.`);
    for (const m of doc.querySelectorAll('pl-mark')) {
      expect(m.getAttribute('tabindex')).toBe('0');
      // The page learns that a passage was found elsewhere, not how it was reused (reading history).
      expect(m.getAttribute('data-pl-kind')).toBe('reuse');
    }
  });

  it('gives each kind its own look (class, underline, glyph) in a closed root; the page sees one mark for every kind of reuse', () => {
    const doc = page();
    const syndicated = hl('b', 'verbatim', PARAS[1]);
    syndicated.card = { ...syndicated.card, credit: 'syndicated' };
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0]), syndicated, hl('c', 'paraphrase', PARAS[2])], english);
    const marks = [...doc.querySelectorAll('pl-mark')] as HTMLElement[];
    const looks = new Map<string, string[]>();
    const glyphs = new Map<string, string[]>();
    for (const m of marks) {
      // Closed: page script cannot open it, and cannot attach its own.
      expect(m.shadowRoot).toBeNull();
      const root = markRoot(m)!;
      const id = m.getAttribute('data-pl-id')!;
      looks.set(id, [...(looks.get(id) ?? []), root.querySelector('.m')!.className]);
      glyphs.set(id, [...(glyphs.get(id) ?? []), root.querySelector('.g')?.textContent ?? '']);
      // The page's text stays in the page's DOM, slotted: nothing of ours in its text.
      expect(root.querySelector('slot')).not.toBeNull();
    }
    expect(new Set(looks.get('a'))).toEqual(new Set(['m k-copy']));
    expect(new Set(looks.get('b'))).toEqual(new Set(['m k-credited']));
    expect(new Set(looks.get('c'))).toEqual(new Set(['m k-rewrite']));
    // One glyph per passage, on its first element (passage b is split by an inline link).
    expect(glyphs.get('b')!.length).toBeGreaterThan(1);
    expect(glyphs.get('b')![0]).toBe('✓');
    expect(glyphs.get('b')!.slice(1).every((g) => g === '')).toBe(true);
    expect([glyphs.get('a')![0], glyphs.get('c')![0]]).toEqual(['=', '≈']);
    // What the page can read of a mark is the same for a scrape and a licensed copy.
    const visible = (m: Element) => Array.from(m.attributes, (a) => `${a.name}=${a.value}`).filter((a) => !a.startsWith('data-pl-id=')).sort();
    expect(new Set(marks.map((m) => visible(m).join(' '))).size).toBe(1);
    expect(doc.documentElement.outerHTML).not.toMatch(/k-(copy|credited|rewrite)/);
  });

  it('quotations and claims have their own looks too, and a nested mark draws no second tint', () => {
    const doc = page();
    const overlap: Highlight = { ...hl('o', 'claim', PARAS[1]), selector: quoteSelector(ARTICLE, ARTICLE.indexOf('significant'), ARTICLE.indexOf('during')) };
    showHighlights(doc, [hl('q', 'quote', PARAS[0]), hl('b', 'paraphrase', PARAS[1]), overlap], english);
    const cls = (sel: string) => markRoot(doc.querySelector(sel) as HTMLElement)!.querySelector('.m')!.className;
    expect(cls('pl-mark[data-pl-id="q"]')).toBe('m k-quotation');
    const inner = doc.querySelector('pl-mark pl-mark') as HTMLElement;
    expect(inner).not.toBeNull();
    expect(markRoot(inner)!.querySelector('.m')!.className).toMatch(/ nested$/);
  });

  it('uses the context to pick the article sentence, not the repeated footer text', () => {
    const doc = page();
    showHighlights(doc, [hl('c', 'claim', PARAS[2])], english);
    const marks = doc.querySelectorAll('pl-mark[data-pl-id="c"]');
    expect(marks.length).toBe(1);
    expect(marks[0].closest('article')).not.toBeNull();
    expect(doc.querySelector('script')!.textContent).toBe('var x = "The closure is expected";');
  });

  it('counts quotes that are not on the page as missed', () => {
    const doc = page();
    const missing: Highlight = { ...hl('z', 'verbatim', PARAS[0]), selector: { exact: 'A sentence that is nowhere on this page at all.', prefix: '', suffix: '', start: 0, end: 10 } };
    expect(showHighlights(doc, [missing, hl('a', 'verbatim', PARAS[0])], english)).toEqual({ shown: 1, missed: 1 });
  });

  it('restores the page DOM exactly, including overlapping and nested highlights', () => {
    const doc = page();
    const before = doc.body.outerHTML;
    const textNodesBefore = doc.body.querySelectorAll('p').length;
    const overlap: Highlight = { ...hl('o', 'claim', PARAS[1]), selector: quoteSelector(ARTICLE, ARTICLE.indexOf('significant'), ARTICLE.indexOf('during')) };
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0]), hl('b', 'paraphrase', PARAS[1]), overlap, hl('c', 'quote', PARAS[2])], english);
    expect(doc.body.outerHTML).not.toBe(before);
    expect(doc.querySelectorAll('pl-mark pl-mark').length).toBeGreaterThan(0);
    hideHighlights(doc);
    expect(doc.body.outerHTML).toBe(before);
    expect(doc.body.querySelectorAll('p').length).toBe(textNodesBefore);
    // Split text nodes are merged back: each paragraph has as many child nodes as before.
    const fresh = page();
    const counts = (d: Document) => [...d.body.querySelectorAll('p, em, a')].map((e) => e.childNodes.length);
    expect(counts(doc)).toEqual(counts(fresh));
    expect(doc.querySelector('pl-card')).toBeNull();
  });

  it('showing twice replaces the first set rather than nesting it', () => {
    const doc = page();
    const before = doc.body.outerHTML;
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0])], english);
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0])], english);
    expect(doc.querySelectorAll('pl-mark pl-mark').length).toBe(0);
    hideHighlights(doc);
    expect(doc.body.outerHTML).toBe(before);
  });

  it('opens a card in a closed shadow root with the source sentence, outlet and a safe link', () => {
    const doc = page();
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0])], english);
    const mark = doc.querySelector('pl-mark') as HTMLElement;
    const card = openCard(mark)!;
    expect(card.tagName.toLowerCase()).toBe('pl-card');
    // Page script cannot reach the card's text (it comes from the reading history).
    expect(card.shadowRoot).toBeNull();
    expect(doc.documentElement.outerHTML).not.toContain('Source says');
    const text = cardRoot(card)!.textContent!;
    expect(text).toContain(`Source says: ${PARAS[0]}`);
    expect(text).toContain('The Harbor Ledger');
    const link = cardRoot(card)!.querySelector('a')!;
    expect(link.href).toBe('https://ledger.example/bridge');
    expect(link.rel).toBe('noopener noreferrer');
  });

  it('gives right-to-left source text its own direction inside the English card', () => {
    const doc = page();
    const h = hl('a', 'verbatim', PARAS[0]);
    h.card = { ...h.card, sentence: 'صوّت المجلس البلدي يوم الثلاثاء على إغلاق الجسر.', outlet: 'بريد الميناء', title: 'إغلاق الجسر' };
    showHighlights(doc, [h], english);
    const root = cardRoot(openCard(doc.querySelector('pl-mark') as HTMLElement)!)!;
    const sentence = [...root.querySelectorAll('p')].find((p) => p.textContent === h.card.sentence)!;
    expect(sentence.getAttribute('dir')).toBe('auto');
    // The outlet name is isolated inside the English heading, so its letters do not reorder the words around it.
    expect(root.querySelector('.kind bdi')?.textContent).toBe('بريد الميناء');
    expect(root.querySelector('a')?.getAttribute('dir')).toBe('auto');
    expect(root.querySelector('a')?.textContent).toBe('إغلاق الجسر');
  });

  it('the passage shortcut moves focus through the passages in reading order, round the end, opening each card', () => {
    const doc = page();
    expect(movePassage(doc, 1)).toBeNull();
    // Sent out of reading order, as a report may list them.
    showHighlights(doc, [hl('c', 'paraphrase', PARAS[2]), hl('a', 'verbatim', PARAS[0]), hl('b', 'quote', PARAS[1])], english);
    const focusedId = () => (doc.activeElement as Element | null)?.getAttribute('data-pl-id');
    const cardText = () => cardRoot(doc.querySelector('pl-card')!)!.textContent!;
    expect(movePassage(doc, 1)).toEqual({ index: 1, total: 3 });
    expect(focusedId()).toBe('a');
    expect(cardText()).toContain(`Source says: ${PARAS[0]}`);
    expect(movePassage(doc, 1)).toEqual({ index: 2, total: 3 });
    expect(focusedId()).toBe('b');
    expect(movePassage(doc, 1)).toEqual({ index: 3, total: 3 });
    expect(cardText()).toContain(`Source says: ${PARAS[2]}`);
    expect(movePassage(doc, 1)).toEqual({ index: 1, total: 3 });
    expect(movePassage(doc, -1)).toEqual({ index: 3, total: 3 });
    expect(focusedId()).toBe('c');
  });

  it("the card's first line is the mark's legend: its glyph and what it means, credit included", () => {
    const doc = page();
    const credited = hl('b', 'paraphrase', PARAS[1]);
    credited.card = { ...credited.card, credit: 'credited' };
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0]), credited, hl('c', 'quote', PARAS[2])], english);
    const line = (id: string) => {
      const root = cardRoot(openCard(doc.querySelector(`pl-mark[data-pl-id="${id}"]`) as HTMLElement)!)!;
      return { glyph: root.querySelector('.kind .glyph')!.textContent, text: root.querySelector('.kind')!.textContent, label: root.querySelector('.card')!.getAttribute('aria-label') };
    };
    expect(line('a')).toEqual({ glyph: '=', text: '=Copied word for word, no credit, from The Harbor Ledger', label: 'Copied word for word, no credit, from The Harbor Ledger' });
    expect(line('b').text).toBe('✓Rewritten, with credit, from The Harbor Ledger');
    expect(line('c').text).toBe('❞The same quotation appears in The Harbor Ledger');
  });

  it('says in the card what the page changed from the source sentence, as text', () => {
    const doc = page();
    const changed = hl('a', 'paraphrase', PARAS[0]);
    changed.card.changes = ['Number: the source says “four days”, this page “five days”', '<b>Hedge dropped</b>'];
    showHighlights(doc, [changed, hl('b', 'verbatim', PARAS[1])], english);
    const card = openCard(doc.querySelector('pl-mark[data-pl-id="a"]') as HTMLElement)!;
    const items = [...cardRoot(card)!.querySelectorAll('ul.changes li')].map((li) => li.textContent);
    expect(items).toEqual(['Number: the source says “four days”, this page “five days”', '<b>Hedge dropped</b>']);
    expect(cardRoot(card)!.querySelector('ul.changes b')).toBeNull();
    expect(cardRoot(card)!.querySelector('ul.changes')!.getAttribute('aria-label')).toBe('What changed');
    // A sentence reused without changes shows no such list.
    const other = openCard(doc.querySelector('pl-mark[data-pl-id="b"]') as HTMLElement)!;
    expect(cardRoot(other)!.textContent).toContain(PARAS[1]);
    expect(cardRoot(other)!.querySelectorAll('ul.changes').length).toBe(0);
  });

  it('never makes a javascript: link clickable and renders card text as text', () => {
    const doc = page();
    const evil = hl('a', 'claim', PARAS[0]);
    evil.card = { sentence: '<img src=x onerror=alert(1)>', outlet: '<b>x</b>', date: null, url: 'javascript:alert(1)', title: null, rating: 'False' };
    showHighlights(doc, [evil], english);
    const card = openCard(doc.querySelector('pl-mark') as HTMLElement)!;
    expect(cardRoot(card)!.querySelector('a')).toBeNull();
    expect(cardRoot(card)!.querySelector('img, b')).toBeNull();
    expect(cardRoot(card)!.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(cardRoot(card)!.textContent).toContain('Rated: False');
  });

  it('ignores untrusted (page-synthesised) focus and hover events', () => {
    const doc = page();
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0])], english);
    const mark = doc.querySelector('pl-mark')!;
    mark.dispatchEvent(new doc.defaultView!.FocusEvent('focus'));
    mark.dispatchEvent(new doc.defaultView!.MouseEvent('mouseenter'));
    expect(doc.querySelector('pl-card')).toBeNull();
  });

  it('marks and the open card add no axe-core violations to the page', async () => {
    const dom = new JSDOM(PAGE, { runScripts: 'outside-only', pretendToBeVisual: true }) as { window: Window & { eval(s: string): void; axe: any } };
    const doc = dom.window.document;
    dom.window.eval(AXE);
    const run = async () => {
      const res = await dom.window.axe.run(doc, { resultTypes: ['violations'] });
      return res.violations as Array<{ id: string; nodes: Array<{ html: string }> }>;
    };
    const baseline = await run();
    showHighlights(doc, [hl('a', 'verbatim', PARAS[0]), hl('b', 'claim', PARAS[1])], english);
    openCard(doc.querySelector('pl-mark') as HTMLElement);
    const mark = doc.querySelector('pl-mark')!;
    expect(mark.getAttribute('role')).toBe('mark');
    expect(mark.getAttribute('aria-description')).toBe('Passage found in another article. Press Enter for details.');
    // Privacy: nothing from the reading history (the outlet) sits in the page until the card opens.
    expect(doc.querySelector('pl-mark[data-pl-id="b"]')!.getAttribute('aria-description')).not.toContain('Harbor Ledger');
    const after = await run();
    // The test page has its own faults (no lang, no landmarks); ours must add none.
    expect(after.map((v) => v.id)).toEqual(baseline.map((v) => v.id));
    expect(after.flatMap((v) => v.nodes.map((n) => n.html)).filter((html) => /^<pl-(mark|card)/.test(html))).toEqual([]);
  }, 30_000); // axe in jsdom takes seconds on a loaded machine


  it('closing the card (Escape) hides it and returns focus from its link to the mark', () => {
    const doc = page();
    showHighlights(doc, [hl('a', 'paraphrase', PARAS[0])], english);
    const mark = doc.querySelector('pl-mark') as HTMLElement;
    const card = openCard(mark)!;
    expect(card.hidden).toBe(false);
    (cardRoot(card)!.querySelector('a') as HTMLElement).focus();
    expect(cardRoot(card)!.activeElement).not.toBeNull();
    closeCard(doc);
    expect(card.hidden).toBe(true);
    expect(doc.activeElement).toBe(mark);
    expect(cardRoot(card)!.textContent).toBe('');
    // Reopening renders it again.
    expect(cardRoot(openCard(mark)!)!.textContent).toContain('The Harbor Ledger');
  });
});
