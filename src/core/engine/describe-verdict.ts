/**
 * The wording of the document decision: the report's one-sentence summary and each related
 * article's evidence lines, in plain English, from what analyzeArticle decided and measured. Nothing
 * here decides anything; a change of wording never changes a verdict.
 */
import type { Relation, Verdict } from '../types';
import { durationWords } from '../duration-words';
import type { AlignedPair } from './align-sentences';
import type { DocPrint } from './fingerprint-article';
import { docTime, outletName, timeOrder } from './signals';

/** A page as the wording names it (its outlet) and dates it. */
type Named = Pick<DocPrint, 'siteName' | 'url'>;

/** What the summary says about the direct source and what the checked article took from it. */
interface SourceFacts {
  doc: DocPrint;
  /** Share of the checked article's text reused from it, word for word and reworded. */
  reusedShare: number;
  /** Declared republication signals (credit lines, wire credits, page data). */
  syndication: string[];
  /** The part of `syndication` declared only in page data (canonical, isBasedOn). */
  pageData: string[];
}

/** Everything the one-sentence summary of a report says, as analyzeArticle decided it. */
export interface VerdictFacts {
  /** The checked article. */
  article: DocPrint;
  verdict: Verdict;
  /** The direct source; null when the article reuses none. */
  source: SourceFacts | null;
  /** Whether the article credits its direct source where a reader can see it. */
  credited: boolean;
  /** Where a rewrite chain began, when that is not the direct source itself; else null. */
  origin: Named | null;
  /** Related articles in the report. */
  relatedCount: number;
  /** Later articles found reusing the checked one. */
  derivativeCount: number;
  /** The first related article whose declared earlier date the evidence contests, else null. */
  contestedRelated: Named | null;
  /** Nothing tells whether the article or its direct source was published first. */
  directionUnknown: boolean;
  /** Why the direct source's declared date is contested, else null. */
  contested: string | null;
}

/** The report's summary: a partial-text caveat when it applies, then one sentence for the verdict. */
export function describeVerdict(f: VerdictFacts): string {
  return partialNote(f) + summarize(f);
}

/** What the checked article and one related article were measured to share. */
interface PairMeasures {
  /** The related article. */
  cand: DocPrint;
  pairs: AlignedPair[];
  cosine: number;
  verbatimShare: number;
  paraphraseShare: number;
  /** Share of the related article's text the aligned sentences cover. */
  sourceCoverage: number;
  order: number;
  credit: string[];
  syndication: string[];
  /** Both articles come from one outlet. */
  sameOutlet: boolean;
}

/** What the evidence lines of one related article say, as analyzeArticle measured and decided it. */
export interface EvidenceFacts {
  /** The checked article. */
  article: DocPrint;
  /** The checked article measured against the related one. */
  pair: PairMeasures;
  /** The related article measured against the checked one, when it reuses it; else null. */
  back: Pick<PairMeasures, 'verbatimShare' | 'paraphraseShare'> | null;
  relation: Relation;
  /** Distinctive terms (rare in the index) both articles contain; 0 when the index cannot tell. */
  distinctiveTerms: number;
  /** Why the related article's declared date is contested, else null. */
  contested: string | null;
  /** The direct source, when the related article is a sibling copy of it; else null. */
  siblingOf: Named | null;
}

/** The evidence lines of one related article: dates, similarity, alignment, signals, caveats. */
export function describeEvidence(f: EvidenceFacts): string[] {
  const a = f.article;
  const r = f.pair;
  const c = r.cand;
  const ev: string[] = [];
  ev.push(`${outletName(c)}: ${timing(a, c)}`);
  ev.push(`document similarity ${r.cosine.toFixed(2)}`);
  const verbatimN = r.pairs.filter((p) => p.verbatim && !p.quote).length;
  const paraN = r.pairs.filter((p) => !p.verbatim && !p.quote).length;
  const quoteN = r.pairs.filter((p) => p.quote).length;
  if (r.pairs.length) {
    ev.push(
      `${verbatimN + paraN} of ${a.sentences.length} sentences aligned (${verbatimN} word for word, ${paraN} reworded), covering ${pct(r.verbatimShare + r.paraphraseShare)} of this article and ${pct(r.sourceCoverage)} of ${outletName(c)}`,
    );
    if (verbatimN + paraN >= 2) ev.push(`aligned facts in the same order: ${pct(r.order)}`);
  }
  if (quoteN) ev.push(`${quoteN} shared quotation${quoteN === 1 ? '' : 's'} (quoted speech, not counted as copying)`);
  // Quotations only this article has are a sign of its own reporting.
  const alignedI = new Set(r.pairs.map((p) => p.i));
  const ownQuotes = a.sentences.filter((s, i) => s.quoted >= 0.5 && !alignedI.has(i)).length;
  if (ownQuotes && f.relation !== 'syndication') ev.push(`${ownQuotes} quotation${ownQuotes === 1 ? '' : 's'} not found in ${outletName(c)}`);
  for (const s of r.syndication) ev.push(`declared syndication: ${s}`);
  for (const s of r.credit) ev.push(`credit: ${s}`);
  if (f.relation === 'derivative' && f.back) ev.push(`${outletName(c)} reuses ${pct(f.back.verbatimShare + f.back.paraphraseShare)} of its text from this article`);
  if (c.partial && f.relation === 'same-story') ev.push(`only part of ${outletName(c)} could be read (${c.partial}): the rest was not compared`);
  if (f.relation === 'same-story' && r.sameOutlet) ev.push(`same outlet: text ${outletName(c)} reuses from itself is not counted as copying`);
  else if (f.relation === 'same-story') ev.push('related facts, but not enough aligned, ordered text to call it a copy');
  const n = f.distinctiveTerms;
  if (n) ev.push(`${n} distinctive term${n === 1 ? '' : 's'} in common (names, figures, rare words)`);
  if (f.contested) ev.push(`dates contested: ${f.contested}`);
  if (f.siblingOf) ev.push(`${outletName(c)} also reuses ${outletName(f.siblingOf)}, the source, so it is counted as a sibling, not a source or derivative`);
  return ev;
}

/**
 * Partial text is no evidence of independence: when only part of the article was read, a verdict
 * that finds no reuse speaks only for that part, and the summary says so first.
 */
function partialNote({ article: a, verdict }: VerdictFacts): string {
  if (!a.partial || (verdict !== 'same-story' && verdict !== 'no-match' && verdict !== 'original')) return '';
  return `Only part of this article could be read (${a.partial}), so nothing is concluded about the rest. `;
}

function summarize(f: VerdictFacts): string {
  const { verdict, source } = f;
  if (source) {
    const c = source.doc;
    const name = outletName(c);
    const via = f.origin ? ` (itself derived from ${outletName(f.origin)})` : '';
    const credit = f.credited ? 'credit given' : 'no credit given';
    const share = pct(source.reusedShare);
    if (f.directionUnknown && verdict !== 'syndicated' && verdict !== 'credited-excerpt') {
      // Without dates or links the direction is unknown: describe the overlap, accuse no one.
      const overlap =
        verdict === 'verbatim-copy'
          ? `Shares most of its text word for word with ${name}`
          : verdict === 'partial-copy'
            ? `Shares passages with ${name} (${share} of its text)`
            : `Retells ${name} in other words, its facts in the same order`;
      return f.contested ? `${overlap}; which was published first is contested (${f.contested}).` : `${overlap}; which was published first is unknown.`;
    }
    const when = timing(f.article, c);
    switch (verdict) {
      case 'verbatim-copy':
        return `Copied word for word from ${name}${via}, ${when}; ${credit}.`;
      case 'partial-copy':
        return `Partly copied from ${name}${via} (${share} of its text), ${when}; ${credit}.`;
      case 'paraphrased-copy':
        return `Rewritten from ${name}${via}, ${when}; ${credit}.`;
      case 'credited-excerpt':
        return `Quotes or summarises ${name}, ${when}, and credits it.`;
      case 'syndicated':
        // A declaration only in page data is not a credit any reader can see: say so.
        return f.credited
          ? `Declared republication of ${name} (${source.syndication.find((x) => !source.pageData.includes(x)) ?? source.syndication[0] ?? 'syndication'}), not a copy.`
          : `Republishes ${name} and declares the original in its page data (${source.pageData[0] ?? 'syndication'}), no visible credit.`;
    }
  }
  if (verdict === 'original') {
    const n = f.derivativeCount;
    const note = f.contestedRelated ? ` ${outletName(f.contestedRelated)} declares an earlier date, contested by the evidence.` : '';
    return `Original: ${n} known article${n === 1 ? '' : 's'} reuse${n === 1 ? 's' : ''} it, and it reuses none.${note}`;
  }
  if (verdict === 'same-story') {
    const n = f.relatedCount;
    return `Reports the same story as ${n} known article${n === 1 ? '' : 's'}, with no sign that it was copied.`;
  }
  return 'No related article is known.';
}

/** When the related page c was published, relative to the checked article a. */
function timing(a: DocPrint, c: DocPrint): string {
  const at = docTime(a);
  const ct = docTime(c);
  if (!at || !ct) return 'publication time unknown';
  // A publication time against a reading time orders nothing (see timeOrder): say what is known.
  if (timeOrder(a, c) === null) {
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    return `${ct.from} ${day(ct.t)}, this article ${at.from} ${day(at.t)}: which came first is unknown`;
  }
  const diff = at.t - ct.t;
  if (diff === 0) return 'published at the same time';
  return `${ct.from} ${durationWords(diff)} ${diff > 0 ? 'earlier' : 'later'}`;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
