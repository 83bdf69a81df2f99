/**
 * The side-by-side view (pure): this page and one source aligned row by row. Verbatim spans and
 * paraphrased pairs are marked (colour, border style and a text label), the words a paraphrase
 * kept are underlined on both sides, the words this page changed (a number, a dropped hedge, a
 * negation) are marked on both sides with their own style and a spoken label. The previous/next
 * buttons carry `data-action`; mount-side-by-side.ts moves between matches. Words in the interface's
 * language (`t`). Text only, never HTML.
 */
import type { ArticleRecord, FactChange, Passage } from '../core/types';
import type { PopupToBackground } from '../shared/messages';
import { elIn, formatDate, displayHost, percent, relativeTime, safeLink, type Child } from '../shared/render';
import { verdictChip } from '../shared/verdict-view';
import { describeChange } from '../shared/describe-change';
import { engineTextAttrs, type MessageKey, type Translate } from '../shared/i18n';
import { alignRows, sharedWordRanges, type AlignedRow } from './align-rows';

/** What the background answers for a comparison (getComparison): this page, the source, the report. */
export type Comparison = ReturnType<PopupToBackground['getComparison']>;

const KIND_TEXT: Record<Passage['kind'], MessageKey> = {
  verbatim: 'sbsKindVerbatim',
  paraphrase: 'sbsKindParaphrase',
  quote: 'sbsKindQuote',
};

/** The spoken label before words this page changed, per kind of change. */
const CHANGED_LABEL: Record<FactChange['kind'], MessageKey> = {
  number: 'sbsChangedNumber',
  hedge: 'sbsChangedHedge',
  negation: 'sbsChangedNegation',
};

type H = (tag: string, attrs?: Record<string, string | number | boolean | null | undefined> | null, ...kids: Child[]) => HTMLElement;
type Span = { start: number; end: number; label: string };

/** The page content for a comparison with `sourceUrl`: summary, legend, match navigation, aligned table. */
export function renderSideBySide(doc: Document, c: Comparison, sourceUrl: string, t: Translate): DocumentFragment {
  const h: H = (tag, attrs, ...kids) => elIn(doc, tag, attrs, ...kids);
  const rows = alignRows(c.article, c.source, c.report, sourceUrl);
  const reused = rows.filter((r) => r.kind !== 'own');
  const nav = h(
    'div',
    { class: 'pl-sbs-nav' },
    h('button', { type: 'button', class: 'pl-btn', 'aria-keyshortcuts': 'p', 'data-action': 'prev' }, t('sbsPrevious')),
    h('button', { type: 'button', class: 'pl-btn', 'aria-keyshortcuts': 'n', 'data-action': 'next' }, t('sbsNext')),
    h('span', { id: 'pl-sbs-where', class: 'pl-meta', 'aria-live': 'polite' }, reused.length ? t('sbsKeysHint') : t('sbsNoMatches')),
  );
  const table = h(
    'table',
    { class: 'pl-sbs-table' },
    h('caption', { class: 'pl-visually-hidden' }, t('sbsCaption')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, articleHead(doc, h, c.article, t('sbsThisPage'), c.article.url, null, t)),
        h('th', { scope: 'col' }, articleHead(doc, h, c.source, t('sbsSource'), sourceUrl, c.article.publishedTime, t)),
      ),
    ),
    h('tbody', null, ...rows.map((r, i) => rowOf(h, r, i, t))),
  );
  const frag = doc.createDocumentFragment();
  frag.append(summaryOf(h, c, sourceUrl, reused, t), legendOf(h, reused, t), nav, table);
  return frag;
}

/** The page content when there is nothing to show: a heading and why. */
export function renderSideBySideFailure(doc: Document, title: string, text: string): HTMLElement {
  return elIn(doc, 'section', { class: 'pl-notice' }, elIn(doc, 'h1', null, title), elIn(doc, 'p', { class: 'pl-muted' }, text));
}

function summaryOf(h: H, c: Comparison, sourceUrl: string, reused: AlignedRow[], t: Translate): HTMLElement {
  const related = c.report.related.find((r) => r.url === sourceUrl);
  const chip = verdictChip(c.report, t);
  const counts = { verbatim: 0, paraphrase: 0, quote: 0 };
  for (const r of reused) counts[r.kind as Passage['kind']]++;
  return h(
    'section',
    { class: 'pl-sbs-summary', 'aria-labelledby': 'pl-sbs-title' },
    h('p', null, h('span', { class: `pl-chip pl-tone-${chip.tone}`, 'data-verdict': c.report.verdict }, chip.text)),
    h('h1', { id: 'pl-sbs-title', ...engineTextAttrs(t) }, c.report.summary),
    h(
      'p',
      { class: 'pl-meta' },
      reused.length === 1 ? t('sbsMatchesOne') : t('sbsMatchesMany', reused.length),
      reused.length ? t('sbsMatchKinds', counts.verbatim, counts.paraphrase, counts.quote) : '',
      related ? t('sbsShares', percent(related.verbatimShare), percent(related.paraphraseShare)) : '.',
    ),
  );
}

function legendOf(h: H, reused: AlignedRow[], t: Translate): HTMLElement {
  return h(
    'ul',
    { class: 'pl-legend', 'aria-label': t('sbsLegend') },
    h('li', null, h('span', { class: 'pl-swatch pl-k-verbatim', 'aria-hidden': 'true' }), t('sbsLegendVerbatim')),
    h('li', null, h('span', { class: 'pl-swatch pl-k-paraphrase', 'aria-hidden': 'true' }), t('sbsLegendParaphrase')),
    h('li', null, h('span', { class: 'pl-swatch pl-k-quote', 'aria-hidden': 'true' }), t('sbsLegendQuote')),
    h('li', null, h('span', { class: 'pl-same' }, t('sbsUnderlined')), t('sbsKeptWords')),
    reused.some((r) => r.changes?.length)
      ? h('li', null, h('mark', { class: 'pl-changed' }, t('sbsBoxed')), t('sbsChangedWords'))
      : null,
  );
}

function articleHead(doc: Document, h: H, a: ArticleRecord | null, label: string, url: string, ref: string | null, t: Translate): HTMLElement {
  const when = a ? formatDate(a.publishedTime, t) : null;
  const rel = a && ref ? relativeTime(a.publishedTime, ref, new Date(), t) : null;
  return h(
    'div',
    { class: 'pl-col-head' },
    h('p', { class: 'pl-col-label' }, label),
    h('p', { class: 'pl-col-title' }, safeLink(doc, a?.url ?? url, a?.title || url)),
    h('p', { class: 'pl-meta' }, a?.siteName || displayHost(a?.url ?? url), when ? ` · ${when}` : '', rel ? ` (${rel})` : ''),
  );
}

/** One table row: this page's text left; for a match, its kind in words and the source sentence right. */
function rowOf(h: H, r: AlignedRow, i: number, t: Translate): HTMLElement {
  let left: Child[] = [r.left];
  let right: Child[] = r.right === null ? [] : [r.right];
  const shared = r.kind === 'paraphrase' && r.right ? sharedWordRanges(r.left, r.right) : { a: [], b: [] };
  if (shared.a.length || r.changes?.length) left = marked(h, r.left, shared.a, changeSpans(r.left, r.changes, 'copy', t));
  if (r.right && (shared.b.length || r.changes?.length)) right = marked(h, r.right, shared.b, changeSpans(r.right, r.changes, 'source', t));
  const tr = h('tr', { class: `pl-row pl-k-${r.kind}`, 'data-kind': r.kind });
  if (r.kind === 'own') {
    tr.append(h('td', { class: 'pl-cell' }, ...left), h('td', { class: 'pl-cell pl-empty-cell' }, h('span', { class: 'pl-visually-hidden' }, t('sbsNoSourcePassage'))));
    return tr;
  }
  tr.setAttribute('tabindex', '-1');
  tr.setAttribute('id', `pl-match-${i}`);
  const tag = h('span', { class: 'pl-tag' }, t(KIND_TEXT[r.kind]));
  // The row says in words what changed (the marks show where).
  const changedTag = r.changes?.length ? h('span', { class: 'pl-tag pl-tag-changed', title: r.changes.map((c) => describeChange(c, t)).join('\n') }, t('sbsFactsChanged')) : null;
  if (changedTag) tr.dataset.changed = r.changes!.map((c) => c.kind).join(' ');
  tr.append(
    h('td', { class: 'pl-cell pl-left' }, tag, ' ', changedTag, changedTag ? ' ' : null, ...left),
    h('td', { class: 'pl-cell pl-right' }, ...(right.length ? right : [h('span', { class: 'pl-muted' }, t('sbsFingerprintOnly'))])),
  );
  return tr;
}

/**
 * The text with shared words underlined and changed words marked. A change is a <mark> whose
 * first segment opens with a visually hidden label, so its meaning does not rest on style alone.
 */
function marked(h: H, text: string, shared: Array<[number, number]>, changed: Span[] = []): Child[] {
  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of shared) cuts.add(s).add(e);
  for (const c of changed) cuts.add(c.start).add(c.end);
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  const out: Child[] = [];
  // One <mark> per change, holding its segments (a shared word inside it stays underlined).
  let open = null as { end: number; el: HTMLElement } | null;
  for (let k = 0; k + 1 < points.length; k++) {
    const [s, e] = [points[k], points[k + 1]];
    const piece = text.slice(s, e);
    const same = shared.some(([a, b]) => a <= s && e <= b);
    const seg: Child = same ? h('span', { class: 'pl-same' }, piece) : piece;
    const change = changed.find((c) => c.start <= s && e <= c.end);
    if (change && open?.end !== change.end) {
      open = { end: change.end, el: h('mark', { class: 'pl-changed', 'data-change-kind': change.label }, h('span', { class: 'pl-visually-hidden' }, `${change.label}: `)) };
      out.push(open.el);
    }
    if (change && open) open.el.append(seg);
    else out.push(seg);
  }
  return out;
}

/** Valid change spans of one side of a row (offsets checked against the text they point into). */
function changeSpans(text: string, changes: FactChange[] | undefined, side: 'copy' | 'source', t: Translate): Span[] {
  const out: Span[] = [];
  for (const c of changes ?? []) {
    const start = side === 'copy' ? c.copyStart : c.sourceStart;
    const end = side === 'copy' ? c.copyEnd : c.sourceEnd;
    const words = side === 'copy' ? c.copy : c.source;
    // Only spans that still quote the reported words are drawn (a stale offset marks nothing).
    if (start == null || end == null || words == null || start < 0 || end > text.length || text.slice(start, end) !== words) continue;
    if (out.some((o) => start < o.end && o.start < end)) continue;
    out.push({ start, end, label: t(CHANGED_LABEL[c.kind]) });
  }
  return out.sort((a, b) => a.start - b.start);
}
