/**
 * The browser's message lookup (`i18n.getMessage` over _locales/), as the `Translate` function pure
 * views take (src/shared/i18n.ts). The only place the extension's pages and background reach i18n.
 */
import type { Translate } from '../shared/i18n';
import { browser } from './browser';

/** The interface's messages in the browser's language (falling back to English, default_locale). */
export const browserMessages: Translate = (key, ...subs) =>
  // An unknown key answers "" in both browsers: show the key so the gap is seen, not a blank.
  browser.i18n.getMessage(key, subs.map(String)) || key;
