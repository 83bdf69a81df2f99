/**
 * The hover card: a `<pl-card>` with a closed shadow root (its styles inside, so the page cannot
 * restyle it and it cannot restyle the page; closed, because its text comes from the reading
 * history and page script must not read it) showing where a highlighted sentence came from, or the
 * claim fact-checkers reviewed. Text only; the one link is parsed and limited to http(s). The card
 * has a fixed size (long text scrolls inside), so its box, which the page can measure, says nothing
 * about its text. Its words are the interface's (`t`, src/platform/content-runtime.ts contentMessages),
 * laid out in the interface's direction.
 */
import type { Highlight } from '../../shared/messages';
import { elIn, formatDate, displayHost, safeLink } from '../../shared/render';
import { MARK_LOOKS, MARK_STYLES, markStyleOf } from '../../shared/mark-legend';
import { messageParts, uiDirection, uiLanguage, type MessageKey, type Translate } from '../../shared/i18n';
import { createElementIn, implementationOf, rootOf, viewOf } from '../../extract/safe-dom';

/** The custom element name of the card. */
const CARD_TAG = 'pl-card';

/**
 * The card's first line: what the mark means, made specific ("Rewritten, no credit, from The Harbor
 * Ledger"): the legend of this one mark. Reused text by how it was reused and its credit.
 */
const REUSE_TITLE: Record<'verbatim' | 'paraphrase', Record<'none' | 'credited' | 'syndicated', MessageKey>> = {
  verbatim: { none: 'cardCopyNoCredit', credited: 'cardCopyCredited', syndicated: 'cardCopySyndicated' },
  paraphrase: { none: 'cardRewriteNoCredit', credited: 'cardRewriteCredited', syndicated: 'cardRewriteSyndicated' },
};

function headingKey(h: Highlight): MessageKey {
  if (h.kind === 'claim') return 'cardClaimTitle';
  if (h.kind === 'quote') return 'cardQuotationIn';
  return REUSE_TITLE[h.kind][h.card.credit ?? 'none'];
}

// Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), from the one
// legend table; the glyph carries the same information without colour.
const CARD_CSS = `
:host { all: initial; position: absolute; z-index: 2147483647; display: block; }
:host([hidden]) { display: none; }
.card { box-sizing: border-box; width: min(360px, calc(100vw - 16px)); height: 200px; overflow: auto; padding: 12px 14px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2230;
  background: #fff; border: 1px solid #c9ced8; border-inline-start: 4px solid var(--k, #0072B2);
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.18); }
.kind { margin: 0 0 6px; font-size: 13px; font-weight: 700; color: #4a5263; }
.glyph { display: inline-block; box-sizing: border-box; inline-size: 1.4em; block-size: 1.4em; margin-inline-end: .4em; border-radius: 50%;
  font: 700 12px/1.4em system-ui, sans-serif; text-align: center; vertical-align: .05em; }
.sentence { margin: 0 0 8px; font-style: italic; }
.sentence::before { content: "\\201C"; } .sentence::after { content: "\\201D"; }
.changes { margin: 0 0 8px; padding-block: 6px; padding-inline: 22px 8px; border-inline-start: 3px solid #b26b00; background: #fff4e0; color: #4a2e00; }
.meta { margin: 0; font-size: 13px; color: #4a5263; } .link { margin-top: 4px; }
.rating { display: inline-block; margin: 0 0 8px; padding: 1px 8px; border-radius: 999px; font-weight: 700; background: #fbe3d0; color: #7a2e00; }
a { color: #0059a0; } a:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; border-radius: 2px; }
${MARK_STYLES.map((k) => `.k-${k} { --k: ${MARK_LOOKS[k].color}; } .k-${k} .glyph { background: ${MARK_LOOKS[k].color}; color: ${MARK_LOOKS[k].ink}; }`).join('\n')}
@media (prefers-color-scheme: dark) {
  .card { color: #e8eaf0; background: #1f2330; border-color: #3a4152; box-shadow: 0 6px 24px rgba(0,0,0,.5); }
  .kind, .meta { color: #b4bac8; } a { color: #7cc4ff; } .rating { background: #4a2a14; color: #ffd7b8; }
  .changes { background: #3a2a10; color: #ffe2b0; border-inline-start-color: #e0a040; }
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
export function renderCard(shadow: ShadowRoot, h: Highlight, t: Translate): void {
  const doc = buildDocFor(shadow.ownerDocument);
  const c = h.card;
  const css = elIn(doc, 'style', null, CARD_CSS);
  const style = markStyleOf(h.kind, c.credit);
  const body = elIn(doc, 'div', { class: `card k-${style}`, role: 'dialog', lang: uiLanguage(t), dir: uiDirection(t) });
  const who = c.outlet || displayHost(c.url);
  // The heading names the source outright; claims name the reviewer below.
  const key = headingKey(h);
  const source = who || t('cardEarlierArticle');
  body.setAttribute('aria-label', t(key, source));
  // Text from pages (sentences, names, titles) may run the other way from the card's: each piece
  // takes its own direction (dir=auto, <bdi> inside a sentence of ours).
  body.append(
    elIn(
      doc,
      'p',
      { class: 'kind' },
      elIn(doc, 'span', { class: 'glyph', 'aria-hidden': 'true' }, MARK_LOOKS[style].glyph),
      ...(style === 'claim' ? [t(key)] : messageParts(t, key, elIn(doc, 'bdi', null, source))),
    ),
  );
  if (c.sentence) body.append(elIn(doc, 'p', { class: 'sentence', dir: 'auto' }, c.sentence));
  if (h.kind !== 'claim' && c.changes?.length) {
    body.append(elIn(doc, 'ul', { class: 'changes', 'aria-label': t('whatChanged') }, ...c.changes.map((line) => elIn(doc, 'li', { dir: 'auto' }, line))));
  }
  if (h.kind === 'claim' && c.rating) body.append(elIn(doc, 'p', { class: 'rating' }, t('cardRated', c.rating)));
  const when = formatDate(c.date, t);
  if (h.kind === 'claim') body.append(elIn(doc, 'p', { class: 'meta' }, ...messageParts(t, 'cardReviewedBy', elIn(doc, 'bdi', null, who || t('cardAFactChecker'))), when ? ` · ${when}` : ''));
  else if (when) body.append(elIn(doc, 'p', { class: 'meta' }, t('cardPublished', when)));
  if (c.url) {
    const label = h.kind === 'claim' ? t('readFactCheck') : c.title || t('cardOpenSource');
    body.append(elIn(doc, 'p', { class: 'meta link', dir: 'auto' }, safeLink(doc, c.url, label)));
  }
  shadow.replaceChildren(css, body);
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
