/**
 * The popup's pure views (render-popup.ts, render-report.ts) on the states a reader checks: a
 * verbatim copy with its source and reused passages, a page repeating a rated claim, and the
 * empty, not-article and error screens. No background, no listeners: state in, DOM out.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { popupStatus, renderPopup, type PopupModel } from '../../../src/popup/render-popup';
import type { Report } from '../../../src/core/types';
import { axeViolations, CLAIM, loadPage, noMatchReport, PAGE_TIME, rewriteReport, tabState } from './fixtures';
import { english } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/popup/popup.html');
const NOW = new Date(Date.parse(PAGE_TIME) + 3600e3);

/** Renders a model into the popup shell (so axe sees the page as a reader would). */
function show(model: PopupModel) {
  const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
  const doc = dom.window.document;
  doc.getElementById('pl-app')!.replaceChildren(renderPopup(doc, model, NOW, english));
  doc.getElementById('pl-app')!.removeAttribute('aria-busy');
  return { dom, doc };
}

/** A word-for-word copy of the Harbor Ledger article, with two reused passages and no credit. */
function verbatimCopy(): Report {
  const base = rewriteReport();
  const source = base.origin!;
  return {
    ...base,
    verdict: 'verbatim-copy',
    summary: 'Copied word for word from The Harbor Ledger, published 2 hours earlier; no credit given.',
    related: [{ ...base.related[0], kind: 'verbatim-copy', verbatimShare: 0.82, paraphraseShare: 0 }],
    passages: [
      { text: 'The council voted to close the bridge.', start: 0, end: 38, kind: 'verbatim', score: 1, source: { url: source.url, sentence: 'The council voted to close the bridge.', start: 0, end: 38 } },
      { text: 'Repairs start in May.', start: 39, end: 60, kind: 'verbatim', score: 1, source: { url: source.url, sentence: 'Repairs start in May.', start: 39, end: 60 } },
    ],
    claims: [],
  };
}

describe('popup views', { timeout: 30_000 }, () => {
  it('a verbatim copy: the verdict, its source linked, the share copied, two passages to highlight, a compare link', async () => {
    const { dom, doc } = show({ kind: 'tab', tabId: 7, state: tabState('done', verbatimCopy()) });
    expect(doc.querySelector('#pl-verdict')!.textContent).toBe('Copied word for word');
    expect(doc.querySelector('#pl-verdict')!.className).toContain('pl-tone-bad');
    expect(doc.querySelector('#pl-summary')!.textContent).toContain('Copied word for word from The Harbor Ledger');
    expect((doc.querySelector('#pl-origin a') as HTMLAnchorElement).href).toBe('https://ledger.example/bridge');
    const li = doc.querySelector('#pl-related li')!;
    expect(li.textContent).toContain('Original · word-for-word copy · no credit given');
    expect(li.textContent).toContain('82% of this page word for word, 0% paraphrased');
    expect(doc.querySelector('#pl-highlights-hint')!.textContent).toBe('2 passages');
    expect((doc.querySelector('#pl-highlights') as HTMLInputElement).disabled).toBe(false);
    const compare = new URL((doc.querySelector('#pl-compare') as HTMLAnchorElement).href);
    expect([compare.pathname, compare.searchParams.get('tab'), compare.searchParams.get('source')]).toEqual(['/sidebyside.html', '7', 'https://ledger.example/bridge']);
    expect(doc.querySelector('[data-action="export-evidence"]')).not.toBeNull();
    expect(popupStatus({ kind: 'tab', tabId: 7, state: tabState('done', verbatimCopy()) }, english)).toEqual({ view: 'done', state: 'done', busy: false, announce: verbatimCopy().summary });
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('a page repeating a claim rated False shows the rating, the reviewer, both sentences as text and the fact-check link', async () => {
    const hostile = { ...CLAIM, text: '<img src=x onerror=alert(1)> The bridge was never inspected.' };
    const { dom, doc } = show({ kind: 'tab', tabId: 7, state: tabState('done', { ...noMatchReport(), claims: [hostile] }) });
    const li = doc.querySelector('#pl-claims li')!;
    expect(li.getAttribute('data-stance')).toBe('repeats');
    expect(li.querySelector('.pl-chip')!.textContent).toBe('Rated: False');
    expect(li.querySelector('.pl-chip')!.className).toContain('pl-tone-bad');
    expect(li.textContent).toContain('by Coast Fact Check');
    expect(li.querySelector('q')!.textContent).toBe(hostile.text);
    expect(li.querySelector('img')).toBeNull();
    expect((li.querySelector('a') as HTMLAnchorElement).href).toBe(CLAIM.claim.url);
    // A claim warning is drawn on the page too: the switch counts it.
    expect(doc.querySelector('#pl-highlights-hint')!.textContent).toBe('1 passage');
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('warnings first: sentences repeating claims rated false open the report, above the verdict, each with its rating, reviewer and review link', async () => {
    // A same-story page that repeats two claims rated false, debunks a third and repeats a half-true one.
    const said = (text: string, start: number, rating: string, stance: 'repeats' | 'refutes', id: string) => ({
      ...CLAIM,
      text,
      start,
      end: start + text.length,
      stance,
      claim: { ...CLAIM.claim, id: `https://factcheck.example/${id}`, url: `https://factcheck.example/${id}`, rating },
    });
    const report: Report = {
      ...noMatchReport(),
      verdict: 'same-story',
      summary: 'Same story as 5 known articles, in its own words.',
      claims: [
        said('The storm drains were left shut on purpose.', 400, 'Mostly false', 'repeats', 'drains'),
        said('Taxes will rise 40 percent for every homeowner.', 100, 'False', 'repeats', 'tax'),
        said('There is no evidence the seawall was a giveaway.', 200, 'False', 'refutes', 'giveaway'),
        said('The seawall is 3 metres high.', 300, 'Half true', 'repeats', 'height'),
      ],
    };
    const model: PopupModel = { kind: 'tab', tabId: 7, state: tabState('done', report) };
    const { dom, doc } = show(model);
    const app = doc.getElementById('pl-app')!;
    const warnings = doc.getElementById('pl-warnings')!;
    // First on the screen: before the verdict and every provenance card.
    expect(app.firstElementChild).toBe(warnings);
    expect(warnings.compareDocumentPosition(doc.getElementById('pl-verdict')!) & 4).toBeTruthy();
    expect(doc.getElementById('pl-warnings-h')!.textContent).toContain('This page repeats 2 claims fact-checkers rated false or misleading');
    const items = [...warnings.querySelectorAll('li')];
    // In page order; the debunked and the half-true claims are not warnings (they stay in #pl-claims).
    expect(items.map((li) => li.querySelector('q')!.textContent)).toEqual(['Taxes will rise 40 percent for every homeowner.', 'The storm drains were left shut on purpose.']);
    expect(items.map((li) => li.querySelector('.pl-chip')!.textContent)).toEqual(['Rated False', 'Rated Mostly false']);
    expect(items[0].textContent).toContain('by Coast Fact Check');
    expect((items[0].querySelector('a') as HTMLAnchorElement).href).toBe('https://factcheck.example/tax');
    expect(items[0].querySelector('a')!.textContent).toBe('Read the review');
    expect(doc.querySelectorAll('#pl-claims li')).toHaveLength(4);
    // Provenance stays right below.
    expect(warnings.nextElementSibling!.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('same-story');
    expect(popupStatus(model, english).announce).toBe(`Warning: this page repeats 2 claims fact-checkers rated false or misleading. ${report.summary}`);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('no warnings section when the page only debunks or mentions the claims it matches', () => {
    const claims = [{ ...CLAIM, stance: 'refutes' as const }, { ...CLAIM, stance: 'mentions' as const }];
    const { doc } = show({ kind: 'tab', tabId: 7, state: tabState('done', { ...noMatchReport(), claims }) });
    expect(doc.getElementById('pl-warnings')).toBeNull();
    expect(doc.getElementById('pl-app')!.firstElementChild!.querySelector('#pl-verdict')).not.toBeNull();
  });

  it('nothing known yet: says why, offers nothing to highlight, compare or export', async () => {
    const { doc } = show({ kind: 'tab', tabId: 7, state: tabState('done', noMatchReport()) });
    expect(doc.querySelector('#pl-verdict')!.textContent).toBe('Nothing known yet');
    expect(doc.body.textContent).toContain('None of the articles you have read or the feeds you follow share this text.');
    expect((doc.querySelector('#pl-highlights') as HTMLInputElement).disabled).toBe(true);
    expect(doc.querySelector('#pl-highlights-hint')!.textContent).toBe('nothing to highlight');
    expect(doc.querySelector('#pl-compare')).toBeNull();
    expect(doc.querySelector('#pl-export-evidence')).toBeNull();
  });

  it('the screens before a result: not checked, checking, not an article, error, no tab, unreachable', async () => {
    const cases: Array<[PopupModel, string, string, string | null]> = [
      [{ kind: 'tab', tabId: 7, state: null }, 'This page has not been checked yet', 'idle', 'Check this page'],
      [{ kind: 'tab', tabId: 7, state: tabState('checking') }, 'Checking this page…', 'checking', null],
      [{ kind: 'tab', tabId: 7, state: tabState('not-article', null, { message: 'This page does not look like a news article (no long paragraphs).' }) }, 'This page does not look like a news article', 'not-article', 'Check anyway'],
      [{ kind: 'tab', tabId: 7, state: tabState('error', null, { message: 'The page could not be read.' }) }, 'The check did not finish', 'error', 'Try again'],
      [{ kind: 'no-tab' }, 'No page to check', 'no-tab', null],
      [{ kind: 'unreachable', message: 'Could not establish connection' }, 'Cannot reach the extension', 'error', 'Try again'],
    ];
    for (const [model, heading, view, button] of cases) {
      const { dom, doc } = show(model);
      expect(doc.querySelector('#pl-summary')!.textContent).toBe(heading);
      expect(popupStatus(model, english).view).toBe(view);
      expect(doc.querySelector('[data-action="check"]')?.textContent ?? null).toBe(button);
      expect(await axeViolations(dom)).toEqual([]);
    }
    const na = show(cases[2][0]).doc;
    // The gate's reason, without repeating the heading.
    expect(na.body.textContent).toContain('Why: no long paragraphs.');
    expect(show(cases[3][0]).doc.body.textContent).toContain('The page could not be read.');
    expect(show(cases[5][0]).doc.body.textContent).toContain('Could not establish connection');
    expect(popupStatus(cases[1][0], english)).toMatchObject({ busy: true, announce: 'Checking this page' });
  });
});
