/**
 * How the background calls a tab's content script: tabs.sendMessage, or, when the content script
 * has no channel ("Receiving end does not exist": in Chromium, page elements named `chrome` and
 * `browser` left its isolated world without a usable API; src/platform/content-runtime.ts), the
 * relay: the call is delivered into that world with scripting.executeScript
 * (src/content/relay.ts answers), and the messages the content script sent meanwhile are
 * collected the same way and answered through the one router, as if they had come by
 * runtime.sendMessage from the tab's top frame. The router's sender checks and the handlers'
 * validation (the article through parseRecord 'untrusted') apply to them unchanged: the isolated
 * world shares the page's renderer, so what it returns is as untrusted as any content message.
 */
import type { BackgroundBrowser } from '../platform/browser';
import type { Router } from './router';

/** Sends a call to the top frame of a tab's content script and resolves with its answer. */
export type ContentChannel = (tabId: number, message: unknown) => Promise<unknown>;

/** Errors that mean no content-script listener, not a failed one. */
const NO_RECEIVER = /receiving end does not exist|could not establish connection/i;
/**
 * While a relayed call runs, the content script's messages are collected every POLL_MS (one
 * executeScript round trip, a few ms): short against a check (~100 ms+), so a message does not
 * wait long for its answer.
 */
const POLL_MS = 150;
/** Most messages answered from one collection (the content script sends one or two per check). */
const MAX_BATCH = 20;

// The functions below run in the tab's isolated world (serialised by executeScript): they repeat
// RELAY_KEY of src/content/relay.ts and may use nothing else of this module.
interface RelayLike {
  deliver(message: unknown): Promise<{ reply: unknown }>;
  take(waitMs: number): Promise<unknown[]>;
  settle(n: number, reply: unknown): void;
}
function relayDeliver(message: unknown): Promise<{ reply: unknown }> | null {
  const relay = (globalThis as Record<symbol, RelayLike | undefined>)[Symbol.for('provenance-lens.relay')];
  return relay ? relay.deliver(message) : null;
}
function relayTake(waitMs: number): Promise<unknown[]> | null {
  const relay = (globalThis as Record<symbol, RelayLike | undefined>)[Symbol.for('provenance-lens.relay')];
  return relay ? relay.take(waitMs) : null;
}
function relaySettle(n: number, reply: unknown): null {
  (globalThis as Record<symbol, RelayLike | undefined>)[Symbol.for('provenance-lens.relay')]?.settle(n, reply);
  return null;
}

/** Builds the channel; `route` answers the relayed messages (the background's router). */
export function createContentChannel(opts: { browser: Pick<BackgroundBrowser, 'tabs' | 'scripting' | 'runtime'>; route: Router }): ContentChannel {
  const { browser } = opts;

  async function run<A extends unknown[]>(tabId: number, func: (...args: A) => unknown, args: A): Promise<unknown> {
    const results = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: func as (...a: never[]) => unknown, args });
    return results?.[0]?.result;
  }

  /** Answers what the content script sent, until `finished()` and nothing is left. */
  async function collect(tabId: number, finished: () => boolean): Promise<void> {
    for (;;) {
      const last = finished();
      const batch = await run(tabId, relayTake, [last ? 0 : POLL_MS]);
      if (!Array.isArray(batch)) return;
      for (const item of batch.slice(0, MAX_BATCH) as Array<{ n?: unknown; message?: unknown } | null>) {
        if (typeof item?.n !== 'number') continue;
        const tab = await browser.tabs.get(tabId);
        const reply = await opts.route(item.message, { id: browser.runtime.id, frameId: 0, url: tab.url, tab: { ...tab, id: tabId } });
        await run(tabId, relaySettle, [item.n, reply]);
      }
      if (last && !batch.length) return;
    }
  }

  /** The call through the relay; `found: false` when the tab has no relay either. */
  async function relayed(tabId: number, message: unknown): Promise<{ found: boolean; reply?: unknown }> {
    let done = false;
    const collecting = collect(tabId, () => done).catch(() => undefined);
    try {
      const res = await run(tabId, relayDeliver, [message]);
      return res && typeof res === 'object' ? { found: true, reply: (res as { reply?: unknown }).reply } : { found: false };
    } finally {
      done = true;
      await collecting;
    }
  }

  return async (tabId, message) => {
    try {
      return await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
    } catch (err) {
      if (!NO_RECEIVER.test(String((err as Error)?.message ?? err))) throw err;
      const r = await relayed(tabId, message).catch(() => ({ found: false, reply: undefined }));
      if (!r.found) throw err;
      return r.reply;
    }
  };
}
