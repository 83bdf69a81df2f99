/**
 * The WebExtension runtime of a content script, taken from a reference the page cannot have made.
 * The content script does not use webextension-polyfill, which takes whatever the global `chrome`
 * or `browser` shows: in a Chromium isolated world made after the page's elements exist (a script
 * injected on click, or registered at document_idle), those names can show page elements. Chromium
 * then hangs the API on the element (`<form id="chrome">`, whose `<input name="runtime">` shadows
 * it) or, for a frame's window (`<iframe name="chrome">`), gives the world no API at all.
 * Named properties give only elements, collections and windows, never a function, so a runtime
 * whose `sendMessage` and `onMessage` listeners are functions is the browser's own, wherever it
 * hangs. When neither name gives one, contentRuntime returns null and the content script talks to
 * the background through the relay (src/content/relay.ts, src/background/content-channel.ts).
 * The content script's message lookup (contentMessages) is taken from the same checked namespace.
 */
import type { Translate } from '../shared/i18n';

/** The runtime API the content script uses (what src/content/lifecycle.ts calls ContentRuntime). */
export interface ExtensionRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(cb: RuntimeListener): void;
    removeListener(cb: RuntimeListener): void;
  };
}

/** A listener that answers with a promise, or undefined for a message it does not take. */
export type RuntimeListener = (message: unknown, sender: { id?: string }) => Promise<unknown> | undefined;

/** A listener as the browser calls it: answers through sendResponse after returning true. */
type BrowserListener = (message: unknown, sender: { id?: string }, sendResponse: (reply: unknown) => void) => boolean;

interface BrowserRuntime {
  id?: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(cb: BrowserListener): void; removeListener(cb: BrowserListener): void };
}

/** The browser's own runtime under `name` in `scope`, or null when that name shows something else. */
function realRuntime(scope: object, name: 'browser' | 'chrome'): BrowserRuntime | null {
  try {
    const rt = (Reflect.get(scope, name) as { runtime?: Partial<BrowserRuntime> } | null | undefined)?.runtime;
    const on = rt?.onMessage;
    if (typeof rt?.id === 'string' && typeof rt.sendMessage === 'function' && typeof on?.addListener === 'function' && typeof on.removeListener === 'function') {
      return rt as BrowserRuntime;
    }
  } catch {
    // A getter of whatever the page put there threw: not the API.
  }
  return null;
}

/**
 * Makes the real API under `chrome` and `browser` own properties of this world's global, where
 * named page elements cannot shadow them. Run at document_start (src/content/pin-start.ts), when
 * only the root element exists (`<html id="chrome">` is the one case left to pin).
 */
export function pinExtensionGlobals(scope: object): void {
  for (const name of ['chrome', 'browser'] as const) {
    if (Object.getOwnPropertyDescriptor(scope, name) || !realRuntime(scope, name)) continue;
    Object.defineProperty(scope, name, { value: Reflect.get(scope, name), configurable: true, writable: true });
  }
}

/** The content script's runtime (Firefox's `browser`, Chromium's `chrome`), or null when this world has none. */
export function contentRuntime(scope: object = globalThis): ExtensionRuntime | null {
  const rt = realRuntime(scope, 'browser') ?? realRuntime(scope, 'chrome');
  if (!rt) return null;
  const wrapped = new Map<RuntimeListener, BrowserListener>();
  return {
    get id() {
      // Gone (undefined, or a throw) once an extension reload orphans this script.
      return rt.id;
    },
    sendMessage: (message) => rt.sendMessage(message),
    onMessage: {
      // sendResponse after `return true`: the asynchronous answer every supported Chromium and
      // Firefox takes (a returned promise is not taken by older Chromium).
      addListener(cb) {
        const listener: BrowserListener = (message, sender, sendResponse) => {
          const reply = cb(message, sender);
          if (!reply) return false;
          reply.then(sendResponse, (err: unknown) => sendResponse({ ok: false, error: String(err) }));
          return true;
        };
        wrapped.set(cb, listener);
        rt.onMessage.addListener(listener);
      },
      removeListener(cb) {
        const listener = wrapped.get(cb);
        if (!listener) return;
        wrapped.delete(cb);
        rt.onMessage.removeListener(listener);
      },
    },
  };
}

/**
 * The content script's message lookup (`i18n.getMessage` of the namespace whose runtime is the
 * browser's own, so a page element named `chrome` cannot answer). Where this world has no API (the
 * relay case above) there are no messages to read: the lookup answers each key's name, which a
 * reader sees only on such a page's hover card.
 */
export function contentMessages(scope: object = globalThis): Translate {
  let getMessage: ((name: string, subs: string[]) => string) | null = null;
  for (const name of ['browser', 'chrome'] as const) {
    if (!realRuntime(scope, name)) continue;
    try {
      const i18n = (Reflect.get(scope, name) as { i18n?: { getMessage?: unknown } }).i18n;
      const fn = i18n?.getMessage;
      if (typeof fn === 'function') {
        getMessage = (key, subs) => String(fn.call(i18n, key, subs) ?? '');
        break;
      }
    } catch {
      // Not the API.
    }
  }
  return (key, ...subs) => (getMessage ? getMessage(key, subs.map(String)) : '') || (key.startsWith('@@') ? '' : key);
}
