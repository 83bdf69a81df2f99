/**
 * The WebExtension API for every extension context, taken from the bundled polyfill (never from
 * page globals). This is the only module that imports webextension-polyfill. In a Chrome content
 * script a page element `<form id="browser">` shows through as the global `browser` (named
 * properties of the window reach the isolated world), and the polyfill would hand that element
 * back instead of wrapping `chrome`; pin-extension-globals.ts, imported first, prevents it.
 */
import './pin-extension-globals';
import browser from 'webextension-polyfill';
import type { Runtime, Tabs, Storage } from 'webextension-polyfill';

/** The promise-based `browser` namespace (Chrome and Firefox). */
export { browser };

/** Types of the API, re-exported so other folders need not import the polyfill. */
export type { Runtime, Tabs, Storage };

/** The subset of the API's shape the background depends on (a test seam: contract tests pass a fake). */
export type BrowserApi = typeof browser;
