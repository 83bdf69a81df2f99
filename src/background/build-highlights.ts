/**
 * Turns a report into the highlights the content script draws: one per reused passage and one per
 * matched claim, each anchored by a text-quote selector (exact text plus 32 characters of context
 * on each side, taken from the article text the engine analysed).
 */
import { hostOf } from '../core/site';
import { articleText, isClaimWarning, type ArticleRecord, type Report } from '../core/types';
import { describeChange } from '../shared/describe-change';
import type { Highlight } from '../shared/messages';
import type { Translate } from '../shared/i18n';

/**
 * Context kept around each quote. 32 characters is usually five or six words: enough to tell
 * apart a sentence that repeats in the article, short enough to survive small DOM differences
 * (ads, footnote markers) next to the quote.
 */
const CONTEXT_CHARS = 32;

/** Which highlights to build: claims come from public feed data; reuse findings from the history. */
export interface HighlightScope {
  reuse: boolean;
  claims: boolean;
}

function selector(text: string, start: number, end: number, fallback: string) {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  const exact = e > s ? text.slice(s, e) : fallback;
  return {
    exact,
    prefix: text.slice(Math.max(0, s - CONTEXT_CHARS), s),
    suffix: text.slice(e, e + CONTEXT_CHARS),
    start: s,
    end: e,
  };
}

/** The id of the highlight of `report.claims[index]`. */
const claimHighlightId = (index: number) => `c${index}`;

/** Which of `report.claims` a highlight marks (its index), or null for a reuse highlight. */
export function claimIndexOf(h: Pick<Highlight, 'id' | 'kind'>): number | null {
  const m = h.kind === 'claim' ? /^c(\d+)$/.exec(h.id) : null;
  return m ? Number(m[1]) : null;
}

/** Builds Highlight[] for a report over its article, limited to the given scope; card words in `t`'s language. */
export function buildHighlights(report: Report, article: Pick<ArticleRecord, 'paragraphs'>, scope: HighlightScope, t: Translate): Highlight[] {
  const text = articleText(article);
  const out: Highlight[] = [];
  if (scope.reuse) {
    const byUrl = new Map(report.related.map((r) => [r.url, r]));
    report.passages.forEach((p, i) => {
      const src = byUrl.get(p.source.url);
      // A licensed or credited reuse must not look like a scrape (src/shared/mark-legend.ts).
      const credit = src?.relation === 'syndication' ? 'syndicated' : src?.credited ? 'credited' : null;
      out.push({
        id: `r${i}`,
        kind: p.kind,
        selector: selector(text, p.start, p.end, p.text),
        card: {
          sentence: p.source.sentence,
          outlet: src?.siteName ?? hostOf(p.source.url),
          date: src?.publishedTime ?? null,
          url: p.source.url,
          title: src?.title ?? null,
          rating: null,
          ...(p.changes?.length ? { changes: p.changes.map((c) => describeChange(c, t)) } : {}),
          ...(credit ? { credit } : {}),
        },
      });
    });
  }
  if (scope.claims) {
    report.claims.forEach((c, i) => {
      // A sentence that debunks or only mentions a claim is not marked with the claim's rating.
      if (!isClaimWarning(c)) return;
      out.push({
        id: claimHighlightId(i),
        kind: 'claim',
        selector: selector(text, c.start, c.end, c.text),
        card: {
          sentence: c.claim.claimReviewed,
          outlet: c.claim.reviewer,
          date: null,
          url: c.claim.url,
          title: null,
          rating: c.claim.rating,
        },
      });
    });
  }
  return out;
}
