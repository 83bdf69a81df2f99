import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvenanceIndex, checkArticle } from '../../../src/core/engine/index';
import { buildTimeline } from '../../../src/core/engine/build-timeline';
import { timelineTree } from '../../../src/core/timeline-tree';
import type { ArticleRecord, Report, TimelineEntry } from '../../../src/core/types';

// Every fixture cluster indexed together, as tests/unit/engine/clusters.test.ts does.
const ROOT = join(import.meta.dirname, '../../fixtures/clusters');
const records = new Map<string, ArticleRecord>(); // "cluster/name" -> record
for (const c of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'eval'))
  for (const f of readdirSync(join(ROOT, c.name)))
    if (f.endsWith('.json') && f !== 'expected.json') records.set(`${c.name}/${f.slice(0, -5)}`, JSON.parse(readFileSync(join(ROOT, c.name, f), 'utf8')) as ArticleRecord);
const rec = (name: string) => records.get(name)!;
const url = (name: string) => rec(name).url;

async function check(article: ArticleRecord, docs: ArticleRecord[]): Promise<Report> {
  const index = new ProvenanceIndex();
  for (const d of docs) index.add(d);
  const byUrl = new Map(docs.map((d) => [d.url, d]));
  return checkArticle(article, index, async (u) => byUrl.get(u));
}
const all = () => [...records.values()];
const entry = (t: TimelineEntry[], name: string) => t.find((e) => e.url === url(name))!;

describe('the story timeline (checkArticle)', () => {
  it('a rewrite of a rewrite: original, then the rewrite it came from, then this page, each edge as the engine decided', async () => {
    const report = await check(rec('ferry/rewrite-of-rewrite'), all());
    expect(report.verdict).toBe('paraphrased-copy');
    const t = report.timeline!;
    // Oldest first, by declared publication time.
    const times = t.map((e) => Date.parse(e.time!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(t[0]).toMatchObject({ url: url('ferry/original'), outlet: 'The Harbor Ledger', relation: 'original', derivedFrom: null, timeFrom: 'published' });
    expect(entry(t, 'ferry/rewrite')).toMatchObject({ relation: 'derived', derivedFrom: url('ferry/original') });
    expect(entry(t, 'ferry/rewrite-of-rewrite')).toMatchObject({ thisPage: true, relation: 'paraphrased-copy', credit: 'none', derivedFrom: url('ferry/rewrite') });
    expect(t.filter((e) => e.thisPage)).toHaveLength(1);
    // The independent report derives from nothing.
    expect(entry(t, 'ferry/independent')).toMatchObject({ relation: 'same-story', derivedFrom: null, credit: 'n/a' });
    // One entry per version: this page and every related article.
    expect(t.map((e) => e.url).sort()).toEqual([report.article.url, ...report.related.map((r) => r.url)].sort());
  });

  it('the original: derivatives and the syndicated copy point to this page, the independent report to nothing', async () => {
    const t = (await check(rec('ferry/original'), all())).timeline!;
    expect(t[0]).toMatchObject({ url: url('ferry/original'), thisPage: true, relation: 'original', derivedFrom: null, credit: 'n/a' });
    expect(entry(t, 'ferry/syndicated')).toMatchObject({ relation: 'syndicated', derivedFrom: url('ferry/original') });
    expect(entry(t, 'ferry/scrape')).toMatchObject({ relation: 'derivative', derivedFrom: url('ferry/original') });
    expect(entry(t, 'ferry/rewrite')).toMatchObject({ relation: 'derivative', derivedFrom: url('ferry/original') });
    expect(entry(t, 'ferry/independent')).toMatchObject({ relation: 'same-story', derivedFrom: null });
    expect(t.map((e) => e.outlet).slice(0, 3)).toEqual(['The Harbor Ledger', 'Northshore Gazette', 'Merrow Bay Observer']);
  });

  it('a credited syndicated copy shows its credit; a credited excerpt too', async () => {
    const syn = (await check(rec('ferry/syndicated'), all())).timeline!;
    expect(entry(syn, 'ferry/syndicated')).toMatchObject({ thisPage: true, relation: 'syndicated', credit: 'credited', derivedFrom: url('ferry/original') });
    expect(entry(syn, 'ferry/original')).toMatchObject({ relation: 'original', derivedFrom: null });
    const ex = (await check(rec('ferry/credited-excerpt'), all())).timeline!;
    expect(entry(ex, 'ferry/credited-excerpt')).toMatchObject({ thisPage: true, relation: 'credited-excerpt', credit: 'credited', derivedFrom: url('ferry/original') });
  });

  it('when which came first is unknown no edge is drawn and neither page is called the original', async () => {
    const original = { ...rec('ferry/original'), publishedTime: null, firstSeen: null };
    const scrape = { ...rec('ferry/scrape'), publishedTime: null, firstSeen: null };
    const report = await check(scrape, [original, scrape]);
    expect(report.directionKnown).toBe(false);
    const t = report.timeline!;
    expect(t).toHaveLength(2);
    for (const e of t) expect(e).toMatchObject({ derivedFrom: null, directionKnown: false, time: null, timeFrom: null, credit: 'n/a', relation: 'verbatim-copy' });
    expect(t.some((e) => e.relation === 'original')).toBe(false);
  });

  it('orders by first-seen time when a page declares none, and puts unknown times last', async () => {
    const original = { ...rec('ferry/original'), publishedTime: null, firstSeen: '2026-03-04T07:00:00Z' };
    const independent = { ...rec('ferry/independent'), publishedTime: null, firstSeen: null };
    const report = await check(rec('ferry/rewrite'), [original, independent, rec('ferry/rewrite')]);
    const t = report.timeline!;
    expect(t[0]).toMatchObject({ url: original.url, time: '2026-03-04T07:00:00Z', timeFrom: 'first-seen', relation: 'original' });
    expect(t[1]).toMatchObject({ thisPage: true, derivedFrom: original.url, timeFrom: 'published' });
    expect(t.at(-1)).toMatchObject({ url: independent.url, time: null, timeFrom: null });
  });

  it('derivatives and siblings carry how they reuse the version they hang under, and the credit they give it', async () => {
    const t = (await check(rec('ferry/original'), all())).timeline!;
    expect(entry(t, 'ferry/scrape')).toMatchObject({ relation: 'derivative', reuseKind: 'verbatim-copy', credit: 'none' });
    expect(entry(t, 'ferry/rewrite')).toMatchObject({ relation: 'derivative', reuseKind: 'paraphrased-copy' });
    expect(entry(t, 'ferry/syndicated')).toMatchObject({ reuseKind: 'syndicated', credit: 'credited' });
    expect(entry(t, 'ferry/independent').reuseKind).toBeUndefined();
    const fromRewrite = await check(rec('ferry/rewrite'), all());
    const scrape = entry(fromRewrite.timeline!, 'ferry/scrape');
    expect(scrape).toMatchObject({ relation: 'sibling', derivedFrom: url('ferry/original'), reuseKind: 'verbatim-copy' });
    // The same, as the related list says it.
    expect(fromRewrite.related.find((r) => r.url === url('ferry/scrape'))?.reuses).toMatchObject({ url: url('ferry/original'), kind: 'verbatim-copy' });
  });

  it('a report made before `reuses` existed still gives a timeline: credit unknown, no sibling edge', async () => {
    const report = await check(rec('ferry/rewrite'), all());
    const old: Report = { ...report, related: report.related.map(({ reuses: _drop, ...r }) => r) };
    const t = buildTimeline(old);
    expect(entry(t, 'ferry/scrape')).toMatchObject({ relation: 'sibling', derivedFrom: null, credit: 'n/a' });
    expect(entry(t, 'ferry/scrape').reuseKind).toBeUndefined();
  });
});

describe('timelineTree', () => {
  const e = (url: string, derivedFrom: string | null, over: Partial<TimelineEntry> = {}): TimelineEntry => ({
    url, outlet: url, time: null, timeFrom: null, relation: 'original', credit: 'n/a', thisPage: false, derivedFrom, directionKnown: true, ...over,
  });
  const shape = (nodes: ReturnType<typeof timelineTree>): unknown => nodes.map((n) => [n.entry.url, shape(n.children)]);

  it('hangs each version under the one it derives from, keeping time order among roots and children', () => {
    const t = [e('a', null), e('b', 'a'), e('c', null), e('d', 'b'), e('f', 'a')];
    expect(shape(timelineTree(t))).toEqual([['a', [['b', [['d', []]]], ['f', []]]], ['c', []]]);
  });

  it('a version deriving from one outside the timeline is a root; a cycle draws no edge', () => {
    expect(shape(timelineTree([e('a', 'gone'), e('b', 'a')]))).toEqual([['a', [['b', []]]]]);
    expect(shape(timelineTree([e('x', 'y'), e('y', 'x'), e('z', 'z')]))).toEqual([['x', []], ['y', []], ['z', []]]);
  });
});
