/**
 * The options page's pure views (render-options.ts): feeds with their status, the stored-data
 * summary, recent articles and known claims, with hostile page text kept as text.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { renderClaimRows, renderFeedList, renderRecentArticles, renderStoredSummary, wipedNoticeText } from '../../../src/options/render-options';
import type { KnownClaim } from '../../../src/core/types';
import { FEEDS, loadPage, SUMMARY } from './fixtures';
import { english } from '../../helpers/messages';

const doc = loadPage(resolve(__dirname, '../../../src/options/options.html'), 'chrome-extension://abc/options.html').window.document;
const NOW = new Date('2026-11-22T12:00:00Z');

describe('options views', { timeout: 30_000 }, () => {
  it('a failing feed says what failed and keeps its buttons; a healthy one shows its records and age', () => {
    const [ok, failing] = renderFeedList(doc, FEEDS, NOW, english);
    expect(ok.getAttribute('data-feed-state')).toBe('ok');
    expect(ok.querySelector('[data-field=records]')!.textContent).toBe('1,240');
    expect(ok.querySelector('[data-field=last-update]')!.textContent).toMatch(/^2 hours ago \(/);
    expect(ok.textContent).toContain('signed (publisher key pinned)');
    expect(failing.getAttribute('data-feed-state')).toBe('error');
    expect(failing.querySelector('[data-field=last-error]')!.textContent).toBe('Last update failed: The server answered with an HTML page, not JSON.');
    expect(failing.querySelector('[data-field=last-update]')!.textContent).toBe('never');
    const buttons = [...failing.querySelectorAll('button')].map((b) => [b.dataset.action, b.dataset.feedId, b.getAttribute('aria-label')]);
    expect(buttons).toEqual([['refresh', 'f2', 'Refresh news.example'], ['remove', 'f2', 'Remove news.example and its data']]);
  });

  it('no feeds: one row saying how to get one', () => {
    const rows = renderFeedList(doc, [], NOW, english);
    expect(rows.map((r) => r.className)).toEqual(['pl-empty']);
    expect(rows[0].textContent).toContain('No feeds yet');
  });

  it('the stored-data summary and recent articles, a hostile title as text and not a link', () => {
    const dl = renderStoredSummary(doc, SUMMARY, english);
    expect(['articles', 'claims', 'feeds', 'packs', 'bytes'].map((k) => dl.querySelector(`#pl-sum-${k}`)!.textContent)).toEqual(['42', '1,243', '2', '0', '3.4 MB']);
    const [good, hostile] = renderRecentArticles(doc, SUMMARY.recent, english);
    expect((good.querySelector('a') as HTMLAnchorElement).href).toBe('https://ledger.example/bridge');
    expect(good.textContent).toContain('· The Harbor Ledger · read ');
    expect(hostile.querySelector('a, script')).toBeNull();
    expect(hostile.textContent).toContain('<script>alert(1)</script>');
    expect(renderRecentArticles(doc, [], english).map((r) => r.textContent)).toEqual(['No articles stored.']);
    expect(wipedNoticeText(null, english)).toBeNull();
    expect(wipedNoticeText('2026-11-20T09:00:00Z', english)).toMatch(/^On .*2026.* Provenance Lens found its local data cleared from outside the extension/);
  });

  it('known claims: the claim, its rating and reviewer; an unrated claim from a javascript: URL is not a link', () => {
    const claim = (over: Partial<KnownClaim>): KnownClaim => ({ id: 'c', claimReviewed: 'The seawall will double property taxes.', url: 'https://factcheck.example/c1', rating: { alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 }, reviewer: { name: 'Coast Fact Check', url: null }, datePublished: null, claimAuthor: null, appearances: [], source: 'import', ...over });
    const [rated, bad] = renderClaimRows(doc, [claim({}), claim({ url: 'javascript:alert(1)', reviewer: { name: null, url: null }, rating: { alternateName: null, ratingValue: null, bestRating: null, worstRating: null } })], "none", english);
    expect(rated.textContent).toBe('The seawall will double property taxes. · rated False by Coast Fact Check');
    expect((rated.querySelector('a') as HTMLAnchorElement).href).toBe('https://factcheck.example/c1');
    expect(bad.textContent).toContain('no rating by');
    expect(bad.querySelector('a')).toBeNull();
    expect(renderClaimRows(doc, [], 'No known claim shares enough words with this text.', english).map((r) => r.textContent)).toEqual(['No known claim shares enough words with this text.']);
  });
});
