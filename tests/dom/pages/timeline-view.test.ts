/**
 * The popup's timeline of the story (render-timeline.ts, mounted by render-report.ts): a report
 * like the demo story's, its timeline made by the engine's own buildTimeline, rendered in the
 * popup shell. Checked as a reader would: order, relation words, this page marked, links to the
 * side-by-side view, the derivation tree, right-to-left outlet names, hostile page data, axe.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { buildTimeline } from '../../../src/core/engine/build-timeline';
import type { RelatedArticle, Report } from '../../../src/core/types';
import { renderPopup } from '../../../src/popup/render-popup';
import { axeViolations, loadPage, PAGE_TIME, tabState } from './fixtures';
import { english } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/popup/popup.html');
const HOUR = 3600e3;
const NOW = new Date(Date.parse(PAGE_TIME) + HOUR);
const at = (hours: number) => new Date(Date.parse(PAGE_TIME) + hours * HOUR).toISOString();

const ORIGINAL = { url: 'https://ledger.example/seawall', title: 'Port Alder approves $48 million seawall', siteName: 'The Harbor Ledger', publishedTime: at(-24) };
const SCRAPE = 'https://digest.example/seawall';
const RADIO = 'https://radio.example/seawall';
const SYNDICATED = 'https://courier.example/seawall';
const EXCERPT = 'https://observer.example/briefing';
const HOSTILE = 'javascript:alert(1)';

function related(over: Partial<RelatedArticle> & Pick<RelatedArticle, 'url' | 'relation'>): RelatedArticle {
  return { title: 'A version', siteName: null, publishedTime: null, similarity: 0.5, verbatimShare: 0, paraphraseShare: 0, kind: null, credited: null, evidence: [], ...over };
}

/** The rewrite's report once the whole demo story was read, with the timeline the check pipeline adds. */
function storyReport(): Report {
  const report: Report = {
    schema: 'provenance-lens/report@1',
    article: { url: 'https://northshore.example/seawall', title: 'Seawall approved', siteName: 'Northshore Now', publishedTime: PAGE_TIME, byline: null, lang: 'en', wordCount: 400 },
    verdict: 'paraphrased-copy',
    credited: false,
    summary: 'Rewritten from The Harbor Ledger, published 24 hours earlier; no credit given.',
    directionKnown: true,
    origin: ORIGINAL,
    directSource: ORIGINAL,
    related: [
      related({ ...ORIGINAL, relation: 'origin', kind: 'paraphrased-copy', credited: false, paraphraseShare: 0.6 }),
      related({ url: SCRAPE, title: 'Seawall flooding', siteName: 'Coast Digest', publishedTime: at(-20), relation: 'same-story', sibling: true, reuses: { url: ORIGINAL.url, kind: 'verbatim-copy', credit: 'none' } }),
      // An outlet whose name is Arabic: it must keep its own direction inside an English line.
      related({ url: RADIO, title: 'المجلس يدعم الجدار البحري', siteName: 'راديو الساحل', publishedTime: at(-18), relation: 'same-story' }),
      related({ url: SYNDICATED, title: 'Seawall vote', siteName: 'Valley Courier', publishedTime: at(3), relation: 'same-story', sibling: true, reuses: { url: ORIGINAL.url, kind: 'syndicated', credit: 'credited' } }),
      related({ url: EXCERPT, title: 'Morning briefing', siteName: 'Bayside Observer', publishedTime: at(20), relation: 'same-story', sibling: true, reuses: { url: ORIGINAL.url, kind: 'credited-excerpt', credit: 'credited' } }),
      // Page data is hostile: a script address and markup as a title.
      related({ url: HOSTILE, title: '<img src=x onerror=alert(1)>', siteName: 'Evil <b>', publishedTime: null, relation: 'same-story' }),
    ],
    passages: [],
    claims: [],
  };
  return { ...report, timeline: buildTimeline(report, () => null, NOW.getTime()) };
}

function show(report: Report) {
  const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
  const doc = dom.window.document;
  doc.getElementById('pl-app')!.replaceChildren(renderPopup(doc, { kind: 'tab', tabId: 7, state: tabState('done', report) }, NOW, english));
  doc.getElementById('pl-app')!.removeAttribute('aria-busy');
  return { dom, doc };
}

const items = (doc: Document) => [...doc.querySelectorAll('#pl-timeline-list > li')] as HTMLElement[];
const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the popup timeline', { timeout: 30_000 }, () => {
  it('is one click away, collapsed under the verdict, and lists every version oldest first', () => {
    const { doc } = show(storyReport());
    const details = doc.querySelector('details#pl-timeline') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    // The summary is the details' own toggle: reachable with Tab, opened with Enter or Space.
    expect(details.firstElementChild!.tagName).toBe('SUMMARY');
    expect(text(details.querySelector('summary'))).toBe('Timeline of this story · 7 versions, oldest first');
    // After the verdict and the original, before the list of related articles.
    const order = [...doc.querySelectorAll('#pl-summary, #pl-origin, #pl-timeline, #pl-related')].map((e) => e.id);
    expect(order).toEqual(['pl-summary', 'pl-origin', 'pl-timeline', 'pl-related']);

    const outlets = items(doc).map((li) => text(li.querySelector('.pl-tl-outlet')));
    expect(outlets).toEqual(['The Harbor Ledger', 'Coast Digest', 'راديو الساحل', 'Northshore Now', 'Valley Courier', 'Bayside Observer', 'Evil <b>']);
    const times = items(doc)
      .map((li) => li.querySelector('time')?.getAttribute('datetime'))
      .filter((t): t is string => !!t)
      .map(Date.parse);
    expect(times).toHaveLength(6);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(text(items(doc)[6].querySelector('.pl-tl-when'))).toBe('time unknown');
  });

  it('names each relation in words: original, copy, independent, rewrite, syndicated, excerpt, with whom and the credit', () => {
    const { doc } = show(storyReport());
    const relations = items(doc).map((li) => text(li.querySelector('.pl-tl-relation')));
    expect(relations).toEqual(['Original', 'Copy', 'Independent', 'Rewrite', 'Syndicated', 'Excerpt', 'Independent']);
    const from = Object.fromEntries(items(doc).map((li) => [text(li.querySelector('.pl-tl-outlet')), text(li.querySelector('.pl-tl-from'))]));
    expect(from['Coast Digest']).toBe('word-for-word copy of The Harbor Ledger · no credit given');
    expect(from['Northshore Now']).toBe('rewrite of The Harbor Ledger · no credit given');
    expect(from['Valley Courier']).toBe('declared syndication of The Harbor Ledger · credits it');
    expect(from['Bayside Observer']).toBe('credited excerpt of The Harbor Ledger · credits it');
    expect(from['The Harbor Ledger']).toBe('');
    expect(from['راديو الساحل']).toBe('');
    // Colour only echoes the words: the licensed copy is not shaded like the scrape.
    const tone = (i: number) => items(doc)[i].querySelector('.pl-tl-relation')!.className;
    expect(tone(1)).toContain('pl-tone-bad');
    expect(tone(4)).toContain('pl-tone-info');
  });

  it('marks this page once, words times as the rest of the popup does, and links every other version to the side-by-side view', () => {
    const { doc } = show(storyReport());
    const mine = items(doc).filter((li) => li.getAttribute('aria-current') === 'true');
    expect(mine).toHaveLength(1);
    expect(text(mine[0].querySelector('.pl-tl-outlet'))).toBe('Northshore Now');
    expect(text(mine[0].querySelector('.pl-tl-here'))).toBe('This page');
    expect(mine[0].querySelector('a[href^="sidebyside.html"]')).toBeNull();
    expect(text(mine[0].querySelector('.pl-tl-when'))).toMatch(/ · 60 minutes ago$/);

    // The original's time in the timeline reads as the origin card says it (one duration rule).
    const originCard = text(doc.querySelector('#pl-origin .pl-meta'));
    expect(originCard).toContain('published 24 hours earlier');
    expect(text(items(doc)[0].querySelector('.pl-tl-when'))).toMatch(/ · 24 hours earlier$/);
    expect(text(items(doc)[4].querySelector('.pl-tl-when'))).toMatch(/ · 3 hours later$/);

    const others = items(doc).filter((li) => li !== mine[0]);
    for (const li of others) {
      const a = li.querySelector('a.pl-tl-compare') as HTMLAnchorElement;
      const url = new URL(a.href);
      expect([url.pathname, url.searchParams.get('tab'), url.searchParams.get('source')]).toEqual(['/sidebyside.html', '7', li.getAttribute('data-url')]);
      // Seven links read the same; the hidden words say which version each one opens.
      expect(text(a)).toBe(`Compare side by side with ${text(li.querySelector('.pl-tl-outlet'))}`);
    }
  });

  it('draws who derived from whom as a tree: the four copies under the original, the independent reports on their own', () => {
    const { doc } = show(storyReport());
    const tree = doc.querySelector('#pl-tl-tree')!;
    expect(doc.getElementById(tree.getAttribute('aria-labelledby')!)!.textContent).toBe('Who derived from whom');
    const roots = [...tree.children].map((li) => text(li.querySelector(':scope > bdi')));
    expect(roots).toEqual(['The Harbor Ledger', 'راديو الساحل', 'Evil <b>']);
    const children = [...tree.children[0].querySelectorAll(':scope > ul > li')].map((li) => text(li));
    expect(children).toEqual(['Coast Digest · Copy', 'Northshore Now · Rewrite (this page)', 'Valley Courier · Syndicated', 'Bayside Observer · Excerpt']);
  });

  it('keeps right-to-left outlet names and titles in their own direction, and page data as text', () => {
    const { doc } = show(storyReport());
    const radio = items(doc)[2];
    expect(radio.querySelector('.pl-tl-outlet > bdi')!.textContent).toBe('راديو الساحل');
    expect(radio.querySelector('.pl-tl-title a')!.getAttribute('dir')).toBe('auto');
    expect(doc.querySelector('#pl-tl-tree bdi')!.tagName).toBe('BDI');
    const hostile = items(doc)[6];
    expect(hostile.querySelector('.pl-tl-title a')).toBeNull();
    expect(text(hostile.querySelector('.pl-tl-title'))).toBe('<img src=x onerror=alert(1)>');
    expect(doc.querySelector('#pl-timeline img, #pl-timeline b, #pl-timeline [onerror]')).toBeNull();
  });

  it('has no axe violations, closed or open', async () => {
    const { dom, doc } = show(storyReport());
    expect(await axeViolations(dom)).toEqual([]);
    (doc.querySelector('#pl-timeline') as HTMLDetailsElement).open = true;
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('is left out when there is no timeline or only this page in it', () => {
    const { timeline: _none, ...old } = storyReport();
    expect(show(old).doc.querySelector('#pl-timeline')).toBeNull();
    const alone = storyReport();
    alone.timeline = alone.timeline!.filter((e) => e.thisPage);
    expect(show(alone).doc.querySelector('#pl-timeline')).toBeNull();
  });
});
