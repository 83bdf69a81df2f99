/**
 * Runs before webextension-polyfill is evaluated (browser.ts imports it first). The polyfill
 * returns `globalThis.browser` when that looks like the API, else wraps `chrome`. An own property
 * of this script's global is the browser's real API (Firefox defines `browser` so); anything else
 * under that name came through the window's named properties, that is from page elements (`<form
 * id="browser"><input name="runtime" id="x"></form>` passes the polyfill's check), so it is
 * hidden behind an own `undefined` and the polyfill wraps `chrome`, an own property the page
 * cannot shadow. Extension pages and the background have no page elements and are unaffected.
 */
const g = globalThis as Record<string, unknown>;
if (!Object.getOwnPropertyDescriptor(g, 'browser') && g.browser !== undefined) {
  Object.defineProperty(g, 'browser', { value: undefined, configurable: true, writable: true });
}

