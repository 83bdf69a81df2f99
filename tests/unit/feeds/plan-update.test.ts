import { describe, expect, it } from 'vitest';
import { planUpdate, type FeedState, type FetchOutcome } from '../../../src/core/feeds';
import { bytes, claimReview, dataFeed, keyPair, pack } from './feed-fixtures';

const feed = (over: Partial<FeedState> = {}): FeedState => ({ id: 'feed-1', kind: 'claimreview', publicKey: null, dataVersion: null, ...over });
const response = (body: unknown, over: Partial<Extract<FetchOutcome, { type: 'response' }>> = {}): FetchOutcome => ({
  type: 'response',
  status: 200,
  contentType: 'application/json',
  body: body instanceof Uint8Array ? body : bytes(body),
  etag: '"v1"',
  lastModified: null,
  signature: null,
  ...over,
});

describe('planUpdate: each kind of bad update is rejected with a clear error', () => {
  const cases: Array<[string, FetchOutcome, RegExp, string]> = [
    ['network error', { type: 'network-error', message: 'connection refused' }, /Network error: connection refused/, 'network'],
    ['HTTP error', response('nope', { status: 503 }), /HTTP 503/, 'http'],
    ['too large', { type: 'too-large', limit: 64 * 1024 * 1024 }, /larger than 64 MiB/, 'too-large'],
    ['HTML error page', response('<!doctype html><title>Oops</title>', { contentType: 'text/html; charset=utf-8' }), /web page instead of the feed/, 'html'],
    ['HTML served as JSON', response('\n  <html><body>Login</body></html>'), /web page/, 'html'],
    ['invalid JSON', response('{"@type": "DataFeed",'), /not valid JSON/, 'json'],
    ['not UTF-8', response(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), /not UTF-8/, 'encoding'],
    ['schema error (unknown envelope key)', response({ ...dataFeed([claimReview(1)]), script: 'alert(1)' }), /unknown key "script"/, 'schema'],
    ['schema error (not a feed)', response({ hello: 'world' }), /Not a ClaimReview feed/, 'schema'],
    ['schema error (every record bad)', response([{ '@type': 'ClaimReview', claimReviewed: 5 }]), /No valid ClaimReview/, 'schema'],
  ];
  for (const [name, outcome, message, code] of cases) {
    it(name, async () => {
      const plan = await planUpdate(feed(), outcome);
      expect(plan.action).toBe('reject');
      if (plan.action === 'reject') {
        expect(plan.code).toBe(code);
        expect(plan.error).toMatch(message);
      }
    });
  }

  it('older than what is stored', async () => {
    const plan = await planUpdate(feed({ dataVersion: '2024-06-01T00:00:00Z' }), response(dataFeed([claimReview(1)], '2024-05-01T00:00:00Z')));
    expect(plan).toMatchObject({ action: 'reject', code: 'older' });
  });

  it('an older pack', async () => {
    const plan = await planUpdate(feed({ kind: 'pack', dataVersion: '2024-06-01T00:00:00Z' }), response(pack(1, '2024-05-01T00:00:00Z')));
    expect(plan).toMatchObject({ action: 'reject', code: 'older' });
  });
});

describe('planUpdate: good updates', () => {
  it('accepts a DataFeed, skipping and counting one bad record', async () => {
    const plan = await planUpdate(feed(), response(dataFeed([claimReview(1), claimReview(2, { onclick: 'x' }), claimReview(3)])));
    expect(plan.action).toBe('replace');
    if (plan.action === 'replace' && plan.kind === 'claimreview') {
      expect(plan.claims.map((c) => c.id)).toEqual(['https://factcheck.example/review/1', 'https://factcheck.example/review/3']);
      expect(plan.claims.every((c) => c.source === 'feed-1')).toBe(true);
      expect(plan.skipped).toBe(1);
      expect(plan.dataVersion).toBe('2024-05-03T00:00:00Z');
      expect(plan.etag).toBe('"v1"');
    }
  });

  it('accepts a plain array and the same version again', async () => {
    const plan = await planUpdate(feed({ dataVersion: '2024-05-03T00:00:00Z' }), response(dataFeed([claimReview(1)])));
    expect(plan.action).toBe('replace');
  });

  it('reports 304 as unchanged', async () => {
    expect(await planUpdate(feed(), { type: 'not-modified' })).toEqual({ action: 'unchanged' });
  });

  it('accepts a pack and drops URLs it names that are not public https', async () => {
    const p = pack(2);
    (p.entries[0].links as string[]).push('javascript:alert(1)', 'https://10.0.0.1/admin', 'http://news.example/x');
    const plan = await planUpdate(feed({ kind: 'pack' }), response(p));
    expect(plan.action).toBe('replace');
    if (plan.action === 'replace' && plan.kind === 'pack') {
      expect(plan.entries).toHaveLength(2);
      expect(plan.entries[0].links).toEqual(['https://harbor.example/notice']);
      expect(plan.dataVersion).toBe('2024-05-03T00:00:00Z');
    }
  });
});

describe('planUpdate: signed feeds', () => {
  it('accepts the pinned publisher signature and rejects a wrong key or a missing signature', async () => {
    const publisher = await keyPair();
    const other = await keyPair();
    const body = bytes(dataFeed([claimReview(1)]));
    const signed = feed({ publicKey: publisher.publicKey });
    expect((await planUpdate(signed, response(body, { signature: await publisher.sign(body) }))).action).toBe('replace');
    expect(await planUpdate(signed, response(body, { signature: await other.sign(body) }))).toMatchObject({ action: 'reject', code: 'signature' });
    expect(await planUpdate(signed, response(body))).toMatchObject({ action: 'reject', code: 'signature', error: expect.stringMatching(/no signature/) });
  });
});
