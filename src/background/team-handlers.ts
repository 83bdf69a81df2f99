/**
 * The opt-in team index (docs/team-store.md, "Extensions"): the options page names a
 * `provenance-lens serve` address, the popup asks it about the page it is open on. The only
 * network call the extension makes about what a person reads, so: off until chosen, sent only on
 * the popup's request (the reader's own gesture, page by page), never from a private window, and
 * only the page's term hashes (core/team/team-query.ts says what the server can still learn).
 */
import { parseBoundedJson } from '../core/json/parse-bounded-json';
import { MAX_TEAM_ANSWER_BYTES, parseTeamAnswer, teamQuery, teamServerUrl } from '../core/team/team-query';
import type { TeamView } from '../core/types';
import { fingerprintArticle } from '../core/engine/fingerprint-article';
import { decodeUtf8 } from '../core/feeds/web-apis';
import type { PageCalls } from '../shared/messages';
import type { BackgroundBrowser } from '../platform/browser';
import type { Stores } from '../platform/stores';
import { readCapped, type FetchLike } from './feeds/fetch-feed';
import { requirePopup, type Handlers, type Sender } from './router';

/** How long the popup waits for a team index before saying it did not answer. */
const TEAM_TIMEOUT_MS = 8_000;

/** What the team handlers need. */
export interface TeamHandlersOptions {
  browser: Pick<BackgroundBrowser, 'tabs'>;
  stores: Pick<Stores, 'settings' | 'tabs' | 'articles'>;
  fetch: FetchLike;
}

type TeamCalls = Pick<PageCalls, 'getTeamServer' | 'setTeamServer' | 'queryTeam'>;

/**
 * One request to the team server: no cookies, no referrer, redirects refused (a redirect could
 * carry the query elsewhere: see fetch-feed.ts), the answer read up to its cap and parsed by the
 * bounded JSON reader. Throws an Error whose message the reader can act on.
 */
async function teamRequest(fetch: FetchLike, url: string, body: unknown | null): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), TEAM_TIMEOUT_MS);
  try {
    const res = await fetch(url, {
      method: body === null ? 'GET' : 'POST',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'manual',
      mode: 'cors',
      signal: controller.signal,
      headers: body === null ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === null ? {} : { body: JSON.stringify(body) }),
    }).catch((err: unknown) => {
      throw new Error(controller.signal.aborted ? 'The team index did not answer in time.' : `The team index cannot be reached (${err instanceof Error ? err.message : String(err)}).`);
    });
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      throw new Error('The team index’s address redirects elsewhere; give its final address.');
    }
    const bytes = await readCapped(res, MAX_TEAM_ANSWER_BYTES, () => controller.abort());
    if (bytes === null) throw new Error('The team index answered with far more than a list of matches.');
    let text: string;
    try {
      text = decodeUtf8(bytes);
    } catch {
      throw new Error('The team index answered with text that is not UTF-8.');
    }
    const read = parseBoundedJson(text);
    const value = read.ok ? read.value : null;
    if (!res.ok) {
      const said = value && typeof value === 'object' && typeof (value as { error?: unknown }).error === 'string' ? `: ${(value as { error: string }).error.slice(0, 200)}` : '';
      throw new Error(`The team index refused the request (HTTP ${res.status}${said}).`);
    }
    if (!read.ok) throw new Error('The team index did not answer with JSON.');
    return value;
  } finally {
    clearTimeout(timer);
  }
}

/** Builds the team-index handlers. */
export function createTeamHandlers(opts: TeamHandlersOptions): Handlers<TeamCalls, Sender> {
  const { settings, tabs, articles } = opts.stores;
  return {
    async getTeamServer() {
      return { server: await settings.getTeamServer(teamServerUrl) };
    },
    async setTeamServer(p, sender) {
      if (!sender.url || !new URL(sender.url).pathname.endsWith('/options.html')) throw new Error('setTeamServer is only accepted from the options page');
      if (p.url === null) {
        await settings.setTeamServer(null);
        return { server: null, articles: null };
      }
      if (typeof p.url !== 'string' || p.url.length > 2048) throw new Error('invalid url');
      const server = teamServerUrl(p.url);
      // Asked before it is kept, so a typo is caught here and not on every popup.
      const health = (await teamRequest(opts.fetch, `${server}/health`, null)) as { ok?: unknown; articles?: unknown } | null;
      if (!health || health.ok !== true) throw new Error('That address answers, but not as a Provenance Lens team index (GET /health).');
      await settings.setTeamServer(server);
      return { server, articles: typeof health.articles === 'number' ? health.articles : null };
    },
    async queryTeam(p, sender): Promise<TeamView | null> {
      requirePopup('queryTeam', sender);
      const tabId = p.tabId;
      if (typeof tabId !== 'number' || !Number.isInteger(tabId) || tabId < 0) throw new Error('invalid tabId');
      const server = await settings.getTeamServer(teamServerUrl);
      if (!server) return null;
      const tab = await opts.browser.tabs.get(tabId).catch(() => null);
      // A private window's reading is never sent anywhere (nor stored, so there is nothing to send).
      if (!tab || tab.incognito) return null;
      const state = await tabs.get(tabId);
      if (state?.status !== 'done' || !state.report) return null;
      const article = await articles.get(state.report.article.url);
      if (!article) return null;
      try {
        return parseTeamAnswer(await teamRequest(opts.fetch, `${server}/check`, teamQuery(fingerprintArticle(article))), server);
      } catch (err) {
        return { kind: 'error', server, message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
