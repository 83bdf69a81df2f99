/**
 * One address rule: the same page gets the same article address (and the same foreign canonical)
 * whether the extension reads it (content-script extraction on a browser-like DOM, then the
 * background filing it under the tab's address) or the CLI does (`--url`, linkedom). Both go
 * through core/site.ts resolveArticleUrl; this catches either side deciding on its own again.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBytes } from '../../../src/cli/load-articles';
import { capturedHtml } from '../../helpers/captured-page';
import { openDb } from '../../../src/platform/db';
import { fixtureSlugs, loadFixture, parsePage } from '../../dom/extract/fixture-pages';
import { EXT_ID } from './fake-browser';
import { startRealBackground } from './real-background';

interface Case {
  name: string;
  html: string;
  pageUrl: string;
  /** The address and foreign canonical a reader should see, where the case states them. */
  want?: { url: string; canonicalUrl: string | null };
}

const articles = fixtureSlugs().filter((s) => loadFixture(s).expected.article);
const fixtureCases: Case[] = articles.map((slug) => {
  const { html, expected } = loadFixture(slug);
  const want = 'url' in expected && expected.signals && 'canonicalUrl' in expected.signals ? { url: expected.url!, canonicalUrl: expected.signals.canonicalUrl ?? null } : undefined;
  return { name: slug, html, pageUrl: expected.pageUrl, want };
});

const syndicated = loadFixture('syndicated-canonical').html;
const ledgerStory = 'https://www.harborledger.com/news/local/2026/03/14/council-approves-riverside-floodwall/';
const amp = loadFixture('amp-page').html;
const recall = 'https://www.pedaltimes.com/news/2026/03/voltway-battery-recall';
/** The same pages served from other addresses: shared hosts, sibling subdomains, tracking parameters. */
const movedCases: Case[] = [
  {
    // Two publishers on github.io are two sites: the copy's canonical names the other, it does not become it.
    name: 'syndicated copy on x.github.io declaring y.github.io',
    html: syndicated.replaceAll(ledgerStory, 'https://harborledger.github.io/floodwall/'),
    pageUrl: 'https://valleycourier.github.io/2026/floodwall/',
    want: { url: 'https://valleycourier.github.io/2026/floodwall/', canonicalUrl: 'https://harborledger.github.io/floodwall/' },
  },
  {
    // Another host of the same site: the canonical is the identity, the tracking parameters go.
    name: 'amp page on a sibling subdomain with tracking parameters',
    html: amp,
    pageUrl: 'https://amp.pedaltimes.com/news/2026/03/voltway-battery-recall?utm_source=feed&id=3',
    want: { url: recall, canonicalUrl: null },
  },
  {
    name: 'amp page copied to another site',
    html: amp,
    pageUrl: 'https://mirror.example.net/voltway?fbclid=abc',
    want: { url: 'https://mirror.example.net/voltway', canonicalUrl: recall },
  },
];
const CASES = [...fixtureCases, ...movedCases];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('one article address for the extension and the CLI', () => {
  it('has cases that state the expected address, on and off the page\'s site', () => {
    const stated = CASES.filter((c) => c.want);
    expect(stated.length).toBeGreaterThanOrEqual(6);
    expect(stated.some((c) => c.want!.canonicalUrl !== null)).toBe(true);
    expect(stated.some((c) => c.want!.url !== c.pageUrl)).toBe(true);
  });

  it('files every page under the same address, with the same foreign canonical', async () => {
    const dbName = `article-url-${Math.random()}`;
    const svc = startRealBackground(dbName);

    const fromCli = new Map<string, { url: string; canonicalUrl: string | null }>();
    for (const [tabId, c] of CASES.entries()) {
      // The extension: the content script captures the page on the browser's DOM, the background
      // extracts and files it.
      const html = capturedHtml(parsePage(c.html, 'jsdom', c.pageUrl));
      const sent = await svc.route(
        { type: 'pageCaptured', payload: { docId: `doc-${tabId}`, html } },
        { id: EXT_ID, url: c.pageUrl, frameId: 0, tab: { id: tabId, url: c.pageUrl, incognito: false } },
      );
      expect(sent.ok, c.name).toBe(true);

      // The CLI: `provenance-lens extract page.html --url <pageUrl>`.
      const [out] = loadBytes('page.html', Buffer.from(c.html, 'utf8'), { url: c.pageUrl });
      if (out.kind !== 'article') throw new Error(`${c.name}: CLI did not read an article`);
      const cli = { url: out.article.url, canonicalUrl: out.article.signals.canonicalUrl };
      if (c.want) expect(cli, c.name).toEqual(c.want);
      fromCli.set(c.name, cli);
    }

    const db = await openDb({ name: dbName });
    const stored = await db.getAll('articles');
    db.close();
    // Exactly the CLI's addresses, each with the CLI's canonical.
    expect(stored.map((a) => a.url).sort()).toEqual([...new Set([...fromCli.values()].map((c) => c.url))].sort());
    for (const [name, cli] of fromCli) {
      const a = stored.find((s) => s.url === cli.url);
      expect(a?.signals.canonicalUrl, name).toBe(cli.canonicalUrl);
    }
  }, 120_000);
});
