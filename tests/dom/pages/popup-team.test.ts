/**
 * The popup's team-index section (render-team.ts, mount-team.ts): asked once a finished check is
 * shown, put in place without re-rendering the rest, labelled as the team's, page data as text.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { mountPopup } from '../../../src/popup/mount-popup';
import { english } from '../../helpers/messages';
import { axeViolations, fakeBrowser, loadPage, PAGE_TIME, rewriteReport, SETTINGS, tabState } from './fixtures';
import type { TabState } from '../../../src/shared/messages';
import type { TeamView } from '../../../src/core/types';

const HTML = resolve(__dirname, '../../../src/popup/popup.html');
const NOW = new Date(Date.parse(PAGE_TIME) + 3600e3);
const SERVER = 'https://index.newsroom.example';

async function open(state: TabState | null, team: () => TeamView | null) {
  const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
  const fake = fakeBrowser({ getTabState: () => state, getSettings: () => SETTINGS, queryTeam: team });
  const doc = dom.window.document;
  const handle = mountPopup(doc, { api: fake.api, t: english, tabId: 7, now: () => NOW, sleep: () => new Promise((r) => setTimeout(r, 1)) });
  await handle.ready;
  // The team answer is placed after the first render.
  for (let i = 0; i < 50 && fake.calls.some((c) => c.type === 'queryTeam') && doc.getElementById('pl-team')?.hidden; i++) await new Promise((r) => setTimeout(r, 5));
  return { dom, doc, fake };
}

describe('popup: team index', { timeout: 30_000 }, () => {
  it('lists the team’s matches under its own heading, links them, and passes axe', async () => {
    const view: TeamView = {
      kind: 'matches',
      server: SERVER,
      matches: [
        { url: 'https://ledger.example/bridge', title: '<img src=x onerror=alert(1)>Bridge closed', siteName: 'جريدة الميناء', publishedTime: '2026-11-22T08:00:00Z', shingleShare: 0.62 },
        { url: 'https://other.example/b', title: '', siteName: null, publishedTime: null, shingleShare: 0.004 },
      ],
    };
    const { dom, doc, fake } = await open(tabState('done', rewriteReport()), () => view);
    expect(fake.calls.filter((c) => c.type === 'queryTeam')).toEqual([{ type: 'queryTeam', payload: { tabId: 7 } }]);
    const section = doc.getElementById('pl-team')!;
    expect(section.hidden).toBe(false);
    expect(section.querySelector('h2')!.textContent).toBe('From your team’s index (index.newsroom.example)');
    const items = [...section.querySelectorAll('#pl-team-matches li')];
    expect(items.length).toBe(2);
    const link = items[0].querySelector('a')!;
    expect(link.textContent).toBe('<img src=x onerror=alert(1)>Bridge closed');
    expect(link.getAttribute('href')).toBe('https://ledger.example/bridge');
    expect(section.querySelector('img')).toBeNull();
    expect(items[0].textContent).toContain('about 62% of this page’s text word for word');
    expect(items[0].querySelector('bdi')!.textContent).toBe('جريدة الميناء');
    expect(items[1].querySelector('a')!.textContent).toBe('other.example');
    expect(items[1].textContent).toContain('about <1%');
    expect(section.textContent).toContain('cannot say who copied whom');
    // The local verdict is untouched by the team's answer.
    expect(doc.querySelector('#pl-summary')!.textContent).toContain('Rewritten from The Harbor Ledger');
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('says when the team index could not answer, and shows nothing when none is chosen or the page is not checked', async () => {
    const failed = await open(tabState('done', rewriteReport()), () => ({ kind: 'error', server: SERVER, message: 'The team index did not answer in time.' }));
    expect(failed.doc.getElementById('pl-team')!.textContent).toContain('The team index did not answer in time.');

    const none = await open(tabState('done', rewriteReport()), () => null);
    expect(none.doc.getElementById('pl-team')!.hidden).toBe(true);
    expect(none.doc.getElementById('pl-team')!.textContent).toBe('');

    const idle = await open(tabState('idle'), () => ({ kind: 'matches', server: SERVER, matches: [] }));
    expect(idle.fake.calls.some((c) => c.type === 'queryTeam')).toBe(false);
  });
});
