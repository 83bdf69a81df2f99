/** Fake replies for the extension pages, following src/shared/messages.ts exactly. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// @ts-ignore -- jsdom ships no types and @types/jsdom is not a dependency; the shape used is typed below.
import { JSDOM as JSDOMImpl, VirtualConsole } from 'jsdom';

/** The part of a jsdom instance the page tests use. */
export interface JSDOM {
  window: Window & typeof globalThis & { eval(src: string): unknown };
}
const JSDOMCtor = JSDOMImpl as new (html: string, opts: object) => JSDOM;
import type { ClaimMatch, Report } from '../../../src/core/types';
import { fail, ok, type FeedStatus, type Result, type Settings, type StorageSummary, type TabState } from '../../../src/shared/messages';
import { pageApi, type BrowserLike } from '../../../src/shared/page-client';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Loads an extension page's HTML (scripts not run) into jsdom, with axe-core available. */
export function loadPage(htmlPath: string, url: string): JSDOM {
  const html = readFileSync(htmlPath, 'utf8').replace(/<script[^>]*><\/script>/g, '');
  // jsdom lacks canvas (axe-core probes it for colour checks); that notice is noise, other errors are not.
  const virtualConsole = new VirtualConsole();
  virtualConsole.on('jsdomError', (e: Error) => {
    if (!/Not implemented/.test(e.message)) console.error(e);
  });
  const dom = new JSDOMCtor(html, { url, runScripts: 'outside-only', pretendToBeVisual: true, virtualConsole });
  dom.window.eval(AXE);
  return dom;
}

/** Runs axe-core on the page and returns the violations (rule id and the offending nodes). */
export async function axeViolations(dom: JSDOM): Promise<Array<{ id: string; nodes: string[] }>> {
  const axe = (dom.window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ html: string }> }> }> } }).axe;
  const res = await axe.run(dom.window.document, { resultTypes: ['violations'] });
  return res.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }));
}

type Handler = (payload: any) => unknown;

/** A fake `browser`: runtime.sendMessage answers from handlers (Result), records every call. */
export function fakeBrowser(handlers: Record<string, Handler>, opts: { activeTab?: number; grant?: boolean } = {}) {
  const calls: Array<{ type: string; payload: unknown }> = [];
  const permissionRequests: unknown[] = [];
  const b: BrowserLike = {
    runtime: {
      async sendMessage(msg: unknown): Promise<Result<unknown>> {
        const { type, payload } = msg as { type: string; payload: unknown };
        calls.push({ type, payload });
        const h = handlers[type];
        if (!h) return fail(`no handler for ${type}`);
        try {
          return ok(await h(payload));
        } catch (err) {
          return fail((err as Error).message);
        }
      },
      getURL: (p: string) => `chrome-extension://abc/${p}`,
      async openOptionsPage() {},
    },
    tabs: { async query() { return opts.activeTab === undefined ? [] : [{ id: opts.activeTab }]; } },
    permissions: {
      async request(p) { permissionRequests.push(p); return opts.grant ?? true; },
      async remove() { return true; },
      async contains() { return false; },
    },
  };
  return { browser: b, api: pageApi(b), calls, permissionRequests };
}

const HOUR = 3600e3;
/** Publication time of the checked page in the fixtures. */
export const PAGE_TIME = '2026-11-22T12:00:00Z';

/** A claim match as the engine would report it. */
export const CLAIM: ClaimMatch = {
  text: 'The bridge was built in 1890 and never inspected since.',
  start: 300,
  end: 355,
  score: 0.81,
  claim: {
    id: 'https://factcheck.example/bridge-1890',
    url: 'https://factcheck.example/bridge-1890',
    claimReviewed: 'The Harbor Street bridge has not been inspected since it was built.',
    rating: 'False',
    reviewer: 'Coast Fact Check',
  },
};

/** A report for a paraphrased rewrite of an original, with a credited excerpt elsewhere and a claim. */
export function rewriteReport(): Report {
  const original = { url: 'https://ledger.example/bridge', title: 'Harbor Street bridge to close for eight months', siteName: 'The Harbor Ledger', publishedTime: new Date(Date.parse(PAGE_TIME) - 2 * HOUR).toISOString() };
  return {
    schema: 'provenance-lens/report@1',
    article: { url: 'https://daily.example/bridge', title: 'Bridge shutting down', siteName: 'Daily Rewrite', publishedTime: PAGE_TIME, byline: null, lang: 'en', wordCount: 412 },
    verdict: 'paraphrased-copy',
    credited: false,
    summary: 'Rewritten from The Harbor Ledger, published 2 hours earlier; no credit given.',
    origin: original,
    directSource: original,
    related: [
      { ...original, relation: 'origin', similarity: 0.71, verbatimShare: 0.12, paraphraseShare: 0.55, kind: 'paraphrased-copy', credited: false, evidence: ['Published 2 hours earlier', '14 of 18 sentences align (9 paraphrased, 5 word for word)'] },
      { url: 'https://other.example/bridge', title: 'Council votes on bridge', siteName: null, publishedTime: null, relation: 'same-story', similarity: 0.31, verbatimShare: 0, paraphraseShare: 0, kind: null, credited: null, evidence: [] },
      { url: 'javascript:alert(1)', title: '<img src=x onerror=alert(1)>', siteName: 'Evil', publishedTime: null, relation: 'derivative', similarity: 0.4, verbatimShare: 0.3, paraphraseShare: 0, kind: 'partial-copy', credited: null, evidence: [] },
    ],
    passages: [
      { text: 'The council voted to close the bridge.', start: 0, end: 38, kind: 'paraphrase', score: 0.8, source: { url: original.url, sentence: 'The city council voted 7 to 2 to close the bridge.', start: 0, end: 50 } },
    ],
    claims: [CLAIM],
  };
}

/** A report where nothing is known. */
export function noMatchReport(): Report {
  return { ...rewriteReport(), verdict: 'no-match', credited: null, summary: 'Nothing known yet: no article you have read shares this text.', origin: null, directSource: null, related: [], passages: [], claims: [] };
}

/** A TabState around a report or a status. */
export function tabState(status: TabState['status'], report: Report | null = null, extra: Partial<TabState> = {}): TabState {
  return {
    tabId: 7,
    url: 'https://daily.example/bridge',
    status,
    report,
    message: null,
    analysed: report ? { title: report.article.title, wordCount: report.article.wordCount, opening: 'The council voted to close the bridge. Repairs start in May.' } : null,
    highlightsOn: false,
    updatedAt: PAGE_TIME,
    ...extra,
  };
}

/** Settings as the background returns them. */
export const SETTINGS: Settings = { autoCheck: false, harvestClaims: true, highlights: true };

/** Two feeds: one healthy and signed, one failing. */
export const FEEDS: FeedStatus[] = [
  { id: 'f1', url: 'https://facts.example/feed.json', kind: 'claimreview', publicKey: 'MCowBQYDK2VwAyEAq3J', records: 1240, skipped: 3, lastUpdate: '2026-11-22T10:00:00Z', lastError: null, etag: null, lastModified: null, dataVersion: '2026-11-22' },
  { id: 'f2', url: 'https://news.example/pack.json', kind: 'pack', publicKey: null, records: 0, skipped: 0, lastUpdate: null, lastError: 'The server answered with an HTML page, not JSON.', etag: null, lastModified: null, dataVersion: null },
];

/** A storage summary with a hostile title. */
export const SUMMARY: StorageSummary = {
  articles: 42, claims: 1243, feeds: 2, packEntries: 0, bytes: 3.4 * 1024 * 1024,
  recent: [
    { url: 'https://ledger.example/bridge', title: 'Harbor Street bridge to close', siteName: 'The Harbor Ledger', firstSeen: '2026-11-22T10:00:00Z' },
    { url: 'javascript:alert(1)', title: '<script>alert(1)</script>', siteName: null, firstSeen: null },
  ],
  wipedAt: null,
};

/**
 * A fake `browser` for the options page with a team index setting the background keeps: it starts
 * at `server`, takes what the page sets (an index of 1,234 articles), or refuses with `refuse`.
 */
export function optionsWithTeam(server: string | null, opts: { grant?: boolean; refuse?: string; feeds?: FeedStatus[] } = {}) {
  let current = server;
  return fakeBrowser(
    {
      getSettings: () => SETTINGS,
      listFeeds: () => opts.feeds ?? [],
      getStorageSummary: () => SUMMARY,
      listClaims: () => [],
      getTeamServer: () => ({ server: current }),
      setTeamServer: (p: { url: string | null }) => {
        if (opts.refuse) throw new Error(opts.refuse);
        current = p.url;
        return { server: p.url, articles: p.url ? 1234 : null };
      },
    },
    { grant: opts.grant },
  );
}
