/**
 * HTML text to article, on linkedom: the one path by which the background reads a page the content
 * script captured (capture-page.ts) and the CLI reads a saved page, so both extract with the same
 * DOM library and the same code (index.ts). Neither place lays anything out:
 *  - a captured page is the browser's own copy of the laid-out page, from which the words a reader
 *    cannot see were already left out (checkVisibility, page-snapshot.ts); it is read as that copy;
 *  - a saved page is copied here, with the words its own style sheets hide left out when the
 *    caller reads them (`styleOf`: the CLI's src/cli/style-hidden.ts).
 * Never imported by the content script (the content bundle has no DOM library of its own).
 */
import { parseHTML } from 'linkedom';
import { MAX_CAPTURE_CHARS, errorText } from './capture-page';
import { extractArticle, type ExtractOptions, type ExtractResult } from './index';
import { MAX_ELEMENTS } from './page-snapshot';
import { countElements } from './safe-dom';

/** Options of `extractHtml`. */
export interface HtmlOptions extends Omit<ExtractOptions, 'snapshot' | 'styleSees'> {
  /** The HTML is a content script's capture (already the bounded copy of a laid-out page). */
  captured?: boolean;
  /** For a saved page: whether the reader sees an element, read from the parsed page's own style. */
  styleOf?: (doc: Document) => ((el: Element) => boolean | null) | null;
}

/** Extracts the article of the page `html`; never throws. */
export function extractHtml(html: string, opts: HtmlOptions): ExtractResult {
  try {
    if (typeof html !== 'string' || !html) return { ok: false, reason: 'no document body' };
    if (opts.captured && html.length > MAX_CAPTURE_CHARS) return { ok: false, reason: 'page too large to check' };
    const { document } = parseHTML(html) as unknown as { document: Document };
    if (!opts.captured) return extractArticle(document, { ...opts, styleSees: opts.styleOf?.(document) ?? null });
    // The capture was bounded by the page's content script; a renderer that sent something else
    // is bounded here too before Readability runs.
    if (countElements(document) > MAX_ELEMENTS) return { ok: false, reason: 'too many elements' };
    return extractArticle(document, { ...opts, snapshot: document, consume: true });
  } catch (e) {
    return { ok: false, reason: `extraction failed: ${errorText(e)}` };
  }
}
