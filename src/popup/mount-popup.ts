/**
 * The popup: asks the background for the tab's state and renders it (verdict in one sentence,
 * the original, every related article, matched claims, what was analysed), with the controls to
 * check the page, toggle highlights and open the side-by-side view. Text only, never HTML.
 */
import { isClaimWarning, type ArticleRef, type ClaimMatch, type RelatedArticle, type Report } from '../core/types';
import { DEFAULT_SETTINGS, type TabState } from '../shared/messages';
import { elIn, formatDate, hostOf, pageLink, percent, relativeTime, safeLink, saveTextFile, type Child } from '../shared/render';
import { describeChange } from '../shared/describe-change';
import { KIND_LABEL, RELATION_LABEL, ratingTone, verdictChip } from '../shared/verdict-view';
import type { PageApi } from '../shared/page-client';

// How often a page still being checked is polled, and for how long at most. Checking takes well
// under a second on typical pages; 60 s covers a cold worker rebuilding a large index.
const POLL_MS = 400;
const POLL_LIMIT_MS = 60_000;

/** Everything the popup needs besides the DOM. */
export interface PopupContext {
  api: PageApi;
  /** Tab to inspect (from `?tab=`), else the active tab. */
  tabId: number | null;
  now?: () => Date;
  /** Test seam for the polling delay. */
  sleep?: (ms: number) => Promise<void>;
  /** Saves a file for the user (test seam; default: a download link). */
  download?: (name: string, text: string) => void;
}

type View = 'loading' | 'idle' | 'checking' | 'not-article' | 'error' | 'done' | 'no-tab';

/** The running popup: re-render entry points (also used by tests). */
export interface PopupHandle {
  /** Resolves once the first state is rendered (body.dataset.ready === '1'). */
  ready: Promise<void>;
  render(state: TabState | null): void;
}

/** Mounts the popup into `doc` (expects the shell of popup.html) and starts loading the state. */
export function mountPopup(doc: Document, ctx: PopupContext): PopupHandle {
  const h = (tag: string, attrs?: Record<string, string | number | boolean | null | undefined> | null, ...kids: Child[]) =>
    elIn(doc, tag, attrs, ...kids);
  const main = doc.getElementById('pl-app') ?? doc.body.appendChild(h('main', { id: 'pl-app' }));
  const status = doc.getElementById('pl-status') ?? doc.body.appendChild(h('p', { id: 'pl-status', class: 'pl-visually-hidden', role: 'status' }));
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = ctx.now ?? (() => new Date());
  let tabId = ctx.tabId;
  let current: TabState | null = null;
  let pollToken = 0;
  let busy = false;

  const settingsBtn = doc.getElementById('pl-settings');
  settingsBtn?.addEventListener('click', () => void ctx.api.openOptions());

  function setView(view: View, state: string): void {
    doc.body.dataset.view = view;
    doc.body.dataset.state = state;
  }

  function announce(text: string): void {
    status.textContent = text;
  }

  /** Saves the evidence as W3C Web Annotations (JSON-LD), for a journalist's records or any annotation tool. */
  function exportButton(): HTMLElement {
    const b = h('button', { id: 'pl-export-evidence', type: 'button', class: 'pl-btn', title: 'Save the evidence as W3C Web Annotations (JSON-LD)' }, 'Export evidence');
    b.addEventListener('click', async () => {
      if (tabId === null) return;
      // Said visibly, below the buttons (the popup's status line is for screen readers only).
      const say = (text: string) => {
        const m = doc.getElementById('pl-export-msg') ?? h('p', { id: 'pl-export-msg', class: 'pl-muted', role: 'status' });
        if (!m.isConnected) b.parentElement?.after(m);
        m.textContent = text;
      };
      const r = await ctx.api.call('exportEvidence', { tabId });
      if (!r.ok) {
        say(`Could not export the evidence: ${r.error}`);
        return;
      }
      (ctx.download ?? ((name: string, text: string) => saveTextFile(doc, name, text, 'application/ld+json')))(r.value.fileName, r.value.json);
      say(`Evidence saved as ${r.value.fileName} (W3C Web Annotations).`);
    });
    return b;
  }

  function checkButton(label: string, primary = true): HTMLElement {
    const b = h('button', { id: 'pl-check', type: 'button', class: primary ? 'pl-btn pl-btn-primary' : 'pl-btn' }, label);
    b.addEventListener('click', () => void check());
    return b;
  }

  function notice(title: string, body: Child[], extra: Child[] = [], icon = 'i'): HTMLElement {
    return h(
      'section',
      { class: 'pl-notice' },
      h('div', { class: 'pl-notice-icon', 'aria-hidden': 'true' }, icon),
      h('h1', { class: 'pl-notice-title', id: 'pl-summary' }, title),
      ...body.map((b) => (typeof b === 'string' ? h('p', { class: 'pl-muted' }, b) : b)),
      ...extra,
    );
  }

  function dateLine(ref: ArticleRef, relativeTo: string | null): Child {
    const abs = formatDate(ref.publishedTime);
    if (!abs) return h('span', { class: 'pl-muted' }, 'date unknown');
    const rel = relativeTime(ref.publishedTime, relativeTo, now());
    const time = h('time', { datetime: ref.publishedTime ?? '' }, abs);
    return h('span', null, rel ? `published ${rel} · ` : 'published ', time);
  }

  function outlet(ref: { siteName: string | null; url: string }): string {
    return ref.siteName || hostOf(ref.url) || 'Unknown outlet';
  }

  function compareLink(sourceUrl: string, text: string, id?: string): HTMLElement | null {
    if (tabId === null) return null;
    const a = pageLink(doc, 'sidebyside.html', { tab: String(tabId), source: sourceUrl }, text, { class: 'pl-link-btn', target: '_blank', id });
    return a;
  }

  function originCard(report: Report): HTMLElement | null {
    const o = report.origin;
    if (!o) return null;
    const self = o.url === report.article.url;
    return h(
      'section',
      { id: 'pl-origin', class: 'pl-card', 'aria-labelledby': 'pl-origin-h' },
      h('h2', { id: 'pl-origin-h', class: 'pl-section-title' }, self ? 'This page is the earliest version we know' : 'The original'),
      h('p', { class: 'pl-title' }, safeLink(doc, o.url, o.title || o.url)),
      h('p', { class: 'pl-meta' }, h('strong', null, outlet(o)), ' · ', dateLine(o, self ? null : report.article.publishedTime)),
    );
  }

  function shareBar(r: RelatedArticle): HTMLElement {
    const v = Math.max(0, Math.min(1, r.verbatimShare));
    const p = Math.max(0, Math.min(1 - v, r.paraphraseShare));
    const bar = h('div', { class: 'pl-bar', 'aria-hidden': 'true' });
    const vs = h('span', { class: 'pl-bar-v' });
    const ps = h('span', { class: 'pl-bar-p' });
    vs.style.setProperty('width', `${(v * 100).toFixed(1)}%`);
    ps.style.setProperty('width', `${(p * 100).toFixed(1)}%`);
    bar.append(vs, ps);
    return h(
      'div',
      { class: 'pl-share' },
      bar,
      h('p', { class: 'pl-meta' }, `${percent(v)} of this page word for word, ${percent(p)} paraphrased`),
    );
  }

  function relatedItem(r: RelatedArticle, report: Report, compareTarget: string | null): HTMLElement {
    const credit =
      r.credited === null ? null : h('span', { class: `pl-credit ${r.credited ? 'pl-credit-yes' : 'pl-credit-no'}` }, r.credited ? 'credited' : 'no credit given');
    const reused = r.verbatimShare > 0 || r.paraphraseShare > 0;
    const isOrigin = report.origin?.url === r.url;
    const isDirect = report.directSource?.url === r.url;
    const li = h(
      'li',
      { class: 'pl-related-item', 'data-relation': r.relation },
      h('p', { class: 'pl-relation' }, RELATION_LABEL[r.relation] ?? r.relation, r.kind ? ` · ${KIND_LABEL[r.kind] ?? r.kind}` : '', credit ? ' · ' : '', credit),
      h('p', { class: 'pl-title' }, safeLink(doc, r.url, r.title || r.url)),
      // The original is described just above; its entry here adds only the reuse figures.
      isOrigin ? null : h('p', { class: 'pl-meta' }, h('strong', null, outlet(r)), ' · ', dateLine(r, report.article.publishedTime)),
      reused ? shareBar(r) : null,
    );
    const changes = isDirect ? changesBlock(report, r.url) : null;
    if (changes) li.append(changes);
    if (r.evidence.length) {
      li.append(
        // Lines, not <li>: `#pl-related li` is one element per related article (DOM contract).
        h('details', { class: 'pl-evidence' }, h('summary', null, 'Why we think so'), h('div', { class: 'pl-evidence-lines' }, ...r.evidence.map((e) => h('p', null, e)))),
      );
    }
    if (comparable(r) && r.url !== compareTarget) {
      const link = compareLink(r.url, 'Compare side by side');
      if (link) li.append(h('p', { class: 'pl-actions-inline' }, link));
    }
    return li;
  }

  /**
   * "What changed": numbers, hedges and negations this page altered from the source's sentences,
   * each quoting both sides. Lines, not <li> (`#pl-related li` is one per related article).
   */
  function changesBlock(report: Report, sourceUrl: string): HTMLElement | null {
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

  function claimItem(c: ClaimMatch): HTMLElement {
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
    );
  }

  function analysedBlock(state: TabState): HTMLElement | null {
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

  function highlightToggle(state: TabState, count: number): HTMLElement {
    const input = h('input', { id: 'pl-highlights', type: 'checkbox', role: 'switch', disabled: count === 0 }) as HTMLInputElement;
    input.checked = state.highlightsOn && count > 0;
    input.addEventListener('change', () => void setHighlights(input.checked));
    return h(
      'div',
      { class: 'pl-toggle' },
      input,
      h('label', { for: 'pl-highlights' }, 'Highlight on the page'),
      h('span', { class: 'pl-muted pl-small', id: 'pl-highlights-hint' }, count ? `${count} passage${count === 1 ? '' : 's'}` : 'nothing to highlight'),
    );
  }

  function renderDone(state: TabState, report: Report): void {
    const chip = verdictChip(report);
    const nothing = report.verdict === 'no-match';
    const reused = report.related.filter(comparable);
    const compareTarget = report.directSource?.url ?? reused[0]?.url ?? (report.origin && report.origin.url !== report.article.url ? report.origin.url : null);
    const hlCount = report.passages.length + report.claims.filter(isClaimWarning).length;
    const head = h(
      'section',
      { class: 'pl-verdict-block', 'aria-labelledby': 'pl-summary' },
      h('p', { class: 'pl-chip-row' }, h('span', { id: 'pl-verdict', class: `pl-chip pl-chip-lg pl-tone-${chip.tone}`, 'data-verdict': report.verdict }, chip.text)),
      h('h1', { id: 'pl-summary', class: 'pl-summary' }, report.summary || chip.text),
      nothing
        ? h('p', { class: 'pl-muted' }, 'None of the articles you have read or the feeds you follow share this text. As you read more, earlier versions of a story are recognised.')
        : null,
    );
    const parts: Child[] = [head];
    parts.push(originCard(report));
    if (report.related.length) {
      parts.push(
        h(
          'section',
          { class: 'pl-section', 'aria-labelledby': 'pl-related-h' },
          h('h2', { id: 'pl-related-h', class: 'pl-section-title' }, `Related articles (${report.related.length})`),
          h('ul', { id: 'pl-related', class: 'pl-list' }, ...report.related.map((r) => relatedItem(r, report, compareTarget))),
        ),
      );
    }
    if (report.claims.length) {
      parts.push(
        h(
          'section',
          { class: 'pl-section', 'aria-labelledby': 'pl-claims-h' },
          h('h2', { id: 'pl-claims-h', class: 'pl-section-title' }, `Claims fact-checkers reviewed (${report.claims.length})`),
          h('ul', { id: 'pl-claims', class: 'pl-list' }, ...report.claims.map(claimItem)),
        ),
      );
    }
    const actions = h('section', { class: 'pl-actions', 'aria-label': 'Actions' }, highlightToggle(state, hlCount));
    const buttons = h('div', { class: 'pl-button-row' });
    if (compareTarget) buttons.append(compareLink(compareTarget, 'Compare side by side', 'pl-compare')!);
    buttons.append(checkButton('Check again', false));
    if (report.origin || report.passages.length || report.claims.length) buttons.append(exportButton());
    actions.append(buttons);
    parts.push(actions, analysedBlock(state));
    main.replaceChildren(...(parts.filter(Boolean) as Node[]));
    setView('done', state.status);
    announce(report.summary);
  }

  function render(state: TabState | null): void {
    current = state;
    if (tabId === null) {
      main.replaceChildren(notice('No page to check', ['Open this window from a browser tab showing a news article.']));
      setView('no-tab', 'idle');
    } else if (!state || state.status === 'idle') {
      main.replaceChildren(
        notice(
          'This page has not been checked yet',
          ['Checking reads the article on this page and compares it with what you have read before. It all happens on your computer; nothing is sent anywhere.'],
          [h('p', { class: 'pl-button-row' }, checkButton('Check this page'))],
          '?',
        ),
      );
      setView('idle', 'idle');
    } else if (state.status === 'checking') {
      main.replaceChildren(
        notice('Checking this page…', ['Reading the article and comparing it with articles you have read.'], [h('div', { class: 'pl-progress', 'aria-hidden': 'true' }, h('span'))], '…'),
      );
      main.setAttribute('aria-busy', 'true');
      setView('checking', 'checking');
      announce('Checking this page');
      return;
    } else if (state.status === 'not-article') {
      main.replaceChildren(
        notice(
          'This page does not look like a news article',
          [
            notArticleReason(state.message),
            'Provenance Lens reads news reports, features and opinion pieces. If this is one, check it anyway.',
          ],
          [h('p', { class: 'pl-button-row' }, checkButton('Check anyway', false))],
          '–',
        ),
      );
      setView('not-article', 'not-article');
    } else if (state.status === 'error') {
      main.replaceChildren(
        notice('The check did not finish', [state.message || 'Something went wrong.'], [h('p', { class: 'pl-button-row' }, checkButton('Try again'))], '!'),
      );
      setView('error', 'error');
    } else if (state.report) {
      renderDone(state, state.report);
    } else {
      main.replaceChildren(notice('No result for this page', [state.message || 'Try checking again.'], [h('p', { class: 'pl-button-row' }, checkButton('Check this page'))], '?'));
      setView('error', state.status);
    }
    main.removeAttribute('aria-busy');
  }

  function renderFailure(message: string): void {
    main.replaceChildren(notice('Cannot reach the extension', [message], [h('p', { class: 'pl-button-row' }, checkButton('Try again'))], '!'));
    setView('error', 'error');
    main.removeAttribute('aria-busy');
  }

  async function pollWhileChecking(state: TabState): Promise<TabState | null> {
    const token = ++pollToken;
    let s: TabState | null = state;
    const started = now().getTime();
    while (s && s.status === 'checking' && token === pollToken) {
      if (now().getTime() - started > POLL_LIMIT_MS) {
        render({ ...s, status: 'error', message: 'The check is taking too long. Reload the page and try again.' });
        return null;
      }
      await sleep(POLL_MS);
      if (token !== pollToken) return null;
      const r = await ctx.api.call('getTabState', { tabId: tabId! });
      if (!r.ok) {
        renderFailure(r.error);
        return null;
      }
      s = r.value;
      if (s?.status !== 'checking') render(s);
    }
    return token === pollToken ? s : null;
  }

  async function maybeAutoHighlight(state: TabState | null): Promise<void> {
    const report = state?.report;
    if (!state || state.status !== 'done' || !report || state.highlightsOn) return;
    if (!report.passages.length && !report.claims.length) return;
    const settings = await ctx.api.call('getSettings', {});
    const want = settings.ok ? settings.value.highlights : DEFAULT_SETTINGS.highlights;
    if (want && current === state) await setHighlights(true);
  }

  async function setHighlights(on: boolean): Promise<void> {
    if (tabId === null || busy) return;
    busy = true;
    try {
      const r = await ctx.api.call('setHighlights', { tabId, on });
      if (r.ok) {
        current = r.value;
        const box = doc.getElementById('pl-highlights') as HTMLInputElement | null;
        if (box) box.checked = r.value.highlightsOn;
        announce(r.value.highlightsOn ? 'Highlights shown on the page' : 'Highlights removed from the page');
      } else {
        const box = doc.getElementById('pl-highlights') as HTMLInputElement | null;
        if (box) box.checked = !on;
        announce(`Could not change highlights: ${r.error}`);
        const hint = doc.getElementById('pl-highlights-hint');
        if (hint) hint.textContent = 'could not reach the page; reload it and try again';
      }
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
    render(r.value);
    const final = r.value.status === 'checking' ? await pollWhileChecking(r.value) : r.value;
    // The button that had focus is gone with the re-render: put focus on the result's heading so
    // keyboard and screen-reader users land on the answer.
    const heading = doc.getElementById('pl-summary');
    if (heading && (doc.activeElement === doc.body || !doc.activeElement)) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    await maybeAutoHighlight(final);
  }

  async function load(): Promise<void> {
    if (tabId === null) tabId = await ctx.api.activeTabId();
    if (tabId === null) {
      render(null);
      return;
    }
    const r = await ctx.api.call('getTabState', { tabId });
    if (!r.ok) {
      renderFailure(r.error);
      return;
    }
    render(r.value);
    doc.body.dataset.ready = '1';
    const final = r.value?.status === 'checking' ? await pollWhileChecking(r.value) : r.value;
    await maybeAutoHighlight(final);
  }

  const ready = load()
    .catch((err) => renderFailure(err instanceof Error ? err.message : String(err)))
    .finally(() => {
      doc.body.dataset.ready = '1';
    });
  return { ready, render };
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

/** Whether putting a related article beside this page shows shared text (reuse in either direction). */
function comparable(r: RelatedArticle): boolean {
  return r.verbatimShare > 0 || r.paraphraseShare > 0 || r.relation === 'derivative' || r.relation === 'syndication';
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
