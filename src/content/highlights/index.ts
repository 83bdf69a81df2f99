/**
 * Inline highlights in the live page: anchors each Highlight's text quote in document.body, wraps it
 * in `<pl-mark>` and opens a hover card on hover or keyboard focus. Called by the content script
 * entry only. The page is hostile and can read and restyle its own DOM, so:
 * - a mark says only what the page already knows: its own words, and "reused" or "claim"; the
 *   kind of reuse, the source and its sentence are in the card's closed shadow root;
 * - a mark cannot be made larger than its text: its box is locked by `!important` inline styles
 *   (which beat any page stylesheet), attribute or style changes by page script are undone at once
 *   (MutationObserver), and a hover opens the card only when the pointer is over the mark's own
 *   text in a line of reading size (so pseudo-elements, padding or a huge font set on a wrapper
 *   cannot turn the whole screen into a trigger);
 * - page events that are not trusted (synthesised by page scripts) are ignored.
 * Marks stay elements (not the CSS Custom Highlight API) because they must take keyboard focus
 * and carry a role for screen readers; that API's ranges can do neither, and its registry is
 * readable by page script too.
 */
import type { Highlight } from '../../shared/messages';
import type { Translate } from '../../shared/i18n';
import { foldText, matchQuote } from '../../shared/selectors';
import { Highlighter, MARK_TAG, type MarkRange } from './highlighter';
import { cardRoot, createCard, positionCard, renderCard } from './hover-card';
import { dressMark, markRoot } from './mark-look';
import { markStyleOf } from '../../shared/mark-legend';
import { collectText } from './collect-text';
import {
  activeElementOf,
  bodyOf,
  createElementIn,
  createRangeIn,
  listen,
  nodeTypeOf,
  parentNodeOf,
  rootOf,
  setSheets,
  sheetsOf,
  tagOf,
  viewOf,
} from '../../extract/safe-dom';

export { cardRoot, markRoot };

// The page-level sheet gives every mark only what says nothing of its kind (cursor, focus ring).
// Each kind's look (colour, underline pattern, glyph) is drawn inside the mark's closed shadow root
// (mark-look.ts), since the kind of reuse comes from the reading history and a page can read its
// own elements' computed styles. `data-pl-plain` marks the fallback where a page forbids that root:
// then one look per page-visible kind (reuse, claim). The box-affecting properties are locked
// inline (MARK_LOCK); pseudo-elements cannot be, so they are switched off here as far as a
// stylesheet can, and the hover check does not count them.
const MARK_CSS = `
${MARK_TAG} { border-radius: 2px; cursor: help; }
${MARK_TAG}[data-pl-plain] { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; text-decoration-skip-ink: none; }
${MARK_TAG}[data-pl-plain][data-pl-kind="reuse"] { background-color: rgba(213, 94, 0, .16); text-decoration-style: solid; text-decoration-color: #D55E00; }
${MARK_TAG}[data-pl-plain][data-pl-kind="claim"] { background-color: rgba(204, 121, 167, .18); text-decoration-style: wavy; text-decoration-color: #CC79A7; }
${MARK_TAG} ${MARK_TAG}[data-pl-plain] { background-color: transparent; }
${MARK_TAG}:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
${MARK_TAG}::before, ${MARK_TAG}::after { content: none !important; display: none !important; }
`;

/**
 * Inline `!important` declarations on every mark: an element's own important declarations beat
 * every page stylesheet whatever its specificity or layer, so CSS cannot enlarge or move a mark.
 * Set through the CSSOM (`style.setProperty`), which a page's CSP does not block.
 */
const MARK_LOCK: ReadonlyArray<[string, string]> = [
  ['display', 'inline'], ['position', 'static'], ['float', 'none'], ['transform', 'none'], ['translate', 'none'],
  ['scale', 'none'], ['rotate', 'none'], ['zoom', '1'], ['margin', '0'], ['padding', '0'], ['border', '0 none'],
  ['width', 'auto'], ['height', 'auto'], ['min-width', '0'], ['min-height', '0'], ['font-size', 'inherit'],
  ['line-height', 'inherit'], ['letter-spacing', 'inherit'], ['word-spacing', 'inherit'], ['vertical-align', 'baseline'],
  ['writing-mode', 'inherit'], ['content-visibility', 'visible'],
];

/**
 * The tallest line box (CSS px) over which a hover opens a card. Headlines at 4-5rem are under
 * 100px; a taller "line" is text the page blew up to catch the pointer. Keyboard focus still
 * opens the card on such a page.
 */
const MAX_LINE_PX = 160;

// How long the card stays after the pointer leaves the mark, so it can be reached to click its link.
const HIDE_DELAY_MS = 250;

interface State {
  highlighter: Highlighter;
  byId: Map<string, Highlight>;
  /** The interface's messages (card words, mark descriptions). */
  t: Translate;
  abort: AbortController;
  card: { host: HTMLElement; shadow: ShadowRoot } | null;
  current: HTMLElement | null;
  hideTimer: ReturnType<typeof setTimeout> | null;
  /** Set while closeCard() hands focus back to the mark, so that focus does not reopen the card. */
  returningFocus: boolean;
  styleCleanup: () => void;
  /** Stops undoing page changes to the marks. */
  unguard: () => void;
}

const states = new WeakMap<Document, State>();

type View = Window & typeof globalThis;

function injectStyles(doc: Document): () => void {
  // A constructed stylesheet is immune to the page's style-src CSP; where a browser refuses it from
  // a content script, fall back to a <style> inside our own element.
  const view = viewOf(doc);
  try {
    const current = sheetsOf(doc);
    if (view && Array.isArray(current) && typeof view.CSSStyleSheet === 'function') {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(MARK_CSS);
      setSheets(doc, [...current, sheet]);
      if (sheetsOf(doc)?.includes(sheet)) {
        return () => setSheets(doc, (sheetsOf(doc) ?? []).filter((s) => s !== sheet));
      }
    }
  } catch {
    // fall through to the <style> element
  }
  const host = createElementIn(doc, 'pl-style');
  host.setAttribute('data-pl-ui', '');
  host.hidden = true;
  const style = createElementIn(doc, 'style');
  style.textContent = MARK_CSS;
  host.appendChild(style);
  rootOf(doc)!.appendChild(host);
  return () => host.remove();
}

/** Applies MARK_LOCK to a mark (only what differs, so a restore of a restore changes nothing). */
function lockBox(mark: HTMLElement): void {
  const st = mark.style;
  for (const [prop, value] of MARK_LOCK) {
    if (st.getPropertyValue(prop) !== value || st.getPropertyPriority(prop) !== 'important') st.setProperty(prop, value, 'important');
  }
}

/**
 * Keeps each mark exactly as drawn: any attribute page script adds, removes or changes (style,
 * class, popover, our data-pl-* and ARIA attributes) is put back when the observer runs, before
 * the next paint. Returns the function that stops watching.
 */
function guardMarks(doc: Document, marks: readonly HTMLElement[]): () => void {
  const MO = (globalThis as { MutationObserver?: typeof MutationObserver }).MutationObserver ?? (viewOf(doc) as View | null)?.MutationObserver;
  if (!MO || !marks.length) return () => {};
  const drawn = new Map<Element, Map<string, string>>();
  for (const m of marks) {
    lockBox(m);
    drawn.set(m, new Map(Array.from(m.attributes, (a) => [a.name, a.value])));
  }
  const restore = (m: HTMLElement) => {
    const want = drawn.get(m);
    if (!want) return;
    for (const a of Array.from(m.attributes)) if (a.name !== 'style' && !want.has(a.name)) m.removeAttribute(a.name);
    for (const [name, value] of want) if (name !== 'style' && m.getAttribute(name) !== value) m.setAttribute(name, value);
    lockBox(m);
  };
  const observer = new MO((records) => {
    for (const r of records) restore(r.target as HTMLElement);
  });
  for (const m of marks) observer.observe(m, { attributes: true });
  return () => observer.disconnect();
}

/**
 * Whether the pointer is over the mark's own text, or the glyph we drew before it (mark-look.ts,
 * in our closed root, a box of fixed size in ems), in a line of reading size: its pseudo-elements,
 * padding or a wrapper's tricks do not count (see MAX_LINE_PX).
 */
function pointerOnText(mark: HTMLElement, e: MouseEvent): boolean {
  const range = createRangeIn(mark.ownerDocument);
  range.selectNodeContents(mark);
  const rects = Array.from(range.getClientRects?.() ?? []);
  const glyph = markRoot(mark)?.querySelector('.g');
  if (glyph) rects.push(glyph.getBoundingClientRect());
  for (const r of rects) {
    if (e.clientX >= r.left - 1 && e.clientX <= r.right + 1 && e.clientY >= r.top - 1 && e.clientY <= r.bottom + 1) {
      return r.height <= MAX_LINE_PX;
    }
  }
  return false;
}

/** Anchors and draws the highlights in `doc` (replacing any drawn before), worded by `t`; counts the misses. */
export function showHighlights(doc: Document, highlights: Highlight[], t: Translate): { shown: number; missed: number } {
  hideHighlights(doc);
  const body = bodyOf(doc);
  if (!body || !highlights.length) return { shown: 0, missed: highlights.length };
  const page = collectText(body);
  const folded = foldText(page.text);
  const ranges: MarkRange[] = [];
  const byId = new Map<string, Highlight>();
  let missed = 0;
  for (const h of highlights) {
    const m = matchQuote(page.text, h.selector, folded);
    if (!m) {
      missed++;
      continue;
    }
    byId.set(h.id, h);
    ranges.push({ id: h.id, kind: h.kind, start: m.start, end: m.end });
  }
  const highlighter = new Highlighter(body);
  const made = highlighter.wrapRanges(ranges, page);
  missed += ranges.length - made.size;
  const view = viewOf(doc) as View | null;
  for (const mark of highlighter.elements) {
    // role=mark keeps the page's own words as the accessible name (an aria-label would replace
    // them); the description says only what kind of mark it is (the rest is in the card).
    mark.setAttribute('role', 'mark');
    mark.setAttribute('aria-description', mark.getAttribute('data-pl-kind') === 'claim' ? t('markClaim') : t('markReuse'));
  }
  dressAll(highlighter.elements, byId);
  const state: State = {
    highlighter,
    byId,
    t,
    // The document's own AbortController: listener options must carry a signal of its realm.
    abort: new (view?.AbortController ?? AbortController)(),
    card: null,
    current: null,
    hideTimer: null,
    returningFocus: false,
    styleCleanup: made.size ? injectStyles(doc) : () => {},
    unguard: guardMarks(doc, highlighter.elements),
  };
  states.set(doc, state);
  const signal = state.abort.signal;
  const onPointer = (mark: HTMLElement) => (e: Event) => {
    if (!e.isTrusted || state.current === mark) return;
    if (pointerOnText(mark, e as MouseEvent)) openCard(mark);
  };
  for (const mark of highlighter.elements) {
    // mousemove too: a pointer that entered over a (refused) pseudo-element may then reach the text.
    listen(mark, 'mouseenter', onPointer(mark), { signal });
    listen(mark, 'mousemove', onPointer(mark), { signal });
    listen(mark, 'focus', (e) => e.isTrusted && !state.returningFocus && openCard(mark), { signal });
    listen(mark, 'mouseleave', (e) => e.isTrusted && scheduleHide(doc), { signal });
    listen(mark, 'blur', (e) => e.isTrusted && onBlur(doc, e as FocusEvent), { signal });
    listen(mark, 'keydown', (e) => e.isTrusted && onKey(doc, mark, e as KeyboardEvent), { signal });
  }
  listen(doc, 'keydown', (e) => e.isTrusted && (e as KeyboardEvent).key === 'Escape' && closeCard(doc), { signal, capture: true });
  return { shown: made.size, missed };
}

/**
 * Draws each mark's look (mark-look.ts), before the guard takes its snapshot of their attributes.
 * The glyph goes on the first element of a passage in reading order only (a passage split by an
 * inline link is one passage).
 */
function dressAll(marks: readonly HTMLElement[], byId: Map<string, Highlight>): void {
  const first = new Map<string, HTMLElement>();
  for (const m of marks) {
    const id = m.getAttribute('data-pl-id') ?? '';
    const seen = first.get(id);
    // 2 is DOCUMENT_POSITION_PRECEDING: m comes before the one seen so far.
    if (!seen || seen.compareDocumentPosition(m) & 2) first.set(id, m);
  }
  const markTag = MARK_TAG.toUpperCase();
  for (const m of marks) {
    const id = m.getAttribute('data-pl-id') ?? '';
    const h = byId.get(id);
    if (!h) continue;
    let nested = false;
    for (let p = parentNodeOf(m); p && !nested; p = parentNodeOf(p)) nested = nodeTypeOf(p) === 1 && tagOf(p as Element) === markTag;
    if (!dressMark(m, markStyleOf(h.kind, h.card.credit), { glyph: first.get(id) === m, nested })) m.setAttribute('data-pl-plain', '');
  }
}

/** Removes every highlight and the card, restoring the page DOM exactly as it was. */
export function hideHighlights(doc: Document): void {
  const state = states.get(doc);
  if (!state) return;
  states.delete(doc);
  state.unguard();
  state.abort.abort();
  if (state.hideTimer) clearTimeout(state.hideTimer);
  state.card?.host.remove();
  state.highlighter.removeAll();
  state.styleCleanup();
}

/**
 * Moves keyboard focus to the next (step 1) or previous (step -1) highlighted passage, in reading
 * order and round the end, scrolls it to the middle of the view and opens its card (the extension's
 * keyboard shortcut). Returns its place ("2 of 7"), or null when nothing is highlighted.
 */
export function movePassage(doc: Document, step: 1 | -1): { index: number; total: number } | null {
  const state = states.get(doc);
  if (!state) return null;
  // A passage split over several elements (an inline link inside it) is one stop: its first element.
  const seen = new Set<string>();
  // Reading order (the highlights arrive in the report's order): 4 is DOCUMENT_POSITION_FOLLOWING.
  const ordered = [...state.highlighter.elements].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  const stops = ordered.filter((m) => {
    const id = m.getAttribute('data-pl-id') ?? '';
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (!stops.length) return null;
  const active = activeElementOf(doc);
  const currentId = (active && stops.includes(active as HTMLElement) ? active : state.current)?.getAttribute('data-pl-id');
  const at = stops.findIndex((m) => m.getAttribute('data-pl-id') === currentId);
  const next = at < 0 ? (step === 1 ? 0 : stops.length - 1) : (at + step + stops.length) % stops.length;
  const mark = stops[next];
  // (jsdom, the dom tier's document, has no layout and no scrollIntoView.)
  mark.scrollIntoView?.({ block: 'center' });
  // focus() fires a trusted focus event, which opens the card as a Tab would.
  mark.focus();
  if (state.current !== mark) openCard(mark);
  return { index: next + 1, total: stops.length };
}

// The same words for every kind of reuse: the kind comes from the reading history (see above).
/** Opens the card for a drawn mark (what hover and keyboard focus do); returns the card element. */
export function openCard(mark: HTMLElement): HTMLElement | null {
  const doc = mark.ownerDocument;
  const state = states.get(doc);
  if (!state) return null;
  const h = state.byId.get(mark.getAttribute('data-pl-id') ?? '');
  if (!h) return null;
  if (state.hideTimer) clearTimeout(state.hideTimer);
  state.hideTimer = null;
  if (!state.card) {
    state.card = createCard(doc);
    const signal = state.abort.signal;
    const host = state.card.host;
    listen(host, 'mouseenter', (e) => {
      if (e.isTrusted && state.hideTimer) clearTimeout(state.hideTimer);
    }, { signal });
    listen(host, 'mouseleave', (e) => e.isTrusted && scheduleHide(doc), { signal });
    listen(host, 'focusout', (e) => e.isTrusted && onBlur(doc, e as FocusEvent), { signal });
    // The card sits at the end of the document: Tab from inside it would leave the article, so it
    // returns to the mark instead (the next Tab then moves on to the next highlight).
    listen(host, 'keydown', (e) => {
      if (!e.isTrusted || (e as KeyboardEvent).key !== 'Tab') return;
      e.preventDefault();
      closeCard(doc);
    }, { signal });
  }
  if (state.current !== mark) renderCard(state.card.shadow, h, state.t);
  state.current = mark;
  state.card.host.hidden = false;
  positionCard(state.card.host, mark);
  return state.card.host;
}

/** Closes the card if open; returns focus to its mark when focus was inside the card. */
export function closeCard(doc: Document): void {
  const state = states.get(doc);
  if (!state?.card || state.card.host.hidden) return;
  const focusInCard = state.card.shadow.activeElement !== null;
  state.card.host.hidden = true;
  const mark = state.current;
  if (focusInCard && mark) {
    state.returningFocus = true;
    try {
      mark.focus();
    } finally {
      state.returningFocus = false;
    }
  }
  // A closed card keeps nothing in the page: its text came from the reading history.
  state.card.shadow.replaceChildren();
  state.current = null;
}

function scheduleHide(doc: Document): void {
  const state = states.get(doc);
  if (!state) return;
  if (state.hideTimer) clearTimeout(state.hideTimer);
  state.hideTimer = setTimeout(() => {
    state.hideTimer = null;
    // Keep it open while the keyboard is on the mark or inside the card.
    const active = activeElementOf(doc);
    if (active === state.current || active === state.card?.host) return;
    closeCard(doc);
  }, HIDE_DELAY_MS);
}

function onBlur(doc: Document, e: FocusEvent): void {
  const state = states.get(doc);
  if (!state) return;
  const to = e.relatedTarget as Node | null;
  if (to && (to === state.card?.host || state.card?.host.contains(to) || to === state.current)) return;
  scheduleHide(doc);
}

function onKey(doc: Document, mark: HTMLElement, e: KeyboardEvent): void {
  if (e.key === 'Escape') {
    closeCard(doc);
    return;
  }
  if (e.key !== 'Enter' && e.key !== ' ') return;
  openCard(mark);
  const link = states.get(doc)?.card?.shadow.querySelector('a');
  if (link) {
    e.preventDefault();
    link.focus();
  }
}
