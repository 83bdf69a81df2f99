/**
 * The side-by-side view's alignment (pure): this page's text cut into rows in page order, each
 * reused passage paired with the source sentence it came from, and the words a paraphrase kept.
 */
import { articleText, type ArticleRecord, type FactChange, type Passage, type Report } from '../core/types';

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

