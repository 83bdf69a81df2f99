/**
 * The content script's half of extraction: a cheap gate (`isArticleCandidate`) that reads a bounded
 * copy of the page (page-snapshot.ts), and `captureHtml`, which turns that copy into the HTML the
 * background extracts the article from (from-html.ts). The page's main thread pays for the copy
 * (the only step that needs the laid-out page: which words a reader can see) and a serialisation;
 * Readability and the cleaning run in the background, off the page's thread. Kept apart from
 * index.ts so that the content bundle carries no Readability.
 */
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { readJsonLd, isArticleType } from './read-metadata';
import { snapshotPage } from './page-snapshot';
import { outerHtmlOf, parentNodeOf, removeChildOf, rootOf } from './safe-dom';

/** Result of the cheap gate. */
export interface CandidateResult {
  ok: boolean;
  reason?: string;
  /**
   * The bounded copy of the page the gate read (page-snapshot.ts), when it passed: captured by
   * `captureHtml` (or handed to `extractArticle` as `snapshot`), so the page is walked and copied
   * once per check, not twice.
   */
  snapshot?: Document;
}

// Text beyond this is a book or a data dump, not a news article; cloning it is the cost.
export const MAX_TEXT_CHARS = 2_000_000;
/**
 * Longest captured page sent to the background, in UTF-16 code units. Real article pages captured
 * without their scripts and styles are 20-600 KB (extraction-dev: p95 ~420 KB with them); 8 MiB
 * leaves room for inline images' data and giant comment threads while keeping one message and one
 * parse bounded. Also the background's own cap on what it accepts.
 */
export const MAX_CAPTURE_CHARS = 8 * 1024 * 1024;

/** An error's message, for a refusal's reason. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Cheap check that `doc` may hold a readable article, before any expensive work; gives up past
 * `timeBudgetMs` while copying the page (none by default).
 */
export function isArticleCandidate(page: Document, timeBudgetMs = Infinity): CandidateResult {
  const started = performance.now();
  try {
    if (!page) return { ok: false, reason: 'no document body' };
    // A bounded copy the page cannot redirect by DOM clobbering (page-snapshot.ts: it counts the
    // elements first, read so the page cannot fake them, and refuses giant pages before copying).
    const snap = snapshotPage(page, () => performance.now() - started > timeBudgetMs);
    if (!snap.ok) return snap;
    const doc = snap.doc;
    if (!doc.documentElement || !doc.body) return { ok: false, reason: 'no document body' };
    if ((doc.body.textContent || '').length > MAX_TEXT_CHARS) return { ok: false, reason: 'too much text' };
    if (isProbablyReaderable(doc)) return { ok: true, snapshot: doc };
    // A page that declares itself an article (JSON-LD type, og:type) may still be short: a wire
    // brief, a short blog post or a live blog of short posts scores low on Readability's
    // paragraph-length test (one 500-character paragraph is not enough for it).
    if (readJsonLd(doc).some((o) => [o['@type']].flat().some((t) => typeof t === 'string' && isArticleType(t)))) {
      return { ok: true, snapshot: doc };
    }
    // Open Graph says the same on sites without JSON-LD (WordPress.com blogs, most CMSs).
    const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
    if (ogType === 'article') return { ok: true, snapshot: doc };
    return { ok: false, reason: 'not an article (no long paragraphs)' };
  } catch (e) {
    return { ok: false, reason: `gate failed: ${errorText(e)}` };
  }
}

// What extraction never reads: scripts (but for JSON-LD, where metadata and ClaimReview live),
// noscript blocks (their markup is text in a page that runs scripts, and would be parsed as
// elements by the background's parser), style sheets (the copy is already without the words they
// hide), templates, and inline SVG (icons and charts: a tenth of the extraction-dev pages' markup,
// path data mostly, and removed with the invisible elements before Readability runs). Leaving
// them out here keeps the message and the background's parse small.
const NOT_CAPTURED = 'script:not([type="application/ld+json" i]), noscript, style, template, link[rel~="stylesheet" i], svg';

/**
 * The gate's copy (`CandidateResult.snapshot`) as HTML for the background, without what
 * extraction never reads; the copy is changed (it is used for nothing else). An error when the
 * page is over MAX_CAPTURE_CHARS.
 */
export function captureHtml(snapshot: Document): { ok: true; html: string } | { ok: false; reason: string } {
  for (const el of Array.from(snapshot.querySelectorAll(NOT_CAPTURED))) {
    const parent = parentNodeOf(el);
    if (parent) removeChildOf(parent, el);
  }
  const root = rootOf(snapshot);
  const html = root ? outerHtmlOf(root) : undefined;
  if (typeof html !== 'string' || !html) return { ok: false, reason: 'no document body' };
  if (html.length > MAX_CAPTURE_CHARS) return { ok: false, reason: 'page too large to check' };
  return { ok: true, html };
}
