/**
 * The options page: automatic checking (asks for the optional host permission from the click),
 * highlight and claim-harvest settings, feed subscriptions with their status, claim import, and
 * the local data (what is stored, how much space, export, import, delete all). Talks to the
 * background through messages only; renders text only.
 */
import type { FeedStatus, Settings, StorageSummary } from '../shared/messages';
import type { KnownClaim } from '../core/types';
import { elIn, formatBytes, formatDate, hostOf, relativeTime, safeLink, safeUrl, saveTextFile, type Child } from '../shared/render';
import type { PageApi } from '../shared/page-client';

/** Everything the options page needs besides the DOM. */
export interface OptionsContext {
  api: PageApi;
  now?: () => Date;
  /** Saves a file for the user (test seam; default: a download link). */
  download?: (name: string, json: string) => void;
}

// Files bigger than this are refused before reading: the background caps imports as well, this
// just spares reading a huge wrong file into memory.
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** The running options page (tests await `ready`). */
export interface OptionsHandle {
  ready: Promise<void>;
}

/** Mounts the options page into `doc` (expects the shell of options.html). */
export function mountOptions(doc: Document, ctx: OptionsContext): OptionsHandle {
  const h = (tag: string, attrs?: Record<string, string | number | boolean | null | undefined> | null, ...kids: Child[]) =>
    elIn(doc, tag, attrs, ...kids);
  const now = ctx.now ?? (() => new Date());
  const $ = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  const status = $('pl-opt-status');
  let settings: Settings | null = null;

  // Confirmations fade after a while so the toast does not sit over the page; errors stay.
  const TOAST_MS = 8000;
  let toastTimer: ReturnType<typeof setTimeout> | null = null;
  function say(text: string, isError = false): void {
    status.textContent = text;
    status.classList.toggle('pl-error', isError);
    if (toastTimer) clearTimeout(toastTimer);
    toastTimer = isError ? null : setTimeout(() => {
      if (status.textContent === text) status.textContent = '';
    }, TOAST_MS);
  }

  // ---- settings
  const auto = $<HTMLInputElement>('pl-opt-autocheck');
  const hl = $<HTMLInputElement>('pl-opt-highlights');
  const harvest = $<HTMLInputElement>('pl-opt-harvest');

  async function save(patch: Partial<Settings>): Promise<boolean> {
    const r = await ctx.api.call('setSettings', patch);
    if (!r.ok) {
      say(`Could not save the setting: ${r.error}`, true);
      return false;
    }
    settings = r.value;
    showSettings(r.value);
    return true;
  }

  function showSettings(s: Settings): void {
    auto.checked = s.autoCheck;
    hl.checked = s.highlights;
    harvest.checked = s.harvestClaims;
  }

  auto.addEventListener('change', () => {
    if (auto.checked) {
      // permissions.request must run in the click's own task (Firefox), so nothing is awaited first.
      const asked = ctx.api.requestAllSites();
      void asked.then(async (granted) => {
        if (!granted) {
          auto.checked = false;
          say('Permission to read pages was not granted, so automatic checking stays off. You can still check any page from the toolbar button.', true);
          return;
        }
        if (await save({ autoCheck: true })) say('Every page you open will now be checked automatically, on this computer.');
      });
    } else {
      void save({ autoCheck: false }).then(async (saved) => {
        if (!saved) return;
        await ctx.api.removeAllSites();
        say('Automatic checking is off. Pages are checked only when you ask.');
      });
    }
  });
  hl.addEventListener('change', () => void save({ highlights: hl.checked }).then((s) => s && say(hl.checked ? 'Highlights will be drawn when you open the popup.' : 'Highlights will only be drawn when you turn them on in the popup.')));
  // Kept claims tell which fact-checks the user read: one click forgets them (feeds and imports stay).
  $('pl-forget-harvest').addEventListener('click', async () => {
    const r = await ctx.api.call('forgetHarvestedClaims', {});
    if (!r.ok) {
      say(`Could not forget the kept claims: ${r.error}`, true);
      return;
    }
    say(r.value.removed ? `Forgot ${r.value.removed.toLocaleString()} claims kept from pages you visited.` : 'No claims were kept from pages you visited.');
    void loadSummary();
    void loadClaims();
  });
  harvest.addEventListener('change', () => void save({ harvestClaims: harvest.checked }).then((s) => s && say(harvest.checked ? 'Claims on fact-check pages you visit will be kept.' : 'Claims on fact-check pages will no longer be kept.')));

  // ---- feeds
  const feedList = $<HTMLUListElement>('pl-feeds');
  const feedForm = $<HTMLFormElement>('pl-feed-form');
  const feedUrl = $<HTMLInputElement>('pl-feed-url');
  const feedKind = $<HTMLSelectElement>('pl-feed-kind');
  const feedKey = $<HTMLInputElement>('pl-feed-key');
  const feedError = $('pl-feed-error');

  function feedItem(f: FeedStatus): HTMLElement {
    const kind = f.kind === 'claimreview' ? 'Fact-check feed (ClaimReview)' : 'Provenance pack';
    const updated = f.lastUpdate ? `${relativeTime(f.lastUpdate, null, now())} (${formatDate(f.lastUpdate)})` : 'never';
    const refresh = h('button', { type: 'button', class: 'pl-btn' }, 'Refresh');
    const remove = h('button', { type: 'button', class: 'pl-btn pl-btn-danger' }, 'Remove');
    const label = hostOf(f.url);
    refresh.setAttribute('aria-label', `Refresh ${label}`);
    remove.setAttribute('aria-label', `Remove ${label} and its data`);
    refresh.addEventListener('click', async () => {
      refresh.setAttribute('disabled', '');
      say(`Refreshing ${label}…`);
      const r = await ctx.api.call('refreshFeed', { id: f.id });
      if (r.ok) {
        li.replaceWith(feedItem(r.value));
        say(r.value.lastError ? `${label}: ${r.value.lastError}` : `${label} is up to date: ${r.value.records.toLocaleString()} records.`, !!r.value.lastError);
      } else {
        refresh.removeAttribute('disabled');
        say(`Could not refresh ${label}: ${r.error}`, true);
      }
    });
    remove.addEventListener('click', async () => {
      const r = await ctx.api.call('unsubscribeFeed', { id: f.id });
      if (r.ok) {
        renderFeeds(r.value);
        say(`Removed ${label} and its data.`);
        void loadSummary();
      } else say(`Could not remove ${label}: ${r.error}`, true);
    });
    const li = h(
      'li',
      { class: 'pl-feed', 'data-feed-id': f.id, 'data-feed-state': f.lastError ? 'error' : 'ok' },
      h('p', { class: 'pl-feed-title' }, safeLink(doc, f.url, f.url)),
      h(
        'p',
        { class: 'pl-meta' },
        kind,
        ' · ',
        h('span', { class: f.publicKey ? 'pl-signed' : 'pl-unsigned' }, f.publicKey ? 'signed (publisher key pinned)' : 'unsigned'),
      ),
      h(
        'dl',
        { class: 'pl-feed-stats' },
        h('div', null, h('dt', null, 'Records'), h('dd', { 'data-field': 'records' }, f.records.toLocaleString())),
        h('div', null, h('dt', null, 'Skipped'), h('dd', { 'data-field': 'skipped' }, f.skipped.toLocaleString())),
        h('div', null, h('dt', null, 'Last update'), h('dd', { 'data-field': 'last-update' }, updated)),
      ),
      f.lastError ? h('p', { class: 'pl-feed-error', 'data-field': 'last-error' }, h('strong', null, 'Last update failed: '), f.lastError, f.records ? ' The data from the previous update is kept.' : '') : null,
      h('p', { class: 'pl-button-row' }, refresh, remove),
    );
    return li;
  }

  function renderFeeds(feeds: FeedStatus[]): void {
    if (!feeds.length) feedList.replaceChildren(h('li', { class: 'pl-empty' }, 'No feeds yet. Fact-checkers and newsrooms publish them; paste one’s https address above.'));
    else feedList.replaceChildren(...feeds.map(feedItem));
  }

  feedForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    feedError.textContent = '';
    feedUrl.removeAttribute('aria-invalid');
    // https only; plain-http loopback addresses go on to the background, which accepts them only in
    // a development install (the local demo, tests) and answers with its own error otherwise.
    const parsed = safeUrl(feedUrl.value.trim());
    const loopback = parsed !== null && /^(127\.0\.0\.1|localhost|\[::1\]|.+\.localhost)$/.test(parsed.hostname);
    const url = parsed && (parsed.protocol === 'https:' || loopback) ? parsed : null;
    if (!url) {
      feedError.textContent = 'Enter a feed address that starts with https://';
      feedUrl.setAttribute('aria-invalid', 'true');
      feedUrl.focus();
      return;
    }
    const key = feedKey.value.trim() || null;
    if (key && !/^[A-Za-z0-9+/=_-]{32,100}$/.test(key)) {
      feedError.textContent = 'The public key should be the publisher’s base64 Ed25519 key (about 44 characters).';
      feedKey.setAttribute('aria-invalid', 'true');
      feedKey.focus();
      return;
    }
    feedKey.removeAttribute('aria-invalid');
    // Access to the feed's own origin lets the background fetch it without the publisher's CORS
    // headers. Asked here, in the submit's own task (Firefox honours requests only there); a
    // refusal is not fatal: a feed served with CORS headers still works.
    const originGranted = ctx.api.requestOrigin(url.origin);
    const submit = feedForm.querySelector('button[type=submit]');
    submit?.setAttribute('disabled', '');
    say(`Subscribing to ${url.hostname}…`);
    await originGranted;
    const r = await ctx.api.call('subscribeFeed', { url: url.href, kind: feedKind.value === 'pack' ? 'pack' : 'claimreview', publicKey: key });
    submit?.removeAttribute('disabled');
    if (!r.ok) {
      feedError.textContent = r.error;
      say(`Could not subscribe: ${r.error}`, true);
      return;
    }
    feedForm.reset();
    const list = await ctx.api.call('listFeeds', {});
    renderFeeds(list.ok ? list.value : [r.value]);
    say(r.value.lastError ? `Subscribed, but the first update failed: ${r.value.lastError}` : `Subscribed to ${url.hostname}: ${r.value.records.toLocaleString()} records.`, !!r.value.lastError);
    void loadSummary();
  });

  // ---- files (claims import, index import)
  async function readFile(input: HTMLInputElement): Promise<string | null> {
    const file = input.files?.[0];
    if (!file) return null;
    if (file.size > MAX_IMPORT_BYTES) {
      say(`${file.name} is too large to import (${formatBytes(file.size)}).`, true);
      return null;
    }
    return file.text();
  }

  const claimsFile = $<HTMLInputElement>('pl-claims-file');
  claimsFile.addEventListener('change', async () => {
    const json = await readFile(claimsFile);
    claimsFile.value = '';
    if (json === null) return;
    say('Importing claims…');
    const r = await ctx.api.call('importClaims', { json });
    if (r.ok) {
      say(`Imported ${r.value.added.toLocaleString()} claims${r.value.skipped ? ` (${r.value.skipped.toLocaleString()} skipped as invalid)` : ''}.`);
      void loadSummary();
      void loadClaims();
    } else say(`Could not import claims: ${r.error}`, true);
  });

  const importFile = $<HTMLInputElement>('pl-import-file');
  importFile.addEventListener('change', async () => {
    const json = await readFile(importFile);
    importFile.value = '';
    if (json === null) return;
    say('Importing…');
    const r = await ctx.api.call('importData', { json });
    if (r.ok) {
      say(`Imported ${r.value.articles.toLocaleString()} articles and ${r.value.claims.toLocaleString()} claims${r.value.skipped ? ` (${r.value.skipped.toLocaleString()} skipped)` : ''}.`);
      void loadSummary();
    } else say(`Could not import: ${r.error}`, true);
  });

  const download = ctx.download ?? ((name: string, json: string) => saveTextFile(doc, name, json));

  $('pl-export').addEventListener('click', async () => {
    say('Preparing the export…');
    const r = await ctx.api.call('exportData', {});
    if (!r.ok) {
      say(`Could not export: ${r.error}`, true);
      return;
    }
    const day = now().toISOString().slice(0, 10);
    download(`provenance-lens-${day}.json`, r.value.json);
    say('Export saved to your downloads.');
  });

  // Deleting is two clicks: the first arms the button and shows what will go, the second deletes.
  const del = $<HTMLButtonElement>('pl-delete');
  const delCancel = $<HTMLButtonElement>('pl-delete-cancel');
  const delConfirm = $('pl-delete-confirm');
  let armed = false;
  function disarm(): void {
    armed = false;
    del.textContent = 'Delete all local data…';
    delConfirm.hidden = true;
    delCancel.hidden = true;
  }
  delCancel.addEventListener('click', () => {
    disarm();
    del.focus();
  });
  del.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      del.textContent = 'Yes, delete everything';
      delConfirm.hidden = false;
      delCancel.hidden = false;
      return;
    }
    disarm();
    const r = await ctx.api.call('deleteAllData', {});
    if (!r.ok) {
      say(`Could not delete: ${r.error}`, true);
      return;
    }
    renderSummary(r.value);
    const feeds = await ctx.api.call('listFeeds', {});
    if (feeds.ok) renderFeeds(feeds.value);
    void loadClaims();
    say('All local data was deleted.');
  });

  // ---- storage summary
  $('pl-wiped-dismiss').addEventListener('click', async () => {
    const r = await ctx.api.call('dismissWipeNotice', {});
    if (r.ok) renderSummary(r.value);
    else say(`Could not dismiss the notice: ${r.error}`, true);
  });

  function renderSummary(s: StorageSummary): void {
    const set = (id: string, v: string) => ($(id).textContent = v);
    set('pl-sum-articles', s.articles.toLocaleString());
    set('pl-sum-claims', s.claims.toLocaleString());
    set('pl-sum-feeds', s.feeds.toLocaleString());
    set('pl-sum-packs', s.packEntries.toLocaleString());
    set('pl-sum-bytes', formatBytes(s.bytes));
    const wiped = $('pl-wiped');
    wiped.hidden = !s.wipedAt;
    if (s.wipedAt)
      set(
        'pl-wiped-text',
        `On ${formatDate(s.wipedAt) ?? s.wipedAt} Provenance Lens found its local data cleared from outside the extension (the browser ran short of space, or site data was cleared). The reading history started again from empty, so earlier originals are not known until you read them again or import an export.`,
      );
    const recent = $('pl-recent');
    if (!s.recent.length) recent.replaceChildren(h('li', { class: 'pl-empty' }, 'No articles stored.'));
    else
      recent.replaceChildren(
        ...s.recent.map((a) =>
          h(
            'li',
            null,
            safeLink(doc, a.url, a.title || a.url),
            h('span', { class: 'pl-meta' }, ` · ${a.siteName || hostOf(a.url)}`, a.firstSeen ? ` · read ${formatDate(a.firstSeen)}` : ''),
          ),
        ),
      );
  }

  // How many claims the options page lists: enough to check an import worked, not a browser.
  const CLAIMS_SHOWN = 20;

  async function loadClaims(): Promise<void> {
    const r = await ctx.api.call('listClaims', { limit: CLAIMS_SHOWN });
    const list = $('pl-claims-list');
    if (!r.ok) {
      list.replaceChildren(h('li', { class: 'pl-empty' }, `Could not list claims: ${r.error}`));
      return;
    }
    if (!r.value.length) {
      list.replaceChildren(h('li', { class: 'pl-empty' }, 'No claims yet: import a file, subscribe to a feed, or visit a fact-check page.'));
      return;
    }
    list.replaceChildren(...r.value.map(claimRow));
  }

  /** One known claim as a list row: the claim as reviewed, its rating, the reviewer linked. */
  function claimRow(c: KnownClaim): HTMLElement {
    const rating = c.rating.alternateName;
    const who = c.reviewer.name || hostOf(c.url) || 'unknown reviewer';
    return h(
      'li',
      { class: 'pl-claim-row' },
      h('q', null, c.claimReviewed),
      h('span', { class: 'pl-meta' }, ` · ${rating ? `rated ${rating}` : 'no rating'} by `, c.url ? safeLink(doc, c.url, who) : who, c.datePublished ? ` · ${formatDate(c.datePublished)}` : ''),
    );
  }

  // How many claims a search lists: the few nearest; the rest are rarely the one sought.
  const CLAIMS_FOUND = 5;

  $('pl-claims-search').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = ($('pl-claims-q') as HTMLInputElement).value.trim();
    const results = $('pl-claims-results');
    if (!text) {
      results.replaceChildren();
      return;
    }
    const r = await ctx.api.call('searchClaims', { text, limit: CLAIMS_FOUND });
    if (!r.ok) results.replaceChildren(h('li', { class: 'pl-empty' }, `Could not search the claims: ${r.error}`));
    else if (!r.value.length) results.replaceChildren(h('li', { class: 'pl-empty' }, 'No known claim shares enough words with this text.'));
    else results.replaceChildren(...r.value.map((hit) => claimRow(hit.claim)));
  });

  async function loadSummary(): Promise<void> {
    const r = await ctx.api.call('getStorageSummary', {});
    if (r.ok) renderSummary(r.value);
    else say(`Could not read the stored data: ${r.error}`, true);
  }

  async function load(): Promise<void> {
    const [s, feeds] = await Promise.all([ctx.api.call('getSettings', {}), ctx.api.call('listFeeds', {}), loadSummary(), loadClaims()]);
    if (s.ok) {
      settings = s.value;
      showSettings(s.value);
    } else say(`Could not read the settings: ${s.error}`, true);
    if (feeds.ok) renderFeeds(feeds.value);
    else say(`Could not list feeds: ${feeds.error}`, true);
    void settings;
  }

  const ready = load()
    .catch((err) => say(String(err instanceof Error ? err.message : err), true))
    .finally(() => {
      doc.body.dataset.ready = '1';
    });
  return { ready };
}
