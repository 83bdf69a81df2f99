/** Background entry (walking skeleton): the real router lands next. */
import browser from 'webextension-polyfill';

browser.runtime.onInstalled.addListener(() => undefined);
