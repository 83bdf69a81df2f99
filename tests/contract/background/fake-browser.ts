/**
 * A fake of the WebExtension API surface the background uses: in-memory storage areas that
 * survive a "restart" (they are passed to the next service), a badge per tab, a content-script
 * registry, granted origins, and tabs whose content scripts answer through a test-supplied handler.
 */
import type { BackgroundBrowser, ContentScriptRegistration } from '../../../src/platform/browser';
import type { KeyValueArea } from '../../../src/platform/settings-store';

/** An in-memory storage.StorageArea (values are structured-cloned like the real one). */
export class MemoryArea implements KeyValueArea {
  readonly data = new Map<string, unknown>();
  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const list = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of list) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }
  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }
  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

export const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXT_BASE = `chrome-extension://${EXT_ID}/`;

/** A message a fake tab received. */
export interface SentMessage {
  tabId: number;
  type: string;
  payload: any;
}

/** Creates the fake; `tabUrls` are the pages open in each tab. */
export function createFakeBrowser(opts: { local?: MemoryArea; session?: MemoryArea; origins?: string[] } = {}) {
  const badges = new Map<number, { text: string; color?: string; title?: string }>();
  const sent: SentMessage[] = [];
  const tabUrls = new Map<number, string>();
  let registered: ContentScriptRegistration[] = [];
  const executed: number[] = [];
  const state = {
    origins: opts.origins ?? [],
    /** What a tab's content script answers (default: ok with a plausible value). */
    onTabMessage: (m: SentMessage): unknown => {
      if (m.type === 'showHighlights') return { ok: true, value: { shown: m.payload.highlights.length, missed: 0 } };
      return { ok: true, value: null };
    },
    /** Whether executeScript fails (browser pages). */
    injectFails: false,
  };
  const browser: BackgroundBrowser = {
    runtime: { id: EXT_ID, getURL: (p: string) => EXT_BASE + p },
    tabs: {
      async sendMessage(tabId, message) {
        const m = { tabId, ...(message as { type: string; payload: unknown }) };
        sent.push(m);
        return state.onTabMessage(m);
      },
      async get(tabId) {
        if (!tabUrls.has(tabId)) throw new Error(`No tab with id: ${tabId}`);
        return { id: tabId, url: tabUrls.get(tabId), incognito: false };
      },
    },
    action: {
      async setBadgeText({ text, tabId }) {
        badges.set(tabId ?? -1, { ...badges.get(tabId ?? -1), text });
      },
      async setBadgeBackgroundColor({ color, tabId }) {
        badges.set(tabId ?? -1, { ...badges.get(tabId ?? -1), text: badges.get(tabId ?? -1)?.text ?? '', color });
      },
      async setTitle({ title, tabId }) {
        badges.set(tabId ?? -1, { ...badges.get(tabId ?? -1), text: badges.get(tabId ?? -1)?.text ?? '', title });
      },
    },
    scripting: {
      async executeScript({ target }) {
        if (state.injectFails) throw new Error('Cannot access contents of the page');
        executed.push(target.tabId);
        return [];
      },
      async registerContentScripts(s) {
        for (const r of s) if (registered.some((x) => x.id === r.id)) throw new Error(`Duplicate script ID '${r.id}'`);
        registered.push(...structuredClone(s));
      },
      async unregisterContentScripts(f) {
        registered = f?.ids ? registered.filter((r) => !f.ids!.includes(r.id)) : [];
      },
      async getRegisteredContentScripts(f) {
        return structuredClone(f?.ids ? registered.filter((r) => f.ids!.includes(r.id)) : registered);
      },
    },
    permissions: { getAll: async () => ({ origins: [...state.origins], permissions: [] }) },
    storage: { local: opts.local ?? new MemoryArea(), session: opts.session ?? new MemoryArea() },
  };
  return {
    browser,
    badges,
    sent,
    tabUrls,
    executed,
    state,
    registered: () => registered,
    local: browser.storage.local as MemoryArea,
    session: browser.storage.session as MemoryArea,
  };
}
