/**
 * The popup's view of a finished check: first the claim warnings that outrank provenance (the
 * shared priority rule, urgentWarnings), then the verdict in one sentence, the original, every related
 * article (with what changed under the direct source), the matched claims, the actions and what
 * was analysed. Pure: state in, nodes out; buttons carry `data-action` for mount-popup.ts. The
 * reader's dispute controls come from render-disputes.ts (mounted under the verdict and each claim).
 */
import { isClaimWarning, type ArticleRef, type ClaimMatch, type RelatedArticle, type Report } from '../core/types';
import type { PageDisputes, TabState } from '../shared/messages';
import { elIn, formatDate, displayHost, pageLink, percent, relativeTime, safeLink, type Child } from '../shared/render';
import { describeChange } from '../shared/describe-change';
import { renderMarkLegend } from './render-legend';
import { KIND_LABEL, RELATION_LABEL, ratingTone, urgentWarnings, verdictChip } from '../shared/verdict-view';
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
}

type H = (tag: string, attrs?: Record<string, string | number | boolean | null | undefined> | null, ...kids: Child[]) => HTMLElement;

/** The nodes of a finished check, in reading order. */
export function renderReport(doc: Document, v: ReportView): Node[] {
  const h: H = (tag, attrs, ...kids) => elIn(doc, tag, attrs, ...kids);
  const { report } = v;
  const target = compareTarget(report);
  const disputes = v.disputes ?? null;
  const parts: Array<Node | null> = [
    warningsBlock(doc, h, report, disputes),
    verdictBlock(h, report, renderVerdictDispute(doc, report, disputes)),
    originCard(doc, h, v),
    renderTimeline(doc, v),
  ];
  if (report.related.length) {
    parts.push(
      h(
        'section',
        { class: 'pl-section', 'aria-labelledby': 'pl-related-h' },
        h('h2', { id: 'pl-related-h', class: 'pl-section-title' }, `Related articles (${report.related.length})`),
        h('ul', { id: 'pl-related', class: 'pl-list' }, ...report.related.map((r) => relatedItem(doc, h, v, r, target))),
      ),
    );
  }
  parts.push(renderTeam(doc, v.team));
  if (report.claims.length) {
    parts.push(
      h(
        'section',
        { class: 'pl-section', 'aria-labelledby': 'pl-claims-h' },
        h('h2', { id: 'pl-claims-h', class: 'pl-section-title' }, `Claims fact-checkers reviewed (${report.claims.length})`),
        h('ul', { id: 'pl-claims', class: 'pl-list' }, ...report.claims.map((c, i) => claimItem(doc, h, c, renderClaimDispute(doc, c, i, v.disputes ?? null)))),
      ),
    );
  }
  parts.push(actions(doc, h, v, target), analysedBlock(h, v.state));
  return parts.filter((p): p is Node => p !== null);
}

/**
 * The warnings a reader must see before anything else (urgentWarnings): compact, one line of the
 * page's sentence each, its rating, the reviewer (the site the review came from) and the review's
 * link. The full claim entries stay in `#pl-claims` below.
 */
function warningsBlock(doc: Document, h: H, report: Report, disputes: PageDisputes | null): HTMLElement | null {
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
        h('span', { class: `pl-chip pl-tone-${ratingTone(c.claim.rating)}` }, `Rated ${c.claim.rating}`),
        c.claim.reviewer ? ' by ' : '',
        c.claim.reviewer ? h('bdi', null, c.claim.reviewer) : '',
        c.claim.url ? ' · ' : '',
        c.claim.url ? safeLink(doc, c.claim.url, 'Read the review') : '',
      ),
      renderWarningDisputed(doc, c, disputes),
    );
  return h(
    'section',
    { id: 'pl-warnings', class: 'pl-warnings', 'aria-labelledby': 'pl-warnings-h' },
    h(
      'h2',
      { id: 'pl-warnings-h', class: 'pl-warnings-title' },
      h('span', { class: 'pl-warnings-icon', 'aria-hidden': 'true' }, '!'),
      ` This page repeats ${n === 1 ? 'a claim' : `${n} claims`} fact-checkers rated false or misleading`,
    ),
    h('ul', { class: 'pl-warnings-list' }, ...urgent.map(item)),
  );
}

function verdictBlock(h: H, report: Report, dispute: HTMLElement | null): HTMLElement {
  const chip = verdictChip(report);
  return h(
    'section',
    { class: 'pl-verdict-block', 'aria-labelledby': 'pl-summary' },
    h('p', { class: 'pl-chip-row' }, h('span', { id: 'pl-verdict', class: `pl-chip pl-chip-lg pl-tone-${chip.tone}`, 'data-verdict': report.verdict }, chip.text)),
    h('h1', { id: 'pl-summary', class: 'pl-summary' }, report.summary || chip.text),
    report.verdict === 'no-match'
      ? h('p', { class: 'pl-muted' }, 'None of the articles you have read or the feeds you follow share this text. As you read more, earlier versions of a story are recognised.')
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

function outlet(ref: { siteName: string | null; url: string }): string {
  return ref.siteName || displayHost(ref.url) || 'Unknown outlet';
}

function dateLine(h: H, ref: ArticleRef, relativeTo: string | null, now: Date): Child {
  const abs = formatDate(ref.publishedTime);
  if (!abs) return h('span', { class: 'pl-muted' }, 'date unknown');
  const rel = relativeTime(ref.publishedTime, relativeTo, now);
  const time = h('time', { datetime: ref.publishedTime ?? '' }, abs);
  return h('span', null, rel ? `published ${rel} · ` : 'published ', time);
}

function compareLink(doc: Document, tabId: number, sourceUrl: string, text: string, id?: string): HTMLElement {
  return pageLink(doc, 'sidebyside.html', { tab: String(tabId), source: sourceUrl }, text, { class: 'pl-link-btn', target: '_blank', id });
}

function originCard(doc: Document, h: H, v: ReportView): HTMLElement | null {
  const o = v.report.origin;
  if (!o) return null;
  const self = o.url === v.report.article.url;
  return h(
    'section',
    { id: 'pl-origin', class: 'pl-card', 'aria-labelledby': 'pl-origin-h' },
    h('h2', { id: 'pl-origin-h', class: 'pl-section-title' }, self ? 'This page is the earliest version we know' : 'The original'),
    h('p', { class: 'pl-title' }, safeLink(doc, o.url, o.title || o.url)),
    h('p', { class: 'pl-meta' }, h('strong', null, outlet(o)), ' · ', dateLine(h, o, self ? null : v.report.article.publishedTime, v.now)),
  );
}

function shareBar(h: H, r: RelatedArticle): HTMLElement {
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
    h('p', { class: 'pl-meta' }, `${percent(verbatim)} of this page word for word, ${percent(para)} paraphrased`),
  );
}

function relatedItem(doc: Document, h: H, v: ReportView, r: RelatedArticle, target: string | null): HTMLElement {
  const { report } = v;
  const credit =
    r.credited === null ? null : h('span', { class: `pl-credit ${r.credited ? 'pl-credit-yes' : 'pl-credit-no'}` }, r.credited ? 'credited' : 'no credit given');
  const li = h(
    'li',
    { class: 'pl-related-item', 'data-relation': r.relation },
    h('p', { class: 'pl-relation' }, RELATION_LABEL[r.relation] ?? r.relation, r.kind ? ` · ${KIND_LABEL[r.kind] ?? r.kind}` : '', credit ? ' · ' : '', credit),
    h('p', { class: 'pl-title' }, safeLink(doc, r.url, r.title || r.url)),
    // The original is described just above; its entry here adds only the reuse figures.
    report.origin?.url === r.url ? null : h('p', { class: 'pl-meta' }, h('strong', null, outlet(r)), ' · ', dateLine(h, r, report.article.publishedTime, v.now)),
    r.verbatimShare > 0 || r.paraphraseShare > 0 ? shareBar(h, r) : null,
  );
  const changes = report.directSource?.url === r.url ? changesBlock(h, report, r.url) : null;
  if (changes) li.append(changes);
  if (r.evidence.length) {
    li.append(
      // Lines, not <li>: `#pl-related li` is one element per related article (DOM contract).
      h('details', { class: 'pl-evidence' }, h('summary', null, 'Why we think so'), h('div', { class: 'pl-evidence-lines' }, ...r.evidence.map((e) => h('p', null, e)))),
    );
  }
  if (comparable(r) && r.url !== target) li.append(h('p', { class: 'pl-actions-inline' }, compareLink(doc, v.tabId, r.url, 'Compare side by side')));
  return li;
}

/**
 * "What changed": numbers, hedges and negations this page altered from the source's sentences,
 * each quoting both sides. Lines, not <li> (`#pl-related li` is one per related article).
 */
function changesBlock(h: H, report: Report, sourceUrl: string): HTMLElement | null {
  const lines = report.passages
    .filter((p) => p.source.url === sourceUrl && p.changes?.length)
    .flatMap((p) => p.changes!.map((c) => h('p', { class: 'pl-change', role: 'listitem', 'data-change-kind': c.kind }, describeChange(c))));
  if (!lines.length) return null;
  return h(
    'div',
    { id: 'pl-changes', class: 'pl-changes', role: 'group', 'aria-labelledby': 'pl-changes-h' },
    h('p', { id: 'pl-changes-h', class: 'pl-changes-title' }, 'What changed'),
    h('div', { class: 'pl-changes-lines', role: 'list' }, ...lines),
  );
}

function claimItem(doc: Document, h: H, c: ClaimMatch, dispute: HTMLElement | null): HTMLElement {
  const stance = c.stance ?? 'repeats';
  const by = c.claim.reviewer ? ` by ${c.claim.reviewer}` : '';
  // Only a sentence that repeats the claim is a warning; one that debunks or merely mentions it
  // is shown with its stance, the rating as plain text beside it.
  const head = isClaimWarning(c)
    ? h('p', { class: 'pl-claim-head' }, h('span', { class: `pl-chip pl-tone-${ratingTone(c.claim.rating)}` }, c.claim.rating ? `Rated: ${c.claim.rating}` : 'Reviewed'), by)
    : h(
        'p',
        { class: 'pl-claim-head' },
        h('span', { class: 'pl-chip pl-tone-neutral' }, stance === 'refutes' ? 'Says it is false' : 'Mentions it'),
        c.claim.rating ? ` · fact-checkers rated the claim ${c.claim.rating}${by}` : ` · reviewed${by}`,
      );
  return h(
    'li',
    { class: 'pl-claim', 'data-claim-id': c.claim.id, 'data-stance': stance },
    head,
    h('p', { class: 'pl-quote' }, h('span', { class: 'pl-label' }, 'This page says '), h('q', null, c.text)),
    h('p', { class: 'pl-quote' }, h('span', { class: 'pl-label' }, 'Claim reviewed '), h('q', null, c.claim.claimReviewed)),
    c.claim.url ? h('p', { class: 'pl-meta' }, safeLink(doc, c.claim.url, 'Read the fact-check')) : null,
    dispute,
  );
}

function actions(doc: Document, h: H, v: ReportView, target: string | null): HTMLElement {
  const { report } = v;
  const count = highlightCount(report);
  const input = h('input', { id: 'pl-highlights', type: 'checkbox', role: 'switch', disabled: count === 0 }) as HTMLInputElement;
  input.checked = v.state.highlightsOn && count > 0;
  const toggle = h(
    'div',
    { class: 'pl-toggle' },
    input,
    h('label', { for: 'pl-highlights' }, 'Highlight on the page'),
    h('span', { class: 'pl-muted pl-small', id: 'pl-highlights-hint' }, count ? `${count} passage${count === 1 ? '' : 's'}` : 'nothing to highlight'),
  );
  const buttons = h('div', { class: 'pl-button-row' });
  if (target) buttons.append(compareLink(doc, v.tabId, target, 'Compare side by side', 'pl-compare'));
  buttons.append(h('button', { id: 'pl-check', type: 'button', class: 'pl-btn', 'data-action': 'check' }, 'Check again'));
  if (report.origin || report.passages.length || report.claims.length) {
    const title = 'Save the evidence as W3C Web Annotations (JSON-LD)';
    buttons.append(h('button', { id: 'pl-export-evidence', type: 'button', class: 'pl-btn', title, 'data-action': 'export-evidence' }, 'Export evidence'));
  }
  // What the page's marks mean sits beside the switch that draws them.
  return h('section', { class: 'pl-actions', 'aria-label': 'Actions' }, toggle, count ? renderMarkLegend(doc) : null, buttons);
}

function analysedBlock(h: H, state: TabState): HTMLElement | null {
  const a = state.analysed ?? (state.report ? { title: state.report.article.title, wordCount: state.report.article.wordCount, opening: '' } : null);
  if (!a) return null;
  return h(
    'details',
    { id: 'pl-analysed', class: 'pl-analysed' },
    h('summary', null, 'What was analysed', h('span', { class: 'pl-summary-note' }, ` · ${a.wordCount.toLocaleString()} words`)),
    h('p', { class: 'pl-title' }, a.title || '(no title)'),
    h('p', { class: 'pl-meta' }, `${a.wordCount.toLocaleString()} words`),
    a.opening ? h('blockquote', { class: 'pl-opening' }, a.opening) : null,
    h('p', { class: 'pl-muted pl-small' }, 'If this is not the article you are reading, the page layout fooled the extraction.'),
  );
}
