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
import { KIND_LABEL, type Tone } from '../shared/verdict-view';

/** What the timeline view needs: the tab (for side-by-side links), the report and the time. */
interface TimelineView {
  tabId: number;
  report: Report;
  now: Date;
}

/** The short relation word per kind of reuse and its tone (the word carries the meaning; the tone echoes the verdict chips). */
const KIND_WORD: Record<ReuseKind, { text: string; tone: Tone }> = {
  'verbatim-copy': { text: 'Copy', tone: 'bad' },
  'partial-copy': { text: 'Partial copy', tone: 'warn' },
  'paraphrased-copy': { text: 'Rewrite', tone: 'warn' },
  'credited-excerpt': { text: 'Excerpt', tone: 'info' },
  syndicated: { text: 'Syndicated', tone: 'info' },
  'same-story': { text: 'Independent', tone: 'neutral' },
};

/** Relations that say nothing about how the version reuses another, in words. */
const OTHER_WORD: Record<Exclude<TimelineEntry['relation'], ReuseKind>, string> = {
  original: 'Original',
  derived: 'Derived from the original',
  source: 'Also reused by this page',
  sibling: 'Reuses the same source',
  derivative: 'Reuses this page',
  'this-page': 'This page',
};

const CREDIT_WORDS: Record<TimelineEntry['credit'], string | null> = {
  credited: 'credits it',
  'metadata-only': 'credit only in page data',
  none: 'no credit given',
  unknown: 'credit not measured',
  'n/a': null,
};

/** How one version relates to the story, as a word and a tone, plus the measured kind when there is one. */
function timelineRelation(e: TimelineEntry): { text: string; tone: Tone; kind: ReuseKind | null } {
  if (e.relation === 'original') return { text: 'Original', tone: 'good', kind: null };
  const kind = e.reuseKind ?? (e.relation in KIND_WORD ? (e.relation as ReuseKind) : null);
  // A copy whose direction is unknown accuses no one: it shares text, no more.
  if (!e.directionKnown && kind && kind !== 'same-story') return { text: 'Shares text', tone: 'neutral', kind: null };
  if (kind) return { ...KIND_WORD[kind], kind };
  return { text: OTHER_WORD[e.relation as keyof typeof OTHER_WORD] ?? e.relation, tone: 'neutral', kind: null };
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
  return h(
    'details',
    { id: 'pl-timeline', class: 'pl-timeline' },
    h('summary', null, 'Timeline of this story', h('span', { class: 'pl-summary-note' }, ` · ${entries.length} versions, oldest first`)),
    h('ol', { id: 'pl-timeline-list', class: 'pl-tl-list' }, ...entries.map((e) => item(doc, h, v, e, { outletOf, titleOf, pageTime }))),
    tree.some((n) => n.children.length)
      ? h(
          'div',
          { class: 'pl-tl-tree-block' },
          h('p', { id: 'pl-tl-tree-h', class: 'pl-tl-sub' }, 'Who derived from whom'),
          h('ul', { id: 'pl-tl-tree', class: 'pl-tl-tree', 'aria-labelledby': 'pl-tl-tree-h' }, ...tree.map((n) => treeNode(h, n))),
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
  const rel = timelineRelation(e);
  const from = e.derivedFrom ? l.outletOf.get(e.derivedFrom) ?? e.derivedFrom : null;
  const credit = CREDIT_WORDS[e.credit];
  const derivation: Child[] = from
    ? [rel.kind ? `${KIND_LABEL[rel.kind]} of ` : 'from ', h('bdi', null, from), credit ? ` · ${credit}` : '']
    : !e.directionKnown
      ? ['which came first is unknown']
      : [];
  const title = l.titleOf.get(e.url) || e.url;
  let compare: HTMLElement | null = null;
  if (!e.thisPage) {
    compare = pageLink(doc, 'sidebyside.html', { tab: String(v.tabId), source: e.url }, 'Compare side by side', { class: 'pl-tl-compare', target: '_blank' });
    // Every entry has this link: the hidden words tell a screen reader which version it opens.
    compare.append(h('span', { class: 'pl-visually-hidden' }, ' with ', h('bdi', null, e.outlet)));
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
      e.thisPage ? h('span', { class: 'pl-chip pl-tl-here' }, 'This page') : null,
      compare,
    ),
    h('p', { class: 'pl-tl-when' }, ...whenLine(h, e, l.pageTime, v.now)),
    derivation.length ? h('p', { class: 'pl-meta pl-tl-from' }, ...derivation) : null,
    h('p', { class: 'pl-tl-title' }, safeLink(doc, e.url, title)),
  );
  return li;
}

/** "18 Nov 2026, 06:45 · 4 hours earlier" (relative to this page; this page itself relative to now). */
function whenLine(h: H, e: TimelineEntry, pageTime: string | null, now: Date): Child[] {
  const abs = formatDate(e.time);
  if (!abs || !e.time) return [h('span', { class: 'pl-muted' }, 'time unknown')];
  const rel = e.thisPage ? relativeTime(e.time, null, now) : relativeTime(e.time, pageTime, now);
  const seen = e.timeFrom === 'first-seen' ? 'first seen ' : '';
  return [seen, h('time', { datetime: e.time }, abs), rel ? ` · ${rel}` : ''];
}

/** A version in the tree, with the versions derived from it nested below. */
function treeNode(h: H, n: TimelineNode): HTMLElement {
  const rel = timelineRelation(n.entry);
  return h(
    'li',
    { 'data-url': n.entry.url, 'aria-current': n.entry.thisPage ? 'true' : null },
    h('bdi', null, n.entry.outlet),
    ` · ${rel.text.toLowerCase()}`,
    n.entry.thisPage ? ' (this page)' : '',
    n.children.length ? h('ul', null, ...n.children.map((c) => treeNode(h, c))) : null,
  );
}

/** Titles of the versions the report names (the timeline carries none). */
function titles(report: Report): Map<string, string> {
  const refs: Array<ArticleRef | null> = [report.article, report.origin, report.directSource, ...report.related];
  return new Map(refs.filter((r): r is ArticleRef => r !== null && !!r.title).map((r) => [r.url, r.title]));
}
