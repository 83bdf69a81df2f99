/**
 * The WebExtension API for every extension context, taken from the bundled polyfill (never from
 * page globals). This is the only module that imports webextension-polyfill. In a Chrome content
 * script a page element `<form id="browser">` shows through as the global `browser` (named
 * properties of the window reach the isolated world), and the polyfill would hand that element
 * back instead of wrapping `chrome`; pin-extension-globals.ts, imported first, prevents it.
 */
import './pin-extension-globals';
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
    executeScript(d: { target: { tabId: number; frameIds?: number[] }; files: string[] }): Promise<unknown>;
    registerContentScripts(s: ContentScriptRegistration[]): Promise<void>;
    unregisterContentScripts(f?: { ids?: string[] }): Promise<void>;
    getRegisteredContentScripts(f?: { ids?: string[] }): Promise<Array<{ id: string; matches?: string[] }>>;
  };
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  storage: { local: KeyValueArea; session: KeyValueArea };
}

/** A dynamic content-script registration (scripting.RegisteredContentScript). */
export interface ContentScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_idle';
  allFrames: boolean;
  persistAcrossSessions: boolean;
}
