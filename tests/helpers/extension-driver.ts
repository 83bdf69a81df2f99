/**
 * One small interface over Playwright (Chromium) and Puppeteer (Firefox), so the flows in
 * provenance-flows.ts and the two e2e files read the same in both browsers.
 */

/** The two values of `prefers-color-scheme` the extension's pages are checked in. */
export type ColorScheme = 'light' | 'dark';

/** A browser tab: a demo web page or an extension page. */
export interface BrowserTab {
  url(): string;
  /** Runs `fn(arg)` in the page's main world and returns its JSON result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Evaluates a script's source text (not a function) in the page's main world through the
   * automation protocol, which the page's CSP does not govern (no script tag is involved).
   */
  evaluateSource(source: string): Promise<void>;
  /** Polls `fn(arg)` in the page until it is truthy; rejects with `message` after `timeoutMs`. */
  waitFor<A>(fn: (arg: A) => unknown, arg: A, opts: { timeoutMs: number; message: string }): Promise<void>;
  /** A real (trusted) mouse click on the first element matching `selector`. */
  click(selector: string): Promise<void>;
  /** Moves the real mouse over the first element matching `selector`. */
  hover(selector: string): Promise<void>;
  /** Moves the real mouse to a point of the viewport (CSS pixels), whatever element is there. */
  mouseMove(x: number, y: number): Promise<void>;
  /** Sets a text field or picks a <select> option, as a user would (real keystrokes for fields). */
  fill(selector: string, value: string): Promise<void>;
  /** Presses a key on the real keyboard ("Tab", "Escape"). */
  press(key: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  screenshot(file: string, opts?: { fullPage?: boolean }): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/** A running browser with the extension loaded. */
export interface ExtensionDriver {
  readonly browserName: 'chromium' | 'firefox';
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  readonly extensionBase: string;
  /**
   * Makes `prefers-color-scheme` match `scheme` in every tab, open now or later (Chromium: media
   * emulation per page; Firefox: the content colour-scheme pref, browser-wide).
   */
  setColorScheme(scheme: ColorScheme): Promise<void>;
  /** Opens a new tab on a web URL and waits for its load event. */
  openPage(url: string): Promise<BrowserTab>;
  /** Opens a new tab on an extension page (`popup.html?tab=3`) and waits until its DOM is ready. */
  openExtensionPage(pathAndQuery: string): Promise<BrowserTab>;
  close(): Promise<void>;
}
