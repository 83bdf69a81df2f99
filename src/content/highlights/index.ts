/**
 * Inline highlights in the live page: anchors each Highlight's text quote in document.body, wraps it
 * in `<pl-mark>` styled by kind (colour-blind-safe colours plus an underline style per kind), and
 * opens a hover card on hover or keyboard focus. Called by the content script entry only; page
 * events that are not trusted (synthesised by page scripts) are ignored.
 */
import type { Highlight } from '../../shared/messages';
import { foldText, matchQuote } from '../../shared/selectors';
import { Highlighter, MARK_TAG, type MarkRange } from './highlighter';
import { createCard, positionCard, renderCard } from './hover-card';
import { collectText } from './collect-text';

// Okabe-Ito palette: verbatim vermillion, paraphrase blue, quote bluish green, claim reddish purple.
// Underline styles repeat the distinction without colour (solid, dashed, dotted, wavy).
const MARK_CSS = `
${MARK_TAG} { display: inline; color: inherit; font: inherit; text-decoration-line: underline;
  text-decoration-thickness: 2px; text-underline-offset: 3px; text-decoration-skip-ink: none;
  border-radius: 2px; cursor: help; }
${MARK_TAG}[data-pl-kind="verbatim"] { background-color: rgba(213, 94, 0, .16); text-decoration-style: solid; text-decoration-color: #D55E00; }
${MARK_TAG}[data-pl-kind="paraphrase"] { background-color: rgba(0, 114, 178, .14); text-decoration-style: dashed; text-decoration-color: #0072B2; }
${MARK_TAG}[data-pl-kind="quote"] { background-color: rgba(0, 158, 115, .14); text-decoration-style: dotted; text-decoration-color: #009E73; }
${MARK_TAG}[data-pl-kind="claim"] { background-color: rgba(204, 121, 167, .18); text-decoration-style: wavy; text-decoration-color: #CC79A7; }
${MARK_TAG} ${MARK_TAG} { background-color: transparent; }
${MARK_TAG}:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
`;

// How long the card stays after the pointer leaves the mark, so it can be reached to click its link.
const HIDE_DELAY_MS = 250;

interface State {
  highlighter: Highlighter;
  byId: Map<string, Highlight>;
  abort: AbortController;
  card: { host: HTMLElement; shadow: ShadowRoot } | null;
  current: HTMLElement | null;
  hideTimer: ReturnType<typeof setTimeout> | null;
  /** Set while closeCard() hands focus back to the mark, so that focus does not reopen the card. */
  returningFocus: boolean;
  styleCleanup: () => void;
}

const states = new WeakMap<Document, State>();

function injectStyles(doc: Document): () => void {
  // A constructed stylesheet is immune to the page's style-src CSP; where a browser refuses it from
  // a content script, fall back to a <style> inside our own element.
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  try {
    if (view && 'adoptedStyleSheets' in doc && typeof view.CSSStyleSheet === 'function') {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(MARK_CSS);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      if (doc.adoptedStyleSheets.includes(sheet)) {
        return () => {
          doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
        };
      }
    }
  } catch {
    // fall through to the <style> element
  }
  const host = doc.createElement('pl-style');
  host.setAttribute('data-pl-ui', '');
  host.hidden = true;
  const style = doc.createElement('style');
  style.textContent = MARK_CSS;
  host.appendChild(style);
  doc.documentElement.appendChild(host);
  return () => host.remove();
}

/** Anchors and draws the highlights in `doc` (replacing any drawn before); counts the misses. */
export function showHighlights(doc: Document, highlights: Highlight[]): { shown: number; missed: number } {
  hideHighlights(doc);
  const body = doc.body;
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
  const state: State = {
    highlighter,
    byId,
    // The document's own AbortController: listener options must carry a signal of its realm.
    abort: new ((doc.defaultView as (Window & typeof globalThis) | null)?.AbortController ?? AbortController)(),
    card: null,
    current: null,
    hideTimer: null,
    returningFocus: false,
    styleCleanup: made.size ? injectStyles(doc) : () => {},
  };
  states.set(doc, state);
  const signal = state.abort.signal;
  for (const mark of highlighter.elements) {
    const h = byId.get(mark.getAttribute('data-pl-id') ?? '');
    // role=mark keeps the page's own words as the accessible name (an aria-label would replace
    // them); the finding goes in the description.
    mark.setAttribute('role', 'mark');
    if (h) mark.setAttribute('aria-description', ariaLabel(h));
    mark.addEventListener('mouseenter', (e) => e.isTrusted && openCard(mark), { signal });
    mark.addEventListener('focus', (e) => e.isTrusted && !state.returningFocus && openCard(mark), { signal });
    mark.addEventListener('mouseleave', (e) => e.isTrusted && scheduleHide(doc), { signal });
    mark.addEventListener('blur', (e) => e.isTrusted && onBlur(doc, e as FocusEvent), { signal });
    mark.addEventListener('keydown', (e) => e.isTrusted && onKey(doc, mark, e as KeyboardEvent), { signal });
  }
  doc.addEventListener('keydown', (e) => e.isTrusted && e.key === 'Escape' && closeCard(doc), { signal, capture: true });
  return { shown: made.size, missed };
}

/** Removes every highlight and the card, restoring the page DOM exactly as it was. */
export function hideHighlights(doc: Document): void {
  const state = states.get(doc);
  if (!state) return;
  states.delete(doc);
  state.abort.abort();
  if (state.hideTimer) clearTimeout(state.hideTimer);
  state.card?.host.remove();
  state.highlighter.removeAll();
  state.styleCleanup();
}

// The description names the kind only: the outlet and sentence (from the reading history) enter
// the page DOM only when the reader opens the card, keeping what a page can read to a minimum.
function ariaLabel(h: Highlight): string {
  switch (h.kind) {
    case 'verbatim':
      return 'Copied word for word from an earlier article. Press Enter for the source.';
    case 'paraphrase':
      return 'Rewritten from an earlier article. Press Enter for the source.';
    case 'quote':
      return 'Quoted with credit. Press Enter for the source.';
    case 'claim':
      return 'A claim fact-checkers reviewed. Press Enter for the review.';
  }
}

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
    host.addEventListener('mouseenter', (e) => {
      if (e.isTrusted && state.hideTimer) clearTimeout(state.hideTimer);
    }, { signal });
    host.addEventListener('mouseleave', (e) => e.isTrusted && scheduleHide(doc), { signal });
    host.addEventListener('focusout', (e) => e.isTrusted && onBlur(doc, e as FocusEvent), { signal });
    // The card sits at the end of the document: Tab from inside it would leave the article, so it
    // returns to the mark instead (the next Tab then moves on to the next highlight).
    host.addEventListener('keydown', (e) => {
      if (!e.isTrusted || (e as KeyboardEvent).key !== 'Tab') return;
      e.preventDefault();
      closeCard(doc);
    }, { signal });
  }
  if (state.current !== mark) renderCard(state.card.shadow, h);
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
    if (doc.activeElement === state.current || doc.activeElement === state.card?.host) return;
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
  const host = openCard(mark);
  const link = host?.shadowRoot?.querySelector('a');
  if (link) {
    e.preventDefault();
    link.focus();
  }
}
