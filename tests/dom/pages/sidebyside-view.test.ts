/**
 * The side-by-side pure view (render-side-by-side.ts): a verbatim copy with its source, the
 * summary counts a reader checks, a source known only by fingerprint, and the failure notice.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { renderSideBySide, renderSideBySideFailure } from '../../../src/sidebyside/render-side-by-side';
import { articleText, type ArticleRecord } from '../../../src/core/types';
import { axeViolations, loadPage, rewriteReport } from './fixtures';
import { english } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/sidebyside/sidebyside.html');

function record(url: string, title: string, paragraphs: string[]): ArticleRecord {
  return { url, title, byline: null, siteName: null, lang: 'en', publishedTime: null, modifiedTime: null, paragraphs, links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null } };
}

const COPIED = 'The city council voted 7 to 2 on Tuesday to close the Harbor Street bridge for repairs.';
const SOURCE = record('https://ledger.example/bridge', 'Harbor Street bridge to close', [COPIED, 'Engineers found corrosion.']);
const PAGE = record('https://copy.example/bridge', '<b>Bridge</b> closes', ['Traffic will divert.', COPIED]);

function verbatimComparison(sourceKnown: boolean) {
  const text = articleText(PAGE);
  const report = { ...rewriteReport(), verdict: 'verbatim-copy' as const, summary: 'Copied word for word from The Harbor Ledger.' };
  report.related = [{ ...report.related[0], verbatimShare: 0.8, paraphraseShare: 0 }];
  report.passages = [{ text: COPIED, start: text.indexOf(COPIED), end: text.indexOf(COPIED) + COPIED.length, kind: 'verbatim', score: 1, source: { url: SOURCE.url, sentence: sourceKnown ? COPIED : null, start: null, end: null } }];
  return { article: PAGE, source: sourceKnown ? SOURCE : null, report };
}

describe('side-by-side view (pure)', { timeout: 30_000 }, () => {
  it('a verbatim copy: the passage beside its source sentence, counts in words, the page title as text', async () => {
    const dom = loadPage(HTML, 'chrome-extension://abc/sidebyside.html');
    const doc = dom.window.document;
    doc.getElementById('pl-sbs')!.replaceChildren(renderSideBySide(doc, verbatimComparison(true), SOURCE.url, english));
    const rows = [...doc.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['own', 'verbatim']);
    const [left, right] = [...rows[1].querySelectorAll('td')];
    expect(left.textContent).toBe(`word for word ${COPIED}`);
    expect(right.textContent).toBe(COPIED);
    expect(rows[1].id).toBe('pl-match-1');
    expect(doc.querySelector('.pl-sbs-summary')!.textContent).toContain('1 passage of this page matches the source (1 word for word, 0 paraphrased, 0 quoted); 80% of the text copied word for word, 0% paraphrased.');
    expect(doc.querySelector('thead')!.textContent).toContain('<b>Bridge</b> closes');
    expect(doc.querySelector('thead b')).toBeNull();
    expect(doc.querySelector('#pl-sbs-where')!.textContent).toBe('Press n / p to move between matches');
    expect([...doc.querySelectorAll('[data-action]')].map((b) => b.getAttribute('data-action'))).toEqual(['prev', 'next']);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('a source known only by its fingerprint says its wording is not stored', () => {
    const doc = loadPage(HTML, 'chrome-extension://abc/sidebyside.html').window.document;
    const frag = renderSideBySide(doc, verbatimComparison(false), SOURCE.url, english);
    expect(frag.querySelector('tbody tr[data-kind="verbatim"] td.pl-right')!.textContent).toBe('The source is known only by its fingerprint; its wording is not stored.');
  });

  it('the failure notice names the problem', () => {
    const doc = loadPage(HTML, 'chrome-extension://abc/sidebyside.html').window.document;
    const el = renderSideBySideFailure(doc, 'Cannot show the comparison', 'No report for this tab.');
    expect([el.querySelector('h1')!.textContent, el.querySelector('p')!.textContent]).toEqual(['Cannot show the comparison', 'No report for this tab.']);
  });
});
