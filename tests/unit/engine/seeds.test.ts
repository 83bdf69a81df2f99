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

  it('are the same story told twice, not a copy of each other: shared facts, not shared wording', () => {
    const [a, b] = seeds!;
    const r = compareArticles(b, a);
    // Two rewrites of one scoop share its facts in its order but hardly any of each other's
    // ordinary words (wording share ~0.16): neither is accused of copying the other.
    expect(r.verdict).toBe('same-story');
    const rel = r.related.find((x) => x.url === a.url)!;
    expect(rel).toBeDefined();
    expect(rel.verbatimShare).toBeLessThan(0.1);
    expect(rel.similarity).toBeGreaterThan(0.2);
    // The facts are aligned (evidence says so) but never highlighted as reuse.
    expect(rel.evidence.join(' ')).toMatch(/sentences aligned/);
    expect(r.passages.filter((p) => p.kind !== 'quote')).toEqual([]);
  });
});
