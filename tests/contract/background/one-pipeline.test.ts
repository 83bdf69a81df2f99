/**
 * One check pipeline: the same pages, history and claims give the same report whether the
 * extension's background checks a page or the CLI does (`provenance-lens check --db`). Both run
 * src/core/engine checkArticle; this catches either side drifting (another candidate count, claims
 * merged differently, another loader).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkAgainstDb } from '../../../src/cli/run-check';
import { splitSentences } from '../../../src/core/text';
import type { ArticleRecord, KnownClaim } from '../../../src/core/types';
import { extractHtml } from '../../../src/extract/from-html';
import { capturedHtml } from '../../helpers/captured-page';
import { openDb } from '../../../src/platform/db';
import type { Result, TabState } from '../../../src/shared/messages';
import { EXT_BASE, EXT_ID } from './fake-browser';
import { startRealBackground } from './real-background';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PORT = '8765';
const PAGES = [
  ['harbor-ledger', '/news/2026/11/18/port-alder-approves-48-million-seawall.html'],
  ['northshore-now', '/local/port-alder-seawall-approved.html'],
  ['coast-digest', '/trending/port-alder-seawall-flooding.html'],
] as const;

/** A demo page: its address, its HTML, and its article as the CLI reads the saved page. */
function page([site, path]: readonly [string, string]): { url: string; html: string; article: ArticleRecord } {
  const url = `http://${site}.localhost:${PORT}${path}`;
  const html = readFileSync(join(ROOT, 'demo/site', site, path), 'utf8').replaceAll('__PORT__', PORT);
  const r = extractHtml(html, { url });
  if (!r.ok) throw new Error(`demo page ${site} not extracted: ${r.reason}`);
  return { url, html, article: r.article };
}

function claimFrom(text: string): KnownClaim {
  return {
    id: 'https://check.example/review/seawall',
    claimReviewed: text,
    url: 'https://check.example/review/seawall',
    rating: { alternateName: 'Misleading', ratingValue: 2, bestRating: 5, worstRating: 1 },
    reviewer: { name: 'Check Desk', url: null },
    datePublished: null,
    claimAuthor: null,
    appearances: [],
    source: 'import',
  };
}

let dbName: string;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `one-pipeline-${Math.random()}`;
});

describe('one check pipeline', () => {
  it('gives the background and the CLI identical reports, claims included', async () => {
    const pages = PAGES.map(page);
    const articles = pages.map((p) => p.article);
    const checked = articles[articles.length - 1];
    // A known claim worded as one of the checked page's sentences, so claim matching takes part.
    const claim = claimFrom(splitSentences(checked.paragraphs[1]).map((s) => s.text)[0]);
    const seed = await openDb({ name: dbName });
    await seed.put('claims', claim);
    seed.close();

    const svc = startRealBackground(dbName);
    // The extension's path: each page captured as its content script captures it, extracted by the background.
    for (const [tabId, p] of pages.entries()) {
      const html = capturedHtml(parseHTML(p.html).document as unknown as Document);
      const sent = await svc.route({ type: 'pageCaptured', payload: { docId: `doc-${tabId}`, html } }, { id: EXT_ID, url: p.url, frameId: 0, tab: { id: tabId, url: p.url, incognito: false } });
      expect(sent.ok).toBe(true);
    }
    const state = (await svc.route({ type: 'getTabState', payload: { tabId: articles.length - 1 } }, { id: EXT_ID, url: `${EXT_BASE}options.html` })) as Result<TabState>;
    const fromBackground = state.ok ? state.value?.report : undefined;

    // The CLI's database holds what the background stored (first-seen times included).
    const db = await openDb({ name: dbName });
    const stored = await Promise.all(articles.map(async (a) => (await db.get('articles', a.url))!));
    db.close();
    const cliDb = { articles: new Map(stored.map((a) => [a.url, a])), entries: new Map(), claims: new Map([[claim.id, claim]]) };
    const fromCli = await checkAgainstDb(stored[stored.length - 1], cliDb);

    expect(fromBackground?.verdict).toBe('verbatim-copy');
    expect(fromBackground?.claims.map((c) => c.claim.id)).toEqual([claim.id]);
    expect(fromCli).toEqual(fromBackground);
  }, 60_000);
});
