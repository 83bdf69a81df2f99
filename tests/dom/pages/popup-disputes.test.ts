/**
 * The popup's dispute controls (render-disputes.ts, mount-disputes.ts): under the verdict and each
 * claim warning, "mark as wrong"; once marked, "You marked this as wrong on <date>" and Undo; a
 * click calls setDispute with what the reader pointed at, focus lands on the control that replaced
 * the one clicked, keyboard reachable, and axe finds nothing in either state.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { mountPopup } from '../../../src/popup/mount-popup';
import { disputeDate } from '../../../src/popup/render-disputes';
import { renderPopup } from '../../../src/popup/render-popup';
import type { ClaimMatch } from '../../../src/core/types';
import type { PageDisputes, TabState } from '../../../src/shared/messages';
import { axeViolations, CLAIM, fakeBrowser, loadPage, noMatchReport, PAGE_TIME, rewriteReport, SETTINGS, tabState } from './fixtures';
import { english } from '../../helpers/messages';

const HTML = resolve(__dirname, '../../../src/popup/popup.html');
const NOW = new Date(Date.parse(PAGE_TIME) + 3600e3);
const AT = '2026-12-05T08:00:00.000Z';
const NONE: PageDisputes = { verdict: null, claims: [], canDispute: true };
const REFUTED: ClaimMatch = { ...CLAIM, stance: 'refutes', claim: { ...CLAIM.claim, id: 'https://factcheck.example/other' } };

function withClaims() {
  return tabState('done', { ...rewriteReport(), claims: [CLAIM, REFUTED] });
}

function view(state: TabState, disputes: PageDisputes | null) {
  const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
  const doc = dom.window.document;
  doc.getElementById('pl-app')!.replaceChildren(renderPopup(doc, { kind: 'tab', tabId: 7, state, disputes }, NOW, english));
  doc.getElementById('pl-app')!.removeAttribute('aria-busy');
  return { dom, doc };
}

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('popup dispute controls (view)', { timeout: 30_000 }, () => {
  it('offers "mark as wrong" under the verdict and under a claim warning only, and passes axe', async () => {
    const { dom, doc } = view(withClaims(), NONE);
    const verdictBtn = doc.querySelector('.pl-verdict-block #pl-dispute-verdict-btn')!;
    expect(text(verdictBtn)).toBe('Mark this verdict as wrong');
    expect(verdictBtn.getAttribute('data-action')).toBe('dispute');
    const claims = [...doc.querySelectorAll('#pl-claims > li')];
    expect(text(claims[0].querySelector('button[data-dispute="claim"]'))).toBe('Mark this warning as wrong');
    expect(claims[0].querySelector('button[data-dispute="claim"]')!.getAttribute('data-claim-id')).toBe(CLAIM.claim.id);
    // A sentence that says the claim is false is no warning: nothing to dispute.
    expect(claims[1].querySelector('[data-dispute]')).toBeNull();
    expect(doc.body.textContent).not.toContain('You marked this as wrong');
    expect(doc.querySelector('#pl-warnings li')).not.toBeNull();
    expect(doc.querySelector('#pl-warnings [data-disputed]')).toBeNull();
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('shows what the reader disputed, with the date and an Undo button, and passes axe', async () => {
    const disputes: PageDisputes = { verdict: AT, claims: [{ claimId: CLAIM.claim.id, disputedAt: AT }], canDispute: true };
    const { dom, doc } = view(withClaims(), disputes);
    const box = doc.querySelector('#pl-dispute-verdict')!;
    expect(box.getAttribute('data-disputed')).toBe('true');
    expect(text(box)).toContain(`Disputed You marked this as wrong on ${disputeDate(AT, english)}.`);
    expect(box.querySelector('time')!.getAttribute('datetime')).toBe(AT);
    const undo = box.querySelector('button')!;
    expect(text(undo)).toBe('Undo');
    expect(undo.getAttribute('data-action')).toBe('undo-dispute');
    expect(doc.getElementById(undo.getAttribute('aria-describedby')!)).not.toBeNull();
    // The verdict itself is still shown (the badge and chip keep it).
    expect(doc.querySelector('#pl-verdict')!.getAttribute('data-verdict')).toBe('paraphrased-copy');
    const claimBox = doc.querySelector('#pl-claims > li [data-disputed="true"]')!;
    expect(text(claimBox)).toContain('You marked this as wrong on');
    expect(text(claimBox)).toContain('highlight is left out');
    // The first-screen warning stays (a fact-checker rated the claim) and says the reader disputed it.
    expect(text(doc.querySelector('#pl-warnings li [data-disputed="true"]'))).toContain('You marked this as wrong on');
    expect(disputeDate(AT, english)).toMatch(/2026/);
    expect(await axeViolations(dom)).toEqual([]);
  });

  it('shows nothing when disputes are unknown, for "no match", and no new dispute in a private window', () => {
    expect(view(withClaims(), null).doc.querySelector('[data-dispute]')).toBeNull();
    expect(view(tabState('done', noMatchReport()), NONE).doc.querySelector('[data-dispute]')).toBeNull();
    const priv = view(withClaims(), { verdict: AT, claims: [], canDispute: false }).doc;
    expect(priv.querySelector('[data-action="dispute"]')).toBeNull();
    expect(priv.querySelector('#pl-dispute-verdict [data-action="undo-dispute"]')).not.toBeNull();
  });
});

async function open(disputes: PageDisputes, setDispute?: (p: any) => unknown) {
  const dom = loadPage(HTML, 'chrome-extension://abc/popup.html?tab=7');
  const state = withClaims();
  let current = disputes;
  const fake = fakeBrowser({
    getTabState: () => state,
    getSettings: () => ({ ...SETTINGS, highlights: false }),
    getDisputes: () => current,
    setDispute:
      setDispute ??
      ((p: { target: { kind: string; claimId?: string }; disputed: boolean }) => {
        const at = p.disputed ? AT : null;
        current = p.target.kind === 'verdict'
          ? { ...current, verdict: at }
          : { ...current, claims: at ? [...current.claims, { claimId: p.target.claimId!, disputedAt: at }] : current.claims.filter((c) => c.claimId !== p.target.claimId) };
        return current;
      }),
  });
  const doc = dom.window.document;
  const handle = mountPopup(doc, { t: english, api: fake.api, tabId: 7, now: () => NOW, sleep: () => new Promise((r) => setTimeout(r, 1)) });
  await handle.ready;
  return { dom, doc, fake };
}

/** Clicks and waits until `done` holds (the call to the background is asynchronous). */
async function clickUntil(doc: Document, selector: string, done: () => boolean) {
  (doc.querySelector(selector) as HTMLElement).click();
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done()).toBe(true);
}

describe('popup dispute controls (clicks)', { timeout: 30_000 }, () => {
  it('the popup reads the disputes before showing the report: a disputed verdict is shown at once', async () => {
    const { doc, fake } = await open({ ...NONE, verdict: AT });
    expect(fake.calls.map((c) => c.type)).toEqual(expect.arrayContaining(['getTabState', 'getDisputes']));
    expect(text(doc.querySelector('#pl-dispute-verdict'))).toContain('You marked this as wrong on');
  });

  it('marks the verdict as wrong in one click, keeps focus on its Undo, and undoes in one more', async () => {
    const { dom, doc, fake } = await open(NONE);
    const btn = doc.getElementById('pl-dispute-verdict-btn')!;
    expect(btn.tagName).toBe('BUTTON'); // reachable with Tab, pressed with Enter or Space
    expect(btn.tabIndex).toBe(0);
    await clickUntil(doc, '#pl-dispute-verdict-btn', () => doc.querySelector('#pl-dispute-verdict[data-disputed="true"]') !== null);
    expect(fake.calls.filter((c) => c.type === 'setDispute').map((c) => c.payload)).toEqual([{ tabId: 7, target: { kind: 'verdict' }, disputed: true }]);
    expect(doc.activeElement?.id).toBe('pl-dispute-verdict-btn');
    expect(text(doc.activeElement)).toBe('Undo');
    expect(doc.getElementById('pl-status')!.textContent).toMatch(/Marked as wrong/);
    expect(await axeViolations(dom)).toEqual([]);

    await clickUntil(doc, '#pl-dispute-verdict-btn', () => doc.querySelector('#pl-dispute-verdict[data-disputed]') === null);
    expect(fake.calls.filter((c) => c.type === 'setDispute').at(-1)!.payload).toEqual({ tabId: 7, target: { kind: 'verdict' }, disputed: false });
    expect(text(doc.getElementById('pl-dispute-verdict-btn'))).toBe('Mark this verdict as wrong');
    expect(doc.activeElement?.id).toBe('pl-dispute-verdict-btn');
  });

  it('disputes one claim warning by its claim id', async () => {
    const { doc, fake } = await open(NONE);
    await clickUntil(doc, '#pl-claims button[data-dispute="claim"]', () => doc.querySelector('#pl-claims [data-disputed="true"]') !== null);
    expect(fake.calls.filter((c) => c.type === 'setDispute').map((c) => c.payload)).toEqual([{ tabId: 7, target: { kind: 'claim', claimId: CLAIM.claim.id }, disputed: true }]);
    expect(doc.querySelector('#pl-dispute-verdict[data-disputed]')).toBeNull();
  });

  it('says so when the background refuses, and shows nothing as disputed', async () => {
    const { doc } = await open(NONE, () => {
      throw new Error('Nothing is kept from private windows, disputes included.');
    });
    await clickUntil(doc, '#pl-dispute-verdict-btn', () => doc.querySelector('#pl-dispute-verdict [role="alert"]') !== null);
    expect(text(doc.querySelector('#pl-dispute-verdict [role="alert"]'))).toBe('Could not keep your mark: Nothing is kept from private windows, disputes included.');
    expect(doc.querySelector('[data-disputed]')).toBeNull();
  });
});
