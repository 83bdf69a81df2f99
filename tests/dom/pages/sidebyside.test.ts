import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { mountSideBySide } from '../../../src/sidebyside/mount-side-by-side';
import { alignRows, sharedWordRanges } from '../../../src/sidebyside/align-rows';
import { articleText, type ArticleRecord, type Report } from '../../../src/core/types';
import { compareFacts } from '../../../src/core/engine/compare-facts';
import { axeViolations, fakeBrowser, loadPage, rewriteReport } from './fixtures';
import { english } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/sidebyside/sidebyside.html');

function record(url: string, title: string, paragraphs: string[], publishedTime: string): ArticleRecord {
  return { url, title, byline: null, siteName: null, lang: 'en', publishedTime, modifiedTime: null, paragraphs, links: [], signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null } };
}

const SOURCE = record('https://ledger.example/bridge', 'Harbor Street bridge to close', [
  'The city council voted 7 to 2 on Tuesday to close the Harbor Street bridge for repairs.',
  'Engineers found significant corrosion in the steel supports during a routine inspection in March.',
], '2026-11-22T10:00:00Z');
const ARTICLE = record('https://daily.example/bridge', 'Bridge shutting down', [
  'Drivers will need a new route.',
  'Councillors decided on Tuesday, by 7 votes to 2, to shut the Harbor Street bridge for repairs.',
  'Engineers found significant corrosion in the steel supports during a routine inspection in March. Our reporter called the city.',
], '2026-11-22T12:00:00Z');

function comparison(): { article: ArticleRecord; source: ArticleRecord; report: Report } {
  const text = articleText(ARTICLE);
  const sText = articleText(SOURCE);
  const para = ARTICLE.paragraphs[1];
  const verb = SOURCE.paragraphs[1];
  const report = rewriteReport();
  report.passages = [
    { text: para, start: text.indexOf(para), end: text.indexOf(para) + para.length, kind: 'paraphrase', score: 0.74, source: { url: SOURCE.url, sentence: SOURCE.paragraphs[0], start: 0, end: SOURCE.paragraphs[0].length } },
    // Source sentence given only by offsets (the view slices it from the source text).
    { text: verb, start: text.indexOf(verb), end: text.indexOf(verb) + verb.length, kind: 'verbatim', score: 1, source: { url: SOURCE.url, sentence: null, start: sText.indexOf(verb), end: sText.indexOf(verb) + verb.length } },
  ];
  return { article: ARTICLE, source: SOURCE, report };
}

describe('side-by-side view', { timeout: 30_000 }, () => {
  it('pairs each reused passage with its source sentence, in page order', () => {
    const { article, source, report } = comparison();
    const rows = alignRows(article, source, report, SOURCE.url);
    expect(rows.map((r) => r.kind)).toEqual(['own', 'paraphrase', 'verbatim', 'own']);
    expect(rows[1].right).toBe(SOURCE.paragraphs[0]);
    expect(rows[2].left).toBe(SOURCE.paragraphs[1]);
    expect(rows[2].right).toBe(SOURCE.paragraphs[1]);
    expect(rows[3].left).toBe('Our reporter called the city.');
  });

  it('marks the words a paraphrase kept, on both sides', () => {
    const a = 'Councillors decided on Tuesday to shut the Harbor Street bridge.';
    const b = 'The council voted on Tuesday to close the Harbor Street bridge.';
    const r = sharedWordRanges(a, b);
    expect(r.a.map(([s, e]) => a.slice(s, e))).toEqual(['on Tuesday to', 'the Harbor Street bridge']);
    expect(r.b.map(([s, e]) => b.slice(s, e))).toEqual(['on Tuesday to', 'the Harbor Street bridge']);
  });

  it('renders both articles aligned with a legend, moves between matches by keyboard, passes axe', async () => {
    const dom = loadPage(HTML, 'chrome-extension://abc/sidebyside.html?tab=7&source=https%3A%2F%2Fledger.example%2Fbridge');
    const fake = fakeBrowser({ getComparison: () => comparison() });
    const doc = dom.window.document;
    await mountSideBySide(doc, { t: english, api: fake.api, tabId: 7, sourceUrl: SOURCE.url }).ready;
    expect(fake.calls[0]).toEqual({ type: 'getComparison', payload: { tabId: 7, sourceUrl: SOURCE.url } });
    expect(doc.body.dataset.ready).toBe('1');
    expect(doc.body.dataset.state).toBe('done');
    const rows = [...doc.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['own', 'paraphrase', 'verbatim', 'own']);
    expect(rows[1].textContent).toContain('paraphrased');
    expect(rows[1].querySelectorAll('.pl-same').length).toBeGreaterThan(0);
    expect(rows[2].textContent).toContain('word for word');
    expect(doc.querySelector('.pl-legend')!.textContent).toContain('Word for word');
    expect(doc.querySelector('thead')!.textContent).toContain('Harbor Street bridge to close');
    doc.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    expect(doc.activeElement).toBe(rows[1]);
    doc.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    expect(doc.activeElement).toBe(rows[2]);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('marks the words this page changed on both sides, says so in words, and passes axe', async () => {
    const { source, report } = comparison();
    const changed = 'Councillors decided on Tuesday, by 8 votes to 2, to shut the Harbor Street bridge for repairs.';
    const article = { ...ARTICLE, paragraphs: [ARTICLE.paragraphs[0], changed, ARTICLE.paragraphs[2]] };
    const text = articleText(article);
    const changes = compareFacts(changed, SOURCE.paragraphs[0]);
    expect(changes.map((c) => [c.kind, c.source, c.copy])).toEqual([['number', '7', '8']]);
    report.passages[0] = { ...report.passages[0], text: changed, start: text.indexOf(changed), end: text.indexOf(changed) + changed.length, changes };
    const second = report.passages[1];
    report.passages[1] = { ...second, start: text.indexOf(second.text), end: text.indexOf(second.text) + second.text.length };
    const dom = loadPage(HTML, 'chrome-extension://abc/sidebyside.html?tab=7&source=https%3A%2F%2Fledger.example%2Fbridge');
    const fake = fakeBrowser({ getComparison: () => ({ article, source, report }) });
    const doc = dom.window.document;
    await mountSideBySide(doc, { t: english, api: fake.api, tabId: 7, sourceUrl: SOURCE.url }).ready;
    const row = doc.querySelector('tbody tr[data-kind="paraphrase"]')!;
    expect(row.getAttribute('data-changed')).toBe('number');
    const [left, right] = [...row.querySelectorAll('td')];
    // The changed words carry a spoken label besides their style (not colour alone).
    expect([...left.querySelectorAll('mark.pl-changed')].map((m) => m.textContent)).toEqual(['changed number: 8']);
    expect([...right.querySelectorAll('mark.pl-changed')].map((m) => m.textContent)).toEqual(['changed number: 7']);
    expect(left.querySelector('.pl-tag-changed')!.textContent).toBe('facts changed');
    // A change spanning a word both sides share is still one mark, its shared word underlined inside.
    report.passages[0].changes = [{ kind: 'number', source: '7 to 2', copy: '8 votes to 2', sourceStart: SOURCE.paragraphs[0].indexOf('7 to 2'), sourceEnd: SOURCE.paragraphs[0].indexOf('7 to 2') + 6, copyStart: changed.indexOf('8 votes'), copyEnd: changed.indexOf('8 votes') + 12 }];
    const again = loadPage(HTML, 'chrome-extension://abc/sidebyside.html?tab=7&source=https%3A%2F%2Fledger.example%2Fbridge');
    await mountSideBySide(again.window.document, { t: english, api: fakeBrowser({ getComparison: () => ({ article, source, report }) }).api, tabId: 7, sourceUrl: SOURCE.url }).ready;
    const spanning = [...again.window.document.querySelectorAll('tbody tr[data-kind="paraphrase"] td:first-child mark.pl-changed')];
    expect(spanning.map((m) => m.textContent)).toEqual(['changed number: 8 votes to 2']);
    expect(spanning[0].querySelector('.pl-same')?.textContent).toBe('to 2');
    // The rest of the text is intact around the marks.
    expect(left.textContent).toContain('by changed number: 8 votes to 2');
    expect(doc.querySelector('.pl-legend')!.textContent).toContain('words this page changed from the source');
    // Rows without changes carry no mark; a report without changes has no legend entry.
    expect(doc.querySelectorAll('tbody mark.pl-changed').length).toBe(2);
    expect(await axeViolations(dom)).toEqual([]);

    const plain = loadPage(HTML, 'chrome-extension://abc/sidebyside.html?tab=7&source=https%3A%2F%2Fledger.example%2Fbridge');
    await mountSideBySide(plain.window.document, { t: english, api: fakeBrowser({ getComparison: () => comparison() }).api, tabId: 7, sourceUrl: SOURCE.url }).ready;
    expect(plain.window.document.querySelector('mark')).toBeNull();
    expect(plain.window.document.querySelector('.pl-legend')!.textContent).not.toContain('changed');
  });

  it('explains when there is nothing to compare or the background fails', async () => {
    const dom = loadPage(HTML, 'chrome-extension://abc/sidebyside.html');
    const fake = fakeBrowser({ getComparison: () => { throw new Error('No report for this tab.'); } });
    await mountSideBySide(dom.window.document, { t: english, api: fake.api, tabId: 7, sourceUrl: SOURCE.url }).ready;
    expect(dom.window.document.body.dataset.state).toBe('error');
    expect(dom.window.document.body.textContent).toContain('No report for this tab.');
    expect(await axeViolations(dom)).toEqual([]);
  });
});
