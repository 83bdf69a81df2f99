/**
 * Content script entry (injected on click with scripting.executeScript, or registered for the
 * sites the user allowed when automatic checking is on). It captures this page (a bounded copy
 * without the words a reader cannot see, as HTML) and sends it to the background, which extracts
 * the article off the page's main thread; and it draws highlights when the background asks. It talks
 * only to the background, only about this document, and never imports the engine or claims code
 * (they live in the background; the content bundle stays small).
 *
 * The runtime is the browser's own (src/platform/content-runtime.ts); where the page's elements
 * left this world without one, the background reaches it through the relay (./relay.ts).
 *
 * Idempotent: a second injection into the same document finds the running instance and does
 * nothing, unless that instance was orphaned by an extension reload, in which case it takes over.
 */
import { contentMessages, contentRuntime } from '../platform/content-runtime';
import { captureHtml, isArticleCandidate } from '../extract/capture-page';
import { hideHighlights, movePassage, showHighlights } from './highlights';
import { ensureContent, startContent } from './lifecycle';
import { createRelay } from './relay';

ensureContent(globalThis, () =>
  startContent({
    runtime: contentRuntime(globalThis) ?? createRelay(globalThis),
    extract: { isArticleCandidate, captureHtml },
    highlights: { showHighlights: (doc, hs) => showHighlights(doc, hs, contentMessages(globalThis)), hideHighlights, movePassage },
    doc: document,
    win: window,
  }),
);
