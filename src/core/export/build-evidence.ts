/**
 * The one evidence export: a report's findings as W3C Web Annotations, each source sentence quoted
 * in the context of its full text where that text is known. The extension's "export evidence"
 * and the CLI's `--annotations` both build it here.
 */
import { disputesOf } from '../disputes';
import type { PackEntry } from '../engine/pack-entry';
import { siteOf } from '../site';
import { articleText, type ArticleRecord, type DisputeRecord, type Report } from '../types';
import { reportToAnnotations, type AnnotationPage } from './web-annotation';

/** The evidence file: the annotation page and the file name it is offered under. */
export interface Evidence {
  page: AnnotationPage;
  fileName: string;
}

/** The source URLs the evidence quotes (load these and pass them to buildEvidence). */
export function evidenceSourceUrls(report: Report): string[] {
  return [...new Set(report.passages.map((p) => p.source.url))];
}

/**
 * The evidence for `report` on `article`. `sources` are the records found for
 * evidenceSourceUrls(report): full texts give context, pack entries (no text) and missing ones
 * leave the bare source sentence. `disputes` are the reader's (the extension's store; the CLI has
 * none): those that apply to this report mark their annotations as disputed.
 */
export function buildEvidence(
  report: Report,
  article: ArticleRecord,
  sources: Iterable<ArticleRecord | PackEntry | undefined>,
  now: Date,
  disputes: Iterable<DisputeRecord> = [],
): Evidence {
  const sourceTexts = new Map<string, string>();
  for (const d of sources) if (d && 'paragraphs' in d && !sourceTexts.has(d.url)) sourceTexts.set(d.url, articleText(d));
  const page = reportToAnnotations(report, articleText(article), { now, sourceTexts, disputes: disputesOf(report, disputes) });
  const host = (siteOf(article.url) ?? 'page').replace(/[^a-z0-9.-]+/gi, '-');
  return { page, fileName: `provenance-lens-evidence-${host}-${now.toISOString().slice(0, 10)}.jsonld` };
}
