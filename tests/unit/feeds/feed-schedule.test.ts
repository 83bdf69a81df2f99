import { describe, expect, it } from 'vitest';
import { nextRefreshTime, REFRESH_INTERVAL_MS, REFRESH_JITTER_MS, RETRY_BASE_MS } from '../../../src/background/feeds/feed-schedule';
import { checkSubscriptionUrl } from '../../../src/background/feeds/feed-manager';
import { signatureUrl } from '../../../src/background/feeds/fetch-feed';

const now = new Date('2024-05-03T12:00:00Z');
const delay = (failures: number, r: number) => Date.parse(nextRefreshTime(now, failures, () => r)) - now.getTime();

describe('refresh schedule', () => {
  it('waits the interval plus a jitter spread over an hour', () => {
    expect(delay(0, 0)).toBe(REFRESH_INTERVAL_MS);
    expect(delay(0, 0.999)).toBeGreaterThan(REFRESH_INTERVAL_MS + 0.99 * REFRESH_JITTER_MS);
    expect(delay(0, 0.3)).not.toBe(delay(0, 0.7));
  });

  it('backs off after failures, doubling up to the normal interval', () => {
    expect(delay(1, 0)).toBe(RETRY_BASE_MS);
    expect(delay(2, 0)).toBe(2 * RETRY_BASE_MS);
    expect(delay(3, 0)).toBe(4 * RETRY_BASE_MS);
    expect(delay(20, 0)).toBe(REFRESH_INTERVAL_MS);
  });
});

describe('subscription URLs', () => {
  it('accepts https only, and loopback http only when allowed (development installs)', () => {
    expect(checkSubscriptionUrl(' https://feeds.example/claims.json ')).toBe('https://feeds.example/claims.json');
    expect(() => checkSubscriptionUrl('http://feeds.example/claims.json')).toThrow(/https/);
    expect(() => checkSubscriptionUrl('http://127.0.0.1:8080/claims.json')).toThrow(/https/);
    expect(checkSubscriptionUrl('http://127.0.0.1:8080/claims.json', true)).toBe('http://127.0.0.1:8080/claims.json');
    expect(checkSubscriptionUrl('http://demo.localhost:8080/f.json', true)).toBe('http://demo.localhost:8080/f.json');
    expect(() => checkSubscriptionUrl('http://10.0.0.2/f.json', true)).toThrow(/https/);
    expect(() => checkSubscriptionUrl('file:///etc/passwd', true)).toThrow(/https/);
    expect(() => checkSubscriptionUrl('not a url')).toThrow(/web address/);
  });

  it('derives the signature address from the subscription, keeping the query', () => {
    expect(signatureUrl('https://feeds.example/a/claims.json?v=2')).toBe('https://feeds.example/a/claims.json.sig?v=2');
  });
});
