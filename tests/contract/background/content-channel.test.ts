/**
 * The background's channel to a content script (src/background/content-channel.ts) with the
 * content side's relay (src/content/relay.ts): a content script whose world has no extension API
 * is reached through executeScript, its messages go through the router with the tab's top frame
 * as sender, and a tab without the relay fails with the browser's own error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createContentChannel } from '../../../src/background/content-channel';
import type { Sender } from '../../../src/background/router';
import type { BackgroundBrowser, ScriptInjection } from '../../../src/platform/browser';
import { createRelay, RELAY_KEY } from '../../../src/content/relay';
import { fail, ok } from '../../../src/shared/messages';

const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const TAB = { id: 7, url: 'https://news.example/story', incognito: false };

/** A browser whose tab has no content-script listener; executeScript runs functions in this realm (the "isolated world"). */
function fakeBrowser(sendError = NO_RECEIVER) {
  const injected: unknown[][] = [];
  const browser: Pick<BackgroundBrowser, 'tabs' | 'scripting' | 'runtime'> = {
    runtime: { id: 'ext', getURL: (p) => `chrome-extension://ext/${p}` },
    tabs: {
      sendMessage: async () => {
        throw new Error(sendError);
      },
      get: async () => structuredClone(TAB),
    },
    scripting: {
      async executeScript(d: ScriptInjection) {
        if (!('func' in d)) return [];
        injected.push(d.args ?? []);
        // Arguments and results cross as JSON, as in the browser.
        const args = JSON.parse(JSON.stringify(d.args ?? [])) as never[];
        const result = await d.func(...args);
        return [{ result: result === undefined ? undefined : JSON.parse(JSON.stringify(result)) }];
      },
      registerContentScripts: async () => undefined,
      unregisterContentScripts: async () => undefined,
      getRegisteredContentScripts: async () => [],
    },
  };
  return { browser, injected };
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[RELAY_KEY];
});

describe('the content channel', () => {
  it('reaches a content script without an API through its relay, and answers its messages through the router', async () => {
    const runtime = createRelay(globalThis);
    runtime.onMessage.addListener((m) => {
      if ((m as { type?: string }).type !== 'extractArticle') return undefined;
      return (async () => {
        const reply = (await runtime.sendMessage({ type: 'pageCaptured', payload: { docId: 'd1' } })) as { ok: boolean; value?: unknown };
        return ok({ docId: 'd1', extracted: reply.ok, value: reply.ok ? reply.value : null });
      })();
    });
    const routed: Array<{ message: unknown; sender: Sender }> = [];
    const { browser } = fakeBrowser();
    const send = createContentChannel({
      browser,
      route: async (message, sender) => {
        routed.push({ message, sender });
        return ok({ highlightsOn: false });
      },
    });

    expect(await send(TAB.id, { type: 'extractArticle', payload: {} })).toEqual(ok({ docId: 'd1', extracted: true, value: { highlightsOn: false } }));
    expect(routed).toEqual([
      { message: { type: 'pageCaptured', payload: { docId: 'd1' } }, sender: { id: 'ext', frameId: 0, url: TAB.url, tab: TAB } },
    ]);
    // A call the content script does not take answers undefined, as tabs.sendMessage would.
    expect(await send(TAB.id, { type: 'nothing', payload: {} })).toBeUndefined();
  });

  it('a tab without the relay fails with the browser error', async () => {
    const { browser } = fakeBrowser();
    const send = createContentChannel({ browser, route: async () => fail('unused') });
    await expect(send(TAB.id, { type: 'extractArticle', payload: {} })).rejects.toThrow(NO_RECEIVER);
  });

  it('other errors are not relayed', async () => {
    createRelay(globalThis);
    const { browser, injected } = fakeBrowser('No tab with id: 7.');
    const send = createContentChannel({ browser, route: async () => fail('unused') });
    await expect(send(TAB.id, { type: 'extractArticle', payload: {} })).rejects.toThrow('No tab with id');
    expect(injected).toEqual([]);
  });
});
