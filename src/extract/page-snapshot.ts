/**
 * A bounded, inert copy of the page to extract from. The live page is measured first and refused
 * when it has too many elements or is nested too deeply (Readability's cost grows with both and it
 * cannot be interrupted; a deep tree also makes the copy itself recursive work); the copy then has
 * the attributes that create named properties removed, so that neither our code nor Readability
 * can be redirected by DOM clobbering. Both walks read through safe-dom.ts, so the live page's own
 * clobbering cannot stop or mislead them.
 *
 * Words a reader cannot see inside text they can are left out of the copy, where the browser can
 * tell (a laid-out page): an element hidden by CSS (checkVisibility) whose parent holds text of
 * its own. A scraper can interleave hidden words with a copied text ("The board<span class=x>
 * zebra</span> met ..."), which would otherwise break every run of the copy's words and read it as
 * a rewrite. Hidden blocks (a paywall's remaining paragraphs, a collapsed section) are kept: they
 * are the page's text, and what a partial read concludes is find-truncation's to say. Node's DOM
 * libraries lay nothing out: there the caller may pass a reading of the page's style sheets
 * instead (the CLI's src/cli/style-hidden.ts), and without one the copy keeps everything.
 */
import { allElementsOf, bodyOf, cloneOf, countElements, firstChildOf, firstElementChildOf, nextElementSiblingOf, nextSiblingOf, nodeTypeOf, nodeValueOf, parentElementOf, parentNodeOf, querySelectorAllIn, readerSeesTest, rectOf, removeAttr, removeChildOf, rootOf, setAttr, tagOf, textContentOf, viewOf } from './safe-dom';
import { isTransparentColour } from './transparent-colour';
import { findCredits } from './find-credits';

// Pages beyond this many elements are skipped (and Readability is told the same through
// maxElemsToParse): a news article page is 1-8k elements; 25k+ is an infinite feed or an app,
// where a parse would block the tab for seconds. Higher accepts more giant pages at that cost.
export const MAX_ELEMENTS = 25_000;
// Deepest element nesting accepted. News pages nest 15-60 levels, heavy app shells up to ~150
// (and browsers' HTML parsers stop nesting at 512); Readability's cost grows with depth (about
// 2 ms per level measured on a nesting bomb), so 400 bounds it near a second on a slow machine.
// Lower would refuse some real app shells.
const MAX_DEPTH = 400;
// How many elements a walk visits between two looks at the clock.
const BUDGET_STRIDE = 512;

// Elements that name properties of their document or of their form: `<img name=x>`, `<form
// name=x>`, `<embed>`, `<iframe>` and `<object>` on the document; listed form controls and images
// on their form, by id or name (and `form=` reassigns them to any form).
const NAMING = 'form, img, embed, iframe, object, input, button, select, textarea, output, fieldset';
const NAMING_ATTRS = ['name', 'id', 'form'];

/** Elements with no box of their own that are not hidden for all that (or hold no page text). */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'LINK', 'META', 'BR', 'WBR', 'SOURCE', 'TRACK', 'PARAM', 'AREA', 'COL', 'COLGROUP', 'OPTION', 'OPTGROUP', 'DATALIST']);

/** Whether `node` has a child text node with more than white space (text of its own, not only of its elements). */
function holdsOwnText(node: Node): boolean {
  for (let c = firstChildOf(node); c; c = nextSiblingOf(c)) if (nodeTypeOf(c) === 3 && /\S/.test(nodeValueOf(c) ?? '')) return true;
  return false;
}

/**
 * Whether a body element is words hidden from the reader inside visible text: the reader's test
 * (checkVisibility, or the CLI's style reading) says it is hidden, its parent holds text of its own
 * and is not hidden itself, and it is not one of NOT_TEXT nor a `display: contents` box-less
 * wrapper whose children show. Inside a hidden block (a paywall's remaining paragraphs, a collapsed
 * section, content a page's script shows later) nothing is taken out: the block is kept whole.
 * Never true where nothing can tell.
 */
function hiddenFromReader(el: Element, sees: (el: Element) => boolean | null, win: (Window & typeof globalThis) | null | undefined, ownText: Map<Node, boolean>, laidOut: boolean): boolean {
  if (NOT_TEXT.has(tagOf(el))) return false;
  // The parent's text first (once per parent): it is cheaper than asking for layout, and most
  // elements fail it.
  const parent = parentNodeOf(el);
  if (!parent) return false;
  let text = ownText.get(parent);
  if (text === undefined) ownText.set(parent, (text = holdsOwnText(parent)));
  if (!text || sees(el) !== false) return false;
  if (nodeTypeOf(parent) === 1 && sees(parent as Element) === false && !boxless(parent as Element, win, laidOut)) return false;
  return !boxless(el, win, laidOut);
}

/**
 * Whether checkVisibility's "hidden" for `el` only means it has no box of its own (`display:
 * contents`: its children show). A style-sheet reading never calls such a wrapper hidden.
 */
function boxless(el: Element, win: (Window & typeof globalThis) | null | undefined, laidOut: boolean): boolean {
  if (!laidOut) return false;
  try {
    return win?.getComputedStyle(el).display === 'contents';
  } catch {
    // Unknown: taken as a wrapper (the element itself is then kept).
    return true;
  }
}

/**
 * Whether the letters of an element the browser laid out (checkVisibility: visible) are drawn
 * where a reader can read them. Asked of elements holding text. False when their font size is
 * zero, or they are filled with a fully transparent colour and no shadow or stroke draws them
 * (both inherited: a wrapper of such text is taken out with it); or, for an element with text of
 * its own, when its box has no area, is one pixel at most (the "visually hidden" pattern: clipped
 * to a pixel) or lies wholly above or left of the page (`left: -10000px`). The box test is left
 * to elements with text of their own: an inline wrapper of an absolutely placed child has an
 * empty box of its own while its child shows.
 */
function textDrawn(el: Element, win: Window & typeof globalThis, boxes: boolean): boolean {
  const text = textContentOf(el);
  if (!text || !/\S/.test(text)) return true;
  const style = win.getComputedStyle(el);
  if (parseFloat(style.fontSize) === 0) return false;
  const fill = style.getPropertyValue('-webkit-text-fill-color') || style.color;
  const stroke = parseFloat(style.getPropertyValue('-webkit-text-stroke-width') || '0');
  if (isTransparentColour(fill) && (style.textShadow === 'none' || style.textShadow === '') && !(stroke > 0)) return false;
  if (!boxes || !holdsOwnText(el)) return true;
  const r = rectOf(el);
  if (r.width * r.height === 0 || (r.width <= 1 && r.height <= 1)) return false;
  return r.right + win.scrollX > 0 && r.bottom + win.scrollY > 0;
}

/**
 * The reader's test in a laid-out page: checkVisibility, then, for an element it calls visible,
 * textDrawn (null when a read throws: nothing is taken out on its word). Boxes are measured only
 * where the page has one of its own (a document not laid out, such as a hidden frame's or a test
 * DOM's, gives every box zero size).
 */
function laidOutTest(checkVisible: (el: Element) => boolean | null, win: (Window & typeof globalThis) | null | undefined, root: Element): (el: Element) => boolean | null {
  let boxes: boolean | undefined;
  return (el) => {
    const v = checkVisible(el);
    if (v !== true || !win) return v;
    try {
      if (boxes === undefined) {
        const r = rectOf(root);
        boxes = r.width > 0 && r.height > 0;
      }
      return textDrawn(el, win, boxes);
    } catch {
      return null;
    }
  };
}

/**
 * Marks, in a copy, a credit line the reader cannot see that is kept all the same, inside a hidden
 * block (a paywall's remaining paragraphs, a collapsed section, or a block hidden to carry it):
 * extraction takes it out, since credit is what a reader can see. Only elements whose text reads
 * as a credit line (find-credits.ts) are asked whether they are seen: asking every element holding
 * text cost the content script about a third more time.
 */
export const UNSEEN_ATTR = 'data-pl-unseen';

/** Longest text of an element read as a possible credit line (credit lines are short). */
const CREDIT_LINE_CHARS = 400;

/**
 * Words one of find-credits.ts's credit lines holds (its phrases and source lines; datelines are
 * the article's opening, not a line a copier hides): a cheap test before the full one, which runs
 * a score of patterns and would cost the content script a fifth more time if run on every element.
 */
const CREDIT_WORDS_RE = /originally|\bfirst\b|reported|publish|reprint|reproduc|syndicat|\b(?:produced|provided|distributed|supplied) by|courtesy|appeared|read the|source|\bvia\b|quelle|fuente|h\/t|hat tip|erschien|ursprünglich|zuerst|publié|paru\b|publicado/i;

/** Whether an element holding text of its own reads, with its descendants' text, as a short credit line. */
function readsAsCredit(el: Element): boolean {
  if (!holdsOwnText(el)) return false;
  const text = textContentOf(el);
  if (!text || text.length > CREDIT_LINE_CHARS || !CREDIT_WORDS_RE.test(text)) return false;
  return findCredits([text.replace(/\s+/g, ' ').trim()]).creditLines.length > 0;
}

/** A copy of the page, or why there is none. */
export type Snapshot = { ok: true; doc: Document; elements: number; depth: number } | { ok: false; reason: string };

type Refusal = { ok: false; reason: string };

/**
 * Visits every element of the tree under `root` (itself first) in document order with the
 * built-in element accessors (no recursion, no page-renamable members; text nodes are skipped by
 * the browser, not stepped over one by one); stops with a refusal past MAX_DEPTH or when
 * `overBudget` says so.
 */
function walkElements(root: Element, visit: (el: Element) => void, overBudget: () => boolean): { elements: number; depth: number } | Refusal {
  let elements = 0;
  let maxDepth = 0;
  let depth = 1;
  let el: Element | null = root;
  while (el) {
    elements++;
    if (depth > maxDepth) maxDepth = depth;
    if (maxDepth > MAX_DEPTH) return { ok: false, reason: 'nested too deeply' };
    if (elements % BUDGET_STRIDE === 0 && overBudget()) return { ok: false, reason: 'time budget exceeded' };
    visit(el);
    const child = firstElementChildOf(el);
    if (child) {
      el = child;
      depth++;
      continue;
    }
    // Up until an element with a next sibling, or back at the root.
    let next: Element | null | undefined = null;
    while (el && el !== root && !(next = nextElementSiblingOf(el))) {
      el = parentElementOf(el) ?? null;
      depth--;
    }
    el = el && el !== root ? (next ?? null) : null;
  }
  return { elements, depth: maxDepth };
}

/**
 * Copies `doc` for extraction; refuses giant, too deep or (by `overBudget`, checked during the
 * walks) too slow pages. The copy has no named properties; the live page is not modified.
 */
export function snapshotPage(doc: Document, overBudget: () => boolean = () => false, styleSees?: (el: Element) => boolean | null): Snapshot {
  if (countElements(doc) > MAX_ELEMENTS) return { ok: false, reason: 'too many elements' };
  const liveRoot = rootOf(doc);
  if (!liveRoot) return { ok: false, reason: 'no document body' };
  // Positions (in document order) of the body's elements a reader cannot see; the copy has the
  // same order. A hidden element inside another goes with it (taking it out of the removed one
  // changes nothing the copy keeps).
  const body = bodyOf(doc);
  const win = viewOf(doc);
  const checkVisible = readerSeesTest();
  const laidOut = checkVisible ? laidOutTest(checkVisible, win, liveRoot) : null;
  const sees = laidOut ?? styleSees ?? null;
  const hidden = new Set<number>();
  // Credit lines kept in the copy that the reader cannot see either (in a hidden block): marked
  // UNSEEN_ATTR so that extraction takes no credit from them (see UNSEEN_ATTR).
  const unseen = new Set<number>();
  const ownText = new Map<Node, boolean>();
  let at = -1;
  let inBody = false;
  const measured = walkElements(
    liveRoot,
    (el) => {
      at++;
      if (!sees || !body) return;
      if (el === body) inBody = true;
      if (!inBody) return;
      if (hiddenFromReader(el, sees, win, ownText, laidOut !== null)) hidden.add(at);
      else if (readsAsCredit(el) && sees(el) === false && !boxless(el, win, laidOut !== null)) unseen.add(at);
    },
    overBudget,
  );
  if ('ok' in measured) return measured;
  const copy = cloneOf(doc, true);
  if (!rootOf(copy)) return { ok: false, reason: 'no document body' };
  // The copy is inert (no scripts, no custom-element reactions): it cannot change while it is
  // read, and its elements are the live walk's in the same order.
  const all = allElementsOf(copy);
  const drop: Element[] = [];
  for (const i of hidden) if (all[i]) drop.push(all[i]);
  for (const el of Array.from(querySelectorAllIn(copy, NAMING) as NodeListOf<Element>)) for (const a of NAMING_ATTRS) removeAttr(el, a);
  // The page's own marks would let it take its text out of extraction: only ours count.
  for (const el of Array.from(querySelectorAllIn(copy, `[${UNSEEN_ATTR}]`) as NodeListOf<Element>)) removeAttr(el, UNSEEN_ATTR);
  for (const i of unseen) if (all[i]) setAttr(all[i], UNSEEN_ATTR, '');
  for (const el of drop) {
    const parent = parentNodeOf(el);
    if (parent) removeChildOf(parent, el);
  }
  return { ok: true, doc: copy, ...measured };
}
