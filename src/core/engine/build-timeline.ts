/**
 * The story's timeline: every known version of the checked story (the page and each related
 * article) in time order, with who derived from whom exactly as analyzeArticle decided it. It only
 * reads the report (plus first-seen times the report does not carry), so it cannot contradict it.
 */
import type { ArticleRef, RelatedArticle, Report, ReuseKind, TimelineEntry, TimelineRelation } from '../types';
import { outletName, possibleTime } from './signals';

/** When this install first saw an article (store-set), if known. */
export type FirstSeenOf = (url: string) => string | null | undefined;

/**
 * The timeline of a report: the checked page, its origin and direct source, and every related
 * article, ordered by declared publication time (else first-seen time; unknown times last). An
 * edge (`derivedFrom`) is drawn only where the engine decided a direction: the page to its direct
 * source (unless which came first is unknown), the direct source to the origin, derivatives and
 * syndicated copies to the page, siblings to the page of the chain they copy (when it is known to
 * come first). Same-story versions and other sources derive from nothing.
 */
export function buildTimeline(report: Report, firstSeenOf: FirstSeenOf = () => null, now = Date.now()): TimelineEntry[] {
  const page = report.article;
  const direct = report.directSource && report.directSource.url !== page.url ? report.directSource : null;
  const origin = report.origin && report.origin.url !== page.url ? report.origin : null;
  // An unknown direction accuses no one: both pages are shown as sharing text, neither as source.
  const known = report.directionKnown !== false;
  const entries: TimelineEntry[] = [];
  const seen = new Set<string>();
  const add = (ref: ArticleRef, e: Omit<TimelineEntry, 'url' | 'outlet' | 'time' | 'timeFrom'>) => {
    if (seen.has(ref.url)) return;
    seen.add(ref.url);
    entries.push({ url: ref.url, outlet: outletName(ref), ...timeOf(ref, firstSeenOf, now), ...e });
  };
  const relatedOf = (url: string) => report.related.find((r) => r.url === url);

  if (origin && origin.url !== direct?.url) add(origin, { relation: 'original', credit: 'n/a', thisPage: false, derivedFrom: null, directionKnown: true });
  if (direct) {
    const kind = relatedOf(direct.url)?.kind ?? pageRelation(report);
    if (origin && origin.url !== direct.url) {
      add(direct, { relation: 'derived', credit: 'unknown', thisPage: false, derivedFrom: origin.url, directionKnown: true });
    } else if (known) {
      add(direct, { relation: 'original', credit: 'n/a', thisPage: false, derivedFrom: null, directionKnown: true });
    } else {
      add(direct, { relation: kind, credit: 'n/a', thisPage: false, derivedFrom: null, directionKnown: false });
    }
  }
  const relation = pageRelation(report);
  add(page, {
    relation,
    ...(direct && known && isReuseKind(relation) ? { reuseKind: relation } : {}),
    credit: direct && known ? creditOf(report.credited, report.creditKind) : 'n/a',
    thisPage: true,
    derivedFrom: direct && known ? direct.url : null,
    directionKnown: known,
  });
  for (const r of report.related) add(r, relatedEntry(r, page.url));
  return order(entries);
}

/** What the checked page is to the story: its verdict, in timeline words. */
function pageRelation(report: Report): TimelineRelation {
  if (report.verdict === 'no-match') return 'this-page';
  return report.verdict;
}

/** A related article that is neither the origin nor the direct source (those are added first). */
function relatedEntry(r: RelatedArticle, pageUrl: string): Omit<TimelineEntry, 'url' | 'outlet' | 'time' | 'timeFrom'> {
  const none = { credit: 'n/a' as const, thisPage: false, derivedFrom: null, directionKnown: true };
  // How it reuses the version it derives from, when the engine measured it (reports of older
  // versions carry no `reuses`: then the credit is unknown and a sibling has no edge).
  const measured = (url: string) =>
    r.reuses?.url === url ? { reuseKind: r.reuses.kind, credit: r.reuses.credit } : { credit: 'unknown' as const };
  if (r.relation === 'origin') return { ...none, relation: 'original' };
  // A declared republication without a kind is one of this page (kinds are set only on sources).
  if (r.relation === 'syndication' && r.kind === null) return { ...none, relation: 'syndicated', derivedFrom: pageUrl, ...measured(pageUrl) };
  if (r.relation === 'derivative') return { ...none, relation: 'derivative', derivedFrom: pageUrl, ...measured(pageUrl) };
  // A sibling reuses this page's source (or the origin) too: an edge to the page it copies.
  if (r.sibling) return r.reuses ? { ...none, relation: 'sibling', derivedFrom: r.reuses.url, ...measured(r.reuses.url) } : { ...none, relation: 'sibling' };
  if (r.relation === 'same-story') return { ...none, relation: 'same-story' };
  // Another earlier page this page also reuses: the engine decided no chain for it.
  return { ...none, relation: 'source' };
}

function isReuseKind(relation: TimelineRelation): relation is ReuseKind {
  return relation !== 'original' && relation !== 'derived' && relation !== 'source' && relation !== 'sibling' && relation !== 'derivative' && relation !== 'this-page';
}

function creditOf(credited: boolean | null, kind: Report['creditKind']): TimelineEntry['credit'] {
  if (credited) return 'credited';
  if (kind === 'metadata-only') return 'metadata-only';
  return credited === false ? 'none' : 'n/a';
}

/** The declared publication time when it is possible (the engine ignores impossible ones), else first seen. */
function timeOf(ref: ArticleRef, firstSeenOf: FirstSeenOf, now: number): Pick<TimelineEntry, 'time' | 'timeFrom'> {
  if (ref.publishedTime && possibleTime(Date.parse(ref.publishedTime), now)) return { time: ref.publishedTime, timeFrom: 'published' };
  const seen = firstSeenOf(ref.url);
  if (seen && !Number.isNaN(Date.parse(seen))) return { time: seen, timeFrom: 'first-seen' };
  return { time: null, timeFrom: null };
}

/** Oldest first, unknown times last; ties keep the insertion order (origin, source, page, related). */
function order(entries: TimelineEntry[]): TimelineEntry[] {
  const at = (e: TimelineEntry) => (e.time === null ? Infinity : Date.parse(e.time));
  return entries.map((e, i) => ({ e, i })).sort((x, y) => at(x.e) - at(y.e) || x.i - y.i).map(({ e }) => e);
}
