/**
 * The one typed client for page-to-background calls (popup, options, side-by-side): typed calls to
 * the background as `Result`s, the active tab, and the optional host permission. Built from a
 * `browser`-shaped object, so dom tests pass a fake and the entries pass the polyfill.
 */
import { fail, type PageCalls, type Result } from './messages';

type PayloadOf<K extends keyof PageCalls> = PageCalls[K] extends (p: infer P) => unknown ? P : never;
type ValueOf<K extends keyof PageCalls> = PageCalls[K] extends (p: never) => infer R ? R : never;

/** The subset of the WebExtension API the pages use. */
export interface BrowserLike {
  runtime: { sendMessage(message: unknown): Promise<unknown>; getURL?(path: string): string; openOptionsPage?(): Promise<void> };
  tabs?: { query(q: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number; url?: string }>>; create?(p: { url: string }): Promise<unknown> };
  permissions?: { request(p: { origins: string[] }): Promise<boolean>; remove(p: { origins: string[] }): Promise<boolean>; contains(p: { origins: string[] }): Promise<boolean> };
}

/** What the pages need from the browser. */
export interface PageApi {
  call<K extends keyof PageCalls>(type: K, payload: PayloadOf<K>): Promise<Result<ValueOf<K>>>;
  /** The id of the tab the popup was opened on, or null. */
  activeTabId(): Promise<number | null>;
  /** Asks for host access to every http(s) site; must be called straight from a user gesture. */
  requestAllSites(): Promise<boolean>;
  /** Gives the host access back (when automatic checking is turned off). */
  removeAllSites(): Promise<boolean>;
  /** Opens the options page (from the popup). */
  openOptions(): Promise<void>;
  /**
   * Asks for access to one origin's host (a feed's, a team index's: `originPattern`), so the
   * background can fetch it even when it sends no CORS headers. Must be called in the click's own
   * task, before any await.
   */
  requestOrigin(origin: string): Promise<boolean>;
}

/** Host patterns for automatic checking (the optional_host_permissions of the manifest). */
const ALL_SITES = ['http://*/*', 'https://*/*'];

/**
 * The host pattern asked for an origin: its scheme and host, any port. Firefox keeps a pattern
 * with a port (`http://127.0.0.1:8787/*`) and reports it granted, but never matches a request
 * against it, so the background's fetch stays under CORS and fails (seen in the e2e test,
 * tests/e2e/team-index.test.ts); a pattern without a port matches every port in both browsers.
 */
function originPattern(origin: string): string {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Builds the page API over a `browser`-shaped object. */
export function pageApi(b: BrowserLike): PageApi {
  return {
    async call(type, payload) {
      try {
        const reply = await b.runtime.sendMessage({ type, payload });
        if (reply && typeof reply === 'object' && 'ok' in reply) return reply as never;
        return fail('The extension did not answer. Try closing and reopening this window.');
      } catch (err) {
        return fail(errorText(err));
      }
    },
    async activeTabId() {
      if (!b.tabs) return null;
      try {
        const [tab] = await b.tabs.query({ active: true, currentWindow: true });
        return typeof tab?.id === 'number' ? tab.id : null;
      } catch {
        return null;
      }
    },
    requestAllSites() {
      // No await before request(): Firefox only honours it inside the click's own task.
      if (!b.permissions) return Promise.resolve(false);
      return b.permissions.request({ origins: ALL_SITES }).catch(() => false);
    },
    removeAllSites() {
      if (!b.permissions) return Promise.resolve(false);
      return b.permissions.remove({ origins: ALL_SITES }).catch(() => false);
    },
    requestOrigin(origin) {
      if (!b.permissions) return Promise.resolve(false);
      return b.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
    },
    async openOptions() {
      if (b.runtime.openOptionsPage) await b.runtime.openOptionsPage();
      else if (b.tabs?.create && b.runtime.getURL) await b.tabs.create({ url: b.runtime.getURL('options.html') });
    },
  };
}
