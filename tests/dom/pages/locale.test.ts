/**
 * The popup in the reader's language. A pseudo-locale check: every message the popup shows is
 * wrapped in ⟦ ⟧ by the lookup, so any words left after removing wrapped messages, the report's
 * own data (page titles, outlets, the engine's English summary and evidence) and Intl-formatted
 * dates are a literal the views still hard-code; it runs over every screen of the popup (legend,
 * warnings, timeline, disputes and the team index's section included) and over the options page's
 * team index section. Then the popup in Arabic: right to left, Arabic words, and no axe violations.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { buildTimeline } from '../../../src/core/engine/build-timeline';
import type { Report } from '../../../src/core/types';
import { formatMessage, type Translate } from '../../../src/shared/i18n';
import { displayHost } from '../../../src/shared/render';
import { mountOptions } from '../../../src/options/mount-options';
import { mountPopup } from '../../../src/popup/mount-popup';
import { renderPopup, type PopupModel } from '../../../src/popup/render-popup';
import { axeViolations, CLAIM, fakeBrowser, loadPage, noMatchReport, optionsWithTeam, PAGE_TIME, rewriteReport, SETTINGS, tabState } from './fixtures';
import { messagesFor, readMessages } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/popup/popup.html');
const NOW = new Date(Date.parse(PAGE_TIME) + 3600e3);
const EN = readMessages('en');

/** Every message wrapped in ⟦ ⟧ (English words inside, so substitutions read naturally). */
const pseudo: Translate = (key, ...subs) => {
  // The file's own language and direction are read, never shown.
  if (key === 'langTag' || key === 'langDir') return EN[key].message;
  const entry = EN[key];
  return entry ? `⟦${formatMessage(entry, subs.map(String))}⟧` : key;
};

/** Every string in the model (page data and the engine's own sentences), and the hosts of its URLs. */
function dataStrings(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    out.add(value);
    if (/^https?:/.test(value)) out.add(displayHost(value));
  } else if (Array.isArray(value)) value.forEach((v) => dataStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => dataStrings(v, out));
  return out;
}

/** Words in `text` that come neither from a message nor from the data. */
function leftover(text: string, data: Set<string>): string {
  let rest = text;
  // Innermost first: a message can hold another (a relative time inside "published …").
  for (let prev = ''; prev !== rest; ) [prev, rest] = [rest, rest.replace(/⟦[^⟦⟧]*⟧/g, ' ')];
  for (const d of [...data].filter((s) => s.length > 1).sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
  return (rest.match(/\p{L}{2,}/gu) ?? []).join(' ');
}

/** The literal words of a rendered tree: its text (dates excepted: Intl words them) and its labelling attributes. */
function literals(root: Element, data: Set<string>): string[] {
  const clone = root.cloneNode(true) as Element;
  // Dates are formatted by Intl in the interface language, not by a message.
  clone.querySelectorAll('time').forEach((t) => t.replaceChildren());
  const found: string[] = [];
  const text = leftover(clone.textContent ?? '', data);
  if (text) found.push(`text: ${text}`);
  for (const el of [clone, ...clone.querySelectorAll('*')]) {
    for (const attr of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description']) {
      const v = el.getAttribute(attr);
      const words = v ? leftover(v, data) : '';
      if (words) found.push(`${el.tagName.toLowerCase()}[${attr}]: ${words}`);
    }
  }
  return found;
}

/** A report touching every part of the popup: warnings, a change, evidence, the marks' legend, claims, a timeline, disputes. */
function fullReport(): Report {
  const r = rewriteReport();
  const passages = r.passages.map((p) => ({ ...p, changes: [{ kind: 'number' as const, source: '7 to 2', copy: '8 to 1', sourceStart: null, sourceEnd: null, copyStart: null, copyEnd: null }, { kind: 'hedge' as const, source: 'officials said', copy: null, sourceStart: null, sourceEnd: null, copyStart: null, copyEnd: null }] }));
  const claims = [CLAIM, { ...CLAIM, stance: 'refutes' as const }, { ...CLAIM, stance: 'mentions' as const, claim: { ...CLAIM.claim, rating: null, id: 'c2', reviewer: null } }];
  const report = { ...r, passages, claims } as Report;
  return { ...report, timeline: buildTimeline(report, () => null, NOW.getTime()) };
}

const TEAM = 'https://index.newsroom.example';
const TEAM_MATCH = { url: 'https://wire.example/1', title: 'Ferry terminal plan approved', siteName: 'Wire Example', publishedTime: PAGE_TIME, shingleShare: 0.42 };

const MODELS: Array<[string, PopupModel]> = [
  ['no tab', { kind: 'no-tab' }],
  ['unreachable', { kind: 'unreachable', message: 'Could not establish connection.' }],
  ['idle', { kind: 'tab', tabId: 7, state: tabState('idle') }],
  ['checking', { kind: 'tab', tabId: 7, state: tabState('checking') }],
  ['not an article, with the detector’s reason', { kind: 'tab', tabId: 7, state: tabState('not-article', null, { message: 'This page does not look like a news article (no long paragraphs).' }) }],
  ['not an article, no reason', { kind: 'tab', tabId: 7, state: tabState('not-article') }],
  ['error without a message', { kind: 'tab', tabId: 7, state: tabState('error') }],
  ['done without a report', { kind: 'tab', tabId: 7, state: tabState('done') }],
  ['nothing known', { kind: 'tab', tabId: 7, state: tabState('done', noMatchReport()) }],
  ['a copy whose direction is unknown', { kind: 'tab', tabId: 7, state: tabState('done', { ...rewriteReport(), verdict: 'verbatim-copy', directionKnown: false }) }],
  ['everything, nothing disputed', { kind: 'tab', tabId: 7, state: tabState('done', fullReport()), disputes: { canDispute: true, verdict: null, claims: [] } }],
  ['everything, with the team index’s matches', { kind: 'tab', tabId: 7, state: tabState('done', fullReport()), team: { kind: 'matches', server: TEAM, matches: [TEAM_MATCH, { ...TEAM_MATCH, url: 'https://wire.example/2', siteName: null, publishedTime: null }] } }],
  ['everything, the team index holds no match', { kind: 'tab', tabId: 7, state: tabState('done', fullReport()), team: { kind: 'matches', server: TEAM, matches: [] } }],
  ['everything, the team index could not answer', { kind: 'tab', tabId: 7, state: tabState('done', fullReport()), team: { kind: 'error', server: TEAM, message: 'The team index did not answer in time.' } }],
  ['everything, verdict and warning disputed', { kind: 'tab', tabId: 7, state: tabState('done', fullReport()), disputes: { canDispute: true, verdict: PAGE_TIME, claims: [{ claimId: CLAIM.claim.id, disputedAt: PAGE_TIME }] } }],
];

describe('popup messages', { timeout: 60_000 }, () => {
  for (const [name, model] of MODELS) {
    it(`${name}: every word on screen is a message or page data`, () => {
      const doc = loadPage(HTML, 'chrome-extension://abc/popup.html').window.document;
      const app = doc.getElementById('pl-app')!;
      app.replaceChildren(renderPopup(doc, model, NOW, pseudo));
      expect(literals(app, dataStrings(model))).toEqual([]);
    });
  }

  it('the shell around the view (title, brand, settings button, loading line) comes from messages too', () => {
    const doc = loadPage(HTML, 'chrome-extension://abc/popup.html').window.document;
    mountPopup(doc, { t: pseudo, api: fakeBrowser({ getTabState: () => null }).api, tabId: 7 });
    doc.getElementById('pl-app')!.replaceChildren();
    expect(literals(doc.documentElement, new Set())).toEqual([]);
  });

  it('the check finds a hard-coded word (it can fail)', () => {
    const doc = loadPage(HTML, 'chrome-extension://abc/popup.html').window.document;
    const app = doc.getElementById('pl-app')!;
    app.replaceChildren(renderPopup(doc, MODELS[2][1], NOW, pseudo));
    app.querySelector('button')!.append(' now');
    app.querySelector('button')!.setAttribute('title', 'Start');
    expect(literals(app, dataStrings(MODELS[2][1]))).toEqual(['text: now', 'button[title]: Start']);
  });
});

describe('options page messages: the team index section', { timeout: 60_000 }, () => {
  const OPTIONS_HTML = resolve(__dirname, '../../../src/options/options.html');
  // The address field's example is an address, not words.
  const FIXED = ['https://…', TEAM, 'index.newsroom.example', 'http://index.newsroom.example', 'The team index cannot be reached (fetch failed).'];

  async function open(opts: { server?: string | null; grant?: boolean; refuse?: string } = {}) {
    const doc = loadPage(OPTIONS_HTML, 'chrome-extension://abc/options.html').window.document;
    const fake = optionsWithTeam(opts.server ?? null, opts);
    await mountOptions(doc, { api: fake.api, t: pseudo, now: () => NOW }).ready;
    const submit = async (url: string) => {
      (doc.getElementById('pl-team-url') as HTMLInputElement).value = url;
      (doc.getElementById('pl-team-form') as HTMLFormElement).requestSubmit();
      for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 5));
    };
    // The section, and the page's status line where its outcomes are said.
    const shown = () => [...literals(doc.querySelector('section[aria-labelledby="h-team"]')!, new Set(FIXED)), ...literals(doc.getElementById('pl-opt-status')!, new Set(FIXED))];
    return { doc, submit, shown };
  }

  it('nothing chosen, then an index chosen (it holds 1234 articles), then dropped: every word is a message', async () => {
    const page = await open();
    expect(page.shown()).toEqual([]);
    await page.submit(`${TEAM}/`);
    expect(page.doc.getElementById('pl-team-current')!.textContent).toContain(TEAM);
    expect(page.shown()).toEqual([]);
    (page.doc.getElementById('pl-team-off') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 10));
    expect(page.shown()).toEqual([]);
  });

  it('each refused address, a refused permission and the background’s refusal: the sentences are messages', async () => {
    const page = await open();
    for (const bad of ['index', 'https://user:pw@index.newsroom.example', `${TEAM}/?token=1`, 'http://index.newsroom.example']) {
      await page.submit(bad);
      expect(page.doc.getElementById('pl-team-error')!.textContent, bad).toMatch(/^⟦.+⟧$/);
      expect(page.shown(), bad).toEqual([]);
    }
    const denied = await open({ grant: false });
    await denied.submit(TEAM);
    expect(denied.doc.getElementById('pl-team-error')!.textContent).toMatch(/^⟦.+⟧$/);
    expect(denied.shown()).toEqual([]);
    const refused = await open({ refuse: 'The team index cannot be reached (fetch failed).' });
    await refused.submit(TEAM);
    expect(refused.shown()).toEqual([]);
  });

  it('an index already chosen', async () => {
    expect((await open({ server: TEAM })).shown()).toEqual([]);
  });
});

describe('popup in Arabic', { timeout: 60_000 }, () => {
  const AR = readMessages('ar');

  async function openArabic(state: ReturnType<typeof tabState>) {
    const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
    const doc = dom.window.document;
    const fake = fakeBrowser({ getTabState: () => state, getSettings: () => ({ ...SETTINGS, highlights: false }), getDisputes: () => ({ canDispute: true, verdict: null, claims: [] }) });
    await mountPopup(doc, { t: messagesFor('ar'), api: fake.api, tabId: 7, now: () => NOW }).ready;
    return { dom, doc };
  }

  it('lays out right to left, in Arabic, and passes axe', async () => {
    const { dom, doc } = await openArabic(tabState('done', fullReport()));
    expect(doc.documentElement.getAttribute('dir')).toBe('rtl');
    expect(doc.documentElement.getAttribute('lang')).toBe('ar');
    expect(doc.title).toBe(AR.extName.message);
    expect(doc.getElementById('pl-settings')!.getAttribute('aria-label')).toBe(AR.settings.message);
    expect(doc.getElementById('pl-verdict')!.textContent).toBe(AR.verdictParaphrasedCopy.message);
    expect(doc.getElementById('pl-related-h')!.textContent).toBe(AR.relatedHeading.message.replace('$COUNT$', '3'));
    expect(doc.getElementById('pl-warnings-h')!.textContent).toContain(AR.warningsHeadingOne.message);
    expect(doc.getElementById('pl-check')!.textContent).toBe(AR.checkAgain.message);
    expect(doc.querySelector('label[for="pl-highlights"]')!.textContent).toBe(AR.highlightOnPage.message);
    expect(doc.querySelector('#pl-timeline summary')!.textContent).toContain(AR.timelineSummary.message);
    // Relative times are worded in Arabic too (Intl units inside the Arabic phrase).
    expect(doc.querySelector('#pl-origin')!.textContent).toContain('ساعتان');
    // The engine's sentences stay English: marked so, and left to right inside the Arabic page.
    const summary = doc.getElementById('pl-summary')!;
    expect(summary.textContent).toBe(fullReport().summary);
    expect([summary.getAttribute('lang'), summary.getAttribute('dir')]).toEqual(['en', 'ltr']);
    const evidence = [...doc.querySelectorAll('.pl-evidence-lines p')];
    expect(evidence.length).toBeGreaterThan(0);
    for (const line of evidence) expect([line.getAttribute('lang'), line.getAttribute('dir')]).toEqual(['en', 'ltr']);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('the first screen of an unchecked page is Arabic and right to left, and passes axe', async () => {
    const { dom, doc } = await openArabic(tabState('idle'));
    expect(doc.documentElement.dir).toBe('rtl');
    expect(doc.getElementById('pl-summary')!.textContent).toBe(AR.idleTitle.message);
    // A translated heading is not marked as English.
    expect(doc.getElementById('pl-summary')!.hasAttribute('lang')).toBe(false);
    expect(doc.getElementById('pl-check')!.textContent).toBe(AR.checkThisPage.message);
    expect(await axeViolations(dom)).toEqual([]);
  });
});
