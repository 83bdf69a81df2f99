/**
 * The popup's pure view: `renderPopup(doc, model, now)` turns what the popup knows (no tab, the
 * background unreachable, or a tab's state) into the nodes of `#pl-app`, and `popupStatus` into
 * the body's data attributes and the screen-reader announcement, in the interface's language (`t`,
 * the one message lookup). No calls, no listeners: buttons
 * carry `data-action` and mount-popup.ts handles them. Page text only ever becomes text nodes.
 */
import type { PageDisputes, TabState } from '../shared/messages';
import type { TeamView } from '../core/types';
import { elIn, type Child } from '../shared/render';
import { renderReport } from './render-report';
import { urgentWarnings } from '../shared/verdict-view';
import type { Translate } from '../shared/i18n';

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
export function popupStatus(model: PopupModel, t: Translate): PopupStatus {
  const quiet = { busy: false, announce: null };
  if (model.kind === 'no-tab') return { view: 'no-tab', state: 'idle', ...quiet };
  if (model.kind === 'unreachable') return { view: 'error', state: 'error', ...quiet };
  const s = model.state;
  if (!s || s.status === 'idle') return { view: 'idle', state: 'idle', ...quiet };
  if (s.status === 'checking') return { view: 'checking', state: 'checking', busy: true, announce: t('statusChecking') };
  if (s.status === 'not-article') return { view: 'not-article', state: 'not-article', ...quiet };
  if (s.status === 'error') return { view: 'error', state: 'error', ...quiet };
  if (s.report) return { view: 'done', state: s.status, busy: false, announce: announceReport(s.report, t) };
  return { view: 'error', state: s.status, ...quiet };
}

/** What is said on a finished check: the warnings that come first on screen, then the verdict. */
function announceReport(report: NonNullable<TabState['report']>, t: Translate): string {
  const n = urgentWarnings(report).length;
  if (!n) return report.summary;
  return `${n === 1 ? t('announceWarningOne') : t('announceWarningMany', n)} ${report.summary}`;
}

/** The nodes of `#pl-app` for a model (`now` dates "published 3 hours ago" style phrases). */
export function renderPopup(doc: Document, model: PopupModel, now: Date, t: Translate): DocumentFragment {
  const frag = doc.createDocumentFragment();
  frag.append(...screen(doc, model, now, t));
  return frag;
}

function screen(doc: Document, model: PopupModel, now: Date, t: Translate): Node[] {
  const h = (tag: string, attrs?: Record<string, string | boolean | null> | null, ...kids: Child[]) => elIn(doc, tag, attrs, ...kids);
  const check = (label: string, primary = true) =>
    h('p', { class: 'pl-button-row' }, h('button', { id: 'pl-check', type: 'button', class: primary ? 'pl-btn pl-btn-primary' : 'pl-btn', 'data-action': 'check' }, label));
  if (model.kind === 'no-tab') return [notice(doc, t('noTabTitle'), [t('noTabBody')])];
  if (model.kind === 'unreachable') return [notice(doc, t('unreachableTitle'), [model.message], [check(t('tryAgain'))], '!')];
  const s = model.state;
  if (!s || s.status === 'idle') {
    return [notice(doc, t('idleTitle'), [t('idleWhy')], [check(t('checkThisPage'))], '?')];
  }
  if (s.status === 'checking') {
    const progress = h('div', { class: 'pl-progress', 'aria-hidden': 'true' }, h('span'));
    return [notice(doc, t('checkingTitle'), [t('checkingBody')], [progress], '…')];
  }
  if (s.status === 'not-article') {
    return [notice(doc, t('notArticleTitle'), [notArticleReason(s.message, t), t('notArticleReads')], [check(t('checkAnyway'), false)], '–')];
  }
  if (s.status === 'error') return [notice(doc, t('errorTitle'), [s.message || t('somethingWrong')], [check(t('tryAgain'))], '!')];
  if (s.report) return renderReport(doc, { tabId: model.tabId, state: s, report: s.report, now, disputes: model.disputes, team: model.team, t });
  return [notice(doc, t('noResultTitle'), [s.message || t('tryCheckingAgain')], [check(t('checkThisPage'))], '?')];
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
function notArticleReason(message: string | null, t: Translate): string {
  const m = (message ?? '')
    .trim()
    .replace(/^this page does not look like a(?: news)? article[.:]?\s*/i, '')
    .replace(/^\((.*)\)\.?$/, '$1')
    .replace(/\.$/, '');
  return m ? t('notArticleWhy', m) : t('notArticleNoText');
}

/** The line under the export button saying what the export did (a status the user can see). */
export function renderExportMessage(doc: Document, text: string): HTMLElement {
  return elIn(doc, 'p', { id: 'pl-export-msg', class: 'pl-muted', role: 'status' }, text);
}
