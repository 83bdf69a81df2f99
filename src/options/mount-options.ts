/**
 * The options page's logic: automatic checking (asks for the optional host permission from the
 * click), highlight and claim-harvest settings, feed subscriptions, the team index, claim import
 * and search, and
 * the local data (export, import, delete all). Calls go through the page client; lists are drawn
 * by the pure views of render-options.ts into the static shell of options.html.
 */
import { checkTeamServerUrl, type TeamServerProblem } from '../core/team/team-query';
import type { FeedStatus, Settings, StorageSummary } from '../shared/messages';
import { elIn, formatBytes, safeUrl, saveTextFile } from '../shared/render';
import type { PageApi } from '../shared/page-client';
import { feedLabel, renderClaimRows, renderEmptyRow, renderFeedItem, renderFeedList, renderRecentArticles, renderStoredSummary, wipedNoticeText } from './render-options';
import { localizeDocument, messageParts, uiLanguage, type MessageKey, type Translate } from '../shared/i18n';

/** Everything the options page needs besides the DOM. */
export interface OptionsContext {
  api: PageApi;
  /** The interface's messages (src/platform/i18n.ts; the English file in tests). */
  t: Translate;
  now?: () => Date;
  /** Saves a file for the user (test seam; default: a download link). */
  download?: (name: string, json: string) => void;
}

/** The running options page (tests await `ready`). */
export interface OptionsHandle {
  ready: Promise<void>;
}

// Files bigger than this are refused before reading: the background caps imports as well, this
// just spares reading a huge wrong file into memory.
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
// Confirmations fade after a while so the toast does not sit over the page; errors stay.
const TOAST_MS = 8000;
// How many claims the options page lists: enough to check an import worked, not a browser.
const CLAIMS_SHOWN = 20;
// How many claims a search lists: the few nearest; the rest are rarely the one sought.
const CLAIMS_FOUND = 5;

/** What the parts of the page share: the document, the client, the toast, and the reloads. */
interface OptionsPage {
  doc: Document;
  api: PageApi;
  t: Translate;
  now: () => Date;
  $: <T extends HTMLElement = HTMLElement>(id: string) => T;
  say(text: string, isError?: boolean): void;
  /** The feeds as last shown. */
  feeds: FeedStatus[];
  showFeeds(feeds: FeedStatus[]): void;
  showSummary(s: StorageSummary): void;
  loadSummary(): Promise<void>;
  loadClaims(): Promise<void>;
}

/** Mounts the options page into `doc` (expects the shell of options.html). */
export function mountOptions(doc: Document, ctx: OptionsContext): OptionsHandle {
  const $ = <T extends HTMLElement = HTMLElement>(id: string) => doc.getElementById(id) as T;
  const status = $('pl-opt-status');
  let toastTimer: ReturnType<typeof setTimeout> | null = null;
  localizeDocument(doc, ctx.t);
  const page: OptionsPage = {
    doc,
    api: ctx.api,
    t: ctx.t,
    now: ctx.now ?? (() => new Date()),
    $,
    say(text, isError = false) {
      status.textContent = text;
      status.classList.toggle('pl-error', isError);
      if (toastTimer) clearTimeout(toastTimer);
      toastTimer = isError ? null : setTimeout(() => status.textContent === text && (status.textContent = ''), TOAST_MS);
    },
    feeds: [],
    showFeeds(feeds) {
      page.feeds = feeds;
      $('pl-feeds').replaceChildren(...renderFeedList(doc, feeds, page.now(), ctx.t));
    },
    showSummary(s) {
      $('pl-summary').replaceWith(renderStoredSummary(doc, s, ctx.t));
      const wiped = wipedNoticeText(s.wipedAt, ctx.t);
      $('pl-wiped').hidden = wiped === null;
      if (wiped !== null) $('pl-wiped-text').textContent = wiped;
      $('pl-recent').replaceChildren(...renderRecentArticles(doc, s.recent, ctx.t));
    },
    async loadSummary() {
      const r = await ctx.api.call('getStorageSummary', {});
      if (r.ok) page.showSummary(r.value);
      else page.say(`Could not read the stored data: ${r.error}`, true);
    },
    async loadClaims() {
      const r = await ctx.api.call('listClaims', { limit: CLAIMS_SHOWN });
      const rows = r.ok
        ? renderClaimRows(doc, r.value, 'No claims yet: import a file, subscribe to a feed, or visit a fact-check page.', ctx.t)
        : [renderEmptyRow(doc, `Could not list claims: ${r.error}`)];
      $('pl-claims-list').replaceChildren(...rows);
    },
  };
  const showSettings = wireSettings(page);
  wireFeeds(page);
  const showTeam = wireTeam(page);
  wireClaims(page);
  wireData(page, ctx.download ?? ((name, json) => saveTextFile(doc, name, json)));

  async function load(): Promise<void> {
    const [s, feeds, team] = await Promise.all([ctx.api.call('getSettings', {}), ctx.api.call('listFeeds', {}), ctx.api.call('getTeamServer', {}), page.loadSummary(), page.loadClaims()]);
    if (team.ok) showTeam(team.value.server, null);
    if (s.ok) showSettings(s.value);
    else page.say(`Could not read the settings: ${s.error}`, true);
    if (feeds.ok) page.showFeeds(feeds.value);
    else page.say(`Could not list feeds: ${feeds.error}`, true);
  }

  const ready = load()
    .catch((err) => page.say(String(err instanceof Error ? err.message : err), true))
    .finally(() => {
      doc.body.dataset.ready = '1';
    });
  return { ready };
}

/** The three switches and "forget kept claims"; returns how to show settings read later. */
function wireSettings(page: OptionsPage): (s: Settings) => void {
  const { api, say, $ } = page;
  const auto = $<HTMLInputElement>('pl-opt-autocheck');
  const hl = $<HTMLInputElement>('pl-opt-highlights');
  const harvest = $<HTMLInputElement>('pl-opt-harvest');
  const show = (s: Settings) => {
    auto.checked = s.autoCheck;
    hl.checked = s.highlights;
    harvest.checked = s.harvestClaims;
  };
  async function save(patch: Partial<Settings>): Promise<boolean> {
    const r = await api.call('setSettings', patch);
    if (!r.ok) {
      say(`Could not save the setting: ${r.error}`, true);
      return false;
    }
    show(r.value);
    return true;
  }

  auto.addEventListener('change', () => {
    if (auto.checked) {
      // permissions.request must run in the click's own task (Firefox), so nothing is awaited first.
      const asked = api.requestAllSites();
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
        await api.removeAllSites();
        say('Automatic checking is off. Pages are checked only when you ask.');
      });
    }
  });
  hl.addEventListener('change', () => void save({ highlights: hl.checked }).then((s) => s && say(hl.checked ? 'Highlights will be drawn when you open the popup.' : 'Highlights will only be drawn when you turn them on in the popup.')));
  harvest.addEventListener('change', () => void save({ harvestClaims: harvest.checked }).then((s) => s && say(harvest.checked ? 'Claims on fact-check pages you visit will be kept.' : 'Claims on fact-check pages will no longer be kept.')));
  // Kept claims tell which fact-checks the user read: one click forgets them (feeds and imports stay).
  $('pl-forget-harvest').addEventListener('click', async () => {
    const r = await api.call('forgetHarvestedClaims', {});
    if (!r.ok) return say(`Could not forget the kept claims: ${r.error}`, true);
    say(r.value.removed ? `Forgot ${r.value.removed.toLocaleString()} claims kept from pages you visited.` : 'No claims were kept from pages you visited.');
    void page.loadSummary();
    void page.loadClaims();
  });
  return show;
}

/** The subscribe form and each feed's refresh and remove buttons. */
function wireFeeds(page: OptionsPage): void {
  const { api, say, $, doc } = page;
  const feedList = $<HTMLUListElement>('pl-feeds');
  const feedForm = $<HTMLFormElement>('pl-feed-form');
  const feedUrl = $<HTMLInputElement>('pl-feed-url');
  const feedKind = $<HTMLSelectElement>('pl-feed-kind');
  const feedKey = $<HTMLInputElement>('pl-feed-key');
  const feedError = $('pl-feed-error');

  feedList.addEventListener('click', async (e) => {
    const button = (e.target as Element | null)?.closest?.('button[data-action]');
    const feed = page.feeds.find((f) => f.id === button?.getAttribute('data-feed-id'));
    const li = button?.closest('li.pl-feed');
    if (!button || !feed || !li) return;
    const { id } = feed;
    const label = feedLabel(feed);
    if (button.getAttribute('data-action') === 'refresh') {
      button.setAttribute('disabled', '');
      say(`Refreshing ${label}…`);
      const r = await api.call('refreshFeed', { id });
      if (!r.ok) {
        button.removeAttribute('disabled');
        return say(`Could not refresh ${label}: ${r.error}`, true);
      }
      page.feeds = page.feeds.map((f) => (f.id === id ? r.value : f));
      li.replaceWith(renderFeedItem(doc, r.value, page.now(), page.t));
      say(r.value.lastError ? `${label}: ${r.value.lastError}` : `${label} is up to date: ${r.value.records.toLocaleString()} records.`, !!r.value.lastError);
    } else if (button.getAttribute('data-action') === 'remove') {
      const r = await api.call('unsubscribeFeed', { id });
      if (!r.ok) return say(`Could not remove ${label}: ${r.error}`, true);
      page.showFeeds(r.value);
      say(`Removed ${label} and its data.`);
      void page.loadSummary();
    }
  });

  /** Marks a field of the form as wrong, says why, and puts focus there. */
  const invalid = (input: HTMLInputElement, text: string) => {
    feedError.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };

  feedForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    feedError.textContent = '';
    feedUrl.removeAttribute('aria-invalid');
    // https only; plain-http loopback addresses go on to the background, which accepts them only in
    // a development install (the local demo, tests) and answers with its own error otherwise.
    const parsed = safeUrl(feedUrl.value.trim());
    const loopback = parsed !== null && /^(127\.0\.0\.1|localhost|\[::1\]|.+\.localhost)$/.test(parsed.hostname);
    const url = parsed && (parsed.protocol === 'https:' || loopback) ? parsed : null;
    if (!url) return invalid(feedUrl, 'Enter a feed address that starts with https://');
    const key = feedKey.value.trim() || null;
    if (key && !/^[A-Za-z0-9+/=_-]{32,100}$/.test(key)) return invalid(feedKey, 'The public key should be the publisher’s base64 Ed25519 key (about 44 characters).');
    feedKey.removeAttribute('aria-invalid');
    // Access to the feed's own origin lets the background fetch it without the publisher's CORS
    // headers. Asked here, in the submit's own task (Firefox honours requests only there); a
    // refusal is not fatal: a feed served with CORS headers still works.
    const originGranted = api.requestOrigin(url.origin);
    const submit = feedForm.querySelector('button[type=submit]');
    submit?.setAttribute('disabled', '');
    say(`Subscribing to ${url.hostname}…`);
    await originGranted;
    const r = await api.call('subscribeFeed', { url: url.href, kind: feedKind.value === 'pack' ? 'pack' : 'claimreview', publicKey: key });
    submit?.removeAttribute('disabled');
    if (!r.ok) {
      feedError.textContent = r.error;
      return say(`Could not subscribe: ${r.error}`, true);
    }
    feedForm.reset();
    const list = await api.call('listFeeds', {});
    page.showFeeds(list.ok ? list.value : [r.value]);
    say(r.value.lastError ? `Subscribed, but the first update failed: ${r.value.lastError}` : `Subscribed to ${url.hostname}: ${r.value.records.toLocaleString()} records.`, !!r.value.lastError);
    void page.loadSummary();
  });
}

/** Why a typed address is refused, in the reader's words (the rule is core/team's). */
const TEAM_PROBLEM: Record<TeamServerProblem, MessageKey> = {
  'not-address': 'optTeamNotAddress',
  credentials: 'optTeamCredentials',
  query: 'optTeamQuery',
  insecure: 'optTeamInsecure',
};

/**
 * The team index form: the address is checked by the one rule (core/team), access to its origin
 * asked in the submit's own task (the server sends no CORS headers; Firefox honours a request only
 * there), then the background asks its /health before keeping it. Returns how to show the choice.
 */
function wireTeam(page: OptionsPage): (server: string | null, articles: number | null) => void {
  const { $, api, say, t, doc } = page;
  const form = $<HTMLFormElement>('pl-team-form');
  const input = $<HTMLInputElement>('pl-team-url');
  const error = $('pl-team-error');
  const off = $<HTMLButtonElement>('pl-team-off');
  // The command stays code in every language; the words around it are the reader's.
  $('pl-team-intro').replaceWith(elIn(doc, 'p', { class: 'pl-hint', id: 'pl-team-intro' }, ...messageParts(t, 'optTeamIntro', elIn(doc, 'code', null, 'provenance-lens serve'))));
  const show = (server: string | null, articles: number | null) => {
    const line = (s: string) => (articles === null ? t('optTeamInUse', s) : articles === 1 ? t('optTeamInUseOne', s) : t('optTeamInUseMany', s, articles.toLocaleString(uiLanguage(t))));
    $('pl-team-current').textContent = server ? line(server) : t('optTeamNone');
    off.hidden = server === null;
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    const checked = checkTeamServerUrl(input.value);
    if ('problem' in checked) {
      error.textContent = t(TEAM_PROBLEM[checked.problem]);
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    const server = checked.url;
    const granted = api.requestOrigin(new URL(server).origin);
    say(t('optTeamAsking', server));
    if (!(await granted)) {
      const refused = t('optTeamNoPermission');
      error.textContent = refused;
      return say(refused, true);
    }
    // The background's reason (the server's health answer, a network error) stays English.
    const r = await api.call('setTeamServer', { url: server });
    if (!r.ok) {
      error.textContent = r.error;
      return say(t('optTeamCouldNotUse', r.error), true);
    }
    form.reset();
    show(r.value.server, r.value.articles);
    say(t('optTeamNowUsed', r.value.server ?? server));
  });
  off.addEventListener('click', async () => {
    const r = await api.call('setTeamServer', { url: null });
    if (!r.ok) return say(t('optTeamCouldNotStop', r.error), true);
    show(null, null);
    say(t('optTeamStopped'));
  });
  return show;
}

/** Reads the file chosen in `input` as text, refusing one too large to import; null when none. */
async function readFile(page: OptionsPage, input: HTMLInputElement): Promise<string | null> {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  if (file.size > MAX_IMPORT_BYTES) {
    page.say(`${file.name} is too large to import (${formatBytes(file.size)}).`, true);
    return null;
  }
  return file.text();
}

/** Claim import and the claim search. */
function wireClaims(page: OptionsPage): void {
  const { api, say, $, doc } = page;
  const claimsFile = $<HTMLInputElement>('pl-claims-file');
  claimsFile.addEventListener('change', async () => {
    const json = await readFile(page, claimsFile);
    if (json === null) return;
    say('Importing claims…');
    const r = await api.call('importClaims', { json });
    if (!r.ok) return say(`Could not import claims: ${r.error}`, true);
    say(`Imported ${r.value.added.toLocaleString()} claims${r.value.skipped ? ` (${r.value.skipped.toLocaleString()} skipped as invalid)` : ''}.`);
    void page.loadSummary();
    void page.loadClaims();
  });

  $('pl-claims-search').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $<HTMLInputElement>('pl-claims-q').value.trim();
    const results = $('pl-claims-results');
    if (!text) return results.replaceChildren();
    const r = await api.call('searchClaims', { text, limit: CLAIMS_FOUND });
    if (!r.ok) results.replaceChildren(renderEmptyRow(doc, `Could not search the claims: ${r.error}`));
    else results.replaceChildren(...renderClaimRows(doc, r.value.map((hit) => hit.claim), 'No known claim shares enough words with this text.', page.t));
  });
}

/** Export, import, the wipe notice and deleting everything (two clicks). */
function wireData(page: OptionsPage, download: (name: string, json: string) => void): void {
  const { api, say, $ } = page;
  const importFile = $<HTMLInputElement>('pl-import-file');
  importFile.addEventListener('change', async () => {
    const json = await readFile(page, importFile);
    if (json === null) return;
    say('Importing…');
    const r = await api.call('importData', { json });
    if (!r.ok) return say(`Could not import: ${r.error}`, true);
    say(`Imported ${r.value.articles.toLocaleString()} articles and ${r.value.claims.toLocaleString()} claims${r.value.skipped ? ` (${r.value.skipped.toLocaleString()} skipped)` : ''}.`);
    void page.loadSummary();
  });

  $('pl-export').addEventListener('click', async () => {
    say('Preparing the export…');
    const r = await api.call('exportData', {});
    if (!r.ok) return say(`Could not export: ${r.error}`, true);
    download(`provenance-lens-${page.now().toISOString().slice(0, 10)}.json`, r.value.json);
    say('Export saved to your downloads.');
  });

  $('pl-wiped-dismiss').addEventListener('click', async () => {
    const r = await api.call('dismissWipeNotice', {});
    if (r.ok) page.showSummary(r.value);
    else say(`Could not dismiss the notice: ${r.error}`, true);
  });

  // Deleting is two clicks: the first arms the button and shows what will go, the second deletes.
  const del = $<HTMLButtonElement>('pl-delete');
  const delCancel = $<HTMLButtonElement>('pl-delete-cancel');
  const delConfirm = $('pl-delete-confirm');
  let armed = false;
  const arm = (on: boolean) => {
    armed = on;
    del.textContent = on ? 'Yes, delete everything' : 'Delete all local data…';
    delConfirm.hidden = !on;
    delCancel.hidden = !on;
  };
  delCancel.addEventListener('click', () => {
    arm(false);
    del.focus();
  });
  del.addEventListener('click', async () => {
    if (!armed) return arm(true);
    arm(false);
    const r = await api.call('deleteAllData', {});
    if (!r.ok) return say(`Could not delete: ${r.error}`, true);
    page.showSummary(r.value);
    const feeds = await api.call('listFeeds', {});
    if (feeds.ok) page.showFeeds(feeds.value);
    void page.loadClaims();
    say('All local data was deleted.');
  });
}
