/**
 * Collects the visible text of a page subtree as one string with a map back to its text nodes,
 * skipping script/style and our own `pl-` elements, and putting a line break at block boundaries
 * so sentences of adjacent paragraphs do not run together (as they do not in Readability's text).
 * The walk reads the tree through the built-in accessors (safe-dom.ts): a page form whose
 * control is named `nextSibling` cannot send it in circles.
 */
import { firstChildOf, hasAttr, nextSiblingOf, nodeTypeOf, parentNodeOf, tagOf } from '../../extract/safe-dom';

/** One text node's place in the collected string. */
export interface TextSegment {
  node: Text;
  start: number;
  end: number;
}

/** The collected text of a subtree and where each text node sits in it. */
export interface PageText {
  text: string;
  segments: TextSegment[];
}

// Elements whose text is never reader-visible article text.
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT', 'OPTION', 'IFRAME', 'OBJECT', 'SVG', 'MATH', 'CANVAS', 'PL-CARD', 'PL-STYLE', 'PL-ROOT']);
// Elements that start a new line of text (a separator is added around them).
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'CAPTION', 'SUMMARY', 'DETAILS',
]);

/** True for elements the walker never enters (non-text content and our own UI). */
function isSkipped(el: Element): boolean {
  return SKIP.has(tagOf(el)) || hasAttr(el, 'data-pl-ui');
}

/** Walks `root` in document order and returns its text with a segment per text node. */
export function collectText(root: Node): PageText {
  const parts: string[] = [];
  const segments: TextSegment[] = [];
  let len = 0;
  let lastWasBreak = true;
  const pushBreak = () => {
    if (lastWasBreak) return;
    parts.push('\n');
    len += 1;
    lastWasBreak = true;
  };
  const isBlock = (n: Node) => nodeTypeOf(n) === 1 && BLOCK.has(tagOf(n as Element));
  // Pointer walk (firstChild / nextSibling / parentNode): no recursion depth limit and no
  // childNodes lists, which are slow to materialise on large pages.
  let node: Node | null = firstChildOf(root) ?? null;
  while (node) {
    let descend = false;
    const type = nodeTypeOf(node);
    if (type === 3) {
      const data = (node as Text).data;
      if (data) {
        segments.push({ node: node as Text, start: len, end: len + data.length });
        parts.push(data);
        len += data.length;
        lastWasBreak = false;
      }
    } else if (type === 1 && !isSkipped(node as Element)) {
      if (isBlock(node)) pushBreak();
      if (firstChildOf(node)) descend = true;
      else if (isBlock(node)) pushBreak();
    }
    if (descend) {
      node = firstChildOf(node) ?? null;
      continue;
    }
    // Climb until a next sibling exists, closing the blocks left behind.
    while (node && node !== root && !nextSiblingOf(node)) {
      node = parentNodeOf(node) ?? null;
      if (node && node !== root && isBlock(node)) pushBreak();
    }
    node = node && node !== root ? (nextSiblingOf(node) ?? null) : null;
  }
  return { text: parts.join(''), segments };
}

/** Index of the first segment whose end is after `offset` (binary search). */
export function segmentAt(segments: TextSegment[], offset: number): number {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
