/**
 * Turns an article element (Readability's output node, never its HTML string) into plain-text
 * paragraphs, one per paragraph, list item, heading or block quote, and the links inside it.
 * Standard DOM only.
 */
import type { ArticleLink } from '../core/types';
import { absoluteHttpUrl } from './read-metadata';

// Elements that start a new paragraph. Everything else is inline and joins the running text.
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'THEAD', 'TFOOT',
  'TR', 'TD', 'TH', 'UL', 'CAPTION',
]);
// Elements whose text is never prose.
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'CANVAS', 'VIDEO', 'AUDIO', 'IFRAME', 'OBJECT', 'EMBED', 'SELECT', 'BUTTON', 'TEXTAREA', 'INPUT']);

// Caps on what a page can put in the record (it crosses a message channel and is stored): an
// article links to tens of documents, not thousands.
const MAX_LINKS = 300;
const MAX_LINK_TEXT = 300;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Collapses whitespace (including non-breaking and zero-width spaces) and trims. */
export function cleanText(s: string): string {
  return s.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Plain-text paragraphs of `root` in document order. */
export function collectParagraphs(root: Element): string[] {
  const out: string[] = [];
  let buffer = '';
  const flush = () => {
    const t = cleanText(buffer);
    if (t) out.push(t);
    buffer = '';
  };
  // Two <br> in a row (whitespace between them aside) end a paragraph, as browsers render them
  // and as Readability rewrites them where it can; on linkedom it sometimes cannot, so the break
  // is honoured here too and both DOMs give the same paragraphs.
  let lastWasBr = false;
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === TEXT_NODE) {
        const text = child.nodeValue ?? '';
        buffer += text;
        if (text.trim()) lastWasBr = false;
      } else if (child.nodeType === ELEMENT_NODE) {
        const tag = (child as Element).tagName.toUpperCase();
        if (SKIP_TAGS.has(tag)) continue;
        if (tag === 'BR') {
          if (lastWasBr) flush();
          else buffer += ' ';
          lastWasBr = true;
          continue;
        }
        lastWasBr = false;
        if (BLOCK_TAGS.has(tag)) {
          flush();
          walk(child);
          flush();
        } else {
          walk(child); // inline: its text joins the current paragraph
        }
      }
    }
  };
  walk(root);
  flush();
  return out;
}

/**
 * The text a link shows: its words; for an image link, the image's alternative text, or "image".
 * A link that shows nothing keeps an empty text (it is no credit a reader can see).
 */
function shownText(a: Element): string {
  const words = cleanText(a.textContent || '');
  if (words || !a.querySelector('img, picture, svg, canvas, video')) return words;
  return cleanText(a.querySelector('img[alt]')?.getAttribute('alt') || '') || 'image';
}

/** The http(s) links inside `root`, absolute against `baseUrl`, de-duplicated, in order. */
export function collectLinks(root: Element, baseUrl: string, pageUrl: string): ArticleLink[] {
  const links: ArticleLink[] = [];
  const seen = new Set<string>();
  const self = absoluteHttpUrl(pageUrl, pageUrl);
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const raw = a.getAttribute('href') || '';
    // In-page anchors (footnotes, "jump to") are not links to other documents.
    if (raw.startsWith('#')) continue;
    const href = absoluteHttpUrl(raw, baseUrl);
    if (!href || href === self) continue;
    const text = shownText(a);
    const key = `${href}\n${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ href, text: text.slice(0, MAX_LINK_TEXT) });
    if (links.length >= MAX_LINKS) break;
  }
  return links;
}
