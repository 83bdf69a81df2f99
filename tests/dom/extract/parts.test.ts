/**
 * The parts of extraction one by one: visible-date parsing, credit lines and wire datelines, the
 * page's identity versus a syndication canonical, class rules that must not hit the article,
 * and the failure modes of `extractArticle` (never throws, budget, caps, page left untouched).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { boilerplateKind, boilerplateText, removeBoilerplate, type Dropped } from '../../../src/extract/clean-article';
import { collectParagraphs } from '../../../src/extract/collect-paragraphs';
import { findCredits } from '../../../src/extract/find-credits';
import { extractArticle, isArticleCandidate, normalizeDate, parseVisibleDate } from '../../../src/extract/index';
import { readMetadata } from '../../../src/extract/read-metadata';
import { resolveArticleUrl, siteOf } from '../../../src/core/site';
import { loadFixture, parsePage } from './fixture-pages';

const articleTextOf = (paragraphs: string[]) => paragraphs.join('\n\n');
const doc = (html: string) => parseHTML(html).document as unknown as Document;
const el = (html: string) => doc(`<html><body>${html}</body></html>`).body.firstElementChild as Element;

describe('visible dates', () => {
  it.each([
    ['Published 14 March 2026, 09:12', '2026-03-14T09:12:00.000Z'],
    ['March 14, 2026 at 9:12 p.m.', '2026-03-14T21:12:00.000Z'],
    ['Posted on Mar. 14, 2026', '2026-03-14T00:00:00.000Z'],
    ['14. März 2026 um 09:12 Uhr', '2026-03-14T09:12:00.000Z'],
    ['Stand: 14.03.2026, 17:40', '2026-03-14T17:40:00.000Z'],
    ['Updated 2026-03-14 09:12', '2026-03-14T09:12:00.000Z'],
    ['12 March 2026, 12:30 am', '2026-03-12T00:30:00.000Z'],
  ])('%s', (text, iso) => {
    expect(parseVisibleDate(text)).toBe(iso);
  });

  it('refuses ambiguous, impossible and pre-web dates', () => {
    expect(parseVisibleDate('03/04/2026')).toBeNull(); // day/month order unknown
    expect(parseVisibleDate('31 February 2026')).toBeNull();
    expect(parseVisibleDate('in March 1789')).toBeNull();
    expect(parseVisibleDate('no date here')).toBeNull();
  });

  it('normalises machine dates, keeping offsets and reading zone-less times as UTC', () => {
    expect(normalizeDate('2026-03-14T09:12:00-05:00')).toBe('2026-03-14T14:12:00.000Z');
    expect(normalizeDate('2026-03-14T09:12:00+0100')).toBe('2026-03-14T08:12:00.000Z');
    expect(normalizeDate('2026-03-14')).toBe('2026-03-14T00:00:00.000Z');
    expect(normalizeDate('2026-03-14T09:12')).toBe('2026-03-14T09:12:00.000Z');
    expect(normalizeDate('Sat, 14 Mar 2026 09:12:00 GMT')).toBe('2026-03-14T09:12:00.000Z');
    expect(normalizeDate(['2026-03-14T09:12:00Z', '2026-03-15T09:12:00Z'])).toBe('2026-03-14T09:12:00.000Z');
    expect(normalizeDate('')).toBeNull();
    expect(normalizeDate(20260314)).toBeNull();
  });
});

describe('credit lines and wires', () => {
  it('finds wire datelines and names the agency', () => {
    expect(findCredits(['WASHINGTON (AP) — The Senate voted on Tuesday to approve the bill.']).wire).toBe('AP');
    expect(findCredits(['LONDON, March 14 (Reuters) - British inflation fell in February.']).wire).toBe('Reuters');
    expect(findCredits(['PARIS (AFP) - Le gouvernement a annoncé mardi un plan.']).wire).toBe('AFP');
  });

  it('does not take a local station dateline for a wire', () => {
    const r = findCredits(["HOUSTON, Texas (KTRK) -- A Houston-area business is taking drastic measures."]);
    expect(r.wire).toBeNull();
    expect(r.creditLines).toEqual([]);
  });

  it('finds declared republication and first-report lines, as sentences', () => {
    const r = findCredits([
      'The council met on Friday. This story originally appeared in The Harbor Ledger and is republished here with permission.',
      'As first reported by The Harbor Ledger, the council voted 7-2.',
      'This article is republished from The Conversation under a Creative Commons license.',
    ]);
    expect(r.creditLines).toEqual([
      'This story originally appeared in The Harbor Ledger and is republished here with permission.',
      'As first reported by The Harbor Ledger, the council voted 7-2.',
      'This article is republished from The Conversation under a Creative Commons license.',
    ]);
    expect(r.wire).toBeNull();
  });

  it('takes short source lines and wire copyright lines', () => {
    const r = findCredits(['Source: The Harbor Ledger', '© 2026 Thomson Reuters. All rights reserved.', 'The post Floodwall approved appeared first on Harbor Daily.']);
    expect(r.creditLines).toEqual(['Source: The Harbor Ledger', '© 2026 Thomson Reuters. All rights reserved.', 'The post Floodwall approved appeared first on Harbor Daily.']);
    expect(r.wire).toBe('Reuters');
    expect(findCredits(['Dieser Artikel erschien zuerst bei netzpolitik.org.']).creditLines).toHaveLength(1);
  });

  it('leaves ordinary attributions alone', () => {
    const r = findCredits(['According to Reuters, the company denied the report.', 'The mayor was first elected in 2019.']);
    expect(r.creditLines).toEqual([]);
    expect(r.wire).toBeNull();
  });
});

describe('identity and syndication', () => {
  const head = (inner: string) => doc(`<html><head>${inner}</head><body><p>x</p></body></html>`);
  /** The page's address and foreign canonical as the background and the CLI decide them from what extraction read. */
  const identity = (d: Document, pageUrl: string) => {
    const m = readMetadata(d, pageUrl);
    const bare = { url: m.url, title: '', byline: null, siteName: null, lang: null, publishedTime: null, modifiedTime: null, paragraphs: [], links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null } };
    const a = resolveArticleUrl(bare, { url: pageUrl, declared: m.declared, trust: 'saved' });
    return { ...m, url: a.url, canonicalUrl: a.signals.canonicalUrl };
  };

  it('takes og:url on the same site as the identity', () => {
    const m = identity(head('<meta property="og:url" content="https://www.example.com/a/story">'), 'https://example.com/a/story?utm=1');
    expect(m.url).toBe('https://www.example.com/a/story');
    expect(m.canonicalUrl).toBeNull();
  });

  it('keeps the page address and reports a canonical on another site', () => {
    const m = identity(head('<link rel="canonical" href="https://origin.example.org/story">'), 'https://copy.example.net/story');
    expect(m.url).toBe('https://copy.example.net/story');
    expect(m.canonicalUrl).toBe('https://origin.example.org/story');
  });

  it('treats subdomains as one site but not two sites under co.uk', () => {
    expect(siteOf('https://amp.news.example.co.uk/')).toBe('example.co.uk');
    expect(siteOf('https://www.example.com/')).toBe('example.com');
    expect(siteOf('https://other.co.uk/')).toBe('other.co.uk');
    const m = identity(head('<link rel="canonical" href="https://www.paper.co.uk/story">'), 'https://amp.paper.co.uk/story');
    expect(m.url).toBe('https://www.paper.co.uk/story');
    expect(m.canonicalUrl).toBeNull();
  });

  it('on a saved file, finds the own site from the page and still spots the foreign canonical', () => {
    const { html } = loadFixture('syndicated-canonical');
    const r = extractArticle(doc(html), { url: 'file:///tmp/saved.html' });
    if (!r.ok) throw new Error(r.reason);
    const article = resolveArticleUrl(r.article, { url: 'file:///tmp/saved.html', declared: r.declared, trust: 'saved' });
    expect(article.signals.canonicalUrl).toBe('https://www.harborledger.com/news/local/2026/03/14/council-approves-riverside-floodwall/');
    expect(article.url).not.toContain('harborledger.com');
  });

  it('falls back to the page address without tracking parameters', () => {
    const m = identity(head(''), 'https://news.example/a/story?id=7&utm_source=newsletter&fbclid=abc#comments');
    expect(m.url).toBe('https://news.example/a/story?id=7');
  });

  it('ignores non-http canonicals and reads JSON-LD isBasedOn', () => {
    const m = identity(
      head('<link rel="canonical" href="javascript:alert(1)"><script type="application/ld+json">{"@type":"NewsArticle","headline":"H","isBasedOn":["https://a.example/1",{"url":"https://b.example/2"}]}</script>'),
      'https://site.example/p',
    );
    expect(m.url).toBe('https://site.example/p');
    expect(m.canonicalUrl).toBeNull();
    expect(m.isBasedOn).toEqual(['https://a.example/1', 'https://b.example/2']);
  });

  it('survives broken JSON-LD next to a good block', () => {
    const m = readMetadata(
      head('<script type="application/ld+json">{"@type": "NewsArticle", </script><script type="application/ld+json">{"@graph":[{"@type":"ClaimReview","claimReviewed":"X"}]}</script>'),
      'https://site.example/p',
    );
    expect(m.claimReviews).toHaveLength(1);
  });
});

describe('boilerplate rules', () => {
  it('classifies comment, related, share and caption containers', () => {
    expect(boilerplateKind(el('<div class="comment-content entry-content"></div>'))).toBe('comments');
    expect(boilerplateKind(el('<div id="disqus_thread"></div>'))).toBe('comments');
    expect(boilerplateKind(el('<div class="jp-relatedposts"></div>'))).toBe('related');
    expect(boilerplateKind(el('<div class="sharedaddy sd-sharing-enabled"></div>'))).toBe('share');
    expect(boilerplateKind(el('<figcaption>x</figcaption>'))).toBe('caption');
  });

  it('does not mistake topic classes and layout modifiers for furniture', () => {
    expect(boilerplateKind(el('<div class="post hentry category-der-kommentar tag-social-media"></div>'))).toBeNull();
    expect(boilerplateKind(el('<section class="commentary opinion"></section>'))).toBeNull();
    expect(boilerplateKind(el('<div class="cb-post-wrap has-sidebar cb-sidebar-right"></div>'))).toBeNull();
    expect(boilerplateKind(el('<div class="elementor-widget elementor-widget-text-editor"></div>'))).toBeNull();
    expect(boilerplateKind(el('<div class="headline loaded"></div>'))).toBeNull();
  });

  it('trusts a tag more than a class: a class-only "share" wrapper with prose stays, an aside goes', () => {
    const para = '<p>Residents who spoke before the vote were divided, and several said the wall would finally let them get flood insurance at a reasonable price.</p>';
    const d = doc(`<html><body><div class="has-share-bar" id="a">${para.repeat(4)}</div><aside id="b">${para.repeat(4)}</aside><div class="share-tools" id="c"><a href="#">Share</a></div></body></html>`);
    const dropped: Dropped[] = [];
    removeBoilerplate(d.body, [], dropped);
    expect(d.getElementById('a')).not.toBeNull();
    expect(d.getElementById('b')).toBeNull();
    expect(d.getElementById('c')).toBeNull();
    expect(dropped.map((x) => x.kind)).toEqual(['related', 'share']);
  });

  it('drops furniture lines but keeps prose that mentions the same words', () => {
    expect(boilerplateText('Advertisement')).toBe('ad');
    expect(boilerplateText('Read more: Met Office issues amber warning')).toBe('related');
    expect(boilerplateText('Print this story | Email a friend')).toBe('share');
    expect(boilerplateText('36 Comments')).toBe('comments');
    expect(boilerplateText('Waves break over the pier. Photo: Harbour Authority')).toBe('caption');
    expect(boilerplateText('Readers who want to share their views can write to the council before Friday.')).toBeNull();
    expect(boilerplateText('+81 158-23-2012')).toBeNull();
    expect(boilerplateText('The photo by the river was taken in 1921, long before the flood wall, and shows the old mill.')).toBeNull();
  });
});

describe('paragraphs', () => {
  it('one per block, list item and heading; a double <br> ends a paragraph, a single one does not', () => {
    const root = el('<div><h2>Head</h2><p>One <b>bold</b> line<br>same paragraph</p><div>First part<br>\n<br>Second part</div><ul><li>Item one</li><li>Item two</li></ul><script>var x = 1;</script></div>');
    expect(collectParagraphs(root)).toEqual(['Head', 'One bold line same paragraph', 'First part', 'Second part', 'Item one', 'Item two']);
  });
});

describe('declared article body', () => {
  it('wins over a longer comma-heavy block that Readability prefers, on linkedom and jsdom', () => {
    const names = Array.from({ length: 60 }, (_, i) => `Name${i} Surname${i}, writer`).join(', ');
    const article = [
      'The letter, published on Tuesday, argues that open debate is under pressure in newsrooms and universities alike, and that the remedy is more speech.',
      'Its signatories include novelists, historians and journalists from across the political spectrum, several of whom have since distanced themselves from it.',
      'Critics said the letter mistook accountability for censorship and that its authors already enjoy large platforms for their views on these matters.',
    ];
    const html = `<html><head><meta property="og:type" content="article"></head><body><h1>A letter on open debate</h1><article class="post"><div itemprop="articleBody">${article.map((p) => `<p>${p}</p>`).join('')}</div></article><div class="signatures"><p>${names}</p><p>${names}</p></div></body></html>`;
    for (const dom of ['linkedom', 'jsdom'] as const) {
      const r = extractArticle(parsePage(html, dom, 'https://x.example/a'), { url: 'https://x.example/a' });
      if (!r.ok) throw new Error(r.reason);
      expect(r.article.paragraphs, dom).toEqual(article);
    }
  });
});

describe('hidden page', () => {
  it('extracts a page hidden behind an open consent dialog (aria-hidden on the page wrapper)', () => {
    const para = '<p>All ferry crossings between the port and the islands were cancelled on Friday as the storm brought strong gusts to the west coast of the country.</p>';
    const html = `<html><body><div id="page" aria-hidden="true"><h1>Ferry service suspended</h1>${para.repeat(4)}<span aria-hidden="true">icon-text</span></div><div role="dialog"><p>We value your privacy. We and our partners use cookies to store and access information on your device.</p></div></body></html>`;
    const d = doc(html);
    const r = extractArticle(d, { url: 'https://x.example/a' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.article.paragraphs).toHaveLength(4);
    expect(articleTextOf(r.article.paragraphs)).not.toContain('icon-text');
    expect(articleTextOf(r.article.paragraphs)).not.toContain('privacy');
    // Only the clone was un-hidden.
    expect(d.getElementById('page')?.getAttribute('aria-hidden')).toBe('true');
  });
});

describe('extractArticle failure modes', () => {
  it('never throws, whatever it is given', () => {
    expect(extractArticle(doc(''), { url: 'https://x.example/' }).ok).toBe(false);
    expect(extractArticle(doc('<html><body></body></html>'), { url: 'https://x.example/' })).toMatchObject({ ok: false });
    expect(extractArticle(null as unknown as Document, { url: 'https://x.example/' })).toMatchObject({ ok: false });
    expect(isArticleCandidate(null as unknown as Document)).toMatchObject({ ok: false });
  });

  it('gives up when the time budget is spent before Readability runs', () => {
    const { html, expected } = loadFixture('newspaper-jsonld');
    const r = extractArticle(doc(html), { url: expected.pageUrl, timeBudgetMs: -1 });
    expect(r).toEqual({ ok: false, reason: 'time budget exceeded' });
  });

  it('skips pages with absurd element counts in the gate and in extraction', () => {
    const huge = `<html><body><h1>T</h1>${'<p>Some text of a long paragraph that repeats itself over and over again.</p>'.repeat(3)}${'<span></span>'.repeat(26_000)}</body></html>`;
    const d = doc(huge);
    expect(isArticleCandidate(d)).toEqual({ ok: false, reason: 'too many elements' });
    expect(extractArticle(d, { url: 'https://x.example/' })).toEqual({ ok: false, reason: 'too many elements' });
  });

  it('caps what a hostile page can put in the record', () => {
    const reviews = JSON.stringify({ '@graph': Array.from({ length: 500 }, (_, i) => ({ '@type': 'ClaimReview', claimReviewed: `claim ${i}` })) });
    const links = Array.from({ length: 2000 }, (_, i) => `<a href="https://x.example/${i}">link ${i}</a>`).join(' ');
    const para = '<p>Residents who spoke before the vote were divided, and several said the wall would finally let them get flood insurance at a reasonable price.</p>';
    const page = `<html><head><meta property="og:type" content="article"><script type="application/ld+json">${reviews}</script></head><body><h1>Claims</h1>${para.repeat(40)}<p>${links}</p></body></html>`;
    const r = extractArticle(doc(page), { url: 'https://x.example/a' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.claimReviews.length).toBeLessThanOrEqual(50);
    expect(r.article.links.length).toBeLessThanOrEqual(300);
  });

  it('gives each link the text a reader sees: its words, its image\'s alternative text, or nothing', () => {
    const para = '<p>Residents who spoke before the vote were divided, and several said the wall would finally let them get flood insurance at a reasonable price.</p>';
    const body = `<h1>Sea wall</h1>${para.repeat(6)}<p>Read <a href="https://ledger.example/a">the Ledger's report</a> <a href="https://ledger.example/b"><img src="logo.png" alt="The Ledger"></a> <a href="https://ledger.example/c"><img src="x.png"></a> <a href="https://ledger.example/d"></a>.</p>`;
    const r = extractArticle(doc(`<html><head><meta property="og:type" content="article"></head><body>${body}</body></html>`), { url: 'https://x.example/a' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.article.links.map((l) => [l.href.slice(-1), l.text])).toEqual([['a', "the Ledger's report"], ['b', 'The Ledger'], ['c', 'image'], ['d', '']]);
  });

  it('skips a JSON-LD nesting bomb and reads the rest of the page', () => {
    // Plain JSON.parse reads this block (V8 parses deep nesting), and its headline and date would
    // become the article's; the bounded reader refuses it before parsing.
    const depth = 100_000;
    const bomb = `{"@type":"NewsArticle","headline":"Bomb headline","datePublished":"2001-01-01","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const good = '{"@type":"NewsArticle","headline":"Floodwall approved","author":{"name":"Ana Ruiz"}}';
    const para = '<p>Residents who spoke before the vote were divided, and several said the wall would finally let them get flood insurance at a reasonable price.</p>';
    const page = `<html><head><script type="application/ld+json">${bomb}</script><script type="application/ld+json">${good}</script></head><body><h1>Floodwall approved</h1>${para.repeat(5)}</body></html>`;
    const m = readMetadata(doc(page), 'https://x.example/a');
    expect(m.title).toBe('Floodwall approved');
    expect(m.byline).toBe('Ana Ruiz');
    expect(m.publishedTime).toBeNull();
    expect(m.types).toEqual(['NewsArticle']);
    const r = extractArticle(doc(page), { url: 'https://x.example/a' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.article.title).toBe('Floodwall approved');
    expect(r.article.publishedTime).toBeNull();
    expect(r.article.paragraphs).toHaveLength(5);
  });

  it('leaves the page exactly as it was', () => {
    const { html, expected } = loadFixture('wordpress-comments');
    const d = doc(html);
    const before = d.documentElement.outerHTML;
    expect(extractArticle(d, { url: expected.pageUrl }).ok).toBe(true);
    expect(d.documentElement.outerHTML).toBe(before);
  });

  it('does not date an article by a date inside its story text, but takes a dateline', () => {
    const filler = '<p>Residents who spoke before the vote were divided, and several said the wall would finally let them get flood insurance at a reasonable price.</p>';
    const story = `<p>The council first discussed the plan on March 3, 2024, when engineers presented three options for the riverside district and its residents.</p>${filler.repeat(3)}`;
    const noDate = extractArticle(doc(`<html><body><h1>Council approves floodwall</h1>${story}</body></html>`), { url: 'https://x.example/a' });
    if (!noDate.ok) throw new Error(noDate.reason);
    expect(noDate.article.publishedTime).toBeNull();
    const dateline = extractArticle(doc(`<html><body><h1>Council approves floodwall</h1><p>March 14, 2026 — The council voted on Friday to build the wall, which engineers first presented on March 3, 2024.</p>${filler.repeat(3)}</body></html>`), { url: 'https://x.example/a' });
    if (!dateline.ok) throw new Error(dateline.reason);
    expect(dateline.article.publishedTime).toBe('2026-03-14T00:00:00.000Z');
  });

  it('ignores dates in the future of the clock', () => {
    const page = `<html><body><h1>Storm closes harbour</h1><p class="info">Published 14 March 2027, 09:12</p>${'<p>All ferry crossings between the port and the islands were cancelled on Friday as the storm brought strong gusts to the west coast of the country.</p>'.repeat(4)}</body></html>`;
    const r = extractArticle(doc(page), { url: 'https://x.example/a', now: new Date('2026-03-15T00:00:00Z') });
    if (!r.ok) throw new Error(r.reason);
    expect(r.article.publishedTime).toBeNull();
  });
});

describe('house rules', () => {
  it('src/extract never writes HTML into a document', () => {
    const dir = fileURLToPath(new URL('../../../src/extract', import.meta.url));
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(src, f).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|DOMParser/);
    }
  });
});
