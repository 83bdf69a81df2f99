/**
 * The reader's disputes through the background as shipped (real engine and claim index, fake
 * browser, fake-indexeddb): only the popup may read or change them; a dispute names what the tab's
 * report shows, is keyed by the page's filed address, survives a restart and a new visit, goes
 * into the evidence export, is undone in one call, is never kept from a private window, leaves
 * the page's highlights only in a gesture's draw, and "delete all data" wipes it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackgroundService } from '../../../src/background/background-service';
import { ClaimIndex } from '../../../src/core/claims';
import { backgroundEngine } from '../../../src/background/engine';
import type { ArticleRecord, KnownClaim } from '../../../src/core/types';
import { openDb } from '../../../src/platform/db';
import type { PageDisputes, Result, TabState } from '../../../src/shared/messages';
import { knownClaim } from '../../helpers/known-claim';
import { createFakeBrowser, EXT_BASE, EXT_ID, MemoryArea } from './fake-browser';
import { english } from '../../helpers/messages';
import { checkExtracted } from './check-extracted';

const POPUP = { id: EXT_ID, url: `${EXT_BASE}popup.html?tab=2` };
const OPTIONS = { id: EXT_ID, url: `${EXT_BASE}options.html` };
const NOW = new Date('2026-12-05T08:00:00.000Z');

function article(url: string, paragraphs: string[], publishedTime: string): ArticleRecord {
  return {
    url, title: `Title of ${url}`, byline: null, siteName: new URL(url).hostname, lang: 'en', publishedTime, modifiedTime: null,
    paragraphs, links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
  };
}

const STORY = [
  'The Port Alder council approved a 48 million dollar seawall on Tuesday night after a four-hour meeting that ran past midnight.',
  'Residents of the lower harbor district have seen their streets flood three times since 2019, and the engineers say the wall will hold back a hundred-year storm.',
  'Construction is expected to begin in the spring and to last about three years, with the first section finished before the next winter storms.',
  'Councillor Maria Ortiz said the vote was the hardest of her career but that the town could not wait for the next flood to decide.',
];
const CLAIM_SENTENCE = 'Every homeowner in Port Alder will pay forty percent more property tax to fund the new seawall.';
const ORIGINAL = article('https://ledger.example/news/seawall', STORY, '2026-11-18T09:00:00Z');
const COPY = article('https://digest.example/trending/seawall', [...STORY, CLAIM_SENTENCE], '2026-11-18T15:00:00Z');
const CLAIM: KnownClaim = knownClaim('seawall-tax', CLAIM_SENTENCE, { source: 'import' });

let dbName: string;
let fb: ReturnType<typeof createFakeBrowser>;

function start(now = () => NOW) {
  let opened: ReturnType<typeof openDb> | null = null;
  return createBackgroundService({
    browser: fb.browser,
    messages: english,
    db: () => (opened ??= openDb({ name: dbName })),
    engine: backgroundEngine,
    createClaimIndex: (claims) => new ClaimIndex(claims),
    snapshotDelayMs: 60_000,
    now,
    log: { warn: () => undefined, error: () => undefined },
  });
}
type Service = ReturnType<typeof start>;

async function visit(svc: Service, tabId: number, a: ArticleRecord, docId = `doc-${tabId}`) {
  fb.tabUrls.set(tabId, a.url);
  const r = await checkExtracted(svc,
    { docId, article: a, declared: { ogUrl: null, canonical: null, home: null }, claimReviews: [] },
    { id: EXT_ID, url: a.url, frameId: 0, tab: { id: tabId, url: a.url, incognito: false } },
  );
  expect(r.ok).toBe(true);
}

async function call<T>(svc: Service, type: string, payload: unknown, sender: object = POPUP): Promise<T> {
  const r = (await svc.route({ type, payload }, sender)) as Result<T>;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const stored = () => (fb.local.data.get('disputes') ?? []) as unknown[];
/** Claim highlights in the last showHighlights message sent to a tab. */
const lastClaimMarks = (tabId: number) =>
  fb.sent.filter((m) => m.tabId === tabId && m.type === 'showHighlights').at(-1)?.payload.highlights.filter((h: { kind: string }) => h.kind === 'claim').length;
const tick = () => new Promise((r) => setTimeout(r, 25));

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `disputes-${Math.random()}`;
  fb = createFakeBrowser({ local: new MemoryArea(), session: new MemoryArea() });
  const db = await openDb({ name: dbName });
  await db.put('claims', CLAIM);
  db.close();
});

describe('disputes through the background', () => {
  it('a disputed verdict is kept by page, shown on the next visit after a restart, exported, and undone in one call', async () => {
    let svc = start();
    await visit(svc, 1, ORIGINAL);
    await visit(svc, 2, COPY);
    const state = await call<TabState>(svc, 'getTabState', { tabId: 2 });
    const verdict = state.report!.verdict;
    expect(verdict).not.toBe('no-match');
    expect(await call<PageDisputes>(svc, 'getDisputes', { tabId: 2 })).toEqual({ verdict: null, claims: [], canDispute: true });
    const badge = fb.badges.get(2)?.text;

    const after = await call<PageDisputes>(svc, 'setDispute', { tabId: 2, target: { kind: 'verdict' }, disputed: true });
    expect(after.verdict).toBe(NOW.toISOString());
    expect(stored()).toEqual([{ pageUrl: COPY.url, target: { kind: 'verdict', verdict, sourceUrl: ORIGINAL.url }, disputedAt: NOW.toISOString() }]);
    expect(fb.badges.get(2)?.text).toBe(badge); // the badge keeps the verdict

    // A restarted background, the page read again in another tab: still disputed.
    svc = start(() => new Date('2026-12-06T09:00:00Z'));
    await visit(svc, 3, { ...COPY, url: `${COPY.url}?utm_source=newsletter` });
    expect((await call<TabState>(svc, 'getTabState', { tabId: 3 })).report!.article.url).toBe(COPY.url);
    expect((await call<PageDisputes>(svc, 'getDisputes', { tabId: 3 })).verdict).toBe(NOW.toISOString());
    // Another page is not disputed by it.
    expect((await call<PageDisputes>(svc, 'getDisputes', { tabId: 1 })).verdict).toBeNull();

    const evidence = JSON.parse((await call<{ json: string }>(svc, 'exportEvidence', { tabId: 3 }, OPTIONS)).json);
    expect(evidence.items[0].disputedAt).toBe(NOW.toISOString());
    expect(evidence.items[0].body.some((b: { purpose: string; value?: string }) => b.purpose === 'commenting' && /marked this as wrong on 2026-12-05/.test(b.value ?? ''))).toBe(true);

    expect(await call<PageDisputes>(svc, 'setDispute', { tabId: 3, target: { kind: 'verdict' }, disputed: false })).toEqual({ verdict: null, claims: [], canDispute: true });
    expect(stored()).toEqual([]);
    expect(JSON.parse((await call<{ json: string }>(svc, 'exportEvidence', { tabId: 3 }, OPTIONS)).json).items[0].disputedAt).toBeUndefined();
  });

  it('only the popup may read or change disputes, and only about what the tab report shows', async () => {
    const svc = start();
    await visit(svc, 1, ORIGINAL);
    await visit(svc, 2, COPY);
    const fromOptions = await svc.route({ type: 'setDispute', payload: { tabId: 2, target: { kind: 'verdict' }, disputed: true } }, OPTIONS);
    expect(fromOptions).toEqual({ ok: false, error: 'setDispute is only accepted from the popup' });
    expect(await svc.route({ type: 'getDisputes', payload: { tabId: 2 } }, OPTIONS)).toEqual({ ok: false, error: 'getDisputes is only accepted from the popup' });
    // A content script (a page) can neither read nor write them.
    const page = { id: EXT_ID, url: COPY.url, frameId: 0, tab: { id: 2, url: COPY.url, incognito: false } };
    for (const type of ['getDisputes', 'setDispute']) {
      const r = await svc.route({ type, payload: { tabId: 2, target: { kind: 'verdict' }, disputed: true } }, page);
      expect(r).toEqual({ ok: false, error: `${type} is only accepted from the extension's own pages` });
    }
    const bad = async (payload: unknown) => {
      const r = await svc.route({ type: 'setDispute', payload }, POPUP);
      expect(r.ok, JSON.stringify(payload)).toBe(false);
      return r.ok ? '' : r.error;
    };
    expect(await bad({ tabId: 2, target: { kind: 'headline' }, disputed: true })).toBe('invalid dispute target');
    expect(await bad({ tabId: 2, target: { kind: 'claim', claimId: 'https://not-on-this-page.example' }, disputed: true })).toMatch(/no such verdict or claim warning/);
    expect(await bad({ tabId: 2, target: { kind: 'verdict' }, disputed: 'yes' })).toBe('invalid disputed flag');
    expect(await bad({ tabId: -1, target: { kind: 'verdict' }, disputed: true })).toBe('invalid tabId');
    expect(await bad({ tabId: 9, target: { kind: 'verdict' }, disputed: true })).toBe('This tab has no report yet.');
    expect(stored()).toEqual([]);
  });

  it('keeps nothing from a private window, but an undo still works there', async () => {
    const svc = start();
    await visit(svc, 1, ORIGINAL);
    await visit(svc, 2, COPY);
    await call(svc, 'setDispute', { tabId: 2, target: { kind: 'verdict' }, disputed: true });
    const get = fb.browser.tabs.get;
    fb.browser.tabs.get = async (id) => ({ ...(await get(id)), incognito: true });
    expect((await call<PageDisputes>(svc, 'getDisputes', { tabId: 2 })).canDispute).toBe(false);
    const refused = await svc.route({ type: 'setDispute', payload: { tabId: 2, target: { kind: 'claim', claimId: CLAIM.id }, disputed: true } }, POPUP);
    expect(refused).toEqual({ ok: false, error: 'Nothing is kept from private windows, disputes included.' });
    expect((await call<PageDisputes>(svc, 'setDispute', { tabId: 2, target: { kind: 'verdict' }, disputed: false })).verdict).toBeNull();
    expect(stored()).toEqual([]);
  });

  it('a disputed claim warning leaves the highlights drawn by a gesture, never the draw at page load', async () => {
    let svc = start();
    await visit(svc, 1, ORIGINAL);
    await visit(svc, 2, COPY);
    await tick();
    const report = (await call<TabState>(svc, 'revealHighlights', { tabId: 2 })).report!; // the popup opens: every highlight drawn
    expect(report.claims.map((c) => [c.claim.id, c.stance])).toEqual([[CLAIM.id, 'repeats']]);
    expect(lastClaimMarks(2)).toBe(1);

    const d = await call<PageDisputes>(svc, 'setDispute', { tabId: 2, target: { kind: 'claim', claimId: CLAIM.id }, disputed: true });
    expect(d.claims).toEqual([{ claimId: CLAIM.id, disputedAt: NOW.toISOString() }]);
    expect(lastClaimMarks(2)).toBe(0); // redrawn at once without it
    const evidence = JSON.parse((await call<{ json: string }>(svc, 'exportEvidence', { tabId: 2 }, OPTIONS)).json);
    expect(evidence.items.filter((a: { disputedAt?: string }) => a.disputedAt)).toHaveLength(1);

    // Next visit: the page-load draw does not depend on the reader's disputes (a page must not
    // learn of them); the popup opening (a gesture) draws the highlights without it.
    svc = start();
    fb.sent.length = 0;
    await visit(svc, 4, COPY, 'next-visit');
    await tick();
    expect(lastClaimMarks(4)).toBe(1);
    await call(svc, 'revealHighlights', { tabId: 4 }, { ...POPUP, url: `${EXT_BASE}popup.html?tab=4` });
    expect(lastClaimMarks(4)).toBe(0);
    expect((await call<PageDisputes>(svc, 'getDisputes', { tabId: 4 })).claims.map((c) => c.claimId)).toEqual([CLAIM.id]);

    await call(svc, 'setDispute', { tabId: 4, target: { kind: 'claim', claimId: CLAIM.id }, disputed: false });
    expect(lastClaimMarks(4)).toBe(1); // the undone warning is drawn again
  });

  it('"delete all data" wipes the disputes', async () => {
    const svc = start();
    await visit(svc, 1, ORIGINAL);
    await visit(svc, 2, COPY);
    await call(svc, 'setDispute', { tabId: 2, target: { kind: 'verdict' }, disputed: true });
    await call(svc, 'setDispute', { tabId: 2, target: { kind: 'claim', claimId: CLAIM.id }, disputed: true });
    expect(stored()).toHaveLength(2);
    await call(svc, 'deleteAllData', {}, OPTIONS);
    expect(fb.local.data.has('disputes')).toBe(false);
  });
});
