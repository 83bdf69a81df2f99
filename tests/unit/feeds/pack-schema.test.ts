import { describe, expect, it } from 'vitest';
import { PACK_SCHEMA, parsePack, MAX_FEED_RECORDS } from '../../../src/core/feeds';
import { article, pack } from './feed-fixtures';
import { buildPack } from '../../../src/core/feeds';

describe('provenance pack format', () => {
  it('round-trips: a built pack, serialised, parses back whole', () => {
    const p = pack(3);
    const r = parsePack(JSON.parse(JSON.stringify(p)));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.pack.schema).toBe(PACK_SCHEMA);
      expect(r.pack.entries.map((e) => e.url)).toEqual(p.entries.map((e) => e.url));
      expect(r.skipped).toBe(0);
    }
  });

  it('carries fingerprints, not the article text', () => {
    const json = JSON.stringify(buildPack([article(7)], { publisher: { name: 'N' } }));
    expect(json).not.toContain('Engineers found corrosion');
    expect(json).toContain('"shingles"');
  });

  it('rejects unknown keys in the envelope and a wrong schema tag', () => {
    expect(parsePack({ ...pack(1), extra: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/unknown key "extra"/) });
    expect(parsePack({ ...pack(1), schema: 'provenance-lens/pack@2' }).ok).toBe(false);
    expect(parsePack({ ...pack(1), generated: 'yesterday' }).ok).toBe(false);
  });

  it('skips and counts a bad entry: unknown key, non-https url, wrong types', () => {
    const p = JSON.parse(JSON.stringify(pack(4)));
    p.entries[1].selector = 'div.article';
    p.entries[2].url = 'http://news.example/plain';
    p.entries[3].sentences[0].terms = ['not-a-hash'];
    const r = parsePack(p);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.pack.entries).toHaveLength(1);
      expect(r.skipped).toBe(3);
      expect(r.errors.join('\n')).toMatch(/unknown key "entries\.1\.selector"|unknown key "selector"/);
    }
  });

  it('caps the number of entries', () => {
    const p = JSON.parse(JSON.stringify(pack(1)));
    p.entries = new Array(MAX_FEED_RECORDS + 1).fill(p.entries[0]);
    expect(parsePack(p).ok).toBe(false);
  });
});
