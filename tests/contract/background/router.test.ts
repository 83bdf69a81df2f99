/**
 * Sender checks of the background router: extension pages may call the page maps, content scripts
 * only the content map, only from a tab's top frame; anything else is refused with a Result.
 */
import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers, type Sender, type TabSender } from '../../../src/background/router';
import type { ContentToBackground, PageCalls } from '../../../src/shared/messages';
import { EXT_BASE, EXT_ID } from './fake-browser';

function setup() {
  const content = {
    pageCaptured: vi.fn(async () => ({ highlightsOn: false })),
    articleSkipped: vi.fn(async () => null),
    documentChanged: vi.fn(async () => null),
  } as unknown as Handlers<ContentToBackground, TabSender>;
  const names = ['getTabState', 'checkTab', 'setHighlights', 'getComparison', 'getSettings', 'setSettings', 'deleteAllData', 'exportData'];
  const pages = Object.fromEntries(names.map((n) => [n, vi.fn(async (p: unknown) => ({ echoed: p }))])) as unknown as Handlers<PageCalls, Sender>;
  const route = createRouter({ extensionId: EXT_ID, extensionBase: EXT_BASE, ready: async () => undefined, content, pages });
  return { route, content, pages };
}

const popup: Sender = { id: EXT_ID, url: `${EXT_BASE}popup.html` };
const page: Sender = { id: EXT_ID, url: 'https://news.example/a', frameId: 0, tab: { id: 3, url: 'https://news.example/a', incognito: false } };

describe('router sender checks', () => {
  it('answers extension pages on the page maps', async () => {
    const { route } = setup();
    expect(await route({ type: 'getTabState', payload: { tabId: 3 } }, popup)).toEqual({ ok: true, value: { echoed: { tabId: 3 } } });
    // The popup opened in a tab (as tests do) is still an extension page.
    expect((await route({ type: 'getSettings', payload: {} }, { ...popup, tab: { id: 9 } })).ok).toBe(true);
  });

  it('refuses page calls from a web page (a content script cannot read settings, state or history)', async () => {
    const { route, pages } = setup();
    for (const type of ['getTabState', 'checkTab', 'getSettings', 'deleteAllData', 'exportData']) {
      const r = await route({ type, payload: { tabId: 3 } }, page);
      expect(r).toEqual({ ok: false, error: `${type} is only accepted from the extension's own pages` });
    }
    expect((pages as unknown as Record<string, { mock: { calls: unknown[] } }>).getTabState.mock.calls).toHaveLength(0);
  });

  it('accepts content calls only from a tab top frame, never from extension pages', async () => {
    const { route, content } = setup();
    const payload = { docId: 'd', reason: 'x' };
    expect((await route({ type: 'articleSkipped', payload }, page)).ok).toBe(true);
    expect(await route({ type: 'articleSkipped', payload }, { ...page, frameId: 2 })).toEqual({ ok: false, error: 'articleSkipped is only accepted from the top frame' });
    expect(await route({ type: 'articleSkipped', payload }, { id: EXT_ID, url: 'https://news.example/a' })).toEqual({ ok: false, error: 'articleSkipped must come from a tab' });
    expect(await route({ type: 'articleSkipped', payload }, popup)).toEqual({ ok: false, error: 'articleSkipped is only accepted from a content script' });
    expect(content.articleSkipped).toHaveBeenCalledTimes(1);
  });

  it('passes the tab to content handlers, with incognito made explicit', async () => {
    const { route, content } = setup();
    await route({ type: 'documentChanged', payload: { docId: 'x' } }, { ...page, tab: { id: 3 } });
    expect(content.documentChanged).toHaveBeenCalledWith({ docId: 'x' }, expect.objectContaining({ tab: { id: 3, incognito: false } }));
  });

  it('refuses other extensions, unknown types and malformed messages', async () => {
    const { route } = setup();
    expect(await route({ type: 'getSettings', payload: {} }, { ...popup, id: 'other' })).toEqual({ ok: false, error: 'message from another extension' });
    expect(await route({ type: 'evalThis', payload: {} }, popup)).toEqual({ ok: false, error: 'unknown message type evalThis' });
    expect(await route('getSettings', popup)).toEqual({ ok: false, error: 'malformed message' });
    expect(await route({ type: 'getSettings', payload: [1] }, popup)).toEqual({ ok: false, error: 'malformed payload' });
    expect(await route({ type: 'hasOwnProperty', payload: {} }, popup)).toMatchObject({ ok: false });
  });

  it('turns a handler exception into a failed Result', async () => {
    const route = createRouter({
      extensionId: EXT_ID,
      extensionBase: EXT_BASE,
      ready: async () => undefined,
      content: {} as never,
      pages: { getSettings: async () => { throw new Error('disk full'); } } as never,
    });
    expect(await route({ type: 'getSettings', payload: {} }, popup)).toEqual({ ok: false, error: 'disk full' });
  });
});
