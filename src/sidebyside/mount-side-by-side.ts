/**
 * The side-by-side view: this page and one source, aligned sentence by sentence from the report's
 * passages. Verbatim spans and paraphrased pairs are marked (colour, border style and a text
 * label), the words a paraphrase kept are underlined on both sides, the words this page changed
 * (a number, a dropped hedge, a negation) are marked on both sides with their own style and a
 * spoken label, and the keyboard moves between matches (n / p, or the buttons). Text only, never HTML.
 */
import { articleText, type ArticleRecord, type FactChange, type Passage, type Report } from '../core/types';
import { elIn, formatDate, hostOf, percent, relativeTime, safeLink, type Child } from '../shared/render';
import { verdictChip } from '../shared/verdict-view';
import { CHANGE_LABEL, describeChange } from '../shared/describe-change';
import type { PageApi } from '../shared/page-client';

/** Everything the view needs besides the DOM. */
export interface SideBySideContext {
  api: PageApi;
  tabId: number | null;
  sourceUrl: string | null;
}

const KIND_TEXT: Record<Passage['kind'], string> = {
  verbatim: 'word for word',
  paraphrase: 'paraphrased',
  quote: 'quoted with credit',
};

// Word-level marking of paraphrase pairs is quadratic in sentence length; past this many words a
// "sentence" is a paragraph-sized passage and the pair is shown without word marks.
const MAX_WORDS_FOR_MARKS = 300;

interface Token {
  word: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    out.push({ word: m[0].toLowerCase().replace(/’/g, "'"), start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** Character ranges of the words the two texts share in order (longest common subsequence of words). */
export function sharedWordRanges(a: string, b: string): { a: Array<[number, number]>; b: Array<[number, number]> } {
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.length || !tb.length || ta.length > MAX_WORDS_FOR_MARKS || tb.length > MAX_WORDS_FOR_MARKS) return { a: [], b: [] };
  const n = ta.length;
  const m = tb.length;
  const dp = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] = ta[i].word === tb[j].word ? dp[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(dp[(i + 1) * (m + 1) + j], dp[i * (m + 1) + j + 1]);
    }
  }
  const ra: Array<[number, number]> = [];
  const rb: Array<[number, number]> = [];
  const push = (list: Array<[number, number]>, t: Token, text: string) => {
    const last = list[list.length - 1];
    // Adjacent shared words form one run (only spaces/punctuation between them).
    if (last && /^[\s,;:.'"’”“-]*$/.test(text.slice(last[1], t.start))) last[1] = t.end;
    else list.push([t.start, t.end]);
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (ta[i].word === tb[j].word) {
      push(ra, ta[i], a);
      push(rb, tb[j], b);
      i++;
      j++;
    } else if (dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1]) i++;
    else j++;
  }
  // A lone short word ("a", "is", "to") kept in a rewrite says nothing; marking it is noise.
  const telling = (text: string) => ([s, e]: [number, number]) => e - s > 3 || /\s/.test(text.slice(s, e));
  return { a: ra.filter(telling(a)), b: rb.filter(telling(b)) };
}

/** One aligned row: a stretch of this page and, when reused, the source sentence it came from. */
export interface AlignedRow {
  kind: Passage['kind'] | 'own';
  left: string;
  right: string | null;
  score: number | null;
  /** What this passage changed from its source sentence (offsets into `left` and `right`). */
  changes?: FactChange[];
}

/** Builds the rows in this page's order: reused passages paired with their source sentence, the rest alone. */
export function alignRows(article: ArticleRecord, source: ArticleRecord | null, report: Report, sourceUrl: string): AlignedRow[] {
  const text = articleText(article);
  const sourceText = source ? articleText(source) : null;
  const forSource = report.passages.filter((p) => p.source.url === sourceUrl);
  const passages = (forSource.length ? forSource : report.passages)
    .filter((p) => p.end > p.start && p.start >= 0 && p.end <= text.length)
    .sort((x, y) => x.start - y.start);
  const rows: AlignedRow[] = [];
  const own = (from: number, to: number) => {
    for (const para of text.slice(from, to).split(/\n\s*\n/)) {
      const t = para.trim();
      if (t) rows.push({ kind: 'own', left: t, right: null, score: null });
    }
  };
  let at = 0;
  for (const p of passages) {
    if (p.start < at) continue; // overlapping passage: the first one already covers it
    own(at, p.start);
    let right = p.source.sentence;
    if (right === null && sourceText && p.source.start !== null && p.source.end !== null) right = sourceText.slice(p.source.start, p.source.end);
    const raw = text.slice(p.start, p.end);
    const lead = raw.length - raw.trimStart().length;
    const left = raw.trim();
    const row: AlignedRow = { kind: p.kind, left, right, score: p.score };
    // Change offsets are into the passage text and the source sentence: shift them by the trim.
    const changes = (p.changes ?? []).map((c) => ({
      ...c,
      copyStart: c.copyStart == null ? null : c.copyStart - lead,
      copyEnd: c.copyEnd == null ? null : c.copyEnd - lead,
    }));
    if (changes.length) row.changes = changes;
    rows.push(row);
    at = p.end;
  }
  own(at, text.length);
  return rows;
}

/** Mounts the side-by-side view into `doc` (expects the shell of sidebyside.html). */
export function mountSideBySide(doc: Document, ctx: SideBySideContext): { ready: Promise<void> } {
  const h = (tag: string, attrs?: Record<string, string | number | boolean | null | undefined> | null, ...kids: Child[]) =>
    elIn(doc, tag, attrs, ...kids);
  const main = doc.getElementById('pl-sbs') ?? doc.body.appendChild(h('main', { id: 'pl-sbs' }));

  function fail(title: string, text: string): void {
    main.replaceChildren(h('section', { class: 'pl-notice' }, h('h1', null, title), h('p', { class: 'pl-muted' }, text)));
    doc.body.dataset.state = 'error';
  }

  /**
   * The text with shared words underlined and changed words marked. A change is a <mark> whose
   * first segment opens with a visually hidden label, so its meaning does not rest on style alone.
   */
  function marked(text: string, shared: Array<[number, number]>, changed: Array<{ start: number; end: number; label: string }> = []): Child[] {
    const cuts = new Set<number>([0, text.length]);
    for (const [s, e] of shared) cuts.add(s).add(e);
    for (const c of changed) cuts.add(c.start).add(c.end);
    const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
    const out: Child[] = [];
    // One <mark> per change, holding its segments (a shared word inside it stays underlined).
    let open = null as { end: number; el: HTMLElement } | null;
    for (let k = 0; k + 1 < points.length; k++) {
      const [s, e] = [points[k], points[k + 1]];
      const piece = text.slice(s, e);
      const same = shared.some(([a, b]) => a <= s && e <= b);
      const seg: Child = same ? h('span', { class: 'pl-same' }, piece) : piece;
      const change = changed.find((c) => c.start <= s && e <= c.end);
      if (change && open?.end !== change.end) {
        open = { end: change.end, el: h('mark', { class: 'pl-changed', 'data-change-kind': change.label }, h('span', { class: 'pl-visually-hidden' }, `${change.label}: `)) };
        out.push(open.el);
      }
      if (change && open) open.el.append(seg);
      else out.push(seg);
    }
    return out;
  }

  /** Valid change spans of one side of a row (offsets checked against the text they point into). */
  function changeSpans(text: string, changes: FactChange[] | undefined, side: 'copy' | 'source'): Array<{ start: number; end: number; label: string }> {
    const out: Array<{ start: number; end: number; label: string }> = [];
    for (const c of changes ?? []) {
      const start = side === 'copy' ? c.copyStart : c.sourceStart;
      const end = side === 'copy' ? c.copyEnd : c.sourceEnd;
      const words = side === 'copy' ? c.copy : c.source;
      // Only spans that still quote the reported words are drawn (a stale offset marks nothing).
      if (start == null || end == null || words == null || start < 0 || end > text.length || text.slice(start, end) !== words) continue;
      if (out.some((o) => start < o.end && o.start < end)) continue;
      out.push({ start, end, label: `changed ${CHANGE_LABEL[c.kind].toLowerCase()}` });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  function articleHead(a: ArticleRecord | null, label: string, url: string, ref: string | null): HTMLElement {
    const when = a ? formatDate(a.publishedTime) : null;
    const rel = a && ref ? relativeTime(a.publishedTime, ref) : null;
    return h(
      'div',
      { class: 'pl-col-head' },
      h('p', { class: 'pl-col-label' }, label),
      h('p', { class: 'pl-col-title' }, safeLink(doc, a?.url ?? url, a?.title || url)),
      h('p', { class: 'pl-meta' }, a?.siteName || hostOf(a?.url ?? url), when ? ` · ${when}` : '', rel ? ` (${rel})` : ''),
    );
  }

  function render(article: ArticleRecord, source: ArticleRecord | null, report: Report, sourceUrl: string): void {
    const rows = alignRows(article, source, report, sourceUrl);
    const related = report.related.find((r) => r.url === sourceUrl);
    const chip = verdictChip(report);
    const reused = rows.filter((r) => r.kind !== 'own');
    const counts = { verbatim: 0, paraphrase: 0, quote: 0 };
    for (const r of reused) counts[r.kind as Passage['kind']]++;

    const summary = h(
      'section',
      { class: 'pl-sbs-summary', 'aria-labelledby': 'pl-sbs-title' },
      h('p', null, h('span', { class: `pl-chip pl-tone-${chip.tone}`, 'data-verdict': report.verdict }, chip.text)),
      h('h1', { id: 'pl-sbs-title' }, report.summary),
      h(
        'p',
        { class: 'pl-meta' },
        `${reused.length} passage${reused.length === 1 ? '' : 's'} of this page match the source`,
        reused.length ? ` (${counts.verbatim} word for word, ${counts.paraphrase} paraphrased, ${counts.quote} quoted)` : '',
        related ? `; ${percent(related.verbatimShare)} of the text copied word for word, ${percent(related.paraphraseShare)} paraphrased.` : '.',
      ),
    );
    const legend = h(
      'ul',
      { class: 'pl-legend', 'aria-label': 'Legend' },
      h('li', null, h('span', { class: 'pl-swatch pl-k-verbatim', 'aria-hidden': 'true' }), 'Word for word (solid)'),
      h('li', null, h('span', { class: 'pl-swatch pl-k-paraphrase', 'aria-hidden': 'true' }), 'Paraphrased (dashed)'),
      h('li', null, h('span', { class: 'pl-swatch pl-k-quote', 'aria-hidden': 'true' }), 'Quoted with credit (dotted)'),
      h('li', null, h('span', { class: 'pl-same' }, 'underlined'), ' words kept by a paraphrase'),
      reused.some((r) => r.changes?.length)
        ? h('li', null, h('mark', { class: 'pl-changed' }, 'boxed, wavy'), ' words this page changed from the source (a number, a dropped hedge, a negation)')
        : null,
    );
    const nav = h('div', { class: 'pl-sbs-nav' });
    const prev = h('button', { type: 'button', class: 'pl-btn', 'aria-keyshortcuts': 'p' }, '↑ Previous match');
    const next = h('button', { type: 'button', class: 'pl-btn', 'aria-keyshortcuts': 'n' }, 'Next match ↓');
    const where = h('span', { class: 'pl-meta', 'aria-live': 'polite' }, reused.length ? 'Press n / p to move between matches' : 'No matching passages');
    nav.append(prev, next, where);

    const table = h('table', { class: 'pl-sbs-table' });
    table.append(
      h('caption', { class: 'pl-visually-hidden' }, 'This page and its source, aligned passage by passage'),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, articleHead(article, 'This page', article.url, null)), h('th', { scope: 'col' }, articleHead(source, 'Source', sourceUrl, article.publishedTime)))),
    );
    const body = h('tbody');
    const matchRows: HTMLElement[] = [];
    rows.forEach((r, i) => {
      let left: Child[] = [r.left];
      let right: Child[] = r.right === null ? [] : [r.right];
      const shared = r.kind === 'paraphrase' && r.right ? sharedWordRanges(r.left, r.right) : { a: [], b: [] };
      if (shared.a.length || r.changes?.length) left = marked(r.left, shared.a, changeSpans(r.left, r.changes, 'copy'));
      if (r.right && (shared.b.length || r.changes?.length)) right = marked(r.right, shared.b, changeSpans(r.right, r.changes, 'source'));
      const tr = h('tr', { class: `pl-row pl-k-${r.kind}`, 'data-kind': r.kind });
      if (r.kind === 'own') {
        tr.append(h('td', { class: 'pl-cell' }, ...left), h('td', { class: 'pl-cell pl-empty-cell' }, h('span', { class: 'pl-visually-hidden' }, 'No matching source passage')));
      } else {
        tr.setAttribute('tabindex', '-1');
        tr.setAttribute('id', `pl-match-${i}`);
        const tag = h('span', { class: 'pl-tag' }, KIND_TEXT[r.kind]);
        // The row says in words what changed (the marks show where).
        const changedTag = r.changes?.length ? h('span', { class: 'pl-tag pl-tag-changed', title: r.changes.map(describeChange).join('\n') }, 'facts changed') : null;
        if (changedTag) tr.dataset.changed = r.changes!.map((c) => c.kind).join(' ');
        tr.append(
          h('td', { class: 'pl-cell pl-left' }, tag, ' ', changedTag, changedTag ? ' ' : null, ...left),
          h('td', { class: 'pl-cell pl-right' }, ...(right.length ? right : [h('span', { class: 'pl-muted' }, 'The source is known only by its fingerprint; its wording is not stored.')])),
        );
        matchRows.push(tr);
      }
      body.append(tr);
    });
    table.append(body);

    let currentMatch = -1;
    const go = (delta: number) => {
      if (!matchRows.length) return;
      currentMatch = (currentMatch + delta + matchRows.length) % matchRows.length;
      const row = matchRows[currentMatch];
      row.focus();
      row.scrollIntoView?.({ block: 'center' });
      where.textContent = `Match ${currentMatch + 1} of ${matchRows.length}`;
    };
    prev.addEventListener('click', () => go(-1));
    next.addEventListener('click', () => go(1));
    doc.addEventListener('keydown', (e) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (e.key === 'n' || e.key === 'j') go(1);
      else if (e.key === 'p' || e.key === 'k') go(-1);
    });

    main.replaceChildren(summary, legend, nav, table);
    doc.title = `Side by side: ${article.title}`;
    doc.body.dataset.state = 'done';
  }

  async function load(): Promise<void> {
    if (ctx.tabId === null || !ctx.sourceUrl) {
      fail('Nothing to compare', 'Open this view from the Provenance Lens popup on a checked page.');
      return;
    }
    const r = await ctx.api.call('getComparison', { tabId: ctx.tabId, sourceUrl: ctx.sourceUrl });
    if (!r.ok) {
      fail('Cannot show the comparison', r.error);
      return;
    }
    render(r.value.article, r.value.source, r.value.report, ctx.sourceUrl);
  }

  const ready = load()
    .catch((err) => fail('Cannot show the comparison', err instanceof Error ? err.message : String(err)))
    .finally(() => {
      doc.body.dataset.ready = '1';
    });
  return { ready };
}

/** Reads `?tab=<id>&source=<url>` from the view's URL. */
export function paramsFromLocation(search: string): { tabId: number | null; sourceUrl: string | null } {
  const q = new URLSearchParams(search);
  const n = Number(q.get('tab'));
  return { tabId: q.get('tab') !== null && Number.isInteger(n) && n >= 0 ? n : null, sourceUrl: q.get('source') || null };
}
