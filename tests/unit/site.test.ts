/**
 * The one site rule (src/core/site.ts) on real Public Suffix List cases: country-code second
 * levels, shared hosts from the list's private section, IP and localhost hosts, IDN hosts; and
 * `resolveArticleUrl`, the address an extracted article is filed under, which a page may only
 * choose on its own site.
 */
import { describe, expect, it } from 'vitest';
import { hostOf, parseDeclaredUrls, resolveArticleUrl, sameSite, siteOf, type PageTrust } from '../../src/core/site';
import type { ArticleRecord, DeclaredUrls } from '../../src/core/types';

describe('siteOf and sameSite', () => {
  it('takes the registrable domain under multi-label public suffixes', () => {
    expect(siteOf('https://news.bbc.co.uk/2/hi/x.stm')).toBe('bbc.co.uk');
    expect(sameSite('https://www.bbc.co.uk/news/1', 'https://news.bbc.co.uk/2')).toBe(true);
    // co.uk is a suffix, not a site: two outlets under it stay apart.
    expect(sameSite('https://www.bbc.co.uk/news/1', 'https://www.independent.co.uk/news/1')).toBe(false);
    expect(siteOf('https://www.abc.net.au/news/x')).toBe('abc.net.au');
    expect(siteOf('https://www3.nhk.or.jp/news/x')).toBe('nhk.or.jp');
    expect(siteOf('http://story.news.yahoo.com/news?x')).toBe('yahoo.com');
  });

  it('tells apart the publishers on shared hosts the list names (private section)', () => {
    expect(siteOf('https://x.github.io/post')).toBe('x.github.io');
    expect(sameSite('https://x.github.io/post', 'https://y.github.io/post')).toBe(false);
    expect(sameSite('https://x.github.io/a', 'https://x.github.io/b')).toBe(true);
    expect(sameSite('https://alice.blogspot.com/p', 'https://bob.blogspot.com/p')).toBe(false);
    expect(sameSite('https://www.alice.blogspot.com/p', 'https://alice.blogspot.com/q')).toBe(true);
    expect(sameSite('https://a.netlify.app/', 'https://b.netlify.app/')).toBe(false);
    // The shared host itself is a public suffix: its own site, not its customers'.
    expect(siteOf('https://github.io/')).toBe('github.io');
    expect(sameSite('https://github.io/', 'https://x.github.io/')).toBe(false);
  });

  it('treats an IP address as its own site, whatever the port', () => {
    expect(siteOf('http://192.168.1.10:8080/a')).toBe('192.168.1.10');
    expect(sameSite('http://192.168.1.10/a', 'http://192.168.1.10:9090/b')).toBe(true);
    expect(sameSite('http://192.168.1.10/a', 'http://192.168.1.11/a')).toBe(false);
    // Not read as a domain under the suffix "10".
    expect(sameSite('http://10.0.0.1/', 'http://11.0.0.1/')).toBe(false);
    expect(siteOf('http://[::1]:8080/x')).toBe('[::1]');
  });

  it('keeps localhost and each *.localhost name apart (the demo outlets)', () => {
    expect(siteOf('http://localhost:3000/x')).toBe('localhost');
    expect(siteOf('http://harbor-ledger.localhost:8765/news')).toBe('harbor-ledger.localhost');
    expect(sameSite('http://harbor-ledger.localhost:8765/a', 'http://coast-digest.localhost:8765/a')).toBe(false);
    expect(sameSite('http://localhost:3000/', 'http://harbor-ledger.localhost:3000/')).toBe(false);
  });

  it('reads IDN hosts in either spelling as one site, and knows IDN public suffixes', () => {
    expect(siteOf('https://www.例え.jp/a')).toBe('xn--r8jz45g.jp');
    expect(sameSite('https://www.例え.jp/a', 'https://news.xn--r8jz45g.jp/b')).toBe(true);
    expect(siteOf('https://news.bücher.de/x')).toBe('xn--bcher-kva.de');
    // 東京.jp is a public suffix: two names under it are two sites.
    expect(sameSite('https://a.東京.jp/', 'https://b.東京.jp/')).toBe(false);
    expect(sameSite('https://x.a.東京.jp/', 'https://a.xn--1lqs71d.jp/')).toBe(true);
  });

  it('has no site for what has no host', () => {
    for (const u of ['not a url', 'file:///tmp/saved.html', '', null, undefined]) expect(siteOf(u)).toBeNull();
    expect(sameSite('file:///tmp/a.html', 'file:///tmp/a.html')).toBe(false);
    expect(sameSite(null, null)).toBe(false);
  });
});

describe('hostOf', () => {
  it('is the lower-case host without www., port or credentials', () => {
    expect(hostOf('https://www.Harborledger.example/x?y')).toBe('harborledger.example');
    expect(hostOf('http://user:secret@News.Example:8080/a')).toBe('news.example');
    expect(hostOf('https://www.例え.jp/')).toBe('xn--r8jz45g.jp');
    expect(hostOf('https://example.com./a')).toBe('example.com');
    expect(hostOf('not a url')).toBeNull();
    expect(hostOf('file:///tmp/x.html')).toBeNull();
  });
});

const NONE: DeclaredUrls = { ogUrl: null, canonical: null, home: null };
function article(url: string, links: string[] = []): ArticleRecord {
  return {
    url, title: 't', byline: null, siteName: null, lang: 'en', publishedTime: null, modifiedTime: null, paragraphs: ['Text.'],
    links: links.map((href) => ({ href, text: 'link' })),
    signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
  };
}
/** Address and foreign canonical of a page at `url` declaring `declared`. */
function resolve(url: string, declared: Partial<DeclaredUrls>, trust: PageTrust = 'tab') {
  const a = resolveArticleUrl(article(url), { url, declared: { ...NONE, ...declared }, trust });
  return { url: a.url, canonicalUrl: a.signals.canonicalUrl };
}

describe('resolveArticleUrl', () => {
  it('files the article under og:url, else the canonical, on the page\'s own site', () => {
    expect(resolve('https://example.com/a/story?utm_source=x', { ogUrl: 'https://www.example.com/a/story' })).toEqual({ url: 'https://www.example.com/a/story', canonicalUrl: null });
    // A sibling subdomain is the same site (the amp or mobile edition, a section host).
    expect(resolve('https://amp.paper.co.uk/story', { canonical: 'https://www.paper.co.uk/story' })).toEqual({ url: 'https://www.paper.co.uk/story', canonicalUrl: null });
    expect(resolve('https://news.bbc.co.uk/story', { canonical: 'https://www.bbc.co.uk/news/story' })).toEqual({ url: 'https://www.bbc.co.uk/news/story', canonicalUrl: null });
  });

  it('keeps the page address when the declared one is on another site, and reports it as a syndication signal', () => {
    expect(resolve('https://copy.example.net/story', { canonical: 'https://origin.example.org/story' })).toEqual({ url: 'https://copy.example.net/story', canonicalUrl: 'https://origin.example.org/story' });
    // Another publisher on the same shared host is another site: x.github.io cannot speak for y.github.io.
    expect(resolve('https://x.github.io/post', { ogUrl: 'https://y.github.io/post' })).toEqual({ url: 'https://x.github.io/post', canonicalUrl: 'https://y.github.io/post' });
    expect(resolve('https://alice.blogspot.com/p', { ogUrl: 'https://alice.blogspot.com/p', canonical: 'https://bob.blogspot.com/p' })).toEqual({ url: 'https://alice.blogspot.com/p', canonicalUrl: 'https://bob.blogspot.com/p' });
    expect(resolve('https://copy.co.uk/a', { ogUrl: 'https://www.bbc.co.uk/a' })).toEqual({ url: 'https://copy.co.uk/a', canonicalUrl: 'https://www.bbc.co.uk/a' });
  });

  it('falls back to the page address without fragment and tracking parameters', () => {
    expect(resolve('https://news.example/a/story?id=7&utm_source=newsletter&fbclid=abc#comments', {})).toEqual({ url: 'https://news.example/a/story?id=7', canonicalUrl: null });
  });

  it('ignores declared addresses that are not http(s)', () => {
    expect(resolve('https://site.example/p', { canonical: 'javascript:alert(1)', ogUrl: 'data:text/html,x' })).toEqual({ url: 'https://site.example/p', canonicalUrl: null });
  });

  it('lets a saved file name its own site, but not a browser tab without an http address', () => {
    const declared = { ogUrl: 'https://paper.example/story', canonical: 'https://origin.example/story', home: 'https://paper.example/' };
    expect(resolve('file:///tmp/saved.html', declared, 'saved')).toEqual({ url: 'https://paper.example/story', canonicalUrl: 'https://origin.example/story' });
    expect(resolve('file:///tmp/saved.html', { canonical: 'https://origin.example/story', home: 'https://paper.example/' }, 'saved')).toEqual({ url: 'file:///tmp/saved.html', canonicalUrl: 'https://origin.example/story' });
    expect(resolve('file:///tmp/saved.html#top', declared, 'tab')).toEqual({ url: 'file:///tmp/saved.html', canonicalUrl: 'https://paper.example/story' });
  });

  it('drops links to the chosen address, and only those', () => {
    const a = resolveArticleUrl(article('https://example.com/a?x=1', ['https://www.example.com/a', 'https://origin.example.org/a']), {
      url: 'https://example.com/a?x=1',
      declared: { ...NONE, ogUrl: 'https://www.example.com/a' },
      trust: 'tab',
    });
    expect(a.links.map((l) => l.href)).toEqual(['https://origin.example.org/a']);
  });
});

describe('parseDeclaredUrls', () => {
  it('accepts the shape the content script sends and refuses anything else', () => {
    expect(parseDeclaredUrls({ ogUrl: 'https://a.example/x', canonical: null, home: null })).toEqual({ ogUrl: 'https://a.example/x', canonical: null, home: null });
    expect(parseDeclaredUrls(null)).toBeNull();
    expect(parseDeclaredUrls({ ogUrl: 'https://a.example/x' })).toBeNull();
    expect(parseDeclaredUrls({ ogUrl: 7, canonical: null, home: null })).toBeNull();
    expect(parseDeclaredUrls({ ogUrl: 'https://a.example/' + 'x'.repeat(5000), canonical: null, home: null })).toBeNull();
  });
});
