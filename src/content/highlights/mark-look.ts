/**
 * The look of each kind of mark (src/shared/mark-legend.ts), drawn inside a closed shadow root of
 * the `<pl-mark>`: the page's text is slotted into a span styled for its kind, with a glyph before
 * the passage. The kind of reuse comes from the reading history, so it must not be readable by the
 * page: page script sees the same `<pl-mark>` for every kind of reuse (attributes, computed style,
 * and box, since every glyph sits in a box of one fixed size), and a closed root it cannot open.
 * Colour is never alone: underline pattern and glyph differ per kind too.
 */
import { MARK_LOOKS, MARK_STYLES, type MarkStyle } from '../../shared/mark-legend';
import { createElementIn, implementationOf, viewOf } from '../../extract/safe-dom';

// Every glyph box has one size, in ems of the page's text, whatever its character: the mark's box
// says nothing about its kind. Underlines do not change layout.
const LOOK_CSS = `
.m { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px;
  text-decoration-skip-ink: none; border-radius: 2px; }
.m.nested { background-color: transparent; }
.g { display: inline-block; box-sizing: border-box; inline-size: 1.3em; block-size: 1.3em; margin-inline-end: .25em;
  overflow: hidden; border-radius: 50%; font: normal normal 700 .75em/1.3em system-ui, -apple-system, "Segoe UI", sans-serif;
  letter-spacing: 0; text-align: center; text-indent: 0; text-transform: none; vertical-align: .15em; }
${MARK_STYLES.map((k) => {
  const l = MARK_LOOKS[k];
  return `.k-${k} { background-color: ${l.tint}; text-decoration-style: ${l.line}; text-decoration-color: ${l.color}; }
.k-${k} .g { background-color: ${l.color}; color: ${l.ink}; }`;
}).join('\n')}
`;

// One constructed sheet per page realm, shared by every mark's shadow root (immune to the page's
// style-src CSP); null where the browser refuses it, then each root gets a <style>.
const sheets = new WeakMap<Document, CSSStyleSheet | null>();
function sheetFor(doc: Document): CSSStyleSheet | null {
  if (sheets.has(doc)) return sheets.get(doc)!;
  let sheet: CSSStyleSheet | null = null;
  try {
    const view = viewOf(doc) as (Window & typeof globalThis) | null;
    if (view && typeof view.CSSStyleSheet === 'function') {
      sheet = new view.CSSStyleSheet();
      sheet.replaceSync(LOOK_CSS);
    }
  } catch {
    sheet = null;
  }
  sheets.set(doc, sheet);
  return sheet;
}

// Nodes are built in an empty document of our own (the page's createElement may be renamed).
const buildDocs = new WeakMap<Document, Document>();
function buildDocFor(page: Document): Document {
  let d = buildDocs.get(page);
  if (!d) {
    d = implementationOf(page)!.createHTMLDocument('');
    buildDocs.set(page, d);
  }
  return d;
}

// Shadow roots of our marks, for this script only (page script sees `mark.shadowRoot === null`).
const roots = new WeakMap<Element, ShadowRoot>();

/** The closed shadow root of a mark dressed by dressMark (null for any other element). */
export function markRoot(mark: Element): ShadowRoot | null {
  return roots.get(mark) ?? null;
}

/**
 * Gives a drawn mark its kind's look: `glyph` on the first element of a passage only, `nested`
 * for a mark inside another (no second tint). Returns false when the page does not let the mark
 * have a shadow root (a page-defined `pl-mark` that disables it): the caller then keeps the plain
 * look, the same for every kind of reuse.
 */
export function dressMark(mark: HTMLElement, style: MarkStyle, opts: { glyph: boolean; nested: boolean }): boolean {
  let root: ShadowRoot;
  try {
    root = mark.attachShadow({ mode: 'closed' });
  } catch {
    return false;
  }
  roots.set(mark, root);
  const page = mark.ownerDocument;
  const doc = buildDocFor(page);
  const span = createElementIn(doc, 'span');
  span.setAttribute('class', `m k-${style}${opts.nested ? ' nested' : ''}`);
  if (opts.glyph) {
    const g = createElementIn(doc, 'span');
    g.setAttribute('class', 'g');
    g.setAttribute('aria-hidden', 'true');
    g.textContent = MARK_LOOKS[style].glyph;
    span.appendChild(g);
  }
  span.appendChild(createElementIn(doc, 'slot'));
  const sheet = sheetFor(page);
  let adopted = false;
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      adopted = root.adoptedStyleSheets.includes(sheet);
    } catch {
      adopted = false;
    }
  }
  if (!adopted) {
    const el = createElementIn(doc, 'style');
    el.textContent = LOOK_CSS;
    root.appendChild(el);
  }
  root.appendChild(span);
  return true;
}
