/**
 * The one check pipeline's claim step (checkArticle): when the claims cannot be matched at once
 * (a claim store still to restore its index), the verdict is handed out first, and the report in
 * the end is the same.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvenanceIndex, checkArticle } from '../../../src/core/engine/index';
import { ClaimIndex } from '../../../src/core/claims';
import type { ArticleRecord, Report } from '../../../src/core/types';
import { knownClaim } from '../../helpers/known-claim';

const ROOT = join(import.meta.dirname, '../../fixtures/clusters');
const load = (name: string) => JSON.parse(readFileSync(join(ROOT, `${name}.json`), 'utf8')) as ArticleRecord;
const original = load('ferry/original');
const rewrite = load('ferry/rewrite');

// A claim made of one of the rewrite's own sentences: the rewrite repeats it.
const repeated = rewrite.paragraphs.join(' ').split(/(?<=\.)\s+/).find((s) => s.split(' ').length >= 10)!;
const CLAIM = knownClaim('ferry', repeated, { source: 'import' });

function setup() {
  const index = new ProvenanceIndex();
  index.add(original);
  const byUrl = new Map([[original.url, original]]);
  return { index, loader: async (u: string) => byUrl.get(u) };
}

describe('checkArticle: claims', () => {
  it('hands out the verdict first when the claims are still being matched, then the same report with them', async () => {
    const claims = new ClaimIndex([CLAIM]);
    const { index, loader } = setup();
    const atOnce = await checkArticle(rewrite, index, loader, { claims });
    expect(atOnce.claims.map((c) => c.claim.id)).toEqual([CLAIM.id]);

    // A claim store whose index is not in memory: it answers once the verdict is out.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = { ready: () => false, matchArticle: async (a: ArticleRecord) => (await gate, claims.matchArticle(a)) };
    const first: Report[] = [];
    const final = await checkArticle(rewrite, index, loader, {
      claims: slow,
      onVerdict: (r) => {
        first.push(r);
        release();
      },
    });
    expect(first).toHaveLength(1);
    expect(first[0].claims).toEqual([]);
    // Everything but the claims was final already, and the final report is the one-step report.
    expect({ ...first[0], claims: final.claims }).toEqual(final);
    expect(final).toEqual(atOnce);
  });

  it('does not hand out a verdict first when the claims can be matched at once, or none are asked for', async () => {
    const { index, loader } = setup();
    const seen: Report[] = [];
    const claims = new ClaimIndex([CLAIM]);
    const inMemory = { ready: () => true, matchArticle: async (a: ArticleRecord) => claims.matchArticle(a) };
    const r1 = await checkArticle(rewrite, index, loader, { claims: inMemory, onVerdict: (r) => void seen.push(r) });
    const r2 = await checkArticle(rewrite, index, loader, { claims, onVerdict: (r) => void seen.push(r) });
    await checkArticle(rewrite, index, loader, { onVerdict: (r) => void seen.push(r) });
    expect(seen).toEqual([]);
    expect(r1.claims.map((c) => c.claim.id)).toEqual([CLAIM.id]);
    expect(r2).toEqual(r1);
  });

  it('fails the check when the claims fail, after handing out the verdict', async () => {
    const { index, loader } = setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const broken = { ready: () => false, matchArticle: async () => (await gate, Promise.reject(new Error('claim store unreadable'))) };
    const seen: Report[] = [];
    const run = checkArticle(rewrite, index, loader, { claims: broken, onVerdict: (r) => (seen.push(r), release()) });
    await expect(run).rejects.toThrow('claim store unreadable');
    expect(seen.map((r) => r.verdict)).toEqual(['paraphrased-copy']);
  });
});
