/**
 * Launches Chromium (or Google Chrome) with the extension loaded, through playwright-core's
 * persistent context and a throwaway profile (recipe: shared notes, browser-testing.md).
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserTab, ColorScheme, ExtensionDriver } from './extension-driver';
import { findChromium } from './browser-binaries';

/** Chromium with the extension, plus access to its service worker. */
export interface ChromiumSession extends ExtensionDriver {
  readonly context: BrowserContext;
  readonly extensionId: string;
  /** The live service worker (waits for a new one if the last one was stopped). */
  serviceWorker(): Promise<Worker>;
  /**
   * Stops the extension's service worker as Chrome does after 30 s idle (CDP
   * ServiceWorker.stopWorker). Resolves true once the browser reports it stopped.
   */
  stopServiceWorker(): Promise<boolean>;
}

/** Wraps a Playwright page as a BrowserTab. */
export function playwrightTab(page: Page): BrowserTab {
  return {
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    // A string is evaluated as an expression over CDP (Runtime.evaluate), which Chromium runs
    // whatever the page's CSP says; extension pages allow no inline script.
    evaluateSource: async (source) => {
      await page.evaluate(source);
    },
    waitFor: async (fn, arg, { timeoutMs, message }) => {
      try {
        await page.waitForFunction(fn as never, arg, { timeout: timeoutMs, polling: 100 });
      } catch (err) {
        throw new Error(`${message} (waited ${timeoutMs} ms on ${page.url()}): ${(err as Error).message.split('\n')[0]}`);
      }
    },
    click: (selector) => page.click(selector, { timeout: 10_000 }),
    hover: (selector) => page.hover(selector, { timeout: 10_000 }),
    mouseMove: (x, y) => page.mouse.move(x, y),
    fill: async (selector, value) => {
      const isSelect = await page.$eval(selector, (e) => e.tagName === 'SELECT');
      if (isSelect) await page.selectOption(selector, value, { timeout: 10_000 });
      else await page.fill(selector, value, { timeout: 10_000 });
    },
    press: (key) => page.keyboard.press(key),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (file, opts) => {
      await page.screenshot({ path: file, fullPage: opts?.fullPage ?? false });
    },
    bringToFront: () => page.bringToFront(),
    close: () => page.close(),
  };
}

/** Starts Chromium with `extensionDir` loaded; headless unless told otherwise. */
export async function launchChromium(opts: {
  extensionDir: string;
  headless?: boolean;
  executablePath?: string;
  viewport?: { width: number; height: number } | null;
  /** IANA time zone of the browser (default: the demo outlets' own, America/Los_Angeles). */
  timezone?: string;
  /** The browser's interface language (`ar`), which the extension's i18n follows; default the system's. */
  uiLanguage?: string;
}): Promise<ChromiumSession> {
  const executablePath = opts.executablePath ?? findChromium();
  if (!executablePath) throw new Error('Chromium not found');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'pl-chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: opts.headless ?? true,
    // Dates in the popup and cards then read as the demo pages print them (PST).
    // On Linux Chromium takes its interface language from LANGUAGE, which counts only under a LANG
    // that is not C (the usual test container's); --lang is how other systems say it.
    env: { ...process.env, TZ: opts.timezone ?? 'America/Los_Angeles', ...(opts.uiLanguage ? { LANGUAGE: opts.uiLanguage, LANG: `${opts.uiLanguage}.UTF-8` } : {}) },
    viewport: opts.viewport === undefined ? { width: 1200, height: 900 } : opts.viewport,
    // Playwright's locale is the browser's --lang (and Accept-Language); left unset it stays the system's.
    ...(opts.uiLanguage ? { locale: opts.uiLanguage } : {}),
    args: [
      `--disable-extensions-except=${opts.extensionDir}`,
      `--load-extension=${opts.extensionDir}`,
      // Google Chrome 137+ ignores --load-extension unless this feature is off; Chromium needs nothing.
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      ...(opts.uiLanguage ? [`--lang=${opts.uiLanguage}`] : []),
    ],
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const isOurs = (w: Worker) => w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
    const first =
      context.serviceWorkers().find(isOurs) ??
      (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20_000 }));
    const extensionId = new URL(first.url()).host;
    const extensionBase = `chrome-extension://${extensionId}/`;

    const serviceWorker = async (): Promise<Worker> => {
      const live = context.serviceWorkers().find(isOurs);
      if (live) return live;
      // Waking the worker: any extension page sending a message does it; a bare page load too.
      return context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 20_000 });
    };

    const stopServiceWorker = async (): Promise<boolean> => {
      const worker = context.serviceWorkers().find(isOurs);
      if (!worker) return true;
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      // What chrome://serviceworker-internals "Stop" does. Playwright's Worker 'close' event does
      // not fire for a stopped (not unregistered) worker, so the ServiceWorker domain's own
      // version events say when it is running and when it has stopped.
      const statusOf = (want: string, ms: number) =>
        new Promise<string | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), ms);
          cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
            const v = e.versions.find((x) => x.scriptURL === worker.url() && x.runningStatus === want);
            if (v) {
              clearTimeout(timer);
              resolve(v.versionId);
            }
          });
        });
      try {
        const running = statusOf('running', 5_000);
        await cdp.send('ServiceWorker.enable');
        const versionId = await running;
        if (!versionId) return true; // not running: already stopped
        const stopped = statusOf('stopped', 10_000);
        await cdp.send('ServiceWorker.stopWorker', { versionId });
        return (await stopped) !== null;
      } finally {
        await cdp.detach().catch(() => undefined);
      }
    };

    // Playwright emulates media per page: the chosen scheme is applied to each page before it loads.
    let colorScheme: ColorScheme = 'light';
    const newPage = async () => {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      return page;
    };

    return {
      browserName: 'chromium',
      context,
      extensionId,
      extensionBase,
      serviceWorker,
      stopServiceWorker,
      setColorScheme: async (scheme) => {
        colorScheme = scheme;
        for (const page of context.pages()) await page.emulateMedia({ colorScheme });
      },
      openPage: async (url) => {
        const page = await newPage();
        await page.goto(url, { waitUntil: 'load' });
        return playwrightTab(page);
      },
      openExtensionPage: async (p) => {
        const page = await newPage();
        await page.goto(extensionBase + p, { waitUntil: 'domcontentloaded' });
        return playwrightTab(page);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
