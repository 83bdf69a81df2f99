import { describe, expect, it, vi } from 'vitest';
import { resolve } from 'node:path';
import { mountPopup } from '../../../src/popup/mount-popup';
import { axeViolations, CLAIM, fakeBrowser, loadPage, noMatchReport, PAGE_TIME, rewriteReport, SETTINGS, tabState } from './fixtures';
import type { TabState } from '../../../src/shared/messages';
import { english } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/popup/popup.html');
const NOW = new Date(Date.parse(PAGE_TIME) + 3600e3);

async function open(state: TabState | null, handlers: Record<string, (p: any) => unknown> = {}, tabId: number | null = 7) {
  const dom = loadPage(HTML, `chrome-extension://abc/popup.html${tabId === null ? '' : `?tab=${tabId}`}`);
  const fake = fakeBrowser({ getTabState: () => state, getSettings: () => SETTINGS, setHighlights: (p) => ({ ...state, highlightsOn: p.on }), ...handlers }, { activeTab: 9 });
  const doc = dom.window.document;
  const handle = mountPopup(doc, { t: english, api: fake.api, tabId, now: () => NOW, sleep: () => new Promise((r) => setTimeout(r, 1)) });
  await handle.ready;
  return { dom, doc, fake, handle };
}

describe('popup', { timeout: 30_000 }, () => {
  it('shows a claim the page debunks or mentions by its stance, never as a rated warning', async () => {
    const report = { ...rewriteReport(), claims: [{ ...CLAIM, stance: 'refutes' as const }, { ...CLAIM, stance: 'mentions' as const }, CLAIM] };
    const { doc } = await open(tabState('done', report));
    const items = [...doc.querySelectorAll('#pl-claims li')];
    expect(items.map((li) => li.getAttribute('data-stance'))).toEqual(['refutes', 'mentions', 'repeats']);
    expect(items[0].textContent).toContain('Says it is false');
    expect(items[0].textContent).toContain('fact-checkers rated the claim False by Coast Fact Check');
    expect(items[1].textContent).toContain('Mentions it');
    for (const li of items.slice(0, 2)) {
      expect(li.textContent).not.toContain('Rated: False');
      expect(li.querySelector('.pl-tone-bad')).toBeNull();
    }
    expect(items[2].textContent).toContain('Rated: False');
    expect(items[2].querySelector('.pl-tone-bad')).not.toBeNull();
  });

  it('renders a rewrite: verdict, summary, original, related, claims, analysed, and passes axe', async () => {
    const { dom, doc, fake } = await open(tabState('done', rewriteReport()));
    expect(doc.body.dataset.ready).toBe('1');
    expect(doc.body.dataset.state).toBe('done');
    expect(doc.querySelector('#pl-summary')!.textContent).toBe('Rewritten from The Harbor Ledger, published 2 hours earlier; no credit given.');
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('paraphrased-copy');
    const origin = doc.querySelector('#pl-origin a') as HTMLAnchorElement;
    expect(origin.href).toBe('https://ledger.example/bridge');
    expect(origin.rel).toBe('noopener noreferrer');
    expect(doc.querySelector('#pl-origin')!.textContent).toContain('published 2 hours earlier');
    // The contract's selector: exactly one <li> per related article.
    expect(doc.querySelectorAll('#pl-related li').length).toBe(3);
    const related = [...doc.querySelectorAll('#pl-related > li')];
    expect(related.map((li) => li.getAttribute('data-relation'))).toEqual(['origin', 'same-story', 'derivative']);
    expect(related[0].textContent).toContain('12% of this page word for word, 55% paraphrased');
    expect(related[0].textContent).toContain('no credit given');
    expect(related[0].textContent).toContain('14 of 18 sentences align');
    // Hostile related entry: its text shows as text and its javascript: URL is not a link.
    expect(related[2].querySelector('a[href^="javascript"]')).toBeNull();
    expect(related[2].querySelector('img')).toBeNull();
    expect(related[2].textContent).toContain('<img src=x onerror=alert(1)>');
    const claims = [...doc.querySelectorAll('#pl-claims li')];
    expect(claims.length).toBe(1);
    expect(claims[0].textContent).toContain('Rated: False');
    expect(claims[0].textContent).toContain('Coast Fact Check');
    expect(claims[0].textContent).toContain(CLAIM.claim.claimReviewed);
    expect((claims[0].querySelector('a') as HTMLAnchorElement).href).toBe(CLAIM.claim.url);
    expect(doc.querySelector('#pl-analysed')!.textContent).toContain('412 words');
    expect(doc.querySelector('#pl-analysed')!.textContent).toContain('The council voted to close the bridge.');
    const compare = doc.querySelector('#pl-compare') as HTMLAnchorElement;
    expect(new URL(compare.href).pathname).toBe('/sidebyside.html');
    expect(new URL(compare.href).searchParams.get('tab')).toBe('7');
    expect(new URL(compare.href).searchParams.get('source')).toBe('https://ledger.example/bridge');
    // Highlights are the background's decision when the popup asks for the state (tab-reports'
    // one reveal rule): the popup itself never turns them on.
    expect(fake.calls.find((c) => c.type === 'setHighlights')).toBeUndefined();
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('lists what changed under the direct source, quoting both sides as text, and passes axe', async () => {
    const base = rewriteReport();
    const source = 'The city council voted 7 to 2 on Tuesday to close the bridge, which may cost $48 million to replace.';
    const copy = 'The council voted 8 to 2 on Tuesday to close the bridge, which will cost $50 million <b>to replace</b>.';
    const report = {
      ...base,
      passages: [
        {
          ...base.passages[0],
          text: copy,
          source: { ...base.passages[0].source, sentence: source },
          changes: [
            { kind: 'number' as const, source: '$48 million', copy: '$50 million', sourceStart: source.indexOf('$48'), sourceEnd: source.indexOf('$48') + 11, copyStart: copy.indexOf('$50'), copyEnd: copy.indexOf('$50') + 11 },
            { kind: 'hedge' as const, source: 'may', copy: '<b>cost</b>', sourceStart: null, sourceEnd: null, copyStart: null, copyEnd: null },
          ],
        },
      ],
    };
    const { dom, doc } = await open(tabState('done', report));
    const origin = doc.querySelector('#pl-related li[data-relation="origin"]')!;
    const box = origin.querySelector('#pl-changes')!;
    expect(box).not.toBeNull();
    const lines = [...box.querySelectorAll('.pl-change')].map((x) => x.textContent);
    expect(lines).toEqual(['Number: the source says “$48 million”, this page “$50 million”', 'Hedge dropped: the source says “may”, this page states “<b>cost</b>” plainly']);
    // Page text stays text, and the DOM contract still holds: one <li> per related article.
    expect(box.querySelector('b')).toBeNull();
    expect(doc.querySelectorAll('#pl-related li').length).toBe(3);
    expect(doc.querySelectorAll('#pl-changes').length).toBe(1);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('exports the evidence as a Web Annotation file on click, and says so where it can be seen', async () => {
    const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
    const state = tabState('done', rewriteReport());
    let fail = false;
    const fake = fakeBrowser(
      {
        getTabState: () => state,
        getSettings: () => SETTINGS,
        setHighlights: () => state,
        exportEvidence: (p) => {
          if (fail) throw new Error('The article is not in the local history (private windows are never stored).');
          return { json: `{"tab":${p.tabId}}`, fileName: 'provenance-lens-evidence-digest.example-2026-11-22.jsonld' };
        },
      },
      { activeTab: 9 },
    );
    const doc = dom.window.document;
    const saved: Array<[string, string]> = [];
    await mountPopup(doc, { t: english, api: fake.api, tabId: 7, now: () => NOW, download: (name, text) => saved.push([name, text]) }).ready;
    const button = doc.getElementById('pl-export-evidence') as HTMLButtonElement;
    button.click();
    await new Promise((r) => setTimeout(r, 5));
    expect(saved).toEqual([['provenance-lens-evidence-digest.example-2026-11-22.jsonld', '{"tab":7}']]);
    expect(doc.getElementById('pl-export-msg')!.textContent).toContain('Evidence saved as provenance-lens-evidence-digest.example-2026-11-22.jsonld');
    fail = true;
    button.click();
    await new Promise((r) => setTimeout(r, 5));
    expect(saved).toHaveLength(1);
    expect(doc.getElementById('pl-export-msg')!.textContent).toMatch(/^Could not export the evidence: The article is not in the local history/);
    expect(doc.querySelectorAll('#pl-export-msg')).toHaveLength(1);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('offers no export when there is no evidence', async () => {
    const { doc } = await open(tabState('done', noMatchReport()));
    expect(doc.getElementById('pl-export-evidence')).toBeNull();
  });

  it('shows no "What changed" list when no passage changed anything', async () => {
    const { doc } = await open(tabState('done', rewriteReport()));
    expect(doc.querySelector('#pl-changes')).toBeNull();
    expect(doc.body.textContent).not.toContain('What changed');
  });

  it('on the original, lists the copies and offers to compare with one', async () => {
    const base = rewriteReport();
    const report = {
      ...base,
      article: { ...base.article, url: 'https://ledger.example/bridge', siteName: 'The Harbor Ledger' },
      verdict: 'original' as const,
      credited: null,
      summary: 'The earliest version we know: 2 later articles reuse it.',
      origin: { url: 'https://ledger.example/bridge', title: 'Bridge to close', siteName: 'The Harbor Ledger', publishedTime: PAGE_TIME },
      directSource: null,
      related: [
        { url: 'https://daily.example/bridge', title: 'Bridge shutting down', siteName: 'Daily Rewrite', publishedTime: '2026-11-22T14:00:00Z', relation: 'derivative' as const, similarity: 0.7, verbatimShare: 0, paraphraseShare: 0, kind: null, credited: null, evidence: ['Published 2 hours later', 'Rewrites 14 of 18 sentences'] },
      ],
      passages: [],
      claims: [],
    };
    const { doc } = await open(tabState('done', report));
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('original');
    expect(doc.querySelector('#pl-origin')!.textContent).toContain('earliest version');
    const li = doc.querySelector('#pl-related li')!;
    expect(li.getAttribute('data-relation')).toBe('derivative');
    expect(li.textContent).toContain('published 2 hours later');
    expect(new URL((doc.querySelector('#pl-compare') as HTMLAnchorElement).href).searchParams.get('source')).toBe('https://daily.example/bridge');
  });

  it('does not turn highlights on when the setting is off', async () => {
    const { fake, doc } = await open(tabState('done', rewriteReport()), { getSettings: () => ({ ...SETTINGS, highlights: false }) });
    expect(fake.calls.some((c) => c.type === 'setHighlights')).toBe(false);
    expect((doc.querySelector('#pl-highlights') as HTMLInputElement).checked).toBe(false);
  });

  it('toggling the switch asks the background to hide highlights', async () => {
    const { doc, fake, dom } = await open(tabState('done', rewriteReport(), { highlightsOn: true }));
    const box = doc.querySelector('#pl-highlights') as HTMLInputElement;
    expect(box.checked).toBe(true);
    box.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.calls.filter((c) => c.type === 'setHighlights').at(-1)?.payload).toEqual({ tabId: 7, on: false });
    expect(box.checked).toBe(false);
    expect(dom.window.document.querySelector('#pl-status')!.textContent).toContain('removed');
  });

  it('does not accuse when the report says which came first is unknown', async () => {
    const summary = 'Retells The Harbor Ledger in other words, its facts in the same order; which was published first is unknown.';
    const { doc } = await open(tabState('done', { ...rewriteReport(), summary, directionKnown: false }));
    expect(doc.querySelector('#pl-verdict')!.textContent).toBe('Shares text with another article');
    expect(doc.querySelector('#pl-summary')!.textContent).toBe(summary);
  });

  it('renders "nothing known yet" for no-match, and passes axe', async () => {
    const { dom, doc, fake } = await open(tabState('done', noMatchReport()));
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('no-match');
    expect(doc.querySelector('#pl-verdict')!.textContent).toBe('Nothing known yet');
    expect(doc.querySelector('#pl-related')).toBeNull();
    expect(doc.querySelector('#pl-compare')).toBeNull();
    expect((doc.querySelector('#pl-highlights') as HTMLInputElement).disabled).toBe(true);
    expect(fake.calls.some((c) => c.type === 'setHighlights')).toBe(false);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('renders "not checked yet" and checks the page on click, following the check until done', async () => {
    let polls = 0;
    const { dom, doc, fake } = await open(null, {
      checkTab: () => tabState('checking'),
      getTabState: () => (polls++ === 0 ? null : polls < 3 ? tabState('checking') : tabState('done', rewriteReport())),
    });
    expect(doc.body.dataset.state).toBe('idle');
    expect(await axeViolations(dom)).toEqual([]);
    const button = doc.querySelector('#pl-check') as HTMLButtonElement;
    expect(button.textContent).toBe('Check this page');
    button.click();
    await expect.poll(() => doc.body.dataset.state).toBe('done');
    expect(fake.calls.find((c) => c.type === 'checkTab')?.payload).toEqual({ tabId: 7 });
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('paraphrased-copy');
    // Keyboard users land on the answer, not on a vanished button.
    await expect.poll(() => doc.activeElement?.id).toBe('pl-summary');
  });

  it('renders the check in progress while the background is still checking, and passes axe', async () => {
    const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
    const fake = fakeBrowser({ getTabState: () => tabState('checking') });
    const doc = dom.window.document;
    // A sleep that never ends: the popup stays on its first look at the state.
    mountPopup(doc, { t: english, api: fake.api, tabId: 7, now: () => NOW, sleep: () => new Promise(() => {}) });
    await expect.poll(() => doc.body.dataset.ready).toBe('1');
    expect(doc.body.dataset.state).toBe('checking');
    expect(doc.querySelector('#pl-summary')!.textContent).toContain('Checking this page');
    expect(doc.querySelector('#pl-app')!.getAttribute('aria-busy')).toBe('true');
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('shows the verdict while the claims are still being matched, then the claims when they come, and passes axe', async () => {
    const pending = tabState('done', rewriteReport(), { claimsStatus: 'pending' });
    const withClaims = tabState('done', { ...rewriteReport(), claims: [CLAIM] }, { updatedAt: new Date(Date.parse(PAGE_TIME) + 500).toISOString() });
    let polls = 0;
    const { dom, doc, fake } = await open(pending, { getTabState: () => (polls++ < 2 ? pending : withClaims) });
    // The first look: the verdict, and a line where the claims will be (not "no claims").
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('paraphrased-copy');
    await expect.poll(() => doc.querySelector('#pl-claims li')?.textContent ?? doc.querySelector('#pl-claims-status')?.textContent).toMatch(/1890/);
    expect(doc.querySelector('#pl-claims-status')).toBeNull();
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('paraphrased-copy');
    expect(fake.calls.filter((c) => c.type === 'getTabState').length).toBeGreaterThanOrEqual(3);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('says the claims are being matched, and when they could not be, why; and passes axe', async () => {
    const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
    const fake = fakeBrowser({ getTabState: () => tabState('done', rewriteReport(), { claimsStatus: 'pending' }), getSettings: () => SETTINGS });
    const doc = dom.window.document;
    mountPopup(doc, { t: english, api: fake.api, tabId: 7, now: () => NOW, sleep: () => new Promise(() => {}) });
    await expect.poll(() => doc.body.dataset.ready).toBe('1');
    const line = doc.querySelector('#pl-claims-status')!;
    expect(line.textContent).toBe('Checking the sentences against the claims fact-checkers reviewed…');
    expect(line.getAttribute('aria-busy')).toBe('true');
    expect(doc.querySelector('#pl-claims')).toBeNull();
    expect(await axeViolations(dom)).toEqual([]);

    const failed = await open(tabState('done', rewriteReport(), { claimsStatus: 'failed', message: 'The claim check was interrupted. Check the page again.' }));
    expect(failed.doc.querySelector('#pl-claims-status')!.textContent).toBe('The sentences were not checked against the claims fact-checkers reviewed. The claim check was interrupted. Check the page again.');
    expect(failed.doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('paraphrased-copy');
    expect(await axeViolations(failed.dom)).toEqual([]);
  });

  it('renders not-an-article and error states with a plain explanation, and passes axe', async () => {
    const na = await open(tabState('not-article', null, { message: 'This looks like a home page with many short items.' }));
    expect(na.doc.body.dataset.state).toBe('not-article');
    expect(na.doc.querySelector('#pl-summary')!.textContent).toContain('does not look like a news article');
    expect(na.doc.body.textContent).toContain('home page with many short items');
    expect(na.doc.querySelector('#pl-check')).not.toBeNull();
    expect(await axeViolations(na.dom)).toEqual([]);
    const err = await open(tabState('error', null, { message: 'The page could not be read.' }));
    expect(err.doc.body.dataset.state).toBe('error');
    expect(err.doc.body.textContent).toContain('The page could not be read.');
    expect(await axeViolations(err.dom)).toEqual([]);
  });

  it('shows an error when the background does not answer', async () => {
    const { doc } = await open(null, { getTabState: () => { throw new Error('Could not establish connection'); } });
    expect(doc.body.dataset.ready).toBe('1');
    expect(doc.body.dataset.state).toBe('error');
    expect(doc.body.textContent).toContain('Could not establish connection');
  });

  it("shows the verdict before the page is drawn on, then sets the switch in place from the background's answer", async () => {
    const done = tabState('done', rewriteReport());
    let answer: (s: TabState) => void = () => undefined;
    const { doc, fake } = await open(done, { revealHighlights: () => new Promise<TabState>((r) => (answer = r)) });
    // Ready with the reveal asked and not yet answered: the verdict does not wait for the page.
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('paraphrased-copy');
    expect(fake.calls.filter((c) => c.type === 'revealHighlights')).toEqual([{ type: 'revealHighlights', payload: { tabId: 7 } }]);
    const box = doc.querySelector('#pl-highlights') as HTMLInputElement;
    expect(box.checked).toBe(false);
    box.focus();
    answer({ ...done, highlightsOn: true });
    await vi.waitFor(() => expect(box.checked).toBe(true));
    expect(doc.querySelector('#pl-highlights')).toBe(box); // set in place, not re-rendered
    expect(doc.activeElement).toBe(box);
  });

  it('does not ask to reveal highlights already shown, and ignores a reveal answered after the reader started a new check', async () => {
    const { fake } = await open({ ...tabState('done', rewriteReport()), highlightsOn: true });
    expect(fake.calls.some((c) => c.type === 'revealHighlights')).toBe(false);

    const done = tabState('done', rewriteReport());
    const answers: Array<(s: TabState) => void> = [];
    const { doc, fake: f2 } = await open(done, {
      revealHighlights: () => new Promise<TabState>((r) => answers.push(r)),
      checkTab: () => ({ ...done, updatedAt: new Date(NOW.getTime() + 1000).toISOString() }),
    });
    (doc.querySelector('#pl-check') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[0]({ ...done, highlightsOn: true }); // the first popup's reveal, answered late
    await new Promise((r) => setTimeout(r, 20));
    expect((doc.querySelector('#pl-highlights') as HTMLInputElement).checked).toBe(false);
    answers[1]({ ...done, highlightsOn: true });
    await vi.waitFor(() => expect((doc.querySelector('#pl-highlights') as HTMLInputElement).checked).toBe(true));
    expect(f2.calls.filter((c) => c.type === 'checkTab')).toHaveLength(1);
  });

  it('uses the active tab when no ?tab= is given', async () => {
    const { fake } = await open(null, {}, null);
    expect(fake.calls.find((c) => c.type === 'getTabState')).toEqual({ type: 'getTabState', payload: { tabId: 9 } });
  });

  it('the axe harness does report violations (an unlabeled button)', async () => {
    const dom = loadPage(HTML, 'chrome-extension://abc/popup.html');
    dom.window.document.body.append(dom.window.document.createElement('button'));
    expect((await axeViolations(dom)).map((v) => v.id)).toContain('button-name');
  });
});
