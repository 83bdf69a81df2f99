import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareArticles } from '../../../src/core/engine/index';
import { timeOrder } from '../../../src/core/engine/signals';
import type { ArticleRecord } from '../../../src/core/types';

const ROOT = join(import.meta.dirname, '../../fixtures/clusters/ferry');
const load = (name: string): ArticleRecord => JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8'));

describe('direction: who came first', () => {
  it('orders publication times with publication times and first-seen times with first-seen times', () => {
    const p = (t: string) => ({ publishedTime: t, firstSeen: null });
    const s = (t: string) => ({ publishedTime: null, firstSeen: t });
    expect(timeOrder(p('2026-03-04T08:00:00Z'), p('2026-03-04T10:00:00Z'))).toBeLessThan(0);
    expect(timeOrder(s('2026-03-05T08:00:00Z'), s('2026-03-04T10:00:00Z'))).toBeGreaterThan(0);
    // Seen before the other was even published: certainly earlier.
    expect(timeOrder(s('2026-03-04T09:00:00Z'), p('2026-03-04T10:00:00Z'))).toBeLessThan(0);
    // Seen after the other was published: reading order says nothing about publishing order.
    expect(timeOrder(s('2026-03-06T09:00:00Z'), p('2026-03-04T10:00:00Z'))).toBeNull();
    expect(timeOrder(p('2026-03-04T10:00:00Z'), s('2026-03-06T09:00:00Z'))).toBeNull();
    expect(timeOrder(p('2026-03-04T10:00:00Z'), { publishedTime: null, firstSeen: null })).toBeNull();
  });

  it('does not accuse an undated original of copying a dated rewrite the reader happened to see first', () => {
    // The reader saw the rewrite (dated) on Wednesday and the original (no date on the page) only
    // on Friday: the original must not be called a rewrite of its own copy.
    const original = { ...load('original'), publishedTime: null, firstSeen: '2026-03-06T09:00:00Z' };
    const rewrite = { ...load('rewrite'), firstSeen: '2026-03-04T11:00:00Z' };
    const report = compareArticles(original, rewrite);
    expect(report.summary).not.toMatch(/^Rewritten from|^Copied|^Partly copied/);
    expect(report.summary).toMatch(/which was published first is unknown/);
    expect(report.directionKnown).toBe(false);
    // With the original's own date the direction is clear again: the rewrite derives from it.
    const dated = compareArticles({ ...original, publishedTime: '2026-03-04T08:00:00Z' }, rewrite);
    expect(dated.verdict).toBe('original');
    expect(dated.directionKnown).toBe(true);
  });
});
