/**
 * `provenance-lens serve`: the HTTP API over a team store on a real Redis Cluster: health, check by
 * article or by fingerprint only, writes behind the token, size caps and clear JSON errors.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintArticle } from '../../../src/core/engine/index';
import type { ArticleRecord, Report } from '../../../src/core/types';
import { RedisStore } from '../../../src/store/redis-store';
import { MAX_BODY_BYTES, createStoreServer } from '../../../src/store/serve';
import { CLUSTER, SKIP_REASON, freshStore } from './cluster-env';

const FERRY = fileURLToPath(new URL('../../fixtures/clusters/ferry/', import.meta.url));
const read = (name: string) => JSON.parse(readFileSync(FERRY + name, 'utf8')) as ArticleRecord;
const TOKEN = 'writer-token-for-tests';

describe.skipIf(!CLUSTER)(CLUSTER ? 'provenance-lens serve on Redis Cluster' : SKIP_REASON, { timeout: 60_000 }, () => {
  let store: RedisStore;
  let server: Server;
  let readOnly: Server;
  let base: string;
  let readOnlyBase: string;
  const listen = (s: Server) =>
    new Promise<string>((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
  const call = async (url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(url, body === undefined ? {} : { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    store = await RedisStore.connect(freshStore('serve', { align: true }));
    server = createStoreServer(store, { token: TOKEN });
    readOnly = createStoreServer(store, { token: null });
    base = await listen(server);
    readOnlyBase = await listen(readOnly);
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await new Promise((r) => readOnly.close(r));
    await store.close();
  });

  it('adds articles with the token only, then checks an article and a fingerprint against them', async () => {
    const docs = ['original.json', 'independent.json', 'syndicated.json'].map(read);
    expect(await call(`${base}/articles`, { articles: docs })).toEqual({ status: 401, body: { error: 'missing or wrong writer token (Authorization: Bearer TOKEN)' } });
    expect((await call(`${readOnlyBase}/articles`, { articles: docs }, { authorization: `Bearer ${TOKEN}` })).status).toBe(403);
    const added = await call(`${base}/articles`, { articles: docs }, { authorization: `Bearer ${TOKEN}` });
    expect(added.status).toBe(200);
    expect((added.body.results as Array<{ status: string }>).map((r) => r.status)).toEqual(['added', 'added', 'added']);
    expect(await call(`${base}/health`)).toEqual({ status: 200, body: { ok: true, store: 'redis', articles: 3, claims: 0 } });

    const scrape = read('scrape.json');
    const checked = await call(`${base}/check`, { article: scrape });
    expect(checked.status).toBe(200);
    const report = checked.body as unknown as Report;
    expect(report.verdict).not.toBe('no-match');
    expect(report.origin?.url).toBe(docs[0].url);

    // Fingerprint only: hashed content terms per sentence, no URL and no text leave the client.
    const fingerprint = { sentences: fingerprintArticle(scrape).sentences.map((s) => ({ terms: s.terms })) };
    const body = JSON.stringify({ fingerprint });
    expect(body).not.toContain('http');
    expect(body).not.toContain(scrape.paragraphs[0].slice(0, 20));
    const byPrint = await call(`${base}/check`, body);
    expect(byPrint.status).toBe(200);
    // The original and its syndicated republication share the scraped text: both come first.
    const urls = (byPrint.body.candidates as Array<{ url: string }>).map((c) => c.url);
    expect(urls.slice(0, 2).sort()).toEqual([docs[0].url, docs[2].url].sort());
  });

  it('a store without alignment data answers a check with its matches, never a verdict', async () => {
    const refs = await RedisStore.connect(freshStore('serve-refs'));
    const server2 = createStoreServer(refs, { token: TOKEN });
    try {
      const base2 = await listen(server2);
      const docs = ['original.json', 'independent.json', 'syndicated.json'].map(read);
      expect((await call(`${base2}/articles`, { articles: docs }, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      const checked = await call(`${base2}/check`, { article: read('scrape.json') });
      expect(checked.status).toBe(200);
      expect(checked.body).not.toHaveProperty('verdict');
      const matches = checked.body.matches as Array<{ url: string; shingleShare: number }>;
      expect(checked.body.schema).toBe('provenance-lens/team-matches@1');
      expect(matches.slice(0, 2).map((m) => m.url).sort()).toEqual([docs[0].url, docs[2].url].sort());
      expect(matches[0].shingleShare).toBeGreaterThan(0.5);
    } finally {
      await new Promise((r) => server2.close(r));
      await refs.close();
    }
  });

  it('answers bad requests with one clear JSON error each', async () => {
    expect(await call(`${base}/check`, '{not json')).toEqual({ status: 400, body: { error: 'the body is not valid JSON' } });
    expect((await call(`${base}/check`, { article: { url: 'x' } })).body.error).toMatch(/^bad article: /);
    expect((await call(`${base}/check`, { fingerprint: { sentences: [{ terms: [-1] }] } })).body.error).toMatch(/^bad fingerprint: /);
    expect((await call(`${base}/nope`)).status).toBe(404);
    const big = await call(`${base}/check`, { article: { url: 'https://a.example/', text: 'x'.repeat(MAX_BODY_BYTES) } });
    expect(big).toEqual({ status: 413, body: { error: `request body over ${MAX_BODY_BYTES} bytes` } });
    const bad = await call(`${base}/articles`, { articles: [read('rewrite.json'), { url: 'https://b.example/' }] }, { authorization: `Bearer ${TOKEN}` });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^articles\[1\]: /);
    // Nothing of a rejected request is written.
    expect((await store.load([read('rewrite.json').url])).size).toBe(0);
  });
});
