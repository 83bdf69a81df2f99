/**
 * Plain-language labels for verdicts, relations and reuse kinds, shared by the popup and the
 * side-by-side view, with a tone used for colour (always paired with the words themselves).
 */
import { isCopyVerdict, type Relation, type Report, type Verdict } from '../core/types';

/** Visual tone of a verdict or rating chip: the words carry the meaning, the tone only echoes it. */
export type Tone = 'good' | 'info' | 'warn' | 'bad' | 'neutral';

/** Short chip text and tone per verdict. */
export const VERDICT_LABEL: Record<Verdict, { text: string; tone: Tone }> = {
  original: { text: 'Original reporting', tone: 'good' },
  'verbatim-copy': { text: 'Copied word for word', tone: 'bad' },
  'partial-copy': { text: 'Partly copied', tone: 'warn' },
  'paraphrased-copy': { text: 'Rewritten from another article', tone: 'warn' },
  'credited-excerpt': { text: 'Credited excerpt', tone: 'info' },
  syndicated: { text: 'Syndicated copy', tone: 'info' },
  'same-story': { text: 'Same story, own reporting', tone: 'neutral' },
  'no-match': { text: 'Nothing known yet', tone: 'neutral' },
};

/** The verdict chip of a report: a copy whose direction is unknown accuses no one. */
export function verdictChip(report: Pick<Report, 'verdict' | 'directionKnown'>): { text: string; tone: Tone } {
  if (isCopyVerdict(report.verdict) && report.directionKnown === false) return { text: 'Shares text with another article', tone: 'neutral' };
  return VERDICT_LABEL[report.verdict] ?? { text: report.verdict, tone: 'neutral' };
}

/** How a related article relates to the checked page, in words. */
export const RELATION_LABEL: Record<Relation, string> = {
  source: 'Source of this page',
  origin: 'Original',
  derivative: 'Reuses this page',
  syndication: 'Syndication partner',
  'credited-source': 'Quoted with credit',
  'same-story': 'Same story',
};

/** The kind of reuse, as a phrase. */
export const KIND_LABEL: Record<Exclude<Verdict, 'original' | 'no-match'>, string> = {
  'verbatim-copy': 'word-for-word copy',
  'partial-copy': 'partial copy',
  'paraphrased-copy': 'rewrite',
  'credited-excerpt': 'credited excerpt',
  syndicated: 'declared syndication',
  'same-story': 'independent report',
};

/** A tone for a fact-check rating text ("False", "Half true", "Correct"). */
export function ratingTone(rating: string | null): Tone {
  const r = (rating ?? '').toLowerCase();
  if (!r) return 'neutral';
  if (/(half|mostly|mixed|misleading|partly|partially|lacks context|missing context|exaggerat|unproven|unsupported)/.test(r)) return 'warn';
  if (/(false|fake|wrong|incorrect|pants|fabricat|hoax|not true|untrue|scam|baseless)/.test(r)) return 'bad';
  if (/(true|correct|accurate|right)/.test(r)) return 'good';
  return 'neutral';
}
