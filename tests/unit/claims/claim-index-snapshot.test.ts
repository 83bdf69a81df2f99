import { describe, expect, it } from 'vitest';
import { CLAIM_SNAPSHOT_MAGIC, ClaimIndex, resolveClaimMatches } from '../../../src/core/claims';
import type { KnownClaim } from '../../../src/core/types';

import { knownClaim as claim } from '../../helpers/known-claim';

const NAMED: KnownClaim[] = [
  claim('vaccine-microchip', 'COVID-19 vaccines contain microchips that track people through 5G networks.'),
  claim('bridge', 'The Harbor Bridge will be closed to all traffic for the whole of March.'),
  claim('ferry', 'State ferry fares will double in January because of a new fuel tax.', { source: 'harvest' }),
  claim('obama-kenya', 'Barack Obama was born in Kenya.'),
  claim('water-fluoride', "Fluoride in tap water lowers children's IQ by 10 points.", { title: 'Does fluoride lower IQ?' }),
  claim('minimum-wage', 'Raising the minimum wage to $15 would cost 1.4 million jobs.', { source: 'import' }),
];

/** Claims of made-up words (seeded), so a store holds thousands of terms and many sources. */
function synthetic(n: number, seed: number, prefix = 'syn'): KnownClaim[] {
  let s = seed;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const word = () => Array.from({ length: 4 + Math.floor(r() * 5) }, () => 'bcdfghklmnprstvz'[Math.floor(r() * 16)] + 'aeiou'[Math.floor(r() * 5)]).join('');
  return Array.from({ length: n }, (_, i) =>
    claim(`${prefix}-${i}`, `The ${word()} ${word()} of ${word()} said ${Math.floor(r() * 900)} ${word()} were ${word()} in ${word()}.`, {
      source: `feed-${i % 7}`,
      title: i % 3 === 0 ? `Did the ${word()} ${word()}?` : null,
    }),
  );
}

const QUERIES = [
  'Microchips hidden in the Covid vaccine let them follow you over 5G',
  'They say the ferry fare doubles in January due to the fuel tax',
  'Obama was actually born in Kenya, not Hawaii',
  'The fluoride in our tap water is lowering kids IQ',
  'raising the minimum wage to 15 dollars would cost 1.4m jobs',
];

/** Everything a user sees from an index: rankings and article matches, resolved through records. */
function answers(index: ClaimIndex, records: Map<string, KnownClaim>, extra: string[] = []) {
  const texts = [...QUERIES, ...extra];
  return {
    ranked: texts.map((t) => index.rank(t, 5)),
    matched: texts.map((t) => resolveClaimMatches(index.planMatches({ paragraphs: [t], url: 'https://news.example/a' }), (id) => records.get(id))),
  };
}

const byId = (claims: KnownClaim[]) => new Map(claims.map((c) => [c.id, c]));

describe('ClaimIndex snapshot', () => {
  const all = [...NAMED, ...synthetic(1500, 7)];
  const probes = all.slice(-40).map((c) => c.claimReviewed.replace(/^The /, 'Reports claim the '));

  it('round-trips to identical rankings and matches, reading records only for candidates', () => {
    const full = new ClaimIndex(all);
    const restored = ClaimIndex.fromSnapshot(full.toSnapshot());
    expect(restored.size).toBe(all.length);
    expect(restored.get(all[0].id)).toBeUndefined(); // terms only: records are read by id
    const want = answers(full, byId(all), probes);
    expect(answers(restored, byId(all), probes)).toEqual(want);
    expect(want.matched.flat().length).toBeGreaterThan(10); // the comparison is not of empty lists
    // The records a restored index needs are only those of its candidates.
    const plan = restored.planMatches({ paragraphs: [QUERIES[0], QUERIES[2]] });
    expect(plan.ids.length).toBeGreaterThan(0);
    expect(plan.ids.length).toBeLessThan(10);
    // The sync API of a record-holding index gives the same as plan + resolve.
    expect(full.matchArticle({ paragraphs: [QUERIES[0], QUERIES[2]] })).toEqual(resolveClaimMatches(plan, (id) => byId(all).get(id)));
  });

  it('after additions, rewordings and removals answers exactly as an index built from scratch', () => {
    const restored = ClaimIndex.fromSnapshot(new ClaimIndex(all).toSnapshot());
    // The same operations on a plain map (same order rules: a replaced id keeps its place).
    const model = byId(all);
    const reworded = { ...all[10], claimReviewed: 'Barack Obama was secretly born in Kenya in 1961.' };
    const added = synthetic(50, 99, 'new');
    restored.add([reworded, ...added]);
    for (const c of [reworded, ...added]) model.set(c.id, c);
    const keep = all.filter((c) => c.source === 'feed-3').slice(0, 5);
    restored.replaceSource('feed-3', keep);
    for (const c of [...model.values()]) if (c.source === 'feed-3' && !keep.includes(c)) model.delete(c.id);
    // Remove most of the store: the vocabulary is compacted (renumbered) without any claim text.
    for (let f = 0; f < 7; f++) {
      if (f === 3) continue;
      restored.removeSource(`feed-${f}`);
      for (const c of [...model.values()]) if (c.source === `feed-${f}`) model.delete(c.id);
    }
    const fresh = new ClaimIndex([...model.values()]);
    expect(restored.size).toBe(fresh.size);
    const records = byId([...all, reworded, ...added]);
    const extra = [...added.slice(0, 20).map((c) => c.claimReviewed), ...probes];
    expect(answers(restored, records, extra)).toEqual(answers(fresh, records, extra));
    // And it snapshots again, to the same answers.
    expect(answers(ClaimIndex.fromSnapshot(restored.toSnapshot()), records, extra)).toEqual(answers(fresh, records, extra));
  });

  it('a snapshot weighed under other scoring constants answers as an index built under the restoring ones', () => {
    const bytes = new ClaimIndex(all).toSnapshot();
    const other = { k1: 3, b: 1, titleWeight: 2 };
    const records = byId(all);
    // Texts that share words with several claims, so each ranking holds several scored claims.
    const mixed = all.slice(100, 140).map((c, i) => `${c.claimReviewed} ${all[200 + i].title ?? all[300 + i].claimReviewed}`);
    const want = answers(new ClaimIndex(all, other), records, mixed);
    expect(answers(ClaimIndex.fromSnapshot(bytes, other), records, mixed)).toEqual(want);
    // The constants matter: the same snapshot under its own constants ranks differently.
    expect(answers(ClaimIndex.fromSnapshot(bytes), records, mixed).ranked).not.toEqual(want.ranked);
  });

  it('refuses a damaged, truncated or foreign snapshot instead of answering from it', () => {
    const bytes = new ClaimIndex(all).toSnapshot();
    expect(String.fromCharCode(...bytes.subarray(0, 8))).toBe(CLAIM_SNAPSHOT_MAGIC);
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 3]) {
      const bad = bytes.slice();
      bad[at] ^= 0x10;
      expect(() => ClaimIndex.fromSnapshot(bad), `byte ${at}`).toThrow(/damaged/);
    }
    expect(() => ClaimIndex.fromSnapshot(bytes.slice(0, bytes.length - 4))).toThrow(/damaged|truncated/);
    const other = bytes.slice();
    other.set([80, 76, 67, 76, 88, 48, 48, 49], 0); // PLCLX001: the format before the saved postings
    expect(() => ClaimIndex.fromSnapshot(other)).toThrow(/not a claim index snapshot/);
    expect(() => ClaimIndex.fromSnapshot(new Uint8Array(3))).toThrow();
  });

  it('keeps ids of any text (accents, emoji, a lone surrogate, 10,000 characters) through a restore, changes and a second save', () => {
    const odd = ['https://fact.example/ré/1', 'claim 🦠 2', `lone ${String.fromCharCode(0xd800)} surrogate`, `https://long.example/${'x'.repeat(10_000)}`];
    const named = NAMED.map((c, i) => ({ ...c, id: odd[i % odd.length] + `#${i}` }));
    const records = byId(named);
    const restored = ClaimIndex.fromSnapshot(new ClaimIndex(named).toSnapshot());
    expect(answers(restored, records)).toEqual(answers(new ClaimIndex(named), records));
    expect(restored.rank(QUERIES[0], 1)[0].id).toBe(named[0].id);
    // Saved again before any change: the same ids, still unchanged when read back.
    const again = ClaimIndex.fromSnapshot(restored.toSnapshot());
    expect(answers(again, records)).toEqual(answers(new ClaimIndex(named), records));
    // Changes after a restore see every id: a replaced claim, a new one, a source removed.
    const newer = claim('bridge-2', 'The Harbor Bridge reopens to traffic in April after repairs.');
    again.add([{ ...named[1], claimReviewed: 'The Harbor Bridge stays open all of March.' }, newer]);
    expect(again.has(named[1].id)).toBe(true);
    expect(again.size).toBe(named.length + 1);
    expect(again.removeSource('import')).toBe(1);
    expect(again.has(named[5].id)).toBe(false);
    expect(again.size).toBe(named.length);
    const third = ClaimIndex.fromSnapshot(again.toSnapshot());
    expect(third.rank('The Harbor Bridge reopens to traffic in April', 1)[0].id).toBe(newer.id);
    expect(third.rank(QUERIES[2], 1)[0].id).toBe(named[3].id);
  });

  it('keeps a vocabulary past 65,536 terms and a term repeated past 255 times (the wide forms) through a restore', () => {
    // 11,000 claims of about 9 made-up words each: over 65,536 distinct terms.
    const big = [...NAMED, ...synthetic(11_000, 23, 'wide'), claim('chant', `${'ole '.repeat(300)}the stadium chant went on for ${'ole '.repeat(10)}hours.`)];
    const full = new ClaimIndex(big);
    expect(full.stats().terms).toBeGreaterThan(65_536);
    const restored = ClaimIndex.fromSnapshot(full.toSnapshot());
    const probesWide = big.slice(-30).map((c) => c.claimReviewed.replace(/^The /, 'Reports claim the '));
    expect(answers(restored, byId(big), probesWide)).toEqual(answers(full, byId(big), probesWide));
    expect(restored.rank('ole ole ole stadium chant hours', 1)[0].id).toBe(big.at(-1)!.id);
    // A narrow index restores to the same answers as it was built with, and takes the same bytes again.
    const narrow = new ClaimIndex(all);
    const bytes = narrow.toSnapshot();
    expect(ClaimIndex.fromSnapshot(bytes).toSnapshot()).toEqual(bytes);
  }, 30_000); // 11,000 claims built, snapshotted and restored: 3.3 s alone, over 5 s beside the other suites on 2 cores

  it('a misaligned copy of the bytes restores too', () => {
    const bytes = new ClaimIndex(NAMED).toSnapshot();
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(answers(ClaimIndex.fromSnapshot(shifted), byId(NAMED))).toEqual(answers(new ClaimIndex(NAMED), byId(NAMED)));
  });

  it('an index without records says so instead of answering with nothing', () => {
    const restored = ClaimIndex.fromSnapshot(new ClaimIndex(NAMED).toSnapshot());
    expect(() => restored.matchArticle({ paragraphs: [QUERIES[2]] })).toThrow(/keeps no claim records/);
    expect(() => restored.search(QUERIES[2])).toThrow(/keeps no claim records/);
  });
});
