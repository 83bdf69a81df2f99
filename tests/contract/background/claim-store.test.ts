/**
 * The claim index snapshot in IndexedDB (fake-indexeddb): a cold store loads the index from it and
 * reads claim records by id only for candidates; a damaged, stale or half-written snapshot is
 * rebuilt from the claims, never trusted; a change to the claims (one `changed` event) moves the
 * live index on and the snapshot with it.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ClaimStore } from '../../../src/background/claim-store';
import { ClaimIndex } from '../../../src/core/claims';
import type { ClaimMatch, KnownClaim } from '../../../src/core/types';
import { openDb, type Db } from '../../../src/platform/db';
import { fromStoredSnapshot } from '../../../src/platform/snapshot-rows';
import { CLAIM_SNAPSHOT_KEY, addClaims, type ClaimSnapshot, applyFeedRecords, readClaimSnapshot } from '../../../src/platform/feed-store';

import { knownClaim } from '../../helpers/known-claim';

const claim = (id: string, text: string, source = 'feed-1'): KnownClaim => knownClaim(id, text, { source });

/** Filler claims of made-up words, so candidates are a small part of the store. */
function filler(n: number): KnownClaim[] {
  let s = 11;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const word = () => Array.from({ length: 5 }, () => 'bcdfghklmnprstvz'[Math.floor(r() * 16)] + 'aeiou'[Math.floor(r() * 5)]).join('');
  return Array.from({ length: n }, (_, i) => claim(`filler-${i}`, `The ${word()} of ${word()} ${word()} ${Math.floor(r() * 500)} ${word()} in ${word()}.`));
}

const CLAIMS = [
  claim('obama-kenya', 'Barack Obama was born in Kenya.'),
  claim('ferry', 'State ferry fares will double in January because of a new fuel tax.'),
  claim('bridge', 'The Harbor Bridge will be closed to all traffic for the whole of March.'),
  ...filler(400),
];
const NEW = claim('microchip', 'COVID-19 vaccines contain microchips that track people through 5G networks.', 'harvest');
const ARTICLE = {
  url: 'https://news.example/story',
  paragraphs: [
    'Posts shared this week claim that Barack Obama was born in Kenya, not Hawaii.',
    'Commuters were told that state ferry fares will double in January because of the new fuel tax.',
    'Others say the covid vaccines hold microchips that track people through 5G networks.',
  ],
};

let db: Db;
let builds: number;
let restores: number;
let warnings: unknown[];

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openDb({ name: `pl-claims-${Math.random()}` });
  builds = 0;
  restores = 0;
  warnings = [];
});

/** A claim store as the worker makes it (terms only, snapshots on), over `conn`. A new one is a cold start. */
function store(conn: Db = db): ClaimStore {
  return new ClaimStore({
    db: async () => conn,
    createIndex: (c) => (builds++, new ClaimIndex(c, {}, { keepRecords: false })),
    indexFromSnapshot: (bytes) => (restores++, ClaimIndex.fromSnapshot(bytes)),
    log: { warn: (...args: unknown[]) => warnings.push(args) },
    snapshotDelayMs: 0,
  });
}

/** Waits until the snapshot row covers the current claims generation (the save is debounced). */
async function snapshotSaved(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { snapshot, generation } = await readClaimSnapshot(db);
    if (snapshot && snapshot.generation === generation) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('snapshot not saved');
}

const ids = (ms: ClaimMatch[]) => ms.map((m) => m.claim.id);

/** What a user sees: the article's claim matches and a search. */
async function answers(s: ClaimStore) {
  return { matches: await s.matchArticle(ARTICLE), search: await s.search('ferry fares double in January', 3) };
}

describe('claim index snapshot', () => {
  it('reads the snapshot ahead without restoring it, restores it on first use, and reads again after a change meanwhile', async () => {
    await applyFeedRecords(db, { id: 'feed-1', url: 'https://feeds.example/c.json', kind: 'claimreview' } as never, { kind: 'claimreview', claims: CLAIMS });
    const want = await answers(store());
    await snapshotSaved();

    const cold = store();
    cold.readAhead();
    await new Promise((r) => setTimeout(r, 20));
    expect([cold.ready(), restores]).toEqual([false, 0]);
    expect(await answers(cold)).toEqual(want);
    expect([cold.ready(), restores, builds]).toEqual([true, 1, 1]);

    // A claim harvested between the read-ahead and the first use is not lost to the older row.
    const other = store();
    other.readAhead();
    await new Promise((r) => setTimeout(r, 20));
    await other.add([NEW]);
    expect(ids(await other.matchArticle(ARTICLE))).toEqual([CLAIMS[0].id, CLAIMS[1].id, NEW.id]);
  });

  it('a cold store loads the index from the snapshot, answers identically and reads only candidate records', async () => {
    await applyFeedRecords(db, { id: 'feed-1', url: 'https://feeds.example/c.json', kind: 'claimreview' } as never, { kind: 'claimreview', claims: CLAIMS });
    const warm = store();
    const want = await answers(warm);
    expect(ids(want.matches)).toEqual([CLAIMS[0].id, CLAIMS[1].id]);
    expect(want.search[0].claim).toEqual(CLAIMS[1]);
    expect(builds).toBe(1);
    await snapshotSaved();

    const cold = store();
    expect(await answers(cold)).toEqual(want);
    expect([builds, restores]).toEqual([1, 1]); // restored, not rebuilt
    // The restored index holds terms only: every record came from the store, by id.
    const index = await cold.index();
    expect(CLAIMS.filter((c) => index.get(c.id)).length).toBe(0);
    expect(index.planMatches(ARTICLE).ids.length).toBeLessThan(10);
    expect(warnings).toEqual([]);
  });

  it('a damaged snapshot is rebuilt from the claims, never trusted', async () => {
    await applyFeedRecords(db, { id: 'feed-1', url: 'https://feeds.example/c.json', kind: 'claimreview' } as never, { kind: 'claimreview', claims: CLAIMS });
    const want = await answers(store());
    await snapshotSaved();
    const row = (await db.get('meta', CLAIM_SNAPSHOT_KEY))!;
    const snap = (await fromStoredSnapshot<ClaimSnapshot>(row.value))!;
    snap.bytes[Math.floor(snap.bytes.length / 2)] ^= 0x01;
    await db.put('meta', { ...row, value: { ...(row.value as object), blob: new Blob([snap.bytes as Uint8Array<ArrayBuffer>]) } });

    const cold = store();
    expect(await answers(cold)).toEqual(want);
    expect([builds, restores]).toEqual([2, 1]);
    expect(String((warnings[0] as unknown[])[1])).toMatch(/damaged/);
    // The rebuilt index saved a good snapshot again.
    await snapshotSaved();
    expect(await answers(store())).toEqual(want);
    expect([builds, restores]).toEqual([2, 2]);
  });

  it('a stale snapshot (claims written since, by anyone) is rebuilt', async () => {
    await addClaims(db, CLAIMS);
    await answers(store());
    await snapshotSaved();
    // Written behind the store's back: only the generation tells the snapshot is old.
    await addClaims(db, [NEW]);
    const cold = store();
    expect(ids(await cold.matchArticle(ARTICLE))).toEqual([CLAIMS[0].id, CLAIMS[1].id, NEW.id]);
    expect([builds, restores]).toEqual([2, 0]);
  });

  it('a change to the claims (one changed event) moves the live index and the snapshot on', async () => {
    await addClaims(db, CLAIMS);
    await answers(store());
    await snapshotSaved();
    const before = (await readClaimSnapshot(db)).snapshot!.generation;
    const live = store();
    await live.index(); // restored from the snapshot
    const events: string[] = [];
    const changed = live.changed.bind(live);
    live.changed = (c) => (events.push(c.kind), changed(c));
    await live.add([NEW]);
    expect(events).toEqual(['added']);
    expect(ids(await live.matchArticle(ARTICLE))).toContain(NEW.id);
    // The old snapshot no longer passes for current; the new one, saved after the change, does.
    expect((await readClaimSnapshot(db)).generation).not.toBe(before);
    await snapshotSaved();
    const cold = store();
    expect(ids(await cold.matchArticle(ARTICLE))).toEqual([CLAIMS[0].id, CLAIMS[1].id, NEW.id]);
    expect(builds).toBe(1); // never rebuilt: restored, changed in place, saved, restored
    // Forgetting a source is a change too.
    await cold.forgetSource('harvest');
    await snapshotSaved();
    expect(ids(await store().matchArticle(ARTICLE))).toEqual([CLAIMS[0].id, CLAIMS[1].id]);
    expect(builds).toBe(1);
  });

  it('a worker stopped mid-write of the snapshot leaves a usable state', async () => {
    await addClaims(db, CLAIMS);
    await answers(store());
    await snapshotSaved();
    // The next save's transaction is cut off right after its put (as when the browser stops the
    // worker): IndexedDB rolls it back, the earlier snapshot stays as it was.
    const stopped = new Proxy(db, {
      get(target, key) {
        if (key !== 'transaction') return Reflect.get(target, key, target);
        return (names: never, mode?: IDBTransactionMode) => {
          const tx = target.transaction(names, mode);
          if (mode === 'readwrite' && (names as string) === 'meta') {
            const meta = tx.store as unknown as { put: (v: never) => Promise<unknown> };
            const put = meta.put.bind(meta);
            meta.put = (v: never) => {
              const p = put(v);
              p.catch(() => undefined);
              tx.abort();
              return p;
            };
            tx.done.catch(() => undefined);
          }
          return tx;
        };
      },
    }) as Db;
    const dying = store(stopped);
    await dying.index();
    await dying.add([NEW]);
    // The snapshot is saved in the background after add() returns: wait for its warning rather than
    // for a fixed time (a loaded machine took longer than 50 ms).
    await vi.waitFor(() => expect(warnings.length).toBe(1), { timeout: 5_000 }); // "snapshot not saved"
    const { snapshot, generation } = await readClaimSnapshot(db);
    expect(snapshot && snapshot.generation).not.toBe(generation); // the old one, seen as stale
    // The next cold start rebuilds from the claims, which hold the change, and saves anew.
    const cold = store();
    expect(ids(await cold.matchArticle(ARTICLE))).toEqual([CLAIMS[0].id, CLAIMS[1].id, NEW.id]);
    await snapshotSaved();
    expect(ids(await store().matchArticle(ARTICLE))).toEqual([CLAIMS[0].id, CLAIMS[1].id, NEW.id]);
  });
});
