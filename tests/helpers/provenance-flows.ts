/**
 * What a user does with Provenance Lens, as steps the e2e tests and the `npm start --headless`
 * tour share: turn on automatic checking, read a page, open the popup on its tab, read the badge,
 * look at the highlights and their cards, subscribe to a feed. Works the same on Chromium and
 * Firefox through the ExtensionDriver interface. Extension APIs are called from an extension page
 * (the control tab), the way the popup and options pages call them.
 */
import type { TabState } from '../../src/shared/messages';
import type { BrowserTab, ExtensionDriver } from './extension-driver';

/** How long the background may take to extract and analyse one article (cold worker included). */
const CHECK_TIMEOUT_MS = 20_000;
/** How long an extension page may take to render its first state. */
export const RENDER_TIMEOUT_MS = 15_000;

/** What one reply of the background looks like on the wire. */
export type WireResult<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** One highlight as the page shows it. */
export interface MarkInfo {
  kind: string | null;
  id: string | null;
  text: string;
  tabindex: string | null;
  insideComments: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A page that was opened and read by the extension. */
export interface VisitedPage {
  tab: BrowserTab;
  tabId: number;
  url: string;
  state: TabState;
  /** True when automatic checking produced the state (no popup involved). */
  autoChecked: boolean;
}

/** Drives the extension through a control tab (an extension page with the WebExtension API). */
export class ExtensionHarness {
  private constructor(
    readonly driver: ExtensionDriver,
    readonly control: BrowserTab,
  ) {}

  /** Opens the control tab: the options page, or the popup aimed at no real tab when there is none. */
  static async start(driver: ExtensionDriver, hasFile: (f: string) => boolean): Promise<ExtensionHarness> {
    const page = hasFile('options.html') ? 'options.html' : 'popup.html?tab=2147483647';
    const control = await driver.openExtensionPage(page);
    await control.waitFor(() => !!((globalThis as any).browser ?? (globalThis as any).chrome)?.runtime?.id, undefined, {
      timeoutMs: RENDER_TIMEOUT_MS,
      message: `extension page ${page} has no runtime API`,
    });
    return new ExtensionHarness(driver, control);
  }

  /** Sends one `{type, payload}` call to the background from the control tab. */
  async send<T = unknown>(type: string, payload: unknown): Promise<WireResult<T>> {
    return this.control.evaluate(
      async ({ type, payload }) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        try {
          const reply = await api.runtime.sendMessage({ type, payload });
          return reply ?? { ok: false, error: 'no reply' };
        } catch (err) {
          return { ok: false, error: String((err as Error)?.message ?? err) };
        }
      },
      { type, payload },
    ) as Promise<WireResult<T>>;
  }

  /** Sends a call and returns its value, throwing with the background's error otherwise. */
  async call<T = unknown>(type: string, payload: unknown): Promise<T> {
    const r = await this.send<T>(type, payload);
    if (!r.ok) throw new Error(`${type} failed: ${r.error}`);
    return r.value;
  }

  /**
   * Turns on automatic checking the way a user does: a real click on the options page's switch
   * (`#pl-opt-autocheck`), which asks for the host permission (granted in the test build) and
   * saves the setting. Without an options page, sends the switch's `setSettings` call instead.
   */
  async enableAutoCheck(): Promise<'options-switch' | 'message'> {
    const hasSwitch = await this.control.evaluate(() => !!document.querySelector('#pl-opt-autocheck'));
    if (hasSwitch) {
      await this.control.waitFor(() => document.body?.dataset.ready === '1', undefined, {
        timeoutMs: RENDER_TIMEOUT_MS,
        message: 'options page never set data-ready',
      });
      const on = await this.control.evaluate(() => (document.querySelector('#pl-opt-autocheck') as HTMLInputElement).checked);
      if (!on) await this.control.click('#pl-opt-autocheck');
      for (let i = 0; i < 50; i++) {
        const settings = await this.call<{ autoCheck: boolean }>('getSettings', {});
        if (settings.autoCheck) return 'options-switch';
        await sleep(100);
      }
      throw new Error('clicking the automatic-checking switch in the options page did not turn it on');
    }
    const settings = await this.call<{ autoCheck: boolean }>('setSettings', { autoCheck: true });
    if (!settings.autoCheck) throw new Error('setSettings did not turn automatic checking on');
    return 'message';
  }

  /** Id of the tab showing `url` (waits for it to appear). */
  async tabIdOf(url: string): Promise<number> {
    for (let i = 0; i < 50; i++) {
      const id = await this.control.evaluate(async (u: string) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const tabs: Array<{ id?: number; url?: string }> = await api.tabs.query({});
        // The newest tab with exactly this URL, else one that differs only by the fragment.
        const exact = tabs.filter((t) => t.url === u).sort((a, b) => (b.id ?? 0) - (a.id ?? 0))[0];
        return exact?.id ?? tabs.find((t) => t.url && t.url.replace(/#.*$/, '') === u.replace(/#.*$/, ''))?.id ?? null;
      }, url);
      if (typeof id === 'number') return id;
      await sleep(100);
    }
    throw new Error(`no tab shows ${url}`);
  }

  /** The per-tab state the background keeps in storage.session (`tab:<id>`), or null. */
  async tabState(tabId: number): Promise<TabState | null> {
    return this.control.evaluate(async (id: number) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const key = `tab:${id}`;
      const got = await api.storage.session.get(key);
      return (got?.[key] ?? null) as never;
    }, tabId);
  }

  /** Waits until the tab's state is settled (done with its claims matched or failed, not-article or error) for `url`. */
  async waitForSettled(tabId: number, url: string, timeoutMs = CHECK_TIMEOUT_MS): Promise<TabState | null> {
    const end = Date.now() + timeoutMs;
    let last: TabState | null = null;
    while (Date.now() < end) {
      last = await this.tabState(tabId);
      if (last && last.url.replace(/#.*$/, '') === url.replace(/#.*$/, '') && ['done', 'not-article', 'error'].includes(last.status) && last.claimsStatus !== 'pending') {
        return last;
      }
      await sleep(150);
    }
    return null;
  }

  /** The toolbar badge text of a tab. */
  async badge(tabId: number): Promise<string> {
    return this.control.evaluate(async (id: number) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      return String(await api.action.getBadgeText({ tabId: id }));
    }, tabId);
  }

  /** The toolbar button's tooltip for a tab (it names what the badge's one text cannot). */
  async badgeTitle(tabId: number): Promise<string> {
    return this.control.evaluate(async (id: number) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      return String(await api.action.getTitle({ tabId: id }));
    }, tabId);
  }

  /**
   * Opens `url` in a new tab and waits for automatic checking to settle; when it does not run
   * (auto-check off or broken) and `fallbackToButton` is set, uses the popup's "Check this page".
   */
  async visit(url: string, opts: { fallbackToButton?: boolean; autoWaitMs?: number } = {}): Promise<VisitedPage> {
    const tab = await this.driver.openPage(url);
    const tabId = await this.tabIdOf(url);
    let state = await this.waitForSettled(tabId, url, opts.autoWaitMs ?? CHECK_TIMEOUT_MS);
    if (state) return { tab, tabId, url, state, autoChecked: true };
    if (!opts.fallbackToButton) {
      const seen = await this.tabState(tabId);
      throw new Error(`automatic checking did not settle on ${url} (state: ${JSON.stringify(seen)?.slice(0, 300)})`);
    }
    state = await this.checkWithButton(tabId, url);
    return { tab, tabId, url, state, autoChecked: false };
  }

  /** Opens the popup on `tabId`, clicks "Check this page" and waits for the result. */
  async checkWithButton(tabId: number, url: string): Promise<TabState> {
    const popup = await this.openPopup(tabId);
    await popup.click('#pl-check');
    const state = await this.waitForSettled(tabId, url);
    await popup.close();
    if (!state) throw new Error(`"Check this page" did not settle on ${url} (state: ${JSON.stringify(await this.tabState(tabId))?.slice(0, 300)})`);
    return state;
  }

  /**
   * Text of the open hover card(s) in a tab ('' when none is open). The card's shadow root is
   * closed to the page (main-world script sees `shadowRoot === null`), so it is read as only the
   * extension can: from an isolated world injected with scripting.executeScript, through the
   * extension-only accessors (Chrome `chrome.dom.openOrClosedShadowRoot`, Firefox
   * `element.openOrClosedShadowRoot`).
   */
  async cardText(tabId: number): Promise<string> {
    return this.control.evaluate(async (id: number) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const [res] = await api.scripting.executeScript({
        target: { tabId: id },
        func: () => {
          const g = globalThis as any;
          return [...document.querySelectorAll('pl-card')]
            .filter((c) => getComputedStyle(c).display !== 'none' && getComputedStyle(c).visibility !== 'hidden')
            .map((c) => {
              const root: ShadowRoot | null = g.chrome?.dom?.openOrClosedShadowRoot?.(c) ?? (c as any).openOrClosedShadowRoot ?? null;
              return [...(root?.querySelectorAll('*') ?? [])]
                .filter((e) => !['STYLE', 'SCRIPT'].includes(e.tagName))
                .flatMap((e) => [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? ''))
                .join(' ');
            })
            .join(' ')
            .replace(/\s+/g, ' ')
            .trim();
        },
      });
      return String(res?.result ?? '');
    }, tabId);
  }

  /**
   * The look of each highlight as the extension drew it inside the mark's closed shadow root (read
   * as cardText reads the card): the look's class, its underline pattern, its glyph ('' on the
   * later elements of a passage). The page itself cannot read any of it.
   */
  async markLooks(tabId: number): Promise<Array<{ id: string | null; look: string; line: string; glyph: string }>> {
    return this.control.evaluate(async (id: number) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      const [res] = await api.scripting.executeScript({
        target: { tabId: id },
        func: () => {
          const g = globalThis as any;
          return [...document.querySelectorAll('pl-mark')].map((m) => {
            const root: ShadowRoot | null = g.chrome?.dom?.openOrClosedShadowRoot?.(m) ?? (m as any).openOrClosedShadowRoot ?? null;
            const span = root?.querySelector('.m') ?? null;
            return {
              id: m.getAttribute('data-pl-id'),
              look: span?.className ?? '',
              line: span ? getComputedStyle(span).textDecorationStyle : '',
              glyph: root?.querySelector('.g')?.textContent ?? '',
            };
          });
        },
      });
      return (res?.result ?? []) as never;
    }, tabId);
  }

  /** Opens popup.html?tab=<id> in a tab and waits until it has rendered (body.dataset.ready). */
  async openPopup(tabId: number, opts: { settled?: boolean } = {}): Promise<BrowserTab> {
    const popup = await this.driver.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.waitFor(() => document.body?.dataset.ready === '1', undefined, {
      timeoutMs: RENDER_TIMEOUT_MS,
      message: 'popup never set body.dataset.ready = "1"',
    });
    if (opts.settled) {
      // Settled: a final state, its claims not still being matched (#pl-claims-status busy).
      await popup.waitFor(() => ['done', 'not-article', 'error'].includes(document.body.dataset.state ?? '') && !document.querySelector('#pl-claims-status[aria-busy="true"]'), undefined, {
        timeoutMs: RENDER_TIMEOUT_MS,
        message: 'popup never showed a settled state',
      });
    }
    return popup;
  }
}

/** What the popup shows, read through the DOM contract of docs/architecture.md. */
export interface PopupView {
  state: string | null;
  summary: string;
  verdict: string | null;
  originLinks: Array<{ href: string; text: string }>;
  related: Array<{ relation: string | null; text: string }>;
  claims: string[];
  analysed: string;
  text: string;
}

/** Reads the rendered popup. */
export function readPopup(popup: BrowserTab): Promise<PopupView> {
  // No helper functions inside evaluate callbacks: tsx (npm start) wraps named functions in a
  // `__name` call that does not exist in the page.
  return popup.evaluate(() => ({
    state: document.body.dataset.state ?? null,
    summary: (document.querySelector('#pl-summary')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    verdict: document.querySelector('#pl-verdict')?.getAttribute('data-verdict') ?? null,
    originLinks: [...document.querySelectorAll('#pl-origin a')].map((a) => ({
      href: (a as HTMLAnchorElement).href,
      text: (a.textContent ?? '').trim(),
    })),
    related: [...document.querySelectorAll('#pl-related li')].map((li) => ({
      relation: li.getAttribute('data-relation'),
      text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
    claims: [...document.querySelectorAll('#pl-claims li')].map((li) => (li.textContent ?? '').replace(/\s+/g, ' ').trim()),
    analysed: (document.querySelector('#pl-analysed')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    text: (document.body.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

/** Lists the `<pl-mark>` highlights of a page. */
export function readMarks(tab: BrowserTab): Promise<MarkInfo[]> {
  return tab.evaluate(() =>
    [...document.querySelectorAll('pl-mark')].map((m) => ({
      kind: m.getAttribute('data-pl-kind'),
      id: m.getAttribute('data-pl-id'),
      text: m.textContent ?? '',
      tabindex: m.getAttribute('tabindex'),
      insideComments: !!m.closest('#comments, .comments'),
    })),
  );
}

/** Waits until the page has at least one highlight (of `kind`, when given). */
export async function waitForMarks(tab: BrowserTab, kind?: string, timeoutMs = RENDER_TIMEOUT_MS): Promise<MarkInfo[]> {
  await tab.waitFor(
    (k: string | null) => [...document.querySelectorAll('pl-mark')].some((m) => !k || m.getAttribute('data-pl-kind') === k),
    kind ?? null,
    { timeoutMs, message: `no <pl-mark${kind ? ` data-pl-kind="${kind}"` : ''}> appeared` },
  );
  return readMarks(tab);
}

/** CSS selector of the highlight with this id (its first element, when it spans several). */
export function markSelector(id: string): string {
  return `pl-mark[data-pl-id="${id.replace(/["\\]/g, '\\$&')}"]`;
}

/**
 * Opens the hover card of a highlight (real mouse hover, then keyboard focus as a fallback) and
 * returns its text (read through the extension, see ExtensionHarness.cardText). `target` is a CSS
 * selector or a mark kind (`reuse`, `claim`).
 */
export async function openCard(harness: ExtensionHarness, page: { tab: BrowserTab; tabId: number }, target: string): Promise<string> {
  const { tab } = page;
  const selector = /^[a-z]+$/.test(target) ? `pl-mark[data-pl-kind="${target}"]` : target;
  await tab.evaluate((s: string) => document.querySelector(s)?.scrollIntoView({ block: 'center' }), selector);
  const shown = async (timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (await harness.cardText(page.tabId)) return true;
      await sleep(100);
    }
    return false;
  };
  await tab.hover(selector).catch(() => undefined);
  if (!(await shown(3_000))) {
    await tab.evaluate((s: string) => (document.querySelector(s) as HTMLElement | null)?.focus(), selector);
    if (!(await shown(5_000))) throw new Error(`hovering or focusing ${selector} opened no <pl-card> with text`);
  }
  // The page itself never reaches the card's text.
  const pageSees = await tab.evaluate(() => [...document.querySelectorAll('pl-card')].map((c) => c.shadowRoot === null));
  if (pageSees.some((closed) => !closed)) throw new Error('a <pl-card> has a shadow root the page can read');
  return harness.cardText(page.tabId);
}

/** Whether a `<pl-card>` with visible text is open in the page. */
export async function cardIsOpen(harness: ExtensionHarness, page: { tabId: number }): Promise<boolean> {
  return (await harness.cardText(page.tabId)) !== '';
}

/** Words of a text, for comparisons that ignore punctuation and case. */
export function words(s: string): string[] {
  return s.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of the words of `part` that also occur in `whole` (0..1). */
export function wordOverlap(part: string, whole: string): number {
  const w = new Set(words(whole));
  const p = words(part);
  return p.length ? p.filter((x) => w.has(x)).length / p.length : 0;
}
