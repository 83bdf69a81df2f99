/**
 * The dispute store on a storage.local stand-in: disputes are kept per page, disputing the same
 * thing again replaces it, undo removes exactly one, bad records in storage are dropped and
 * counted (and gone at the next write), the cap drops the oldest, and quick writes lose nothing.
 */
import { describe, expect, it } from 'vitest';
import { DisputeStore, MAX_DISPUTES } from '../../../src/platform/dispute-store';
import type { DisputeRecord } from '../../../src/core/types';
import { MemoryArea } from '../background/fake-browser';

const PAGE = 'https://digest.example/trending/seawall';
const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
const verdict = (n: number, pageUrl = PAGE): DisputeRecord => ({ pageUrl, target: { kind: 'verdict', verdict: 'verbatim-copy', sourceUrl: 'https://ledger.example/a' }, disputedAt: at(n) });
const claim = (id: string, n: number, pageUrl = PAGE): DisputeRecord => ({ pageUrl, target: { kind: 'claim', claimId: id }, disputedAt: at(n) });

describe('DisputeStore', () => {
  it('keeps disputes per page; the same thing disputed again replaces the first; undo removes only that one', async () => {
    const area = new MemoryArea();
    const store = new DisputeStore(area);
    expect(await store.forPage(PAGE)).toEqual([]);
    await store.put(verdict(1));
    await store.put(claim('c1', 2));
    await store.put(claim('c1', 3, 'https://other.example/story'));
    expect(await store.put(verdict(4))).toEqual([claim('c1', 2), verdict(4)]);
    expect(await store.forPage(PAGE)).toEqual([claim('c1', 2), verdict(4)]);
    expect(await store.remove(PAGE, verdict(0).target)).toEqual([claim('c1', 2)]);
    // Undo of something not disputed changes nothing.
    expect(await store.remove(PAGE, { kind: 'claim', claimId: 'c9' })).toEqual([claim('c1', 2)]);
    expect((await store.all()).records).toEqual([claim('c1', 2), claim('c1', 3, 'https://other.example/story')]);
    // Kept in storage.local under one key, beside whatever else is there.
    await area.set({ settings: { highlights: true } });
    await store.clear();
    expect([...area.data.keys()]).toEqual(['settings']);
    expect(await store.all()).toEqual({ records: [], skipped: 0 });
  });

  it('drops and counts bad records found in storage, and writes only valid ones back', async () => {
    const area = new MemoryArea();
    const good = [verdict(1), claim('c1', 2)];
    await area.set({ disputes: [good[0], null, { pageUrl: PAGE }, { ...claim('c2', 3), disputedAt: 'soon' }, { ...verdict(4), target: { kind: 'verdict', verdict: 'stolen', sourceUrl: null } }, good[1]] });
    const store = new DisputeStore(area);
    expect(await store.all()).toEqual({ records: good, skipped: 4 });
    await store.put(claim('c3', 5));
    expect(area.data.get('disputes')).toEqual([...good, claim('c3', 5)]);
    // Not a list at all: nothing is kept from it, and the store still works.
    await area.set({ disputes: { pageUrl: PAGE } });
    expect(await store.all()).toEqual({ records: [], skipped: 1 });
    expect(await store.put(verdict(6))).toEqual([verdict(6)]);
  });

  it(`keeps at most the cap (${MAX_DISPUTES.toLocaleString('en')} by default), dropping the oldest`, async () => {
    const small = new DisputeStore(new MemoryArea(), 3);
    for (let i = 0; i < 5; i++) await small.put(claim(`c${i}`, i));
    expect((await small.all()).records.map((r) => r.target.kind === 'claim' && r.target.claimId)).toEqual(['c2', 'c3', 'c4']);
    // Disputing an old thing again makes it the newest, so it is not the next dropped.
    await small.put(claim('c2', 9));
    await small.put(claim('c5', 10));
    expect((await small.all()).records.map((r) => r.target.kind === 'claim' && r.target.claimId)).toEqual(['c4', 'c2', 'c5']);

    const area = new MemoryArea();
    const full = Array.from({ length: MAX_DISPUTES }, (_, i) => claim(`https://check.example/${i}`, i, `https://news.example/story/${i}`));
    await area.set({ disputes: full });
    const store = new DisputeStore(area);
    await store.put(verdict(MAX_DISPUTES));
    const kept = (await store.all()).records;
    expect(kept).toHaveLength(MAX_DISPUTES);
    expect(kept[0]).toEqual(full[1]);
    expect(kept.at(-1)).toEqual(verdict(MAX_DISPUTES));
  });

  it('loses no dispute when several are written at once', async () => {
    const store = new DisputeStore(new MemoryArea());
    await Promise.all([store.put(claim('a', 1)), store.put(claim('b', 2)), store.remove(PAGE, { kind: 'claim', claimId: 'a' }), store.put(claim('c', 3))]);
    expect((await store.forPage(PAGE)).map((r) => r.target.kind === 'claim' && r.target.claimId)).toEqual(['b', 'c']);
  });
});
