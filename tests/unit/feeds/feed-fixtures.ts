/** Shared builders for feed tests: a valid ClaimReview DataFeed, a valid pack, Ed25519 keys. */
import { buildPack } from '../../../src/core/feeds';
import type { ArticleRecord } from '../../../src/core/types';

/** A ClaimReview record. */
export function claimReview(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@type': 'ClaimReview',
    url: `https://factcheck.example/review/${n}`,
    datePublished: '2024-05-02',
    claimReviewed: `Claim number ${n} about the harbor bridge closure ${n}`,
    author: { '@type': 'Organization', name: 'Fact Desk' },
    reviewRating: { '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 5, worstRating: 1 },
    ...over,
  };
}

/** A DataFeed of ClaimReview (Data Commons shape). */
export function dataFeed(records: unknown[], dateModified = '2024-05-03T00:00:00Z'): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'DataFeed',
    name: 'Fact Desk feed',
    dateModified,
    dataFeedElement: records.map((r) => ({ '@type': 'DataFeedItem', dateCreated: '2024-05-02T00:00:00Z', item: [r] })),
  };
}

/** An article record for packs. */
export function article(n: number): ArticleRecord {
  return {
    url: `https://news.example/story/${n}`,
    title: `Story ${n}`,
    byline: 'A. Reporter',
    siteName: 'News Example',
    lang: 'en',
    publishedTime: '2024-05-01T10:00:00Z',
    modifiedTime: null,
    paragraphs: [
      `The harbor authority announced on Monday that the bridge ${n} would close for repairs.`,
      'Engineers found corrosion in the main cables during a routine inspection last month.',
    ],
    links: [{ href: 'https://harbor.example/notice', text: 'notice' }],
    signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
  };
}

/** A valid pack of `n` articles. */
export function pack(n: number, generated = '2024-05-03T00:00:00Z') {
  return buildPack(Array.from({ length: n }, (_, i) => article(i)), { publisher: { name: 'News Example', url: 'https://news.example/' }, generated });
}

/** A fresh Ed25519 key pair with its public key as base64 (raw 32 bytes). */
export async function keyPair(): Promise<{ sign: (data: Uint8Array) => Promise<string>; publicKey: string }> {
  const kp = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', kp.publicKey));
  return {
    publicKey: Buffer.from(raw).toString('base64'),
    sign: async (data) => Buffer.from(await crypto.subtle.sign({ name: 'Ed25519' }, kp.privateKey, data as Uint8Array<ArrayBuffer>)).toString('base64'),
  };
}

/** UTF-8 bytes of a JSON value. */
export const bytes = (x: unknown) => new TextEncoder().encode(typeof x === 'string' ? x : JSON.stringify(x));
