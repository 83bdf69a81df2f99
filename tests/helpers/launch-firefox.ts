/**
 * Launches Firefox with the extension installed as a temporary add-on, through puppeteer-core over
 * WebDriver BiDi (recipe: shared notes, browser-testing.md). The moz-extension UUID is pinned with
 * the `extensions.webextensions.uuids` pref so extension pages have a known address.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { randomUUID } from 'node:crypto';
import type { BrowserTab, ColorScheme, ExtensionDriver } from './extension-driver';
import { findFirefox } from './browser-binaries';

/** Firefox with the extension. */
export interface FirefoxSession extends ExtensionDriver {
  readonly browser: Browser;
  readonly uuid: string;
  /**
   * Terminates the extension's event page at once, whatever it is doing (what about:debugging's
   * "Terminate background script" does: Extension.terminateBackground, called in the browser's
   * privileged scope over WebDriver BiDi, which `--remote-allow-system-access` opens). Resolves
   * true once Firefox reports the background stopped.
   */
  terminateBackground(): Promise<boolean>;
  /** Evaluates `expression` in the browser's privileged scope (the benchmark reads process memory with it). */
  privileged(expression: string): Promise<unknown>;
}

/** The raw WebDriver BiDi connection of a Puppeteer Firefox browser. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

/**
 * Whether the extension's event page is suspended, asked from one of its pages:
 * `extension.getBackgroundPage()` is null while Firefox has the background suspended (and,
 * unlike `runtime.getBackgroundPage()`, does not wake it).
 */
export function backgroundSuspended(extensionPage: BrowserTab): Promise<boolean> {
  return extensionPage.evaluate(() => (globalThis as any).browser.extension.getBackgroundPage() === null);
}

/** Wraps a Puppeteer page as a BrowserTab. */
export function puppeteerTab(page: Page): BrowserTab {
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    // A string goes out as BiDi script.evaluate, which Firefox runs through its debugger API
    // whatever the page's CSP says (only eval()/new Function inside it would be blocked, bug
    // 1941780; axe-core uses neither). Extension pages allow no inline script.
    evaluateSource: async (source) => {
      await page.evaluate(source);
    },
    waitFor: async (fn, arg, { timeoutMs, message }) => {
      // Our own polling rather than page.waitForFunction: while an extension page is still
      // navigating, BiDi's script.evaluate fails with an "unknown error" that Puppeteer does not
      // retry, so every failed poll is retried here until the deadline.
      const end = Date.now() + timeoutMs;
      let lastError = '';
      while (Date.now() < end) {
        try {
          if (await page.evaluate(fn as never, arg)) return;
        } catch (err) {
          lastError = (err as Error).message.split('\n')[0];
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${message} (waited ${timeoutMs} ms on ${page.url()})${lastError ? `: ${lastError}` : ''}`);
    },
    click: async (selector) => {
      // Locators work on moz-extension pages where waitForSelector's handles do not.
      await page.locator(selector).setTimeout(10_000).click();
    },
    hover: async (selector) => {
      await page.locator(selector).setTimeout(10_000).hover();
    },
    mouseMove: (x, y) => page.mouse.move(x, y),
    fill: async (selector, value) => {
      // Locator.fill types into fields and picks <select> options.
      await page.locator(selector).setTimeout(10_000).fill(value);
    },
    press: (key) => page.keyboard.press(key as never),
    setViewport: (width, height) => page.setViewport({ width, height }),
    screenshot: async (file, opts) => {
      await page.screenshot({ path: file as `${string}.png`, fullPage: opts?.fullPage ?? false });
    },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

/** Starts Firefox with `extensionDir` installed; headless unless told otherwise. */
export async function launchFirefox(opts: {
  extensionDir: string;
  addonId: string;
  headless?: boolean;
  executablePath?: string;
  /** IANA time zone of the browser (default: the demo outlets' own, America/Los_Angeles). */
  timezone?: string;
  /**
   * Idle time after which Firefox suspends the event page (pref extensions.background.idle.timeout,
   * Firefox's default 30 s). Tests shorten it to see the background stopped and woken again.
   */
  backgroundIdleMs?: number;
  /**
   * The requested interface language (pref intl.locale.requested); Firefox uses it only if a language
   * pack for it is installed (findFirefoxLangpack).
   */
  uiLanguage?: string;
  /** Longest one WebDriver BiDi call may take (Puppeteer's default 180 s; the benchmark's first check at 10^5 articles takes longer). */
  protocolTimeoutMs?: number;
}): Promise<FirefoxSession> {
  const executablePath = opts.executablePath ?? findFirefox();
  if (!executablePath) throw new Error('Firefox not found');
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: opts.headless ?? true,
    ...(opts.protocolTimeoutMs ? { protocolTimeout: opts.protocolTimeoutMs } : {}),
    // Dates in the popup and cards then read as the demo pages print them (PST).
    env: { ...process.env, TZ: opts.timezone ?? 'America/Los_Angeles' },
    defaultViewport: { width: 1200, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [opts.addonId]: uuid }),
      // Accept optional-permission prompts (the user's "Allow"), see extension-build.ts.
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...(opts.backgroundIdleMs ? { 'extensions.background.idle.timeout': opts.backgroundIdleMs } : {}),
      ...(opts.uiLanguage ? { 'intl.locale.requested': opts.uiLanguage } : {}),
      // Language packs installed with Firefox (Debian's firefox-esr-l10n-*, in <install
      // dir>/browser/extensions) are add-ons of the application scope (4): enabled with the
      // profile's (1), none held back for the user's consent. Puppeteer's defaults; pinned here
      // because the Arabic interface test depends on them.
      'extensions.enabledScopes': 5,
      'extensions.autoDisableScopes': 0,
    },
  });
  try {
    await browser.installExtension(opts.extensionDir);
    const extensionBase = `moz-extension://${uuid}/`;
    /** Evaluates `expression` in the browser's privileged scope (needs --remote-allow-system-access). */
    const privileged = async (expression: string): Promise<unknown> => {
      const connection = (browser as unknown as { connection: BidiConnection }).connection;
      const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
      const context = tree.result.contexts[0]?.context;
      if (!context) throw new Error('no privileged browsing context (is --remote-allow-system-access set?)');
      const r = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
      if (r.result?.type !== 'success') throw new Error(`privileged script failed: ${JSON.stringify(r.result).slice(0, 300)}`);
      return r.result.result?.value;
    };
    const terminateBackground = async (): Promise<boolean> => {
      const state = await privileged(`(async () => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(opts.addonId)});
        if (!ext) return 'no such extension';
        await ext.terminateBackground({ disableResetIdleForTest: true });
        return String(ext.backgroundState);
      })()`);
      return state === 'stopped';
    };
    // Puppeteer's emulateMediaFeatures is CDP-only; Firefox's own pref does it for every content
    // document, extension pages included (0 dark, 1 light), and media queries follow at once.
    const setColorScheme = async (scheme: ColorScheme): Promise<void> => {
      await privileged(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1})`);
    };
    return {
      browserName: 'firefox',
      browser,
      uuid,
      extensionBase,
      terminateBackground,
      privileged,
      setColorScheme,
      openPage: async (url) => {
        const page = await browser.newPage();
        await page.goto(url, { waitUntil: 'load' });
        return puppeteerTab(page);
      },
      openExtensionPage: async (p) => {
        const page = await browser.newPage();
        // goto on a moz-extension URL never settles under BiDi: start it and wait for the DOM.
        page.goto(extensionBase + p).catch(() => undefined);
        const tab = puppeteerTab(page);
        await tab.waitFor(
          (href: string) => location.href === new URL(href).href && document.readyState !== 'loading',
          extensionBase + p,
          { timeoutMs: 20_000, message: `extension page ${p} did not load` },
        );
        return tab;
      },
      close: async () => {
        await browser.close().catch(() => undefined);
      },
    };
  } catch (err) {
    await browser.close().catch(() => undefined);
    throw err;
  }
}
