/**
 * The popup's pure view: `renderPopup(doc, model, now)` turns what the popup knows (no tab, the
 * background unreachable, or a tab's state) into the nodes of `#pl-app`, and `popupStatus` into
 * the body's data attributes and the screen-reader announcement. No calls, no listeners: buttons
 * carry `data-action` and mount-popup.ts handles them. Page text only ever becomes text nodes.
 */
import type { PageDisputes, TabState } from '../shared/messages';
import type { TeamView } from '../core/types';
import { elIn, type Child } from '../shared/render';
import { renderReport } from './render-report';
import { urgentWarnings } from '../shared/verdict-view';

/** What the popup shows: no tab to inspect, a background that did not answer, or a tab's state. */
export type PopupModel =
  | { kind: 'no-tab' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'tab'; tabId: number; state: TabState | null; disputes?: PageDisputes | null; team?: TeamView | null };

/** Which screen is shown (`body.dataset.view`). */
type PopupScreen = 'idle' | 'checking' | 'not-article' | 'error' | 'done' | 'no-tab';

/** How the page around the view reflects it: body data attributes, aria-busy, and what is announced. */
export interface PopupStatus {
  view: PopupScreen;
  /** `body.dataset.state`: the TabState status (DOM contract). */
  state: string;
  busy: boolean;
  /** Said to screen readers through the popup's status line, or null. */
  announce: string | null;
}

/** The screen, state and announcement of a model. */
export function popupStatus(model: PopupModel): PopupStatus {
  const quiet = { busy: false, announce: null };
  if (model.kind === 'no-tab') return { view: 'no-tab', state: 'idle', ...quiet };
  if (model.kind === 'unreachable') return { view: 'error', state: 'error', ...quiet };
  const s = model.state;
  if (!s || s.status === 'idle') return { view: 'idle', state: 'idle', ...quiet };
  if (s.status === 'checking') return { view: 'checking', state: 'checking', busy: true, announce: 'Checking this page' };
  if (s.status === 'not-article') return { view: 'not-article', state: 'not-article', ...quiet };
  if (s.status === 'error') return { view: 'error', state: 'error', ...quiet };
  if (s.report) return { view: 'done', state: s.status, busy: false, announce: announceReport(s.report) };
  return { view: 'error', state: s.status, ...quiet };
}

/** What is said on a finished check: the warnings that come first on screen, then the verdict. */
function announceReport(report: NonNullable<TabState['report']>): string {
  const n = urgentWarnings(report).length;
  if (!n) return report.summary;
  return `Warning: this page repeats ${n === 1 ? 'a claim' : `${n} claims`} fact-checkers rated false or misleading. ${report.summary}`;
}

/** The nodes of `#pl-app` for a model (`now` dates "published 3 hours ago" style phrases). */
export function renderPopup(doc: Document, model: PopupModel, now: Date): DocumentFragment {
  const frag = doc.createDocumentFragment();
  frag.append(...screen(doc, model, now));
  return frag;
}

function screen(doc: Document, model: PopupModel, now: Date): Node[] {
  const h = (tag: string, attrs?: Record<string, string | boolean | null> | null, ...kids: Child[]) => elIn(doc, tag, attrs, ...kids);
  const check = (label: string, primary = true) =>
    h('p', { class: 'pl-button-row' }, h('button', { id: 'pl-check', type: 'button', class: primary ? 'pl-btn pl-btn-primary' : 'pl-btn', 'data-action': 'check' }, label));
  if (model.kind === 'no-tab') return [notice(doc, 'No page to check', ['Open this window from a browser tab showing a news article.'])];
  if (model.kind === 'unreachable') return [notice(doc, 'Cannot reach the extension', [model.message], [check('Try again')], '!')];
  const s = model.state;
  if (!s || s.status === 'idle') {
    const why = 'Checking reads the article on this page and compares it with what you have read before. It all happens on your computer; nothing is sent anywhere.';
    return [notice(doc, 'This page has not been checked yet', [why], [check('Check this page')], '?')];
  }
  if (s.status === 'checking') {
    const progress = h('div', { class: 'pl-progress', 'aria-hidden': 'true' }, h('span'));
    return [notice(doc, 'Checking this page…', ['Reading the article and comparing it with articles you have read.'], [progress], '…')];
  }
  if (s.status === 'not-article') {
    const reads = 'Provenance Lens reads news reports, features and opinion pieces. If this is one, check it anyway.';
    return [notice(doc, 'This page does not look like a news article', [notArticleReason(s.message), reads], [check('Check anyway', false)], '–')];
  }
  if (s.status === 'error') return [notice(doc, 'The check did not finish', [s.message || 'Something went wrong.'], [check('Try again')], '!')];
  if (s.report) return renderReport(doc, { tabId: model.tabId, state: s, report: s.report, now, disputes: model.disputes, team: model.team });
  return [notice(doc, 'No result for this page', [s.message || 'Try checking again.'], [check('Check this page')], '?')];
}

/** A centred notice: an icon (decoration), the heading (`#pl-summary`), lines of text, extras. */
function notice(doc: Document, title: string, body: Child[], extra: Child[] = [], icon = 'i'): HTMLElement {
  return elIn(
    doc,
    'section',
    { class: 'pl-notice' },
    elIn(doc, 'div', { class: 'pl-notice-icon', 'aria-hidden': 'true' }, icon),
    elIn(doc, 'h1', { class: 'pl-notice-title', id: 'pl-summary' }, title),
    ...body.map((b) => (typeof b === 'string' ? elIn(doc, 'p', { class: 'pl-muted' }, b) : b)),
    ...extra,
  );
}

/** The gate's reason without repeating the heading ("… (no long paragraphs)." -> "Why: no long paragraphs."). */
function notArticleReason(message: string | null): string {
  const m = (message ?? '')
    .trim()
    .replace(/^this page does not look like a(?: news)? article[.:]?\s*/i, '')
    .replace(/^\((.*)\)\.?$/, '$1')
    .replace(/\.$/, '');
  return m ? `Why: ${m}.` : 'There is no article text here to compare.';
}

/** The line under the export button saying what the export did (a status the user can see). */
export function renderExportMessage(doc: Document, text: string): HTMLElement {
  return elIn(doc, 'p', { id: 'pl-export-msg', class: 'pl-muted', role: 'status' }, text);
}
