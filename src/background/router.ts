/**
 * The background's message router: one handler table per direction, each guarded by a sender
 * check. Extension pages (popup, options, side-by-side) may call the page maps; content scripts
 * may call only the content map, only from a tab's top frame, and only about their own document.
 * Every reply is a Result; an Error never crosses the channel.
 */
import { fail, ok, type ContentToBackground, type PageCalls, type Result } from '../shared/messages';

/** What the router needs to know about a message's sender (a subset of runtime.MessageSender). */
export interface Sender {
  id?: string;
  url?: string;
  frameId?: number;
  documentId?: string;
  /** Chrome: "prerender" | "active" | "cached" | "pending_deletion". */
  documentLifecycle?: string;
  tab?: { id?: number; url?: string; incognito?: boolean; active?: boolean };
}

/** Whether a page call comes from the popup (the router has already checked it is one of our pages). */
function isPopupSender(sender: Sender): boolean {
  return !!sender.url && new URL(sender.url).pathname.endsWith('/popup.html');
}

/** Refuses a call that only the popup may make (the reader's own gesture there). */
export function requirePopup(type: string, sender: Sender): void {
  if (!isPopupSender(sender)) throw new Error(`${type} is only accepted from the popup`);
}

/** A content-script sender after the checks: its tab id is known. */
export interface TabSender extends Sender {
  tab: { id: number; url?: string; incognito: boolean; active?: boolean };
}

/** Handler table for a call map: each call gets its payload and the checked sender. */
export type Handlers<M, S> = {
  [K in keyof M]: M[K] extends (p: infer P) => infer R ? (payload: P, sender: S) => Promise<R> | R : never;
};

/** Everything the router needs. */
export interface RouterOptions {
  /** runtime.id of this extension. */
  extensionId: string;
  /** runtime.getURL(''): the extension's own origin with a trailing slash. */
  extensionBase: string;
  /** Start-up, awaited once before any handler runs (a failed start fails the call with its message). */
  ready: () => Promise<void>;
  content: Handlers<ContentToBackground, TabSender>;
  pages: Handlers<PageCalls, Sender>;
  /** Called with every handler failure (logging); the caller gets only the message. */
  onError?: (type: string, err: unknown) => void;
}

/** A router: give it a raw message and its sender, get the Result to send back. */
export type Router = (message: unknown, sender: Sender) => Promise<Result<unknown>>;

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Builds the router for the given handler tables. */
export function createRouter(opts: RouterOptions): Router {
  return async (message, sender) => {
    if (!message || typeof message !== 'object') return fail('malformed message');
    const { type, payload } = message as { type?: unknown; payload?: unknown };
    if (typeof type !== 'string') return fail('malformed message');
    if (sender.id !== undefined && sender.id !== opts.extensionId) return fail('message from another extension');
    const p = payload === undefined ? {} : payload;
    if (!p || typeof p !== 'object' || Array.isArray(p)) return fail('malformed payload');

    const fromPage = typeof sender.url === 'string' && sender.url.startsWith(opts.extensionBase);
    try {
      if (has(opts.pages, type)) {
        if (!fromPage) return fail(`${type} is only accepted from the extension's own pages`);
        await opts.ready();
        const h = opts.pages[type as keyof PageCalls] as (p: unknown, s: Sender) => unknown;
        return ok(await h(p, sender));
      }
      if (has(opts.content, type)) {
        if (fromPage) return fail(`${type} is only accepted from a content script`);
        const tab = sender.tab;
        if (!tab || typeof tab.id !== 'number' || tab.id < 0) return fail(`${type} must come from a tab`);
        // Only the top frame speaks for a tab: an embedded frame (ads, widgets) is another document.
        if (sender.frameId !== undefined && sender.frameId !== 0) return fail(`${type} is only accepted from the top frame`);
        const s: TabSender = { ...sender, tab: { ...tab, id: tab.id, incognito: tab.incognito === true } };
        await opts.ready();
        const h = opts.content[type as keyof ContentToBackground] as (p: unknown, s: TabSender) => unknown;
        return ok(await h(p, s));
      }
      return fail(`unknown message type ${type}`);
    } catch (err) {
      opts.onError?.(type, err);
      return fail(err instanceof Error ? err.message : String(err));
    }
  };
}
