import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvenanceIndex, checkArticle, fingerprintArticle } from '../../../src/core/engine/index';
import { articleText, type ArticleRecord, type Report } from '../../../src/core/types';

interface Expected {
  verdict: string;
  directSource: string | null;
  origin: string | null;
  credited: boolean | null;
  related?: Record<string, string>;
  passages?: Array<{ text: string; source: string; kind: string }>;
  quotes?: string[];
  notAccused?: boolean;
}

const ROOT = join(import.meta.dirname, '../../fixtures/clusters');
// eval/ holds the evaluation story clusters (scripts/eval-clusters.ts), measured there, not asserted here.
const clusters = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'eval').map((d) => d.name);
const records = new Map<string, ArticleRecord>(); // "cluster/name" -> record
for (const c of clusters)
  for (const f of readdirSync(join(ROOT, c)))
    if (f.endsWith('.json') && f !== 'expected.json')
      records.set(`${c}/${f.slice(0, -5)}`, JSON.parse(readFileSync(join(ROOT, c, f), 'utf8')) as ArticleRecord);
const byUrl = new Map([...records.values()].map((r) => [r.url, r]));

// Two indexes: one over full records, one over text-free pack entries (what feeds deliver).
const fullIndex = new ProvenanceIndex();
const packIndex = new ProvenanceIndex();
const packs = new Map([...records.values()].map((r) => [r.url, fingerprintArticle(r)]));
for (const r of records.values()) {
  fullIndex.add(r);
  packIndex.add(packs.get(r.url)!);
}

const ACCUSATIONS = new Set(['verbatim-copy', 'partial-copy', 'paraphrased-copy']);

function checkExpectations(report: Report, rec: ArticleRecord, cluster: string, exp: Expected, withText: boolean): void {
  const url = (name: string | null) => (name === null ? null : records.get(`${cluster}/${name}`)!.url);
  expect(report.schema).toBe('provenance-lens/report@1');
  expect(report.verdict).toBe(exp.verdict);
  expect(report.directSource?.url ?? null).toBe(url(exp.directSource));
  expect(report.origin?.url ?? null).toBe(url(exp.origin));
  expect(report.credited).toBe(exp.credited);
  expect(report.summary).toMatch(/^[A-Z].*\.$/);
  for (const [name, relation] of Object.entries(exp.related ?? {})) {
    const rel = report.related.find((r) => r.url === url(name));
    expect(rel?.relation, `${name} should be ${relation}`).toBe(relation);
    expect(rel!.evidence.length).toBeGreaterThan(0);
  }
  const text = articleText(rec);
  for (const p of report.passages) expect(text.slice(p.start, p.end)).toBe(p.text);
  for (const want of exp.passages ?? []) {
    const p = report.passages.find((x) => x.text.includes(want.text));
    expect(p, `passage containing "${want.text}"`).toBeDefined();
    expect(p!.kind).toBe(want.kind);
    const src = byUrl.get(p!.source.url)!;
    const srcSentence = articleText(src).slice(p!.source.start!, p!.source.end!);
    expect(srcSentence).toContain(want.source);
    if (withText) expect(p!.source.sentence).toBe(srcSentence);
    else expect(p!.source.sentence).toBeNull();
  }
  for (const q of exp.quotes ?? []) {
    const p = report.passages.find((x) => x.text.includes(q));
    expect(p?.kind, `quotation "${q}"`).toBe('quote');
  }
  if (exp.notAccused) {
    expect(ACCUSATIONS.has(report.verdict)).toBe(false);
    for (const r of report.related) if (r.kind && ACCUSATIONS.has(r.kind)) expect(r.credited).not.toBe(false);
    expect(report.passages.filter((p) => p.kind !== 'quote' && exp.verdict === 'same-story')).toEqual([]);
  }
}

describe.each(clusters)('fixture cluster %s', (cluster) => {
  const expected = JSON.parse(readFileSync(join(ROOT, cluster, 'expected.json'), 'utf8')) as Record<string, Expected>;
  it.each(Object.keys(expected))('%s (full texts)', async (name) => {
    const rec = records.get(`${cluster}/${name}`)!;
    const report = await checkArticle(rec, fullIndex, async (u) => byUrl.get(u));
    checkExpectations(report, rec, cluster, expected[name], true);
  });
  it.each(Object.keys(expected))('%s (pack entries only)', async (name) => {
    const rec = records.get(`${cluster}/${name}`)!;
    const report = await checkArticle(rec, packIndex, async (u) => packs.get(u));
    checkExpectations(report, rec, cluster, expected[name], false);
  });
});

describe('fixture clusters', () => {
  it('are realistic news prose of 300-700 words', () => {
    for (const [name, r] of records) {
      const words = articleText(r).split(/\s+/).length;
      expect(words, name).toBeGreaterThanOrEqual(300);
      expect(words, name).toBeLessThanOrEqual(700);
    }
  });
});
