/**
 * A bounded, inert copy of the page to extract from. The live page is measured first and refused
 * when it has too many elements or is nested too deeply (Readability's cost grows with both and it
 * cannot be interrupted; a deep tree also makes the copy itself recursive work); the copy then has
 * the attributes that create named properties removed, so that neither our code nor Readability
 * can be redirected by DOM clobbering. Both walks read through safe-dom.ts, so the live page's own
 * clobbering cannot stop or mislead them.
 */
import { cloneOf, countElements, firstChildOf, nextSiblingOf, nodeTypeOf, parentNodeOf, removeAttr, rootOf, tagOf } from './safe-dom';

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
const NAMING = new Set(['FORM', 'IMG', 'EMBED', 'IFRAME', 'OBJECT', 'INPUT', 'BUTTON', 'SELECT', 'TEXTAREA', 'OUTPUT', 'FIELDSET']);
const NAMING_ATTRS = ['name', 'id', 'form'];

/** A copy of the page, or why there is none. */
export type Snapshot = { ok: true; doc: Document; elements: number; depth: number } | { ok: false; reason: string };

type Refusal = { ok: false; reason: string };

/**
 * Visits every element under `root` in document order with the built-in accessors (no recursion,
 * no page-renamable members); stops with a refusal past MAX_DEPTH or when `overBudget` says so.
 */
function walkElements(root: Node, visit: (el: Element) => void, overBudget: () => boolean): { elements: number; depth: number } | Refusal {
  let elements = 0;
  let maxDepth = 0;
  let depth = 1;
  let node: Node | null = root;
  while (node) {
    if (nodeTypeOf(node) === 1) {
      elements++;
      if (depth > maxDepth) maxDepth = depth;
      if (maxDepth > MAX_DEPTH) return { ok: false, reason: 'nested too deeply' };
      if (elements % BUDGET_STRIDE === 0 && overBudget()) return { ok: false, reason: 'time budget exceeded' };
      visit(node as Element);
      const child = firstChildOf(node);
      if (child) {
        node = child;
        depth++;
        continue;
      }
    }
    while (node && node !== root && !nextSiblingOf(node)) {
      node = parentNodeOf(node) ?? null;
      depth--;
    }
    node = node && node !== root ? (nextSiblingOf(node) ?? null) : null;
  }
  return { elements, depth: maxDepth };
}

/**
 * Copies `doc` for extraction; refuses giant, too deep or (by `overBudget`, checked during the
 * walks) too slow pages. The copy has no named properties; the live page is not modified.
 */
export function snapshotPage(doc: Document, overBudget: () => boolean = () => false): Snapshot {
  if (countElements(doc) > MAX_ELEMENTS) return { ok: false, reason: 'too many elements' };
  const liveRoot = rootOf(doc);
  if (!liveRoot) return { ok: false, reason: 'no document body' };
  const measured = walkElements(liveRoot, () => {}, overBudget);
  if ('ok' in measured) return measured;
  const copy = cloneOf(doc, true);
  const root = rootOf(copy);
  if (!root) return { ok: false, reason: 'no document body' };
  // The copy is inert (no scripts, no custom-element reactions): it cannot change under the walk.
  const unnamed = walkElements(root, (el) => {
    if (NAMING.has(tagOf(el))) for (const a of NAMING_ATTRS) removeAttr(el, a);
  }, overBudget);
  if ('ok' in unnamed) return unnamed;
  return { ok: true, doc: copy, ...unnamed };
}
