/**
 * The content script's channel when its world has no usable extension API (src/platform/
 * content-runtime.ts returned null: Chromium made the isolated world after page elements named
 * `chrome` and `browser` existed). The background reaches this world with scripting.executeScript
 * (src/background/content-channel.ts): it delivers its calls here, and collects and answers the
 * messages the content script sent. The relay lives on the isolated world's global, under a
 * registered symbol: page script never sees that global, and an own property is out of reach of
 * named elements.
 */
import type { ContentRuntime } from './lifecycle';

/** Where the relay hangs on the isolated world's global (the background's injected functions repeat it). */
export const RELAY_KEY = Symbol.for('provenance-lens.relay');

/** A message of the content script waiting for the background, numbered for its answer. */
export interface RelayedMessage {
  n: number;
  message: unknown;
}

/** What the background calls in this world. */
export interface Relay {
  /** Hands a background call to the content script's listener; resolves with its answer. */
  deliver(message: unknown): Promise<{ reply: unknown }>;
  /** The messages sent since the last take, waiting up to `waitMs` for the first one. */
  take(waitMs: number): Promise<RelayedMessage[]>;
  /** The background's answer to message `n`. */
  settle(n: number, reply: unknown): void;
}

/** The runtime's id in relay mode: there is no extension context here that an update could orphan. */
const RELAY_ID = 'relay';

type Listener = Parameters<ContentRuntime['onMessage']['addListener']>[0];

/** Installs the relay on `scope` (the isolated world's global) and returns the runtime it stands in for. */
export function createRelay(scope: object): ContentRuntime {
  let listener: Listener | null = null;
  let next = 1;
  const outbox: RelayedMessage[] = [];
  const answers = new Map<number, (reply: unknown) => void>();
  const wakers = new Set<() => void>();

  const relay: Relay = {
    async deliver(message) {
      const reply = listener?.(message, {});
      return { reply: reply === undefined ? undefined : await reply };
    },
    take(waitMs) {
      if (outbox.length || !(waitMs > 0)) return Promise.resolve(outbox.splice(0));
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve(outbox.splice(0));
        };
        const timer = setTimeout(wake, Math.min(waitMs, 10_000));
        wakers.add(wake);
      });
    },
    settle(n, reply) {
      answers.get(n)?.(reply);
      answers.delete(n);
    },
  };
  Object.defineProperty(scope, RELAY_KEY, { value: relay, configurable: true });

  return {
    id: RELAY_ID,
    sendMessage(message) {
      const n = next++;
      outbox.push({ n, message });
      for (const wake of [...wakers]) wake();
      return new Promise((resolve) => answers.set(n, resolve));
    },
    onMessage: {
      addListener(cb) {
        listener = cb;
      },
      removeListener(cb) {
        if (listener === cb) listener = null;
      },
    },
  };
}
