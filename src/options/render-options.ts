/**
 * The options page's pure views: the feed list with each feed's status, the summary of stored
 * data, the most recent articles, the wipe notice text, and rows of known claims. State in,
 * elements out; a feed's buttons carry `data-action` and `data-feed-id` for mount-options.ts.
 * Feed, page and claim text only ever becomes text nodes; links go through safeLink.
 */
import type { KnownClaim } from '../core/types';
import type { FeedStatus, StorageSummary } from '../shared/messages';
import { elIn, formatBytes, formatDate, displayHost, relativeTime, safeLink } from '../shared/render';

/** A list row that says why the list is empty (or could not be read). */
export function renderEmptyRow(doc: Document, text: string): HTMLElement {
  return elIn(doc, 'li', { class: 'pl-empty' }, text);
}

/** The rows of `#pl-feeds`: one per feed, or a row saying there are none. */
export function renderFeedList(doc: Document, feeds: FeedStatus[], now: Date): HTMLElement[] {
  if (!feeds.length) return [renderEmptyRow(doc, 'No feeds yet. Fact-checkers and newsrooms publish them; paste one’s https address above.')];
  return feeds.map((f) => renderFeedItem(doc, f, now));
}

/** The name a feed goes by in buttons and messages (its host). */
export function feedLabel(f: Pick<FeedStatus, 'url'>): string {
  return displayHost(f.url);
}

/** One feed: address, kind, signature, records, skipped, last update, the last error, and its buttons. */
export function renderFeedItem(doc: Document, f: FeedStatus, now: Date): HTMLElement {
  const h = (tag: string, attrs?: Record<string, string> | null, ...kids: Array<Node | string | null>) => elIn(doc, tag, attrs, ...kids);
  const kind = f.kind === 'claimreview' ? 'Fact-check feed (ClaimReview)' : 'Provenance pack';
  const updated = f.lastUpdate ? `${relativeTime(f.lastUpdate, null, now)} (${formatDate(f.lastUpdate)})` : 'never';
  const label = feedLabel(f);
  const button = (action: string, text: string, aria: string, cls = 'pl-btn') =>
    h('button', { type: 'button', class: cls, 'data-action': action, 'data-feed-id': f.id, 'aria-label': aria }, text);
  const stat = (name: string, field: string, value: string) => h('div', null, h('dt', null, name), h('dd', { 'data-field': field }, value));
  return h(
    'li',
    { class: 'pl-feed', 'data-feed-id': f.id, 'data-feed-state': f.lastError ? 'error' : 'ok' },
    h('p', { class: 'pl-feed-title' }, safeLink(doc, f.url, f.url)),
    h('p', { class: 'pl-meta' }, kind, ' · ', h('span', { class: f.publicKey ? 'pl-signed' : 'pl-unsigned' }, f.publicKey ? 'signed (publisher key pinned)' : 'unsigned')),
    h(
      'dl',
      { class: 'pl-feed-stats' },
      stat('Records', 'records', f.records.toLocaleString()),
      stat('Skipped', 'skipped', f.skipped.toLocaleString()),
      stat('Last update', 'last-update', updated),
    ),
    f.lastError
      ? h('p', { class: 'pl-feed-error', 'data-field': 'last-error' }, h('strong', null, 'Last update failed: '), f.lastError, f.records ? ' The data from the previous update is kept.' : '')
      : null,
    h('p', { class: 'pl-button-row' }, button('refresh', 'Refresh', `Refresh ${label}`), button('remove', 'Remove', `Remove ${label} and its data`, 'pl-btn pl-btn-danger')),
  );
}

/** The counts of stored data (`#pl-summary` with `#pl-sum-articles|claims|feeds|packs|bytes`). */
export function renderStoredSummary(doc: Document, s: StorageSummary): HTMLElement {
  const row = (name: string, id: string, value: string) => elIn(doc, 'div', null, elIn(doc, 'dt', null, name), elIn(doc, 'dd', { id }, value));
  return elIn(
    doc,
    'dl',
    { class: 'pl-summary', id: 'pl-summary' },
    row('Articles read', 'pl-sum-articles', s.articles.toLocaleString()),
    row('Known claims', 'pl-sum-claims', s.claims.toLocaleString()),
    row('Feeds', 'pl-sum-feeds', s.feeds.toLocaleString()),
    row('Pack entries', 'pl-sum-packs', s.packEntries.toLocaleString()),
    row('Space used', 'pl-sum-bytes', formatBytes(s.bytes)),
  );
}

/** Why the reading history is empty after the browser cleared it, or null when it did not. */
export function wipedNoticeText(wipedAt: string | null): string | null {
  if (!wipedAt) return null;
  return `On ${formatDate(wipedAt) ?? wipedAt} Provenance Lens found its local data cleared from outside the extension (the browser ran short of space, or site data was cleared). The reading history started again from empty, so earlier originals are not known until you read them again or import an export.`;
}

/** The rows of `#pl-recent`: the latest stored articles, linked, with outlet and when they were read. */
export function renderRecentArticles(doc: Document, recent: StorageSummary['recent']): HTMLElement[] {
  if (!recent.length) return [renderEmptyRow(doc, 'No articles stored.')];
  return recent.map((a) =>
    elIn(
      doc,
      'li',
      null,
      safeLink(doc, a.url, a.title || a.url),
      elIn(doc, 'span', { class: 'pl-meta' }, ` · ${a.siteName || displayHost(a.url)}`, a.firstSeen ? ` · read ${formatDate(a.firstSeen)}` : ''),
    ),
  );
}

/** Known claims as rows (the claim as reviewed, its rating, the reviewer linked), or `empty` when none. */
export function renderClaimRows(doc: Document, claims: KnownClaim[], empty: string): HTMLElement[] {
  if (!claims.length) return [renderEmptyRow(doc, empty)];
  return claims.map((c) => {
    const rating = c.rating.alternateName;
    const who = c.reviewer.name || displayHost(c.url) || 'unknown reviewer';
    return elIn(
      doc,
      'li',
      { class: 'pl-claim-row' },
      elIn(doc, 'q', null, c.claimReviewed),
      elIn(doc, 'span', { class: 'pl-meta' }, ` · ${rating ? `rated ${rating}` : 'no rating'} by `, c.url ? safeLink(doc, c.url, who) : who, c.datePublished ? ` · ${formatDate(c.datePublished)}` : ''),
    );
  });
}
