import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { mountOptions } from '../../../src/options/mount-options';
import { axeViolations, fakeBrowser, FEEDS, loadPage, SETTINGS, SUMMARY } from './fixtures';
import type { FeedStatus, Settings } from '../../../src/shared/messages';
import { english } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/options/options.html');

async function open(handlers: Record<string, (p: any) => unknown> = {}, opts: { grant?: boolean } = {}) {
  const dom = loadPage(HTML, 'chrome-extension://abc/options.html');
  let settings: Settings = { ...SETTINGS };
  let feeds: FeedStatus[] = [...FEEDS];
  const downloads: Array<{ name: string; json: string }> = [];
  const fake = fakeBrowser(
    {
      getSettings: () => settings,
      setSettings: (p) => (settings = { ...settings, ...p }),
      listFeeds: () => feeds,
      getStorageSummary: () => SUMMARY,
      subscribeFeed: (p) => {
        const f: FeedStatus = { ...FEEDS[0], id: 'f3', url: p.url, kind: p.kind, publicKey: p.publicKey, records: 10 };
        feeds = [...feeds, f];
        return f;
      },
      unsubscribeFeed: (p) => (feeds = feeds.filter((f) => f.id !== p.id)),
      refreshFeed: (p) => ({ ...feeds.find((f) => f.id === p.id)!, records: 99, lastError: null }),
      deleteAllData: () => ({ ...SUMMARY, articles: 0, claims: 0, feeds: 0, bytes: 0, recent: [] }),
      exportData: () => ({ json: '{"magic":"x"}' }),
      listClaims: () => [
        { id: 'c1', claimReviewed: 'The seawall will double property taxes.', url: 'https://factcheck.example/c1', rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 }, reviewer: { name: 'Coast Fact Check', url: null }, datePublished: '2026-11-20', claimAuthor: null, appearances: [], source: 'import' },
        { id: 'c2', claimReviewed: '<b>bold</b>', url: 'javascript:alert(1)', rating: { alternateName: null, ratingValue: null, bestRating: null, worstRating: null }, reviewer: { name: null, url: null }, datePublished: null, claimAuthor: null, appearances: [], source: 'harvest' },
      ],
      importClaims: () => ({ added: 5, skipped: 1 }),
      ...handlers,
    },
    opts,
  );
  const doc = dom.window.document;
  await mountOptions(doc, { t: english, api: fake.api, now: () => new Date('2026-11-22T12:00:00Z'), download: (name, json) => downloads.push({ name, json }) }).ready;
  const settle = () => new Promise((r) => setTimeout(r, 5));
  return { dom, doc, fake, downloads, settle, settings: () => settings };
}

describe('options page', { timeout: 30_000 }, () => {
  it('renders settings, feeds with their status, and what is stored; passes axe', async () => {
    const { dom, doc } = await open();
    expect(doc.body.dataset.ready).toBe('1');
    expect((doc.getElementById('pl-opt-autocheck') as HTMLInputElement).checked).toBe(false);
    expect((doc.getElementById('pl-opt-harvest') as HTMLInputElement).checked).toBe(true);
    expect((doc.getElementById('pl-opt-highlights') as HTMLInputElement).checked).toBe(true);
    const feeds = [...doc.querySelectorAll('#pl-feeds li.pl-feed')];
    expect(feeds.length).toBe(2);
    expect(feeds[0].textContent).toContain('1,240');
    expect(feeds[0].textContent).toContain('signed');
    expect(feeds[0].querySelector('[data-field=last-update]')!.textContent).toContain('2 hours ago');
    expect(feeds[1].getAttribute('data-feed-state')).toBe('error');
    expect(feeds[1].textContent).toContain('unsigned');
    expect(feeds[1].querySelector('[data-field=last-error]')!.textContent).toContain('HTML page, not JSON');
    expect(doc.getElementById('pl-sum-articles')!.textContent).toBe('42');
    expect(doc.getElementById('pl-sum-claims')!.textContent).toBe('1,243');
    expect(doc.getElementById('pl-sum-bytes')!.textContent).toBe('3.4 MB');
    const recent = doc.getElementById('pl-recent')!;
    expect(recent.querySelector('script')).toBeNull();
    expect(recent.querySelector('a[href^="javascript"]')).toBeNull();
    expect(recent.textContent).toContain('<script>alert(1)</script>');
    const claims = [...doc.querySelectorAll('#pl-claims-list li')];
    expect(claims.length).toBe(2);
    expect(claims[0].textContent).toContain('rated False by Coast Fact Check');
    expect(claims[1].querySelector('b, a')).toBeNull();
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('turning on automatic checking asks for the host permission first, then saves', async () => {
    const { doc, fake, settle, settings } = await open();
    const box = doc.getElementById('pl-opt-autocheck') as HTMLInputElement;
    box.click();
    await settle();
    expect(fake.permissionRequests).toEqual([{ origins: ['http://*/*', 'https://*/*'] }]);
    expect(fake.calls.find((c) => c.type === 'setSettings')?.payload).toEqual({ autoCheck: true });
    expect(settings().autoCheck).toBe(true);
    expect(box.checked).toBe(true);
  });

  it('a refused permission leaves automatic checking off and says why', async () => {
    const { doc, fake, settle } = await open({}, { grant: false });
    const box = doc.getElementById('pl-opt-autocheck') as HTMLInputElement;
    box.click();
    await settle();
    expect(fake.calls.some((c) => c.type === 'setSettings')).toBe(false);
    expect(box.checked).toBe(false);
    expect(doc.getElementById('pl-opt-status')!.textContent).toContain('not granted');
  });

  it('subscribes to https feeds only', async () => {
    const { doc, fake, settle } = await open();
    const url = doc.getElementById('pl-feed-url') as HTMLInputElement;
    const form = doc.getElementById('pl-feed-form') as HTMLFormElement;
    url.value = 'http://insecure.example/feed.json';
    form.requestSubmit();
    await settle();
    expect(fake.calls.some((c) => c.type === 'subscribeFeed')).toBe(false);
    expect(doc.getElementById('pl-feed-error')!.textContent).toContain('https://');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    url.value = 'https://facts2.example/feed.json';
    (doc.getElementById('pl-feed-kind') as HTMLSelectElement).value = 'pack';
    form.requestSubmit();
    await settle();
    expect(fake.calls.find((c) => c.type === 'subscribeFeed')?.payload).toEqual({ url: 'https://facts2.example/feed.json', kind: 'pack', publicKey: null });
    // Access to the feed's own origin (only that one) was asked for, so it needs no CORS headers.
    expect(fake.permissionRequests).toEqual([{ origins: ['https://facts2.example/*'] }]);
    expect(doc.querySelectorAll('#pl-feeds li.pl-feed').length).toBe(3);
  });

  it('leaves plain-http loopback feeds (local demo) to the background to accept or refuse', async () => {
    const { doc, fake, settle } = await open({ subscribeFeed: () => { throw new Error('Feeds must be served over https.'); } });
    (doc.getElementById('pl-feed-url') as HTMLInputElement).value = 'http://127.0.0.1:8080/feeds/claims.json';
    (doc.getElementById('pl-feed-form') as HTMLFormElement).requestSubmit();
    await settle();
    expect(fake.calls.find((c) => c.type === 'subscribeFeed')?.payload).toEqual({ url: 'http://127.0.0.1:8080/feeds/claims.json', kind: 'claimreview', publicKey: null });
    expect(doc.getElementById('pl-feed-error')!.textContent).toBe('Feeds must be served over https.');
    expect(doc.querySelectorAll('#pl-feeds li.pl-feed').length).toBe(2);
  });

  it('refreshes and removes a feed', async () => {
    const { doc, fake, settle } = await open();
    const first = () => doc.querySelector('#pl-feeds li.pl-feed') as HTMLElement;
    (first().querySelector('button') as HTMLButtonElement).click();
    await settle();
    expect(fake.calls.find((c) => c.type === 'refreshFeed')?.payload).toEqual({ id: 'f1' });
    expect(first().querySelector('[data-field=records]')!.textContent).toBe('99');
    (first().querySelectorAll('button')[1] as HTMLButtonElement).click();
    await settle();
    expect(fake.calls.find((c) => c.type === 'unsubscribeFeed')?.payload).toEqual({ id: 'f1' });
    expect([...doc.querySelectorAll('#pl-feeds li.pl-feed')].map((li) => li.getAttribute('data-feed-id'))).toEqual(['f2']);
  });

  it('deletes all data only after a confirming second click', async () => {
    const { doc, fake, settle } = await open();
    const del = doc.getElementById('pl-delete') as HTMLButtonElement;
    del.click();
    await settle();
    expect(fake.calls.some((c) => c.type === 'deleteAllData')).toBe(false);
    expect(doc.getElementById('pl-delete-confirm')!.hidden).toBe(false);
    (doc.getElementById('pl-delete-cancel') as HTMLButtonElement).click();
    del.click();
    del.click();
    await settle();
    expect(fake.calls.filter((c) => c.type === 'deleteAllData').length).toBe(1);
    expect(doc.getElementById('pl-sum-articles')!.textContent).toBe('0');
  });

  it('says when the browser cleared the local data, until dismissed', async () => {
    const { doc, fake, settle } = await open({
      getStorageSummary: () => ({ ...SUMMARY, articles: 0, wipedAt: '2026-11-21T08:00:00Z' }),
      dismissWipeNotice: () => ({ ...SUMMARY, articles: 0, wipedAt: null }),
    });
    const notice = doc.getElementById('pl-wiped')!;
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/cleared from outside the extension/);
    expect(notice.textContent).toContain('Nov');
    (doc.getElementById('pl-wiped-dismiss') as HTMLButtonElement).click();
    await settle();
    expect(fake.calls.some((c) => c.type === 'dismissWipeNotice')).toBe(true);
    expect(notice.hidden).toBe(true);
  });

  it('shows no cleared-data notice on an intact database', async () => {
    const { doc } = await open();
    expect(doc.getElementById('pl-wiped')!.hidden).toBe(true);
  });

  it('searches the known claims and lists the nearest, as text', async () => {
    const hostile = { id: 'h', claimReviewed: '<img src=x onerror=alert(1)>seawall taxes', url: 'javascript:alert(1)', rating: { alternateName: 'False', ratingValue: null, bestRating: null, worstRating: null }, reviewer: { name: 'Coast Fact Check', url: null }, datePublished: null, claimAuthor: null, appearances: [], source: 'import' };
    const { doc, fake, settle } = await open({
      searchClaims: (p) => (p.text.includes('seawall') ? [{ claim: hostile, score: 3.2 }] : []),
    });
    const q = doc.getElementById('pl-claims-q') as HTMLInputElement;
    const form = doc.getElementById('pl-claims-search') as HTMLFormElement;
    q.value = '  the seawall will raise taxes  ';
    form.requestSubmit();
    await settle();
    expect(fake.calls.find((c) => c.type === 'searchClaims')?.payload).toEqual({ text: 'the seawall will raise taxes', limit: 5 });
    const rows = [...doc.querySelectorAll('#pl-claims-results li')];
    expect(rows).toHaveLength(1);
    expect(rows[0].querySelector('q')!.textContent).toBe('<img src=x onerror=alert(1)>seawall taxes');
    expect(doc.querySelector('#pl-claims-results img')).toBeNull();
    expect(doc.querySelector('#pl-claims-results a[href^="javascript"]')).toBeNull();
    expect(rows[0].textContent).toContain('rated False by Coast Fact Check');
    q.value = 'ferry timetable';
    form.requestSubmit();
    await settle();
    expect(doc.getElementById('pl-claims-results')!.textContent).toMatch(/No known claim/);
  });

  it('forgets the claims kept from visited pages on click and says how many', async () => {
    const { doc, fake, settle } = await open({ forgetHarvestedClaims: () => ({ removed: 3 }) });
    (doc.getElementById('pl-forget-harvest') as HTMLButtonElement).click();
    await settle();
    expect(fake.calls.filter((c) => c.type === 'forgetHarvestedClaims')).toHaveLength(1);
    expect(doc.body.textContent).toContain('Forgot 3 claims kept from pages you visited.');
  });

  it('exports the index to a file', async () => {
    const { doc, downloads, settle } = await open();
    (doc.getElementById('pl-export') as HTMLButtonElement).click();
    await settle();
    expect(downloads).toEqual([{ name: 'provenance-lens-2026-11-22.json', json: '{"magic":"x"}' }]);
  });
});
