/**
 * The one message lookup of the extension's interface, as pure views see it: a `Translate`
 * function (`t(key, ...subs)`) with the browser i18n's semantics (messages.json placeholders). The real lookup over `i18n.getMessage` lives in src/platform/i18n.ts;
 * `lookupFrom` builds the same function from a parsed messages.json (tests, the CLI). Also the
 * helpers that put translated text into a page: words around nodes (`messageParts`), the static
 * strings of an HTML shell (`data-i18n`), and the page's `lang` and `dir`. No side effects at import.
 */
import type { Child } from './render';

/** A message name of _locales/en/messages.json (the English file defines the keys). */
export type MessageKey = keyof typeof import('../../_locales/en/messages.json');

/** Looks a message up and fills its `$1`…`$9` substitutions (numbers are written as given). */
export type Translate = (key: MessageKey, ...subs: Array<string | number>) => string;

/** One entry of a messages.json file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/** A parsed messages.json. */
export type Messages = Record<string, MessageEntry>;

/** Fills `$1`…`$9` in a placeholder's content; `$$` is a literal dollar sign. */
function fillSubs(text: string, subs: string[]): string {
  return text.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : subs[Number(d) - 1] ?? ''));
}

/**
 * Formats one messages.json entry as `i18n.getMessage` does: each `$NAME$` becomes its
 * placeholder's content with substitutions filled in; an unknown `$NAME$` stays as written.
 */
export function formatMessage(entry: MessageEntry, subs: string[]): string {
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$|\$\$/g, (whole, name: string | undefined) => {
    if (!name) return '$';
    const content = placeholders.get(name.toLowerCase());
    return content === undefined ? whole : fillSubs(content, subs);
  });
}

/**
 * A `Translate` over a parsed messages.json: what a language's file gives tests and the CLI. A
 * missing key answers the key itself, so a gap shows on screen instead of a blank.
 */
export function lookupFrom(messages: Messages): Translate {
  return (key, ...subs) => {
    const entry = messages[key];
    return entry ? formatMessage(entry, subs.map(String)) : key;
  };
}

/**
 * The language of the messages shown, as a BCP 47 tag for `lang` and `Intl`. Read from the messages
 * themselves (`langTag`), not `@@ui_locale`: Chromium can serve a language's messages while its
 * `@@ui_locale` (and so `@@bidi_dir`) stays that of its own interface (measured: Arabic messages
 * with `@@ui_locale` en_US in a Chromium without Arabic interface files), and the page's `lang` and
 * `dir` must be those of the words on it.
 */
export function uiLanguage(t: Translate): string {
  const tag = t('langTag');
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? tag : 'en';
}

/**
 * Attributes for a sentence the engine wrote (the report's summary and evidence lines, shared with
 * the CLI): those stay English whatever the interface's language, so elsewhere they say so (`lang`,
 * for a screen reader's voice) and run left to right (in an Arabic popup an English sentence would
 * otherwise end with its full stop at the left, and its word order around an Arabic outlet name
 * would be reversed).
 */
export function engineTextAttrs(t: Translate): { lang?: string; dir?: 'ltr' } {
  return uiLanguage(t).startsWith('en') ? {} : { lang: 'en', dir: 'ltr' };
}

/** The writing direction of the messages shown (`langDir`, beside `langTag` in each file). */
export function uiDirection(t: Translate): 'rtl' | 'ltr' {
  return t('langDir') === 'rtl' ? 'rtl' : 'ltr';
}

// A substitution marker no translation or page text contains (a control character and an index).
const MARK = '\u0001';

/**
 * A message whose substitutions are nodes (a `<bdi>` outlet, a `<time>`): the translated words
 * around them as text, the nodes where the translation puts them, in its order.
 */
export function messageParts(t: Translate, key: MessageKey, ...nodes: Child[]): Child[] {
  const text = t(key, ...nodes.map((_, i) => `${MARK}${i}${MARK}`));
  return text.split(new RegExp(`${MARK}(\\d)${MARK}`)).map((part, i) => (i % 2 ? nodes[Number(part)] : part)).filter((p) => p !== '');
}

/**
 * Translates an HTML shell's static strings: `data-i18n="key"` sets an element's text,
 * `data-i18n-attr="attr:key attr:key"` its attributes (aria-label, title, placeholder); and sets the
 * document's `lang` and `dir` so a right-to-left language lays out right to left.
 */
export function localizeDocument(doc: Document, t: Translate): void {
  doc.documentElement.lang = uiLanguage(t);
  doc.documentElement.dir = uiDirection(t);
  for (const node of doc.querySelectorAll('[data-i18n]')) node.textContent = t(node.getAttribute('data-i18n') as MessageKey);
  for (const node of doc.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of (node.getAttribute('data-i18n-attr') ?? '').split(/\s+/).filter(Boolean)) {
      const [attr, key] = pair.split(':');
      if (attr && key) node.setAttribute(attr, t(key as MessageKey));
    }
  }
}
