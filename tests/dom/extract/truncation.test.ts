/**
 * Partial text: the notices that mark where a paywall or teaser cut the article, the
 * isAccessibleForFree declaration, and the `partial` field extraction puts on the record.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index';
import { findTruncation } from '../../../src/extract/find-truncation';
import { readMetadata } from '../../../src/extract/read-metadata';

const doc = (html: string) => parseHTML(html).document as unknown as Document;
const PARAS = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the council story tells what the councillors decided about the harbour, the ferry terminal and the budget for the coming year, at some length.</p>`).join('');

describe('findTruncation', () => {
  it.each(['Subscribe to continue reading.', 'Continue reading', 'Already a subscriber? Log in', 'The rest of this article is only available to subscribers.', 'This article is available to members only.'])(
    'finds the cut notice %j at the end',
    (notice) => expect(findTruncation(['First paragraph of the story.', notice])).toMatch(/only the start/),
  );
  it('ignores the mid-article divider, a credit line, a notice inside a long paragraph and one far from the end', () => {
    expect(findTruncation(['Text.', 'Continue reading the main story'])).toBeNull();
    expect(findTruncation(['Text.', 'Read the full story at The Harbor Ledger.'])).toBeNull();
    expect(findTruncation([`He said readers would continue reading newspapers ${'for many years to come, '.repeat(8)}.`])).toBeNull();
    expect(findTruncation(['Subscribe to continue reading.', 'Second.', 'Third.', 'Fourth.'])).toBeNull();
  });
  it('also reads the page lines dropped around the text', () => {
    expect(findTruncation(['Text.'], ['Subscribe now to keep reading'])).toMatch(/only the start/);
    expect(findTruncation(['Text.'], ['Subscribe to our newsletter'])).toBeNull();
    expect(findTruncation(['Text.'], ['Sign in to continue reading'])).toMatch(/only the start/);
  });
});

describe('isAccessibleForFree and the partial record', () => {
  const page = (ld: string, tail = '') =>
    `<html><head><title>T</title><script type="application/ld+json">${ld}</script></head><body><article><h1>Council closes ferry</h1>${PARAS}${tail}</article></body></html>`;
  it('reads isAccessibleForFree as written (boolean or string)', () => {
    expect(readMetadata(doc(page('{"@type":"NewsArticle","isAccessibleForFree":false}')), 'https://a.example/x').accessibleForFree).toBe(false);
    expect(readMetadata(doc(page('{"@type":"NewsArticle","isAccessibleForFree":"False"}')), 'https://a.example/x').accessibleForFree).toBe(false);
    expect(readMetadata(doc(page('{"@type":"NewsArticle"}')), 'https://a.example/x').accessibleForFree).toBeNull();
  });
  it('marks the record partial for a paywalled page or a cut notice, and not otherwise', () => {
    const paywalled = extractArticle(doc(page('{"@type":"NewsArticle","isAccessibleForFree":false}')), { url: 'https://a.example/x' });
    expect(paywalled.ok && paywalled.article.partial).toMatch(/isAccessibleForFree/);
    const teaser = extractArticle(doc(page('{"@type":"NewsArticle"}', '<p>Subscribe to continue reading.</p>')), { url: 'https://a.example/x' });
    expect(teaser.ok && teaser.article.partial).toMatch(/only the start/);
    const whole = extractArticle(doc(page('{"@type":"NewsArticle"}')), { url: 'https://a.example/x' });
    expect(whole.ok && whole.article.partial).toBeUndefined();
  });
});
