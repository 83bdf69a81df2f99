/**
 * The extension's team-index query (core/team): which addresses may be asked, that the query
 * carries term hashes only, and that an answer from another machine is read as untrusted.
 */
import { describe, expect, it } from 'vitest';
import { parseTeamAnswer, teamQuery, teamServerUrl } from '../../src/core/team/team-query';
import { fingerprintArticle } from '../../src/core/engine/fingerprint-article';
import type { ArticleRecord } from '../../src/core/types';

const SERVER = 'https://index.newsroom.example';
const ARTICLE: ArticleRecord = {
  url: 'https://harbor-ledger.example/news/2026/ferry-contract',
  title: 'Ferry operator loses harbour contract after safety audit',
  byline: 'Jane Reporter',
  siteName: 'The Harbor Ledger',
  lang: 'en',
  publishedTime: '2026-03-02T08:00:00Z',
  modifiedTime: null,
  paragraphs: [
    'The harbour authority cancelled the ferry contract on Monday after auditors found lifejackets missing on four vessels.',
    'Councillor Amina Diallo said the operator had been warned twice since January.',
  ],
  links: [],
  signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
};

describe('teamServerUrl: where a team query may go', () => {
  it('takes https anywhere (a newsroom server is often on its own network) and plain http only on this machine', () => {
    expect(teamServerUrl(' https://index.newsroom.example/ ')).toBe('https://index.newsroom.example');
    expect(teamServerUrl('https://10.0.0.8:8443/pl/')).toBe('https://10.0.0.8:8443/pl');
    expect(teamServerUrl('http://127.0.0.1:7400')).toBe('http://127.0.0.1:7400');
    expect(teamServerUrl('http://localhost:7400/')).toBe('http://localhost:7400');
  });
  it('refuses plain http elsewhere, other schemes, credentials, queries and non-addresses, saying why', () => {
    expect(() => teamServerUrl('http://index.newsroom.example')).toThrow(/https/);
    expect(() => teamServerUrl('http://10.0.0.8')).toThrow(/https/);
    expect(() => teamServerUrl('javascript:alert(1)')).toThrow(/https/);
    expect(() => teamServerUrl('https://user:pw@index.example')).toThrow(/user name or password/);
    expect(() => teamServerUrl('https://index.example/?token=1')).toThrow(/without \?/);
    expect(() => teamServerUrl('index')).toThrow(/Not a web address/);
  });
});

describe('teamQuery: what leaves the machine', () => {
  it('is the per-sentence term hashes and nothing else: no address, title, name or words', () => {
    const q = teamQuery(fingerprintArticle(ARTICLE));
    expect(Object.keys(q)).toEqual(['fingerprint']);
    expect(Object.keys(q.fingerprint)).toEqual(['sentences']);
    expect(q.fingerprint.sentences.length).toBe(2);
    for (const s of q.fingerprint.sentences) {
      expect(Object.keys(s)).toEqual(['terms']);
      expect(s.terms.length).toBeGreaterThan(3);
      for (const t of s.terms) expect(Number.isInteger(t) && t >= 0 && t <= 0xffffffff).toBe(true);
    }
    const sent = JSON.stringify(q).toLowerCase();
    for (const secret of ['harbor', 'ledger', 'http', 'ferry', 'diallo', 'lifejackets', 'jane', '2026-03']) expect(sent).not.toContain(secret);
  });
});

describe('parseTeamAnswer: another machine’s JSON', () => {
  const match = (i: number, extra: object = {}) => ({ url: `https://paper${i}.example/a`, title: `Story ${i}`, siteName: `Paper ${i}`, publishedTime: null, firstSeen: null, score: 1, shingleShare: 0.5, ...extra });

  it('keeps the matches a link can be made of, at most ten, titles cut to length', () => {
    const raw = { candidates: [match(1, { title: 'x'.repeat(5000) }), match(2, { url: 'javascript:alert(1)' }), match(3, { url: 'https://u:p@paper3.example/' }), ...Array.from({ length: 20 }, (_, i) => match(i + 10))] };
    const view = parseTeamAnswer(raw, SERVER);
    expect(view.kind).toBe('matches');
    if (view.kind !== 'matches') return;
    expect(view.server).toBe(SERVER);
    expect(view.matches.length).toBe(10);
    expect(view.matches[0].title.length).toBe(500);
    expect(view.matches.map((m) => m.url)).not.toContain('javascript:alert(1)');
    expect(view.matches.some((m) => m.url.includes('paper3'))).toBe(false);
  });

  it('leaves out candidates that share no text word for word (the popup lists them as sharing text)', () => {
    const view = parseTeamAnswer({ candidates: [match(1, { shingleShare: 0.21 }), match(2, { shingleShare: 0 }), match(3, { shingleShare: 0.004 })] }, SERVER);
    expect(view.kind === 'matches' && view.matches.map((m) => m.url)).toEqual(['https://paper1.example/a', 'https://paper3.example/a']);
  });

  it('says what was wrong with an answer that is not a list of matches, never showing it', () => {
    for (const raw of [null, [], { candidates: 'x' }, { candidates: [{ url: 'https://a.example/', shingleShare: 7 }] }, { error: 'nope' }]) {
      const view = parseTeamAnswer(raw, SERVER);
      expect(view.kind).toBe('error');
      if (view.kind === 'error') expect(view.message).toMatch(/^The team index answered something else than matches/);
    }
  });
});
