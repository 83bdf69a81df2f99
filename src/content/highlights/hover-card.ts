/**
 * The hover card: a `<pl-card>` with a closed shadow root (its styles inside, so the page cannot
 * restyle it and it cannot restyle the page; closed, because its text comes from the reading
 * history and page script must not read it) showing where a highlighted sentence came from, or the
 * claim fact-checkers reviewed. Text only; the one link is parsed and limited to http(s). The card
 * has a fixed size (long text scrolls inside), so its box, which the page can measure, says nothing
 * about its text.
 */
import type { Highlight } from '../../shared/messages';
import { elIn, formatDate, displayHost, safeLink } from '../../shared/render';
import { createElementIn, implementationOf, rootOf, viewOf } from '../../extract/safe-dom';

/** The custom element name of the card. */
const CARD_TAG = 'pl-card';

const KIND_TITLE: Record<Highlight['kind'], string> = {
  verbatim: 'Copied word for word from',
  paraphrase: 'Rewritten from',
  quote: 'Quoted, with credit, from',
  claim: 'Fact-checkers reviewed this claim',
};

// Okabe-Ito colours (distinguishable with the common colour-vision deficiencies); the underline
// style carries the same information without colour.
const CARD_CSS = `
:host { all: initial; position: absolute; z-index: 2147483647; display: block; }
:host([hidden]) { display: none; }
.card { box-sizing: border-box; width: min(360px, calc(100vw - 16px)); height: 200px; overflow: auto; padding: 12px 14px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2230;
  background: #fff; border: 1px solid #c9ced8; border-left: 4px solid var(--k, #0072B2);
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
.kind { margin: 0 0 6px; font-size: 13px; font-weight: 700; color: #4a5263; }
.sentence { margin: 0 0 8px; font-style: italic; }
.sentence::before { content: "\\201C"; } .sentence::after { content: "\\201D"; }
.changes { margin: 0 0 8px; padding: 6px 8px 6px 22px; border-left: 3px solid #b26b00; background: #fff4e0; color: #4a2e00; }
.meta { margin: 0; font-size: 13px; color: #4a5263; } .link { margin-top: 4px; }
.rating { display: inline-block; margin: 0 0 8px; padding: 1px 8px; border-radius: 999px; font-weight: 700; background: #fbe3d0; color: #7a2e00; }
a { color: #0059a0; } a:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; border-radius: 2px; }
.k-verbatim { --k: #D55E00; } .k-paraphrase { --k: #0072B2; } .k-quote { --k: #009E73; } .k-claim { --k: #CC79A7; }
@media (prefers-color-scheme: dark) {
  .card { color: #e8eaf0; background: #1f2330; border-color: #3a4152; box-shadow: 0 6px 24px rgba(0,0,0,.5); }
  .kind, .meta { color: #b4bac8; } a { color: #7cc4ff; } .rating { background: #4a2a14; color: #ffd7b8; }
  .changes { background: #3a2a10; color: #ffe2b0; border-left-color: #e0a040; }
}`;

// Card nodes are built in an empty document of our own and adopted into the shadow root: the
// page's document may have its createElement renamed (`<img name="createElement">`).
const buildDocs = new WeakMap<Document, Document>();
function buildDocFor(page: Document): Document {
  let d = buildDocs.get(page);
  if (!d) {
    d = implementationOf(page)!.createHTMLDocument('');
    buildDocs.set(page, d);
  }
  return d;
}

/** Fills a card's shadow root for one highlight (replacing what was there). */
export function renderCard(shadow: ShadowRoot, h: Highlight): void {
  const doc = buildDocFor(shadow.ownerDocument);
  const c = h.card;
  const style = elIn(doc, 'style', null, CARD_CSS);
  const body = elIn(doc, 'div', { class: `card k-${h.kind}`, role: 'dialog' });
  const who = c.outlet || displayHost(c.url);
  // Heading names the source outright ("Rewritten from The Harbor Ledger"); claims name the reviewer below.
  const heading = h.kind === 'claim' ? KIND_TITLE.claim : `${KIND_TITLE[h.kind]} ${who || 'an earlier article'}`;
  body.setAttribute('aria-label', heading);
  // Text from pages (sentences, names, titles) may be right-to-left in a left-to-right card: each
  // piece takes its own direction (dir=auto, <bdi> inside a sentence of ours).
  const title = h.kind === 'claim' ? KIND_TITLE.claim : KIND_TITLE[h.kind];
  body.append(elIn(doc, 'p', { class: 'kind' }, title, h.kind === 'claim' ? null : ' ', h.kind === 'claim' ? null : elIn(doc, 'bdi', null, who || 'an earlier article')));
  if (c.sentence) body.append(elIn(doc, 'p', { class: 'sentence', dir: 'auto' }, c.sentence));
  if (h.kind !== 'claim' && c.changes?.length) {
    body.append(elIn(doc, 'ul', { class: 'changes', 'aria-label': 'What changed' }, ...c.changes.map((line) => elIn(doc, 'li', { dir: 'auto' }, line))));
  }
  if (h.kind === 'claim' && c.rating) body.append(elIn(doc, 'p', { class: 'rating' }, `Rated: ${c.rating}`));
  const when = formatDate(c.date);
  if (h.kind === 'claim') body.append(elIn(doc, 'p', { class: 'meta' }, 'Reviewed by ', elIn(doc, 'bdi', null, who || 'a fact-checker'), when ? ` · ${when}` : ''));
  else if (when) body.append(elIn(doc, 'p', { class: 'meta' }, `Published ${when}`));
  if (c.url) {
    const label = h.kind === 'claim' ? 'Read the fact-check' : c.title || 'Open the source article';
    body.append(elIn(doc, 'p', { class: 'meta link', dir: 'auto' }, safeLink(doc, c.url, label)));
  }
  shadow.replaceChildren(style, body);
}

// Shadow roots of our cards, for this script only (page script sees `host.shadowRoot === null`).
const roots = new WeakMap<Element, ShadowRoot>();

/** The closed shadow root of a card made by createCard (null for any other element). */
export function cardRoot(host: Element): ShadowRoot | null {
  return roots.get(host) ?? null;
}

/** Creates the (hidden) card element with its closed shadow root, appended to `<html>`. */
export function createCard(doc: Document): { host: HTMLElement; shadow: ShadowRoot } {
  const host = createElementIn(doc, CARD_TAG);
  host.setAttribute('data-pl-ui', '');
  host.hidden = true;
  const shadow = host.attachShadow({ mode: 'closed' });
  roots.set(host, shadow);
  rootOf(doc)!.appendChild(host);
  return { host, shadow };
}

/** Places the card under (or above, near the bottom of the viewport) the given mark. */
export function positionCard(host: HTMLElement, mark: Element): void {
  const view = viewOf(mark.ownerDocument);
  const rect = mark.getBoundingClientRect();
  const sx = view?.scrollX ?? 0;
  const sy = view?.scrollY ?? 0;
  const vw = view?.innerWidth ?? 1024;
  const vh = view?.innerHeight ?? 768;
  const width = Math.min(360, vw - 16);
  const left = Math.max(8, Math.min(rect.left, vw - width - 8));
  // Cards are 200px tall at most; flip above the mark when there is no room below.
  const below = rect.bottom + 210 < vh || rect.top < 210;
  host.style.setProperty('left', `${left + sx}px`);
  if (below) {
    host.style.setProperty('top', `${rect.bottom + sy + 6}px`);
    host.style.removeProperty('transform');
  } else {
    host.style.setProperty('top', `${rect.top + sy - 6}px`);
    host.style.setProperty('transform', 'translateY(-100%)');
  }
}
