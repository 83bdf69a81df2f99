/**
 * The popup's logic: asks the background for the tab's state through the page client, follows a
 * check until it finishes (polling), turns highlights on or off, exports the evidence, reads and
 * changes the reader's disputes (mount-disputes.ts), and hands every state to the pure view
 * (render-popup.ts, render-report.ts). Text only, never HTML.
 */
import type { TabState } from '../shared/messages';
import { saveTextFile } from '../shared/render';
import type { PageApi } from '../shared/page-client';
import { markPerformance } from '../shared/performance-mark';
import { disputeController } from './mount-disputes';
import { teamController } from './mount-team';
import { popupStatus, renderExportMessage, renderPopup, type PopupModel } from './render-popup';
import { localizeDocument, type Translate } from '../shared/i18n';

// How often a page still being checked is polled, and for how long at most. Checking takes well
// under a second on typical pages; 60 s covers a cold worker rebuilding a large index.
const POLL_MS = 400;
const POLL_LIMIT_MS = 60_000;

/** The popup's view (`#pl-app`) and its status line for screen readers (`#pl-status`), made if the page lacks them. */
function regions(doc: Document): { main: HTMLElement; status: HTMLElement } {
  const main = doc.getElementById('pl-app') ?? doc.body.appendChild(doc.createElement('main'));
  main.id = 'pl-app';
  const status = doc.getElementById('pl-status') ?? doc.body.appendChild(Object.assign(doc.createElement('p'), { id: 'pl-status', className: 'pl-visually-hidden' }));
  status.setAttribute('role', 'status');
  return { main, status };
}

/** Whether a tab's state is still to change by itself: a check running, or its claims still being matched. */
function settling(s: TabState): boolean {
  return s.status === 'checking' || (s.status === 'done' && s.claimsStatus === 'pending');
}

/** Whether a polled state is the one on screen (claims still pending): not drawn again, so the reader keeps their place. */
function sameState(s: TabState | null, seen: TabState): boolean {
  return s?.status === seen.status && s.claimsStatus === seen.claimsStatus && s.updatedAt === seen.updatedAt;
}

/** Everything the popup needs besides the DOM. */
export interface PopupContext {
  api: PageApi;
  /** The interface's messages (src/platform/i18n.ts; the English file in tests). */
  t: Translate;
  /** Tab to inspect (from `?tab=`), else the active tab. */
  tabId: number | null;
  now?: () => Date;
  /** Test seam for the polling delay. */
  sleep?: (ms: number) => Promise<void>;
  /** Saves a file for the user (test seam; default: a download link). */
  download?: (name: string, text: string) => void;
}

/** The running popup: re-render entry points (also used by tests). */
export interface PopupHandle {
  /** Resolves once the first state is rendered (body.dataset.ready === '1'). */
  ready: Promise<void>;
  render(state: TabState | null): void;
}

/** Mounts the popup into `doc` (expects the shell of popup.html) and starts loading the state. */
export function mountPopup(doc: Document, ctx: PopupContext): PopupHandle {
  markPerformance('popup-start');
  const { t } = ctx;
  localizeDocument(doc, t);
  const { main, status } = regions(doc);
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = ctx.now ?? (() => new Date());
  let tabId = ctx.tabId;
  let current: TabState | null = null;
  let pollToken = 0;
  let busy = false;

  const announce = (text: string) => (status.textContent = text);

  function show(model: PopupModel): void {
    if (model.kind === 'tab') current = model.state;
    main.replaceChildren(renderPopup(doc, model, now(), t));
    const s = popupStatus(model, t);
    doc.body.dataset.view = s.view;
    doc.body.dataset.state = s.state;
    if (s.busy) main.setAttribute('aria-busy', 'true');
    else main.removeAttribute('aria-busy');
    if (s.announce) announce(s.announce);
  }

  function render(state: TabState | null): void {
    show(tabId === null ? { kind: 'no-tab' } : { kind: 'tab', tabId, state, disputes: disputes.current, team: team.current });
    void team.refresh(state);
  }

  const team = teamController({ api: ctx.api, t, doc, tabId: () => tabId });
  const disputes = disputeController({ api: ctx.api, t, doc, tabId: () => tabId, rerender: () => render(current), announce });

  const renderFailure = (message: string) => show({ kind: 'unreachable', message });

  // The view's controls carry data-action; one listener each for clicks and the switch.
  doc.getElementById('pl-settings')?.addEventListener('click', () => void ctx.api.openOptions());
  main.addEventListener('click', (e) => {
    const target = e.target as Element | null;
    const action = target?.closest?.('[data-action]')?.getAttribute('data-action');
    if (action === 'check') void check();
    else if (action === 'dispute' || action === 'undo-dispute') disputes.click(target!);
    else if (action === 'export-evidence' && tabId !== null) void exportEvidence(doc, ctx, tabId);
  });
  main.addEventListener('change', (e) => {
    const box = e.target as HTMLInputElement;
    if (box.id === 'pl-highlights') void setHighlights(box.checked);
  });

  /** Polls a tab whose state is still to change (`settling`) and shows each new state, until it settles. */
  async function pollWhileSettling(state: TabState): Promise<TabState | null> {
    const token = ++pollToken;
    let s: TabState | null = state;
    const started = now().getTime();
    while (s && settling(s) && token === pollToken) {
      if (now().getTime() - started > POLL_LIMIT_MS) {
        if (s.status === 'checking') render({ ...s, status: 'error', message: t('checkTooLong') });
        return null;
      }
      await sleep(POLL_MS);
      if (token !== pollToken) return null;
      const r = await ctx.api.call('getTabState', { tabId: tabId! });
      if (!r.ok) {
        renderFailure(r.error);
        return null;
      }
      const seen: TabState = s;
      s = r.value;
      if (s?.status !== 'checking' && !sameState(s, seen)) await present(s);
    }
    return token === pollToken ? s : null;
  }

  async function setHighlights(on: boolean): Promise<void> {
    if (tabId === null || busy) return;
    busy = true;
    try {
      const r = await ctx.api.call('setHighlights', { tabId, on });
      if (r.ok) current = r.value;
      announce(showHighlightsResult(doc, r.ok ? r.value.highlightsOn : !on, r.ok ? null : r.error, t));
    } finally {
      busy = false;
    }
  }

  async function check(): Promise<void> {
    if (tabId === null) return;
    pollToken++;
    render({ ...(current ?? blankState(tabId, now())), status: 'checking' });
    const r = await ctx.api.call('checkTab', { tabId });
    if (!r.ok) {
      render({ ...(current ?? blankState(tabId, now())), status: 'error', message: r.error });
      return;
    }
    await present(r.value);
    if (settling(r.value)) await pollWhileSettling(r.value);
    // The button that had focus is gone with the re-render: put focus on the result's heading so
    // keyboard and screen-reader users land on the answer.
    const heading = doc.getElementById('pl-summary');
    if (heading && (doc.activeElement === doc.body || !doc.activeElement)) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  /** Shows a state with its disputes, then reveals its highlights (a finished check's). */
  async function present(state: TabState | null): Promise<void> {
    await disputes.refresh(state);
    render(state);
    await reveal(state);
  }

  /**
   * A finished check is on screen: asks the background to reveal its highlights on the page (the
   * background applies the rule and the reader's setting) and sets the switch from its answer, in
   * place, so keyboard focus stays where it is. Skipped if another check started meanwhile.
   */
  async function reveal(state: TabState | null): Promise<void> {
    if (tabId === null || state?.status !== 'done' || state.highlightsOn) return;
    const token = pollToken;
    const r = await ctx.api.call('revealHighlights', { tabId });
    if (token !== pollToken || !r.ok || r.value?.status !== 'done' || current?.status !== 'done') return;
    current = r.value;
    const box = doc.getElementById('pl-highlights') as HTMLInputElement | null;
    if (box && !box.disabled) box.checked = r.value.highlightsOn;
  }

  async function load(): Promise<void> {
    if (tabId === null) tabId = await ctx.api.activeTabId();
    if (tabId === null) return render(null);
    // The disputes are asked for at the same time (answered only for a finished check).
    const disputesAnswer = ctx.api.call('getDisputes', { tabId });
    const r = await ctx.api.call('getTabState', { tabId });
    if (!r.ok) return renderFailure(r.error);
    await disputes.refresh(r.value, disputesAnswer);
    render(r.value);
    doc.body.dataset.ready = '1';
    markPerformance('popup-ready');
    void reveal(r.value);
    if (r.value && settling(r.value)) await pollWhileSettling(r.value);
  }

  const ready = load()
    .catch((err) => renderFailure(err instanceof Error ? err.message : String(err)))
    .finally(() => {
      doc.body.dataset.ready = '1';
    });
  return { ready, render };
}

/** Saves the evidence as W3C Web Annotations (JSON-LD), for a journalist's records or any annotation tool. */
async function exportEvidence(doc: Document, ctx: PopupContext, tabId: number): Promise<void> {
  // Said visibly, below the buttons (the popup's status line is for screen readers only).
  const say = (text: string) => {
    const shown = doc.getElementById('pl-export-msg');
    if (shown) shown.textContent = text;
    else doc.getElementById('pl-export-evidence')?.parentElement?.after(renderExportMessage(doc, text));
  };
  const r = await ctx.api.call('exportEvidence', { tabId });
  if (!r.ok) return say(ctx.t('exportFailed', r.error));
  (ctx.download ?? ((name: string, text: string) => saveTextFile(doc, name, text, 'application/ld+json')))(r.value.fileName, r.value.json);
  say(ctx.t('exportSaved', r.value.fileName));
}

/**
 * Shows whether highlights are on after a change (`error` when the page could not be reached) and
 * returns what to announce. The switch is updated in place, not re-rendered: keyboard focus stays on it.
 */
function showHighlightsResult(doc: Document, on: boolean, error: string | null, t: Translate): string {
  const box = doc.getElementById('pl-highlights') as HTMLInputElement | null;
  if (box) box.checked = on;
  if (!error) return on ? t('highlightsShown') : t('highlightsRemoved');
  const hint = doc.getElementById('pl-highlights-hint');
  if (hint) hint.textContent = t('highlightsPageUnreachable');
  return t('highlightsFailed', error);
}

function blankState(tabId: number, now: Date): TabState {
  return { tabId, url: '', status: 'idle', report: null, message: null, analysed: null, highlightsOn: false, updatedAt: now.toISOString() };
}

/** Reads `?tab=<id>` from a popup URL; null when absent or not a number. */
export function tabFromLocation(search: string): number | null {
  const raw = new URLSearchParams(search).get('tab');
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : null;
}
