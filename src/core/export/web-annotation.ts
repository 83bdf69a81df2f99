/**
 * A report as W3C Web Annotations (Web Annotation Data Model, JSON-LD): evidence a journalist can
 * keep, cite or load into an annotation tool, anchored the way Hypothesis anchors (a text quote
 * with the words around it), independent of this extension.
 *
 * - the verdict: one annotation on the whole page (motivation "assessing"), linking the original
 *   and the direct source;
 * - each reused passage: an annotation on its sentence (motivation "linking") whose body is the
 *   source sentence, quoted on the source page when it is known;
 * - each sentence matching a fact-checked claim: an annotation (motivation "assessing") saying
 *   whether it repeats, refutes or mentions the claim, with the rating, the reviewer and a link.
 *
 * The verdict or a claim warning the reader marked as wrong (src/core/disputes.ts) keeps its
 * annotation, which gains a "commenting" body saying so and `disputedAt` (additive: the reader's
 * word beside the finding, never in place of it).
 *
 * Offsets in a report are into articleText(article), not into the page as rendered, so targets use
 * TextQuoteSelector only: it finds the words wherever the page put them.
 */
import { fnv1a32 } from '../text/fnv1a';
import type { ReportDisputes } from '../disputes';
import { isClaimWarning, type DisputeRecord, type Passage, type Report } from '../types';

/** The Web Annotation JSON-LD context. */
export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** Characters of context kept on each side of a quote (Hypothesis keeps 32). */
const QUOTE_CONTEXT = 32;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  purpose: 'assessing' | 'commenting' | 'describing' | 'tagging';
}

interface LinkBody {
  type: 'SpecificResource';
  source: string;
  purpose: 'linking';
  selector?: TextQuoteSelector;
}

export interface Annotation {
  id: string;
  type: 'Annotation';
  motivation: 'assessing' | 'linking';
  created: string;
  generator: typeof GENERATOR;
  body: Array<TextualBody | LinkBody>;
  target: string | { source: string; selector: TextQuoteSelector };
  /** When the reader marked this finding as wrong (ISO 8601); absent when they did not. Additive. */
  disputedAt?: string;
}

export interface AnnotationPage {
  '@context': typeof ANNOTATION_CONTEXT;
  id: string;
  type: 'AnnotationPage';
  items: Annotation[];
}

/** Who made the annotations (the model's `generator`, on each annotation). */
const GENERATOR = { type: 'Software', name: 'Provenance Lens' } as const;

/** The quote of text[start, end) with up to QUOTE_CONTEXT characters around it. */
function quoteSelector(text: string, start: number, end: number): TextQuoteSelector {
  const sel: TextQuoteSelector = { type: 'TextQuoteSelector', exact: text.slice(start, end) };
  const prefix = text.slice(Math.max(0, start - QUOTE_CONTEXT), start);
  const suffix = text.slice(end, end + QUOTE_CONTEXT);
  if (prefix) sel.prefix = prefix;
  if (suffix) sel.suffix = suffix;
  return sel;
}

const text = (value: string, purpose: TextualBody['purpose']): TextualBody => ({ type: 'TextualBody', value, format: 'text/plain', purpose });
const link = (source: string, selector?: TextQuoteSelector): LinkBody => ({ type: 'SpecificResource', source, purpose: 'linking', ...(selector ? { selector } : {}) });

const KIND_WORDS: Record<Passage['kind'], string> = {
  verbatim: 'Copied word for word from',
  paraphrase: 'Rewritten from',
  quote: 'The same quotation appears in',
};

/** The annotation marked as disputed by the reader when `dispute` is set (body and `disputedAt`). */
function withDispute(a: Annotation, dispute: DisputeRecord | null | undefined): Annotation {
  if (!dispute) return a;
  const body = [...a.body, text(`The reader marked this as wrong on ${dispute.disputedAt.slice(0, 10)}.`, 'commenting')];
  return { ...a, body, disputedAt: dispute.disputedAt };
}

/**
 * The report's evidence as an AnnotationPage. `articleText` is articleText(article) of the checked
 * article (the text the report's offsets index); `sourceTexts` gives the full text of sources
 * where known (by URL), for the source sentence's context; `now` stamps the annotations;
 * `disputes` are the reader's disputes that apply to this report (disputesOf).
 */
export function reportToAnnotations(
  report: Report,
  articleText: string,
  opts: { now: Date; sourceTexts?: Map<string, string>; disputes?: ReportDisputes },
): AnnotationPage {
  const page = report.article.url;
  const created = opts.now.toISOString();
  // URNs, not URLs under the page's address: these annotations are ours, not the publisher's.
  const base = `urn:provenance-lens:${(fnv1a32(`${page}\n${created}`) >>> 0).toString(16).padStart(8, '0')}`;
  let n = 0;
  const id = () => `${base}:${++n}`;
  const outlet = (url: string) => report.related.find((r) => r.url === url)?.siteName || url;
  const items: Annotation[] = [];

  const verdictBody: Annotation['body'] = [text(report.summary, 'assessing'), text(report.verdict, 'tagging')];
  if (report.origin) verdictBody.push(link(report.origin.url));
  if (report.directSource && report.directSource.url !== report.origin?.url) verdictBody.push(link(report.directSource.url));
  const verdictNote: Annotation = { id: id(), type: 'Annotation', motivation: 'assessing', created, generator: GENERATOR, body: verdictBody, target: page };
  items.push(withDispute(verdictNote, opts.disputes?.verdict));

  for (const p of report.passages) {
    if (articleText.slice(p.start, p.end) !== p.text) continue; // offsets from another text: no anchor
    const body: Annotation['body'] = [text(`${KIND_WORDS[p.kind]} ${outlet(p.source.url)}.`, 'describing')];
    let sourceQuote: TextQuoteSelector | undefined;
    const full = opts.sourceTexts?.get(p.source.url);
    if (full && p.source.start !== null && p.source.end !== null && full.slice(p.source.start, p.source.end) === p.source.sentence) {
      sourceQuote = quoteSelector(full, p.source.start, p.source.end);
    } else if (p.source.sentence) sourceQuote = { type: 'TextQuoteSelector', exact: p.source.sentence };
    body.push(link(p.source.url, sourceQuote));
    items.push({ id: id(), type: 'Annotation', motivation: 'linking', created, generator: GENERATOR, body, target: { source: page, selector: quoteSelector(articleText, p.start, p.end) } });
  }

  for (const c of report.claims) {
    if (articleText.slice(c.start, c.end) !== c.text) continue;
    const who = c.claim.reviewer ?? 'a fact-checker';
    const rated = c.claim.rating ? `rated ${c.claim.rating}` : 'reviewed';
    // A debunk exported as "repeats" would be the very error stance exists to prevent.
    const verb = c.stance === 'refutes' ? 'Says it is false: a claim' : c.stance === 'mentions' ? 'Mentions a claim' : 'Repeats a claim';
    const body: Annotation['body'] = [text(`${verb} ${rated} by ${who}: "${c.claim.claimReviewed}"`, 'assessing')];
    if (c.claim.url) body.push(link(c.claim.url));
    const note: Annotation = { id: id(), type: 'Annotation', motivation: 'assessing', created, generator: GENERATOR, body, target: { source: page, selector: quoteSelector(articleText, c.start, c.end) } };
    // Only a warning can be disputed (disputesOf); a refuting or mentioning sentence is never marked.
    items.push(withDispute(note, isClaimWarning(c) ? opts.disputes?.claims.get(c.claim.id) : null));
  }

  return { '@context': ANNOTATION_CONTEXT, id: base, type: 'AnnotationPage', items };
}
