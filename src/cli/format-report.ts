/**
 * The readable summary of a report for a person at a terminal: the verdict sentence, the origin,
 * the related articles with their shares and credit, the reused passages beside their source
 * sentences with what each changed (numbers, hedges, negations), and the claims with each
 * sentence's stance (repeats, refutes, mentions). Page text is
 * untrusted, so every value is stripped of control and bidi-override characters before it reaches the terminal (no escape-sequence injection).
 */
import type { ArticleRef, ClaimStance, FactChange, Report, TimelineEntry } from '../core/types';
import { verdictChip } from '../shared/verdict-view';
import { english } from './english';
import { timelineTree, type TimelineNode } from '../core/timeline-tree';

/** Longest passage or sentence shown in full; longer ones are cut (the JSON output has them all). */
const MAX_QUOTE_CHARS = 320;

/** How each claim stance reads; only `repeats` is a warning (the popup and highlights agree). */
const STANCE_TEXT: Record<ClaimStance, string> = {
  repeats: 'repeats the claim',
  refutes: 'reports the claim as false or denies it',
  mentions: 'mentions or questions the claim without asserting it',
};

/** Render a report as plain text, one item per line, ending with a newline. */
export function formatReport(report: Report): string {
  const out: string[] = [];
  out.push(clean(report.summary) || `Verdict: ${report.verdict}`);
  out.push('');
  const credit = report.credited === null ? '' : ` · credited: ${report.credited ? 'yes' : 'no'}`;
  const order = report.directionKnown === false ? ' · which came first: unknown' : '';
  out.push(`Verdict:  ${report.verdict}${credit}${order}`);
  // The words the extension shows for it (one verdict view: a copy of unknown direction accuses no one).
  out.push(`Finding:  ${verdictChip(report, english).text}`);
  const a = report.article;
  out.push(`Article:  ${describeRef(a)}`);
  out.push(`          ${clean(a.url)}`);
  const facts = [a.byline && `by ${clean(a.byline)}`, a.lang && `lang ${clean(a.lang)}`, `${a.wordCount} words`];
  out.push(`          ${facts.filter(Boolean).join(' · ')}`);
  if (report.origin && report.origin.url === a.url) {
    out.push('Origin:   this article');
  } else if (report.origin) {
    out.push(`Origin:   ${describeRef(report.origin)}`);
    out.push(`          ${clean(report.origin.url)}`);
  }
  if (report.directSource && report.directSource.url !== report.origin?.url && report.directSource.url !== a.url) {
    out.push(`Made from: ${describeRef(report.directSource)}`);
    out.push(`          ${clean(report.directSource.url)}`);
  }

  if (report.related.length > 0) {
    out.push('', `Related articles (${report.related.length}):`);
    for (const r of report.related) {
      out.push(`  - ${r.relation}${r.kind ? ` (${r.kind})` : ''}: ${describeRef(r)}`);
      out.push(`    ${clean(r.url)}`);
      const credited = r.credited === null ? '' : ` · credited: ${r.credited ? 'yes' : 'no'}`;
      out.push(
        `    similarity ${r.similarity.toFixed(2)} · verbatim ${percent(r.verbatimShare)} · ` +
          `paraphrase ${percent(r.paraphraseShare)}${credited}`,
      );
      for (const why of r.evidence ?? []) out.push(`    · ${clean(why)}`);
    }
  }

  if (report.passages.length > 0) {
    out.push('', `Reused passages (${report.passages.length}):`);
    report.passages.forEach((p, i) => {
      out.push(`  ${i + 1}. [${p.kind} ${p.score.toFixed(2)}] "${quote(p.text)}"`);
      const from = p.source.sentence === null ? '(known by fingerprint only)' : `"${quote(p.source.sentence)}"`;
      out.push(`     from ${from}`);
      out.push(`          ${clean(p.source.url)}`);
      for (const c of p.changes ?? []) out.push(`     changed: ${describeChange(c)}`);
    });
  }

  if (report.claims.length > 0) {
    out.push('', `Fact-checked claims (${report.claims.length}):`);
    for (const c of report.claims) {
      out.push(`  - "${quote(c.text)}"`);
      out.push(`    stance: ${STANCE_TEXT[c.stance ?? 'repeats']}`);
      const verdict = [c.claim.rating && `rated ${clean(c.claim.rating)}`, c.claim.reviewer && `by ${clean(c.claim.reviewer)}`];
      out.push(`    reviewed: "${quote(c.claim.claimReviewed)}"${verdict.some(Boolean) ? ` (${verdict.filter(Boolean).join(' ')})` : ''}`);
      out.push(`    ${clean(c.claim.url ?? c.claim.id)} · score ${c.score.toFixed(2)}`);
    }
  }
  return out.join('\n') + '\n';
}

/** One fact change on one line: `number "$48 million" -> "$50 million"` (source first, then this copy). */
function describeChange(c: FactChange): string {
  const copy = c.copy === null ? '(no attribution)' : `"${quote(c.copy)}"`;
  const kind = c.kind === 'hedge' ? 'hedge dropped' : c.kind;
  return `${clean(kind)} "${quote(c.source)}" -> ${copy}`;
}

function describeRef(ref: ArticleRef): string {
  const parts = [`"${clean(ref.title) || '(untitled)'}"`];
  if (ref.siteName) parts.push(clean(ref.siteName));
  if (ref.publishedTime) parts.push(`published ${formatTime(ref.publishedTime)}`);
  return parts.join(' — ');
}

/** How each timeline relation reads at the terminal. */
const TIMELINE_RELATION: Record<TimelineEntry['relation'], string> = {
  original: 'original',
  'verbatim-copy': 'copy (verbatim)',
  'partial-copy': 'partial copy',
  'paraphrased-copy': 'rewrite (paraphrased)',
  'credited-excerpt': 'credited excerpt',
  syndicated: 'syndicated',
  derived: 'derived from the origin',
  source: 'also reused by this page',
  sibling: "also reuses this page's source",
  derivative: 'derived from this page',
  'same-story': 'independent (same story)',
  'this-page': 'this page',
};

/** A relation, with how the version reuses the one it derives from when that is measured and not already said. */
function timelineRelation(e: TimelineEntry): string {
  const kind = e.reuseKind && e.reuseKind !== e.relation ? TIMELINE_RELATION[e.reuseKind] : null;
  return kind ? `${TIMELINE_RELATION[e.relation]}, ${kind}` : TIMELINE_RELATION[e.relation];
}

/**
 * The story's timeline (report.timeline) as text, one line per version, oldest first: time and
 * where it came from, outlet, relation, credit, the version it derives from; this page marked.
 * Then who derived from whom as an indented tree, when any version derives from another.
 */
export function formatTimeline(report: Report): string {
  const t = report.timeline ?? [];
  if (!t.length) return 'No timeline: this report was not made by a check.\n';
  const outletOf = new Map(t.map((e) => [e.url, clean(e.outlet)]));
  const lines = t.map((e) => {
    const time = e.time === null ? 'time unknown' : `${formatTime(e.time)}${e.timeFrom === 'first-seen' ? ' (first seen)' : ''}`;
    const parts = [`${e.thisPage ? '*' : ' '} ${time}`, clean(e.outlet), timelineRelation(e), `credit: ${e.credit}`];
    if (e.derivedFrom) parts.push(`← derived from ${outletOf.get(e.derivedFrom) ?? clean(e.derivedFrom)}`);
    if (!e.directionKnown) parts.push('which came first: unknown');
    if (e.thisPage) parts.push('(this page)');
    return `${parts.join(' · ')}\n    ${clean(e.url)}`;
  });
  const head = `Timeline (${t.length} known version${t.length === 1 ? '' : 's'}, oldest first):\n${lines.join('\n')}\n`;
  const tree = timelineTree(t);
  if (!tree.some((n) => n.children.length)) return head;
  return `${head}\nWho derived from whom:\n${tree.flatMap((n) => treeLines(n, '', '')).map((l) => `  ${l}`).join('\n')}\n`;
}

/** A node and its descendants, one line each, drawn with box characters under their parent. */
function treeLines(node: TimelineNode, lead: string, rest: string): string[] {
  const e = node.entry;
  // Under its parent, how a version reuses it says enough ("copy (verbatim)", not "also reuses this page's source, ...").
  const line = `${lead}${clean(e.outlet)} (${TIMELINE_RELATION[e.reuseKind ?? e.relation]})${e.thisPage ? ' *' : ''}`;
  const kids = node.children.flatMap((c, i) => {
    const last = i === node.children.length - 1;
    return treeLines(c, `${rest}${last ? '└─ ' : '├─ '}`, `${rest}${last ? '   ' : '│  '}`);
  });
  return [line, ...kids];
}

/** ISO times as "2026-03-02 08:00 UTC" (unambiguous, sortable); anything else as given. */
function formatTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return clean(iso);
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function quote(text: string): string {
  const cleaned = clean(text);
  return cleaned.length > MAX_QUOTE_CHARS ? `${cleaned.slice(0, MAX_QUOTE_CHARS - 1)}…` : cleaned;
}

/**
 * One line of safe terminal text: C0/C1 controls (ESC starts terminal escape sequences) and
 * bidi overrides (which can disguise text) are removed, whitespace runs become one space.
 */
export function clean(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
