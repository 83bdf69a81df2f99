/**
 * The popup's view of a finished check: first the claim warnings that outrank provenance (the
 * shared priority rule, urgentWarnings), then the verdict in one sentence, the original, every related
 * article (with what changed under the direct source), the matched claims, the actions and what
 * was analysed, in the interface's language (`t`). Pure: state in, nodes out; buttons carry `data-action` for mount-popup.ts. The
 * reader's dispute controls come from render-disputes.ts (mounted under the verdict and each claim).
 */
import { isClaimWarning, type ArticleRef, type ClaimMatch, type RelatedArticle, type Report } from '../core/types';
import type { PageDisputes, TabState } from '../shared/messages';
import { elIn, formatDate, displayHost, pageLink, percent, relativeTime, safeLink, type Child } from '../shared/render';
import { describeChange } from '../shared/describe-change';
import { renderMarkLegend } from './render-legend';
import { engineTextAttrs, messageParts, uiLanguage, type Translate } from '../shared/i18n';
import { kindLabel, relationLabel, ratingTone, urgentWarnings, verdictChip } from '../shared/verdict-view';
import { renderTimeline } from './render-timeline';
import { renderTeam } from './render-team';
import type { TeamView } from '../core/types';
import { renderClaimDispute, renderVerdictDispute, renderWarningDisputed } from './render-disputes';

/** What the report view shows: the tab (for side-by-side links), its state and report, and the time. */
export interface ReportView {
  tabId: number;
  state: TabState;
  report: Report;
  now: Date;
  /** The reader's disputes of this report; null or absent: not known, and no dispute control is shown. */
  disputes?: PageDisputes | null;
  /** The team index's answer (render-team.ts); absent or null: its empty placeholder. */
  team?: TeamView | null;
  /** The interface's messages. */
  t: Translate;
}

type H = (tag: string, attrs?: Record<string, string | number | boolean | null | undefined> | null, ...kids: Child[]) => HTMLElement;

/** The nodes of a finished check, in reading order. */
export function renderReport(doc: Document, v: ReportView): Node[] {
  const h: H = (tag, attrs, ...kids) => elIn(doc, tag, attrs, ...kids);
  const { report, t } = v;
  const target = compareTarget(report);
  const disputes = v.disputes ?? null;
  const parts: Array<Node | null> = [
    warningsBlock(doc, h, report, disputes, t),
    verdictBlock(h, report, renderVerdictDispute(doc, report, disputes, t), t),
    originCard(doc, h, v),
    renderTimeline(doc, v),
  ];
  if (report.related.length) {
    parts.push(
      h(
        'section',
        { class: 'pl-section', 'aria-labelledby': 'pl-related-h' },
        h('h2', { id: 'pl-related-h', class: 'pl-section-title' }, t('relatedHeading', report.related.length)),
        h('ul', { id: 'pl-related', class: 'pl-list' }, ...report.related.map((r) => relatedItem(doc, h, v, r, target))),
      ),
    );
  }
  parts.push(renderTeam(doc, v.team, t), claimsBlock(doc, h, v), actions(doc, h, v, target), analysedBlock(h, v.state, t));
  return parts.filter((p): p is Node => p !== null);
}

/**
 * The matched claims; while they are still being matched (the verdict came first) or when they
 * could not be, a line saying so in their place, so no claim warning looks absent when it is unknown.
 */
function claimsBlock(doc: Document, h: H, v: ReportView): HTMLElement | null {
  const { report, state, t } = v;
  if (state.claimsStatus === 'pending' || state.claimsStatus === 'failed') {
    const pending = state.claimsStatus === 'pending';
    return h(
      'section',
      { id: 'pl-claims-status', class: 'pl-section', 'aria-busy': pending ? 'true' : null },
      h('p', { class: 'pl-muted', role: 'status' }, pending ? t('claimsPending') : t('claimsNotChecked'), !pending && state.message ? ` ${state.message}` : null),
    );
  }
  if (!report.claims.length) return null;
  return h(
    'section',
    { class: 'pl-section', 'aria-labelledby': 'pl-claims-h' },
    h('h2', { id: 'pl-claims-h', class: 'pl-section-title' }, t('claimsHeading', report.claims.length)),
    h('ul', { id: 'pl-claims', class: 'pl-list' }, ...report.claims.map((c, i) => claimItem(doc, h, c, renderClaimDispute(doc, c, i, v.disputes ?? null, t), t))),
  );
}

/**
 * The warnings a reader must see before anything else (urgentWarnings): compact, one line of the
 * page's sentence each, its rating, the reviewer (the site the review came from) and the review's
 * link. The full claim entries stay in `#pl-claims` below.
 */
function warningsBlock(doc: Document, h: H, report: Report, disputes: PageDisputes | null, t: Translate): HTMLElement | null {
  const urgent = urgentWarnings(report);
  if (!urgent.length) return null;
  const n = urgent.length;
  const item = (c: ClaimMatch) =>
    h(
      'li',
      { class: 'pl-warning', 'data-claim-id': c.claim.id },
      h('q', { class: 'pl-warning-quote', dir: 'auto' }, c.text),
      h(
        'p',
        { class: 'pl-warning-meta' },
        h('span', { class: `pl-chip pl-tone-${ratingTone(c.claim.rating)}` }, t('ratedAs', c.claim.rating ?? '')),
        ...(c.claim.reviewer ? messageParts(t, 'byReviewer', h('bdi', null, c.claim.reviewer)) : []),
        c.claim.url ? ' · ' : '',
        c.claim.url ? safeLink(doc, c.claim.url, t('readReview')) : '',
      ),
      renderWarningDisputed(doc, c, disputes, t),
    );
  return h(
    'section',
    { id: 'pl-warnings', class: 'pl-warnings', 'aria-labelledby': 'pl-warnings-h' },
    h(
      'h2',
      { id: 'pl-warnings-h', class: 'pl-warnings-title' },
      h('span', { class: 'pl-warnings-icon', 'aria-hidden': 'true' }, '!'),
      ' ',
      n === 1 ? t('warningsHeadingOne') : t('warningsHeadingMany', n),
    ),
    h('ul', { class: 'pl-warnings-list' }, ...urgent.map(item)),
  );
}

function verdictBlock(h: H, report: Report, dispute: HTMLElement | null, t: Translate): HTMLElement {
  const chip = verdictChip(report, t);
  return h(
    'section',
    { class: 'pl-verdict-block', 'aria-labelledby': 'pl-summary' },
    h('p', { class: 'pl-chip-row' }, h('span', { id: 'pl-verdict', class: `pl-chip pl-chip-lg pl-tone-${chip.tone}`, 'data-verdict': report.verdict }, chip.text)),
    h('h1', { id: 'pl-summary', class: 'pl-summary', ...(report.summary ? engineTextAttrs(t) : {}) }, report.summary || chip.text),
    report.verdict === 'no-match'
      ? h('p', { class: 'pl-muted' }, t('noMatchExplain'))
      : null,
    dispute,
  );
}

/** Whether putting a related article beside this page shows shared text (reuse in either direction). */
function comparable(r: RelatedArticle): boolean {
  return r.verbatimShare > 0 || r.paraphraseShare > 0 || r.relation === 'derivative' || r.relation === 'syndication';
}

/** The article the main "Compare side by side" button opens: the direct source, else the first reuse, else the origin. */
function compareTarget(report: Report): string | null {
  const reused = report.related.filter(comparable);
  return report.directSource?.url ?? reused[0]?.url ?? (report.origin && report.origin.url !== report.article.url ? report.origin.url : null);
}

/** How many passages the highlight switch would draw: reuse passages and claim warnings. */
function highlightCount(report: Report): number {
  return report.passages.length + report.claims.filter(isClaimWarning).length;
}

function outlet(ref: { siteName: string | null; url: string }, t: Translate): string {
  return ref.siteName || displayHost(ref.url) || t('unknownOutlet');
}

function dateLine(h: H, ref: ArticleRef, relativeTo: string | null, now: Date, t: Translate): Child {
  const abs = formatDate(ref.publishedTime, t);
  if (!abs) return h('span', { class: 'pl-muted' }, t('dateUnknown'));
  const rel = relativeTime(ref.publishedTime, relativeTo, now, t);
  const time = h('time', { datetime: ref.publishedTime ?? '' }, abs);
  return h('span', null, ...(rel ? messageParts(t, 'publishedWhen', rel, time) : messageParts(t, 'publishedOn', time)));
}

function compareLink(doc: Document, tabId: number, sourceUrl: string, text: string, id?: string): HTMLElement {
  return pageLink(doc, 'sidebyside.html', { tab: String(tabId), source: sourceUrl }, text, { class: 'pl-link-btn', target: '_blank', id });
}

function originCard(doc: Document, h: H, v: ReportView): HTMLElement | null {
  const o = v.report.origin;
  if (!o) return null;
  const self = o.url === v.report.article.url;
  const { t } = v;
  return h(
    'section',
    { id: 'pl-origin', class: 'pl-card', 'aria-labelledby': 'pl-origin-h' },
    h('h2', { id: 'pl-origin-h', class: 'pl-section-title' }, self ? t('originSelf') : t('originTitle')),
    h('p', { class: 'pl-title' }, safeLink(doc, o.url, o.title || o.url)),
    h('p', { class: 'pl-meta' }, h('strong', null, outlet(o, t)), ' · ', dateLine(h, o, self ? null : v.report.article.publishedTime, v.now, t)),
  );
}

function shareBar(h: H, r: RelatedArticle, t: Translate): HTMLElement {
  const verbatim = Math.max(0, Math.min(1, r.verbatimShare));
  const para = Math.max(0, Math.min(1 - verbatim, r.paraphraseShare));
  const vs = h('span', { class: 'pl-bar-v' });
  const ps = h('span', { class: 'pl-bar-p' });
  vs.style.setProperty('width', `${(verbatim * 100).toFixed(1)}%`);
  ps.style.setProperty('width', `${(para * 100).toFixed(1)}%`);
  return h(
    'div',
    { class: 'pl-share' },
    h('div', { class: 'pl-bar', 'aria-hidden': 'true' }, vs, ps),
    h('p', { class: 'pl-meta' }, t('shareLine', percent(verbatim), percent(para))),
  );
}

function relatedItem(doc: Document, h: H, v: ReportView, r: RelatedArticle, target: string | null): HTMLElement {
  const { report, t } = v;
  const credit =
    r.credited === null ? null : h('span', { class: `pl-credit ${r.credited ? 'pl-credit-yes' : 'pl-credit-no'}` }, r.credited ? t('credited') : t('noCredit'));
  const li = h(
    'li',
    { class: 'pl-related-item', 'data-relation': r.relation },
    h('p', { class: 'pl-relation' }, relationLabel(r.relation, t), r.kind ? ` · ${kindLabel(r.kind, t)}` : '', credit ? ' · ' : '', credit),
    h('p', { class: 'pl-title' }, safeLink(doc, r.url, r.title || r.url)),
    // The original is described just above; its entry here adds only the reuse figures.
    report.origin?.url === r.url ? null : h('p', { class: 'pl-meta' }, h('strong', null, outlet(r, t)), ' · ', dateLine(h, r, report.article.publishedTime, v.now, t)),
    r.verbatimShare > 0 || r.paraphraseShare > 0 ? shareBar(h, r, t) : null,
  );
  const changes = report.directSource?.url === r.url ? changesBlock(h, report, r.url, t) : null;
  if (changes) li.append(changes);
  if (r.evidence.length) {
    li.append(
      // Lines, not <li>: `#pl-related li` is one element per related article (DOM contract).
      h('details', { class: 'pl-evidence' }, h('summary', null, t('whyWeThinkSo')), h('div', { class: 'pl-evidence-lines' }, ...r.evidence.map((e) => h('p', engineTextAttrs(t), e)))),
    );
  }
  if (comparable(r) && r.url !== target) li.append(h('p', { class: 'pl-actions-inline' }, compareLink(doc, v.tabId, r.url, t('compareSideBySide'))));
  return li;
}

/**
 * "What changed": numbers, hedges and negations this page altered from the source's sentences,
 * each quoting both sides. Lines, not <li> (`#pl-related li` is one per related article).
 */
function changesBlock(h: H, report: Report, sourceUrl: string, t: Translate): HTMLElement | null {
  const lines = report.passages
    .filter((p) => p.source.url === sourceUrl && p.changes?.length)
    .flatMap((p) => p.changes!.map((c) => h('p', { class: 'pl-change', role: 'listitem', 'data-change-kind': c.kind }, describeChange(c, t))));
  if (!lines.length) return null;
  return h(
    'div',
    { id: 'pl-changes', class: 'pl-changes', role: 'group', 'aria-labelledby': 'pl-changes-h' },
    h('p', { id: 'pl-changes-h', class: 'pl-changes-title' }, t('whatChanged')),
    h('div', { class: 'pl-changes-lines', role: 'list' }, ...lines),
  );
}

function claimItem(doc: Document, h: H, c: ClaimMatch, dispute: HTMLElement | null, t: Translate): HTMLElement {
  const stance = c.stance ?? 'repeats';
  const by = c.claim.reviewer ? t('byReviewer', c.claim.reviewer) : '';
  // Only a sentence that repeats the claim is a warning; one that debunks or merely mentions it
  // is shown with its stance, the rating as plain text beside it.
  const head = isClaimWarning(c)
    ? h('p', { class: 'pl-claim-head' }, h('span', { class: `pl-chip pl-tone-${ratingTone(c.claim.rating)}` }, c.claim.rating ? t('ratedColon', c.claim.rating) : t('reviewed')), by)
    : h(
        'p',
        { class: 'pl-claim-head' },
        h('span', { class: 'pl-chip pl-tone-neutral' }, stance === 'refutes' ? t('saysFalse') : t('mentionsIt')),
        c.claim.rating ? t('claimRated', c.claim.rating) : t('claimReviewedLower'),
        by,
      );
  return h(
    'li',
    { class: 'pl-claim', 'data-claim-id': c.claim.id, 'data-stance': stance },
    head,
    h('p', { class: 'pl-quote' }, h('span', { class: 'pl-label' }, t('thisPageSays')), h('q', null, c.text)),
    h('p', { class: 'pl-quote' }, h('span', { class: 'pl-label' }, t('claimReviewedLabel')), h('q', null, c.claim.claimReviewed)),
    c.claim.url ? h('p', { class: 'pl-meta' }, safeLink(doc, c.claim.url, t('readFactCheck'))) : null,
    dispute,
  );
}

function actions(doc: Document, h: H, v: ReportView, target: string | null): HTMLElement {
  const { report, t } = v;
  const count = highlightCount(report);
  const input = h('input', { id: 'pl-highlights', type: 'checkbox', role: 'switch', disabled: count === 0 }) as HTMLInputElement;
  input.checked = v.state.highlightsOn && count > 0;
  const toggle = h(
    'div',
    { class: 'pl-toggle' },
    input,
    h('label', { for: 'pl-highlights' }, t('highlightOnPage')),
    h('span', { class: 'pl-muted pl-small', id: 'pl-highlights-hint' }, count ? (count === 1 ? t('passagesOne') : t('passagesMany', count)) : t('nothingToHighlight')),
  );
  const buttons = h('div', { class: 'pl-button-row' });
  if (target) buttons.append(compareLink(doc, v.tabId, target, t('compareSideBySide'), 'pl-compare'));
  buttons.append(h('button', { id: 'pl-check', type: 'button', class: 'pl-btn', 'data-action': 'check' }, t('checkAgain')));
  if (report.origin || report.passages.length || report.claims.length) {
    const title = t('exportTitle');
    buttons.append(h('button', { id: 'pl-export-evidence', type: 'button', class: 'pl-btn', title, 'data-action': 'export-evidence' }, t('exportEvidence')));
  }
  // What the page's marks mean sits beside the switch that draws them.
  return h('section', { class: 'pl-actions', 'aria-label': t('actionsLabel') }, toggle, count ? renderMarkLegend(doc, t) : null, buttons);
}

function analysedBlock(h: H, state: TabState, t: Translate): HTMLElement | null {
  const a = state.analysed ?? (state.report ? { title: state.report.article.title, wordCount: state.report.article.wordCount, opening: '' } : null);
  if (!a) return null;
  const words = t('wordsCount', a.wordCount.toLocaleString(uiLanguage(t)));
  return h(
    'details',
    { id: 'pl-analysed', class: 'pl-analysed' },
    h('summary', null, t('whatWasAnalysed'), h('span', { class: 'pl-summary-note' }, ` · ${words}`)),
    h('p', { class: 'pl-title' }, a.title || t('noTitle')),
    h('p', { class: 'pl-meta' }, words),
    a.opening ? h('blockquote', { class: 'pl-opening' }, a.opening) : null,
    h('p', { class: 'pl-muted pl-small' }, t('extractionFooled')),
  );
}
