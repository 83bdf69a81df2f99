/**
 * `provenance-lens serve` treats every request as untrusted input (the one record validator in its
 * untrusted mode, the one bounded JSON reader): a hostile address, an oversized field or a nesting
 * bomb is refused with one clear 400 before the store is touched. No Redis needed: the store here
 * fails the test if any call reaches it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintArticle } from '../../../src/core/engine/index';
import { MAX_META_CHARS } from '../../../src/core/records/parse-record';
import type { ArticleRecord } from '../../../src/core/types';
import type { ProvenanceStore } from '../../../src/store/provenance-store';
import { createStoreServer } from '../../../src/store/serve';

const TOKEN = 'writer-token-for-tests';
const reached: string[] = [];
const untouchable = new Proxy({ name: 'none' } as ProvenanceStore, {
  get: (target, key) => (key === 'name' ? target.name : () => (reached.push(String(key)), Promise.reject(new Error(`store.${String(key)} reached`)))),
});

const article = (over: Partial<ArticleRecord> = {}): ArticleRecord => ({
  url: 'https://news.example/a', title: 'Bridge closes', byline: null, siteName: null, lang: 'en', publishedTime: null, modifiedTime: null,
  paragraphs: ['The harbor authority closed the bridge on Monday after engineers found corrosion.'], links: [],
  signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null }, ...over,
});

describe('serve refuses untrusted input before the store', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createStoreServer(untouchable, { token: TOKEN });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const post = async (path: string, body: unknown) => {
    const res = await fetch(base + path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { authorization: `Bearer ${TOKEN}` } });
    return { status: res.status, error: ((await res.json()) as { error?: string }).error };
  };

  it('an article or pack entry whose address is not http(s), in either form', async () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x']) {
      expect(await post('/check', { article: article({ url }) })).toEqual({ status: 400, error: 'bad article: url: not an http(s) URL' });
      expect(await post('/check', { article: { url, text: 'The harbor authority closed the bridge.' } })).toEqual({ status: 400, error: 'bad article: url: not an http(s) URL' });
      const entry = { ...fingerprintArticle(article()), url };
      expect(await post('/articles', { articles: [entry] })).toEqual({ status: 400, error: 'articles[0]: bad pack entry: url: not an http(s) URL' });
    }
  });

  it('oversized fields and unknown keys in a pack entry', async () => {
    expect((await post('/articles', { articles: [article(), article({ title: 'x'.repeat(MAX_META_CHARS + 1) })] })).error).toMatch(/^articles\[1\]: title: /);
    expect((await post('/articles', { articles: [{ ...fingerprintArticle(article()), script: 'alert(1)' }] })).status).toBe(400);
  });

  it('a nesting bomb, with a clear 400', async () => {
    expect(await post('/check', '['.repeat(100_000) + ']'.repeat(100_000))).toEqual({ status: 400, error: 'the body is nested more than 64 levels deep' });
    expect(await post('/check', '{not json')).toEqual({ status: 400, error: 'the body is not valid JSON' });
  });

  it('never reached the store', () => {
    expect(reached).toEqual([]);
  });
});
