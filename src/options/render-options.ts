/**
 * The options page's pure views: the feed list with each feed's status, the summary of stored
 * data, the most recent articles, the wipe notice text, and rows of known claims. State in,
 * elements out; a feed's buttons carry `data-action` and `data-feed-id` for mount-options.ts.
 * Feed, page and claim text only ever becomes text nodes; links go through safeLink. Words in the
 * interface's language (`t`).
 */
import type { KnownClaim } from '../core/types';
import type { FeedStatus, StorageSummary } from '../shared/messages';
import { elIn, formatBytes, formatDate, displayHost, relativeTime, safeLink } from '../shared/render';
import { messageParts, uiLanguage, type Translate } from '../shared/i18n';

/** A list row that says why the list is empty (or could not be read). */
export function renderEmptyRow(doc: Document, text: string): HTMLElement {
  return elIn(doc, 'li', { class: 'pl-empty' }, text);
}

/** The rows of `#pl-feeds`: one per feed, or a row saying there are none. */
export function renderFeedList(doc: Document, feeds: FeedStatus[], now: Date, t: Translate): HTMLElement[] {
  if (!feeds.length) return [renderEmptyRow(doc, t('optNoFeeds'))];
  return feeds.map((f) => renderFeedItem(doc, f, now, t));
}

/** The name a feed goes by in buttons and messages (its host). */
export function feedLabel(f: Pick<FeedStatus, 'url'>): string {
  return displayHost(f.url);
}

/** One feed: address, kind, signature, records, skipped, last update, the last error, and its buttons. */
export function renderFeedItem(doc: Document, f: FeedStatus, now: Date, t: Translate): HTMLElement {
  const h = (tag: string, attrs?: Record<string, string> | null, ...kids: Array<Node | string | null>) => elIn(doc, tag, attrs, ...kids);
  const kind = f.kind === 'claimreview' ? t('optFeedKindClaims') : t('optFeedKindPack');
  const updated = f.lastUpdate ? t('optUpdated', relativeTime(f.lastUpdate, null, now, t) ?? '', formatDate(f.lastUpdate, t) ?? '') : t('optNever');
  const n = (x: number) => x.toLocaleString(uiLanguage(t));
  const label = feedLabel(f);
  const button = (action: string, text: string, aria: string, cls = 'pl-btn') =>
    h('button', { type: 'button', class: cls, 'data-action': action, 'data-feed-id': f.id, 'aria-label': aria }, text);
  const stat = (name: string, field: string, value: string) => h('div', null, h('dt', null, name), h('dd', { 'data-field': field }, value));
  return h(
    'li',
    { class: 'pl-feed', 'data-feed-id': f.id, 'data-feed-state': f.lastError ? 'error' : 'ok' },
    h('p', { class: 'pl-feed-title' }, safeLink(doc, f.url, f.url)),
    h('p', { class: 'pl-meta' }, kind, ' · ', h('span', { class: f.publicKey ? 'pl-signed' : 'pl-unsigned' }, f.publicKey ? t('optSigned') : t('optUnsigned'))),
    h(
      'dl',
      { class: 'pl-feed-stats' },
      stat(t('optRecords'), 'records', n(f.records)),
      stat(t('optSkipped'), 'skipped', n(f.skipped)),
      stat(t('optLastUpdate'), 'last-update', updated),
    ),
    f.lastError
      ? h('p', { class: 'pl-feed-error', 'data-field': 'last-error' }, h('strong', null, t('optLastUpdateFailed')), f.lastError, f.records ? t('optPreviousKept') : '')
      : null,
    h('p', { class: 'pl-button-row' }, button('refresh', t('optRefresh'), t('optRefreshFeed', label)), button('remove', t('optRemove'), t('optRemoveFeed', label), 'pl-btn pl-btn-danger')),
  );
}

/** The counts of stored data (`#pl-summary` with `#pl-sum-articles|claims|feeds|packs|bytes`). */
export function renderStoredSummary(doc: Document, s: StorageSummary, t: Translate): HTMLElement {
  const n = (x: number) => x.toLocaleString(uiLanguage(t));
  const row = (name: string, id: string, value: string) => elIn(doc, 'div', null, elIn(doc, 'dt', null, name), elIn(doc, 'dd', { id }, value));
  return elIn(
    doc,
    'dl',
    { class: 'pl-summary', id: 'pl-summary' },
    row(t('optArticlesRead'), 'pl-sum-articles', n(s.articles)),
    row(t('optKnownClaims'), 'pl-sum-claims', n(s.claims)),
    row(t('optFeeds'), 'pl-sum-feeds', n(s.feeds)),
    row(t('optPackEntries'), 'pl-sum-packs', n(s.packEntries)),
    row(t('optSpaceUsed'), 'pl-sum-bytes', formatBytes(s.bytes)),
  );
}

/** Why the reading history is empty after the browser cleared it, or null when it did not. */
export function wipedNoticeText(wipedAt: string | null, t: Translate): string | null {
  if (!wipedAt) return null;
  return t('optWiped', formatDate(wipedAt, t) ?? wipedAt);
}

/** The rows of `#pl-recent`: the latest stored articles, linked, with outlet and when they were read. */
export function renderRecentArticles(doc: Document, recent: StorageSummary['recent'], t: Translate): HTMLElement[] {
  if (!recent.length) return [renderEmptyRow(doc, t('optNoArticles'))];
  return recent.map((a) =>
    elIn(
      doc,
      'li',
      null,
      safeLink(doc, a.url, a.title || a.url),
      elIn(doc, 'span', { class: 'pl-meta' }, ` · ${a.siteName || displayHost(a.url)}`, a.firstSeen ? t('optReadOn', formatDate(a.firstSeen, t) ?? a.firstSeen) : ''),
    ),
  );
}

/** Known claims as rows (the claim as reviewed, its rating, the reviewer linked), or `empty` when none. */
export function renderClaimRows(doc: Document, claims: KnownClaim[], empty: string, t: Translate): HTMLElement[] {
  if (!claims.length) return [renderEmptyRow(doc, empty)];
  return claims.map((c) => {
    const rating = c.rating.alternateName;
    const who = c.reviewer.name || displayHost(c.url) || t('optUnknownReviewer');
    const reviewer = c.url ? safeLink(doc, c.url, who) : who;
    return elIn(
      doc,
      'li',
      { class: 'pl-claim-row' },
      elIn(doc, 'q', null, c.claimReviewed),
      elIn(doc, 'span', { class: 'pl-meta' }, ...(rating ? messageParts(t, 'optRatedBy', rating, reviewer) : messageParts(t, 'optNoRatingBy', reviewer)), c.datePublished ? ` · ${formatDate(c.datePublished, t)}` : ''),
    );
  });
}
