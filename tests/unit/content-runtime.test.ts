/**
 * src/platform/content-runtime.ts: the content script takes a runtime only where it is the
 * browser's own (functions, which page elements never are), adapts its listeners to sendResponse,
 * and the document_start pin makes a real but inherited API an own property.
 */
import { describe, expect, it } from 'vitest';
import { contentRuntime, pinExtensionGlobals } from '../../src/platform/content-runtime';

/** A runtime as the browser has it, recording listeners. */
function realApi(id = 'ext-id') {
  const listeners = new Set<(m: unknown, s: unknown, r: (x: unknown) => void) => boolean>();
  return {
    listeners,
    api: {
      runtime: {
        id,
        sendMessage: async (m: unknown) => ({ echoed: m }),
        onMessage: { addListener: (l: never) => listeners.add(l), removeListener: (l: never) => listeners.delete(l) },
      },
    },
  };
}

/** A global whose prototype shows `names` (as a window's named properties do). */
const withNamed = (named: Record<string, unknown>, own: Record<string, unknown> = {}) => Object.assign(Object.create(named), own);

describe('contentRuntime', () => {
  it('takes no page element for the API', () => {
    // What named properties can give: an element whose controls shadow `runtime`, a frame's window, a collection.
    const form = { runtime: { id: 'id', name: 'runtime' }, id: 'chrome' };
    expect(contentRuntime(withNamed({ chrome: form, browser: form }))).toBeNull();
    expect(contentRuntime(withNamed({ chrome: { window: {} }, browser: [{}, {}] }))).toBeNull();
    expect(contentRuntime({})).toBeNull();
  });

  it('takes the real API wherever it hangs, `browser` first', async () => {
    const chrome = realApi('from-chrome');
    const browser = realApi('from-browser');
    expect(contentRuntime(withNamed({ chrome: chrome.api }))?.id).toBe('from-chrome');
    expect(contentRuntime(withNamed({ chrome: chrome.api, browser: browser.api }))?.id).toBe('from-browser');
    expect(await contentRuntime(withNamed({ chrome: chrome.api }))!.sendMessage(1)).toEqual({ echoed: 1 });
  });

  it('answers through sendResponse, and removes what it added', async () => {
    const { api, listeners } = realApi();
    const rt = contentRuntime({ chrome: api })!;
    const cb = (m: unknown) => (m === 'take' ? Promise.resolve('answer') : undefined);
    rt.onMessage.addListener(cb);
    const [listener] = listeners;
    expect(listener('skip', {}, () => undefined)).toBe(false);
    const answered = new Promise((r) => expect(listener('take', {}, r)).toBe(true));
    expect(await answered).toBe('answer');
    rt.onMessage.removeListener(cb);
    expect(listeners.size).toBe(0);
  });
});

describe('pinExtensionGlobals', () => {
  it('makes a real inherited API own, and leaves page elements and own values alone', () => {
    const { api } = realApi();
    const form = { runtime: { id: 'id' } };
    const own = realApi('own').api;
    const scope = withNamed({ chrome: api, browser: form }, {});
    pinExtensionGlobals(scope);
    expect(Object.getOwnPropertyDescriptor(scope, 'chrome')?.value).toBe(api);
    expect(Object.getOwnPropertyDescriptor(scope, 'browser')).toBeUndefined();
    const already = withNamed({ chrome: api }, { chrome: own });
    pinExtensionGlobals(already);
    expect(Reflect.get(already, 'chrome')).toBe(own);
  });
});
