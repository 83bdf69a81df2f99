import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareArticles } from '../../../src/core/engine/index';
import { loadSeeds } from '../../../scripts/eval-engine';

// The two seed articles live outside the repository (../shared/seeds); skip when absent.
const SEED_DIR = resolve(import.meta.dirname, '../../../../shared/seeds');
const seeds = existsSync(SEED_DIR) ? loadSeeds(SEED_DIR) : null;

describe.skipIf(!seeds)('the two seed articles (rewrites of one scoop)', () => {
  it('loads the second seed without its reader comments', () => {
    const text = seeds![1].paragraphs.join('\n\n');
    expect(text).toContain('Vietnam');
    expect(text).not.toContain('Guess who');
    expect(text).not.toContain('Vietnam Vet');
  });

  it('are related, not a verbatim copy, with aligned sentence pairs', () => {
    const [a, b] = seeds!;
    const r = compareArticles(b, a);
    expect(r.verdict).not.toBe('no-match');
    expect(r.verdict).not.toBe('verbatim-copy');
    const rel = r.related.find((x) => x.url === a.url)!;
    expect(rel).toBeDefined();
    expect(rel.verbatimShare).toBeLessThan(0.1);
    expect(rel.similarity).toBeGreaterThan(0.2);
    const pairs = r.passages.filter((p) => p.kind === 'paraphrase');
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    // The "dated March 2023" sentence is the clearest shared fact; it must align to its counterpart.
    const march = r.passages.find((p) => p.text.includes('dated March 2023'));
    expect(march?.source.sentence).toContain('dated March 2023');
    // Neither seed carries a date: the report must not claim to know which came first.
    expect(r.summary).toMatch(/unknown/);
  });
});
