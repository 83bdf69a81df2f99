/**
 * The reader's disputes of a report: what exactly a dispute names (the verdict with the article
 * it was measured against, or one claim warning), the key two disputes of one thing share, and
 * which stored disputes still apply to a report. One rule for the background (popup, highlights)
 * and the evidence export.
 */
import { isClaimWarning, type DisputeRecord, type DisputeTarget, type Report } from './types';

/** What the reader may ask to dispute on a page, before the background resolves it against the report. */
export type DisputeRequest = { kind: 'verdict' } | { kind: 'claim'; claimId: string };

/**
 * The article a verdict was measured against: the direct source, else the origin when it is not
 * this page. Part of a verdict dispute, so a later check that names another source is a new verdict.
 */
function verdictSourceUrl(report: Report): string | null {
  if (report.directSource) return report.directSource.url;
  return report.origin && report.origin.url !== report.article.url ? report.origin.url : null;
}

/**
 * The report's thing a request names, or null when there is nothing to dispute: "no match"
 * asserts nothing, and only a claim warning (a sentence repeating a reviewed claim) is a flag.
 */
export function resolveDispute(report: Report, request: DisputeRequest): DisputeTarget | null {
  if (request.kind === 'verdict') {
    return report.verdict === 'no-match' ? null : { kind: 'verdict', verdict: report.verdict, sourceUrl: verdictSourceUrl(report) };
  }
  const warned = report.claims.some((c) => c.claim.id === request.claimId && isClaimWarning(c));
  return warned ? { kind: 'claim', claimId: request.claimId } : null;
}

/** The key of a dispute: one per page and thing disputed (disputing it again replaces it). */
export function disputeKey(pageUrl: string, target: DisputeTarget): string {
  const what = target.kind === 'verdict' ? ['verdict', target.verdict, target.sourceUrl ?? ''] : ['claim', target.claimId];
  return JSON.stringify([pageUrl, ...what]);
}

/** The disputes that apply to a report: of its verdict as it stands, and of its claim warnings by claim id. */
export interface ReportDisputes {
  verdict: DisputeRecord | null;
  claims: Map<string, DisputeRecord>;
}

/** Which of `records` (any pages) apply to `report`; a dispute of an earlier verdict or of a claim no longer warned about does not. */
export function disputesOf(report: Report, records: Iterable<DisputeRecord>): ReportDisputes {
  const out: ReportDisputes = { verdict: null, claims: new Map() };
  const verdict = resolveDispute(report, { kind: 'verdict' });
  const verdictKey = verdict ? disputeKey(report.article.url, verdict) : null;
  for (const r of records) {
    if (r.pageUrl !== report.article.url) continue;
    const key = disputeKey(r.pageUrl, r.target);
    if (key === verdictKey) out.verdict = r;
    else if (r.target.kind === 'claim' && resolveDispute(report, r.target)) out.claims.set(r.target.claimId, r);
  }
  return out;
}
