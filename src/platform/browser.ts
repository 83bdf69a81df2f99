/**
 * The WebExtension API for the background and the extension's own pages, taken from the bundled
 * polyfill. This is the only module that imports webextension-polyfill. Content scripts do not
 * import it: in a page's world the globals it reads can be page elements (content-runtime.ts).
 */
import browser from 'webextension-polyfill';

/** The promise-based `browser` namespace (Chrome and Firefox). */
export { browser };

/** The part of a `storage.StorageArea` the stores use (a test seam). */
export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * The one typed seam over the WebExtension API for the background: the subset it uses, which the
 * real `browser` satisfies as it is and contract tests fake (tests/contract/background/fake-browser.ts).
 */
export interface BackgroundBrowser {
  runtime: { id: string; getURL(path: string): string };
  tabs: {
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
    get(tabId: number): Promise<{ id?: number; url?: string; incognito: boolean }>;
  };
  action: {
    setBadgeText(d: { text: string; tabId?: number }): Promise<void>;
    setBadgeBackgroundColor(d: { color: string; tabId?: number }): Promise<void>;
    setBadgeTextColor?(d: { color: string; tabId?: number }): Promise<void>;
    setTitle(d: { title: string; tabId?: number }): Promise<void>;
  };
  scripting: {
    executeScript(d: ScriptInjection): Promise<Array<{ result?: unknown }> | undefined>;
    registerContentScripts(s: ContentScriptRegistration[]): Promise<void>;
    unregisterContentScripts(f?: { ids?: string[] }): Promise<void>;
    getRegisteredContentScripts(f?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
  };
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  storage: { local: KeyValueArea; session: KeyValueArea };
}

/**
 * A scripting.executeScript injection: files, or a function run with JSON arguments (serialised,
 * so it may use nothing from its module), in the extension's isolated world of the target frames.
 */
export type ScriptInjection = { target: { tabId: number; frameIds?: number[] } } & (
  | { files: string[] }
  | { func: (...args: never[]) => unknown; args?: unknown[] }
);

/** A dynamic content-script registration (scripting.RegisteredContentScript). */
export interface ContentScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_start' | 'document_idle';
  allFrames: boolean;
  persistAcrossSessions: boolean;
}
