/**
 * The popup's view of the story's timeline (report.timeline): every known version in time order
 * with its outlet, time, relation and credit, this page marked, each other version linked to the
 * side-by-side view; then who derived from whom as an indented tree (core/timeline-tree.ts, the
 * tree the CLI prints). Pure: data in, nodes out, text only. Collapsed in a <details> so the
 * verdict stays the popup's first screen; one click (or Enter on the summary) opens it.
 */
import type { ArticleRef, Report, ReuseKind, TimelineEntry } from '../core/types';
import { timelineTree, type TimelineNode } from '../core/timeline-tree';
import { elIn, formatDate, pageLink, relativeTime, safeLink, type Child } from '../shared/render';
import { kindLabel, verdictTone, type Tone } from '../shared/verdict-view';
import { messageParts, type MessageKey, type Translate } from '../shared/i18n';

/** What the timeline view needs: the tab (for side-by-side links), the report and the time. */
interface TimelineView {
  tabId: number;
  report: Report;
  now: Date;
  /** The interface's messages. */
  t: Translate;
}

/** The short relation word per kind of reuse (the word carries the meaning; its tone is the verdict chip's, verdictTone). */
const KIND_WORD: Record<ReuseKind, MessageKey> = {
  'verbatim-copy': 'tlCopy',
  'partial-copy': 'tlPartialCopy',
  'paraphrased-copy': 'tlRewrite',
  'credited-excerpt': 'tlExcerpt',
  syndicated: 'tlSyndicated',
  'same-story': 'tlIndependent',
};

/** Relations that say nothing about how the version reuses another, in words. */
const OTHER_WORD: Record<Exclude<TimelineEntry['relation'], ReuseKind>, MessageKey> = {
  original: 'tlOriginal',
  derived: 'tlDerived',
  source: 'tlSource',
  sibling: 'tlSibling',
  derivative: 'tlDerivative',
  'this-page': 'tlThisPage',
};

const CREDIT_WORDS: Record<TimelineEntry['credit'], MessageKey | null> = {
  credited: 'tlCreditCredited',
  'metadata-only': 'tlCreditMetadata',
  none: 'tlCreditNone',
  unknown: 'tlCreditUnknown',
  'n/a': null,
};

/** How one version relates to the story, as a word and a tone, plus the measured kind when there is one. */
function timelineRelation(e: TimelineEntry, t: Translate): { text: string; tone: Tone; kind: ReuseKind | null } {
  if (e.relation === 'original') return { text: t('tlOriginal'), tone: 'good', kind: null };
  const kind = e.reuseKind ?? (e.relation in KIND_WORD ? (e.relation as ReuseKind) : null);
  // A copy whose direction is unknown accuses no one: it shares text, no more.
  if (!e.directionKnown && kind && kind !== 'same-story') return { text: t('tlSharesText'), tone: 'neutral', kind: null };
  if (kind) return { text: t(KIND_WORD[kind]), tone: verdictTone(kind), kind };
  const other = OTHER_WORD[e.relation as keyof typeof OTHER_WORD];
  return { text: other ? t(other) : e.relation, tone: 'neutral', kind: null };
}

/** The timeline section, or null when the report has no timeline or only this page in it. */
export function renderTimeline(doc: Document, v: TimelineView): HTMLElement | null {
  const entries = v.report.timeline ?? [];
  if (entries.length < 2) return null;
  const h = (tag: string, attrs?: Record<string, string | boolean | null | undefined> | null, ...kids: Child[]) => elIn(doc, tag, attrs, ...kids);
  const outletOf = new Map(entries.map((e) => [e.url, e.outlet]));
  const titleOf = titles(v.report);
  const pageTime = entries.find((e) => e.thisPage)?.time ?? null;
  const tree = timelineTree(entries);
  const { t } = v;
  return h(
    'details',
    { id: 'pl-timeline', class: 'pl-timeline' },
    h('summary', null, t('timelineSummary'), h('span', { class: 'pl-summary-note' }, t('timelineNote', entries.length))),
    h('ol', { id: 'pl-timeline-list', class: 'pl-tl-list' }, ...entries.map((e) => item(doc, h, v, e, { outletOf, titleOf, pageTime }))),
    tree.some((n) => n.children.length)
      ? h(
          'div',
          { class: 'pl-tl-tree-block' },
          h('p', { id: 'pl-tl-tree-h', class: 'pl-tl-sub' }, t('tlTreeHeading')),
          h('ul', { id: 'pl-tl-tree', class: 'pl-tl-tree', 'aria-labelledby': 'pl-tl-tree-h' }, ...tree.map((n) => treeNode(h, n, t))),
        )
      : null,
  );
}

type H = (tag: string, attrs?: Record<string, string | boolean | null | undefined> | null, ...kids: Child[]) => HTMLElement;

interface Lookups {
  outletOf: Map<string, string>;
  titleOf: Map<string, string>;
  pageTime: string | null;
}

/** One version: when, who and what it is to the story; from whom and with what credit; its links. */
function item(doc: Document, h: H, v: TimelineView, e: TimelineEntry, l: Lookups): HTMLElement {
  const { t } = v;
  const rel = timelineRelation(e, t);
  const from = e.derivedFrom ? l.outletOf.get(e.derivedFrom) ?? e.derivedFrom : null;
  const creditKey = CREDIT_WORDS[e.credit];
  const fromNode = h('bdi', null, from);
  const derivation: Child[] = from
    ? [...(rel.kind ? messageParts(t, 'tlKindOf', kindLabel(rel.kind, t), fromNode) : messageParts(t, 'tlFrom', fromNode)), creditKey ? ` · ${t(creditKey)}` : '']
    : !e.directionKnown
      ? [t('tlDirectionUnknown')]
      : [];
  const title = l.titleOf.get(e.url) || e.url;
  let compare: HTMLElement | null = null;
  if (!e.thisPage) {
    compare = pageLink(doc, 'sidebyside.html', { tab: String(v.tabId), source: e.url }, t('compareSideBySide'), { class: 'pl-tl-compare', target: '_blank' });
    // Every entry has this link: the hidden words tell a screen reader which version it opens.
    compare.append(h('span', { class: 'pl-visually-hidden' }, ...messageParts(t, 'tlCompareWith', h('bdi', null, e.outlet))));
  }
  const li = h(
    'li',
    { class: `pl-tl-item${e.thisPage ? ' pl-tl-this' : ''}`, 'data-url': e.url, 'data-relation': e.relation, 'data-this-page': e.thisPage ? 'true' : null, 'aria-current': e.thisPage ? 'true' : null },
    h(
      'p',
      { class: 'pl-tl-who' },
      h('strong', { class: 'pl-tl-outlet' }, h('bdi', null, e.outlet)),
      ' ',
      h('span', { class: `pl-chip pl-tone-${rel.tone} pl-tl-relation` }, rel.text),
      e.thisPage ? h('span', { class: 'pl-chip pl-tl-here' }, t('tlThisPage')) : null,
      compare,
    ),
    h('p', { class: 'pl-tl-when' }, ...whenLine(h, e, l.pageTime, v.now, t)),
    derivation.length ? h('p', { class: 'pl-meta pl-tl-from' }, ...derivation) : null,
    h('p', { class: 'pl-tl-title' }, safeLink(doc, e.url, title)),
  );
  return li;
}

/** "18 Nov 2026, 06:45 · 4 hours earlier" (relative to this page; this page itself relative to now). */
function whenLine(h: H, e: TimelineEntry, pageTime: string | null, now: Date, t: Translate): Child[] {
  const abs = formatDate(e.time, t);
  if (!abs || !e.time) return [h('span', { class: 'pl-muted' }, t('tlTimeUnknown'))];
  const rel = relativeTime(e.time, e.thisPage ? null : pageTime, now, t);
  const time = h('time', { datetime: e.time }, abs);
  return [...(e.timeFrom === 'first-seen' ? messageParts(t, 'tlFirstSeen', time) : [time]), rel ? ` · ${rel}` : ''];
}

/** A version in the tree, with the versions derived from it nested below. */
function treeNode(h: H, n: TimelineNode, t: Translate): HTMLElement {
  const rel = timelineRelation(n.entry, t);
  return h(
    'li',
    { 'data-url': n.entry.url, 'aria-current': n.entry.thisPage ? 'true' : null },
    h('bdi', null, n.entry.outlet),
    // Written as the list above writes it: lowercasing would break German nouns.
    ` · ${rel.text}`,
    n.entry.thisPage ? t('tlTreeThisPage') : '',
    n.children.length ? h('ul', null, ...n.children.map((c) => treeNode(h, c, t))) : null,
  );
}

/** Titles of the versions the report names (the timeline carries none). */
function titles(report: Report): Map<string, string> {
  const refs: Array<ArticleRef | null> = [report.article, report.origin, report.directSource, ...report.related];
  return new Map(refs.filter((r): r is ArticleRef => r !== null && !!r.title).map((r) => [r.url, r.title]));
}
