/**
 * The reader's disputes in the core: the record shape (parseRecord 'dispute', both trust levels),
 * what a dispute names (the verdict with its source, or a claim warning), which stored disputes
 * still apply to a report, and how the evidence export carries them (additive).
 */
import { describe, expect, it } from 'vitest';
import { disputeKey, disputesOf, resolveDispute } from '../../src/core/disputes';
import { buildEvidence } from '../../src/core/export/build-evidence';
import { parseRecord } from '../../src/core/records/parse-record';
import type { ArticleRecord, ClaimMatch, DisputeRecord, Report } from '../../src/core/types';

const PAGE = 'https://digest.example/trending/seawall';
const SOURCE = 'https://ledger.example/news/seawall';
const AT = '2026-12-05T08:00:00.000Z';

const SENTENCES = ['The council approved a 48 million dollar seawall on Tuesday night.', 'Taxes will rise by 40 percent for every home.'];
const ARTICLE: ArticleRecord = {
  url: PAGE, title: 'Seawall', byline: null, siteName: 'Digest', lang: 'en', publishedTime: null, modifiedTime: null,
  paragraphs: SENTENCES, links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
};

function claim(id: string, stance: ClaimMatch['stance']): ClaimMatch {
  const start = SENTENCES[0].length + 2;
  return {
    text: SENTENCES[1], start, end: start + SENTENCES[1].length, score: 1, stance,
    claim: { id, url: id, claimReviewed: 'Taxes rise 40 percent', rating: 'False', reviewer: 'Check Desk', source: 'feed' },
  };
}

function report(over: Partial<Report> = {}): Report {
  const ref = { url: SOURCE, title: 'Original', siteName: 'Ledger', publishedTime: null };
  return {
    schema: 'provenance-lens/report@1',
    article: { url: PAGE, title: 'Seawall', siteName: 'Digest', publishedTime: null, byline: null, lang: 'en', wordCount: 20 },
    verdict: 'verbatim-copy', credited: false, summary: 'Copied word for word from Ledger.',
    origin: ref, directSource: ref, related: [], passages: [],
    claims: [claim('https://check.example/1', 'repeats'), claim('https://check.example/2', 'refutes')],
    ...over,
  };
}

const verdictDispute: DisputeRecord = { pageUrl: PAGE, target: { kind: 'verdict', verdict: 'verbatim-copy', sourceUrl: SOURCE }, disputedAt: AT };
const claimDispute: DisputeRecord = { pageUrl: PAGE, target: { kind: 'claim', claimId: 'https://check.example/1' }, disputedAt: AT };

describe("parseRecord('dispute')", () => {
  it('keeps both kinds of dispute the product writes, at both trust levels, unchanged', () => {
    for (const rec of [verdictDispute, claimDispute, { ...verdictDispute, target: { kind: 'verdict', verdict: 'original', sourceUrl: null } }]) {
      expect(parseRecord('dispute', rec, 'untrusted')).toEqual({ ok: true, value: rec });
      expect(parseRecord('dispute', rec, 'own')).toEqual({ ok: true, value: rec });
    }
  });

  it('refuses bad records', () => {
    const bad: unknown[] = [
      null,
      'a dispute',
      [],
      { ...verdictDispute, pageUrl: '' },
      { ...verdictDispute, disputedAt: 'yesterday' },
      { ...verdictDispute, disputedAt: '2026-13-45T99:99:00Z' },
      { ...verdictDispute, target: { kind: 'verdict', verdict: 'plagiarism', sourceUrl: SOURCE } },
      { ...verdictDispute, target: { kind: 'verdict', verdict: 'verbatim-copy' } },
      { ...verdictDispute, target: { kind: 'headline' } },
      { ...claimDispute, target: { kind: 'claim', claimId: '' } },
      { ...claimDispute, target: { kind: 'claim', claimId: 42 } },
      { pageUrl: PAGE, disputedAt: AT },
    ];
    for (const raw of bad) {
      expect(parseRecord('dispute', raw, 'own').ok, JSON.stringify(raw)).toBe(false);
      expect(parseRecord('dispute', raw, 'untrusted').ok, JSON.stringify(raw)).toBe(false);
    }
  });

  it('from outside: only http(s) pages and sources, capped claim ids, unknown keys dropped; our own records keep them', () => {
    expect(parseRecord('dispute', { ...verdictDispute, pageUrl: 'javascript:alert(1)' }, 'untrusted').ok).toBe(false);
    expect(parseRecord('dispute', { ...verdictDispute, target: { ...verdictDispute.target, sourceUrl: 'file:///etc/passwd' } }, 'untrusted').ok).toBe(false);
    expect(parseRecord('dispute', { ...claimDispute, target: { kind: 'claim', claimId: 'x'.repeat(5000) } }, 'untrusted').ok).toBe(false);
    const extra = { ...claimDispute, note: 'from a newer version' };
    expect(parseRecord('dispute', extra, 'untrusted')).toEqual({ ok: true, value: claimDispute });
    expect(parseRecord('dispute', extra, 'own')).toEqual({ ok: true, value: extra });
  });
});

describe('what a dispute names', () => {
  it('the verdict with the article it was measured against; nothing for "no match"', () => {
    expect(resolveDispute(report(), { kind: 'verdict' })).toEqual(verdictDispute.target);
    expect(resolveDispute(report({ directSource: null }), { kind: 'verdict' })).toEqual(verdictDispute.target);
    const own = { url: PAGE, title: 'Seawall', siteName: 'Digest', publishedTime: null };
    expect(resolveDispute(report({ verdict: 'original', origin: own, directSource: null }), { kind: 'verdict' })).toEqual({ kind: 'verdict', verdict: 'original', sourceUrl: null });
    expect(resolveDispute(report({ verdict: 'no-match', origin: null, directSource: null }), { kind: 'verdict' })).toBeNull();
  });

  it('a claim only when the page repeats it (a warning); never a refuting sentence or an unknown claim', () => {
    expect(resolveDispute(report(), { kind: 'claim', claimId: 'https://check.example/1' })).toEqual(claimDispute.target);
    expect(resolveDispute(report(), { kind: 'claim', claimId: 'https://check.example/2' })).toBeNull();
    expect(resolveDispute(report(), { kind: 'claim', claimId: 'https://check.example/3' })).toBeNull();
  });

  it('one key per page and thing: the same thing disputed twice shares it, another source does not', () => {
    expect(disputeKey(PAGE, verdictDispute.target)).toBe(disputeKey(PAGE, { ...verdictDispute.target }));
    expect(disputeKey(PAGE, verdictDispute.target)).not.toBe(disputeKey(PAGE, { kind: 'verdict', verdict: 'verbatim-copy', sourceUrl: 'https://other.example/' }));
    expect(disputeKey(PAGE, verdictDispute.target)).not.toBe(disputeKey(`${PAGE}?page=2`, verdictDispute.target));
  });
});

describe('disputes that apply to a report', () => {
  it('the verdict as it stands and its claim warnings; not another page, an earlier verdict or source, or a refuted claim', () => {
    const others: DisputeRecord[] = [
      { ...verdictDispute, pageUrl: 'https://elsewhere.example/a' },
      { ...verdictDispute, target: { kind: 'verdict', verdict: 'paraphrased-copy', sourceUrl: SOURCE } },
      { ...claimDispute, target: { kind: 'claim', claimId: 'https://check.example/2' } },
    ];
    const d = disputesOf(report(), [...others, verdictDispute, claimDispute]);
    expect(d.verdict).toEqual(verdictDispute);
    expect([...d.claims.keys()]).toEqual(['https://check.example/1']);
    const later = disputesOf(report({ directSource: { url: 'https://wire.example/x', title: 'Wire', siteName: 'Wire', publishedTime: null } }), [verdictDispute]);
    expect(later.verdict).toBeNull();
    expect(disputesOf(report(), others)).toEqual({ verdict: null, claims: new Map() });
  });
});

describe('evidence export with disputes (additive)', () => {
  it('marks the disputed verdict and claim warning, and leaves the rest as it was', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    const plain = buildEvidence(report(), ARTICLE, [], now).page;
    const disputed = buildEvidence(report(), ARTICLE, [], now, [verdictDispute, claimDispute]).page;
    expect(disputed.items).toHaveLength(plain.items.length);
    const [verdict, repeats, refutes] = disputed.items;
    expect(verdict.disputedAt).toBe(AT);
    expect(verdict.body.at(-1)).toEqual({ type: 'TextualBody', value: 'The reader marked this as wrong on 2026-12-05.', format: 'text/plain', purpose: 'commenting' });
    expect(repeats.disputedAt).toBe(AT);
    expect(refutes.disputedAt).toBeUndefined();
    // Without the disputed marks, the export is the one without disputes.
    const strip = (a: (typeof disputed.items)[number]) => {
      const { disputedAt: _at, ...rest } = a;
      return { ...rest, body: rest.body.filter((b) => !('purpose' in b && b.purpose === 'commenting')) };
    };
    expect(disputed.items.map(strip)).toEqual(plain.items);
    expect(plain.items.some((a) => 'disputedAt' in a)).toBe(false);
  });
});
