/**
 * The one verdict view: plain-language labels for verdicts, relations and reuse kinds with a tone
 * used for colour (always paired with the words themselves), the toolbar badge, and the rule that a
 * copy whose direction is unknown accuses no one. Used by the badge, the popup, the side-by-side
 * view and the CLI's readable report. Words come from the interface's messages (a `Translate`; the CLI
 * passes the English one).
 */
import { isClaimWarning, isCopyVerdict, type ClaimMatch, type Relation, type Report, type Verdict } from '../core/types';
import type { MessageKey, Translate } from './i18n';

/** Whether a report names a copy without knowing which came first: then it accuses no one. */
function accusesNoOne(report: Pick<Report, 'verdict' | 'directionKnown'>): boolean {
  return isCopyVerdict(report.verdict) && report.directionKnown === false;
}

/** Visual tone of a verdict or rating chip: the words carry the meaning, the tone only echoes it. */
export type Tone = 'good' | 'info' | 'warn' | 'bad' | 'neutral';

/**
 * Per verdict: the chip's message and tone, and the toolbar badge's text and colour. Badge colours
 * follow the Okabe-Ito colour-blind-safe palette and the text carries the meaning on its own
 * (colour is only a second cue): vermilion for copies, orange for partial and rewritten, blue for
 * credited/syndicated reuse, grey for context, green for original.
 */
const VERDICTS: Record<Verdict, { key: MessageKey; tone: Tone; badge: string; color: string }> = {
  original: { key: 'verdictOriginal', tone: 'good', badge: 'ORIG', color: '#007A5A' },
  'verbatim-copy': { key: 'verdictVerbatimCopy', tone: 'bad', badge: 'COPY', color: '#D55E00' },
  'partial-copy': { key: 'verdictPartialCopy', tone: 'warn', badge: 'PART', color: '#C45000' },
  'paraphrased-copy': { key: 'verdictParaphrasedCopy', tone: 'warn', badge: 'REW', color: '#B35900' },
  'credited-excerpt': { key: 'verdictCreditedExcerpt', tone: 'info', badge: 'CRED', color: '#0072B2' },
  syndicated: { key: 'verdictSyndicated', tone: 'info', badge: 'SYN', color: '#0072B2' },
  'same-story': { key: 'verdictSameStory', tone: 'neutral', badge: 'SAME', color: '#5F6B7A' },
  'no-match': { key: 'verdictNoMatch', tone: 'neutral', badge: '', color: '#5F6B7A' },
};

/** The tone of a verdict, shared by the verdict chip and the timeline's relation words. */
export function verdictTone(verdict: Verdict): Tone {
  return VERDICTS[verdict].tone;
}

/** The verdict chip of a report: a copy whose direction is unknown accuses no one. */
export function verdictChip(report: Pick<Report, 'verdict' | 'directionKnown'>, t: Translate): { text: string; tone: Tone } {
  if (accusesNoOne(report)) return { text: t('verdictSharesText'), tone: 'neutral' };
  const label = VERDICTS[report.verdict];
  return label ? { text: t(label.key), tone: label.tone } : { text: report.verdict, tone: 'neutral' };
}

/** The message naming how a related article relates to the checked page. */
const RELATION_KEY: Record<Relation, MessageKey> = {
  source: 'relationSource',
  origin: 'relationOrigin',
  derivative: 'relationDerivative',
  syndication: 'relationSyndication',
  'credited-source': 'relationCreditedSource',
  'same-story': 'relationSameStory',
};

/** How a related article relates to the checked page, in words. */
export function relationLabel(relation: Relation, t: Translate): string {
  const key = RELATION_KEY[relation];
  return key ? t(key) : relation;
}

/** The message naming each kind of reuse, as a phrase. */
const KIND_KEY: Record<Exclude<Verdict, 'original' | 'no-match'>, MessageKey> = {
  'verbatim-copy': 'kindVerbatimCopy',
  'partial-copy': 'kindPartialCopy',
  'paraphrased-copy': 'kindParaphrasedCopy',
  'credited-excerpt': 'kindCreditedExcerpt',
  syndicated: 'kindSyndicated',
  'same-story': 'kindSameStory',
};

/** The kind of reuse, as a phrase ("word-for-word copy"). */
export function kindLabel(kind: Exclude<Verdict, 'original' | 'no-match'>, t: Translate): string {
  const key = KIND_KEY[kind];
  return key ? t(key) : kind;
}

/** A tone for a fact-check rating text ("False", "Half true", "Correct"). */
export function ratingTone(rating: string | null): Tone {
  const r = (rating ?? '').toLowerCase();
  if (!r) return 'neutral';
  if (/(half|mostly|mixed|misleading|partly|partially|lacks context|missing context|exaggerat|unproven|unsupported)/.test(r)) return 'warn';
  if (/(false|fake|wrong|incorrect|pants|fabricat|hoax|not true|untrue|scam|baseless)/.test(r)) return 'bad';
  if (/(true|correct|accurate|right)/.test(r)) return 'good';
  return 'neutral';
}

/**
 * Whether a fact-check rating says the claim is false or misleading, wholly or mostly ("False",
 * "Mostly false", "Pants on fire", "Misleading", "Missing context"). Not "Half true", "Mostly
 * true", "Unproven" or "True": a reader is not warned first about a claim found largely right.
 * Apart from ratingTone, which colours "Mostly false" as a mixed rating.
 */
export function ratedFalse(rating: string | null): boolean {
  return /(false|misleading|missing context|lacks context|out of context|fake|incorrect|inaccurate|wrong|pants on fire|fabricat|hoax|not true|untrue|scam|baseless)/.test(
    (rating ?? '').toLowerCase(),
  );
}

/**
 * THE priority rule between claim warnings and provenance (one owner: the badge and the popup's
 * first screen both ask here). A sentence that repeats a claim fact-checkers rated false or
 * misleading, on a page that does not itself debunk it (the sentence's stance: isClaimWarning), is
 * the most urgent thing a reader must see: it comes before the provenance verdict. Returned in the
 * page's order.
 */
export function urgentWarnings(report: Pick<Report, 'claims'>): ClaimMatch[] {
  return report.claims.filter((c) => isClaimWarning(c) && ratedFalse(c.claim.rating)).sort((a, b) => a.start - b.start);
}

/* ---- the toolbar badge: the finding without opening the popup (not visible to the page) ---- */

/** Badge text, background colour and the button's tooltip (which names what the text cannot). */
export interface Badge {
  text: string;
  color: string;
  title: string;
}

/** Colour of the claim badge ("!"): the reddish purple of the same palette. */
const CLAIM_BADGE = { text: '!', color: '#A0468A' };

/** Shared text whose direction is unknown: related, but nobody is accused (grey, like context). */
const SHARED_BADGE = { text: 'SHR', color: '#5F6B7A' };

/**
 * The badge for a report. A badge holds one short text, so by the priority rule (urgentWarnings)
 * `!` wins over the verdict's text when the page repeats a claim rated false or misleading, and the
 * tooltip names both; otherwise the verdict's text, or `!` when the page repeats some other
 * reviewed claim and nothing else applies.
 */
export function badgeFor(report: Pick<Report, 'verdict' | 'claims' | 'directionKnown'> | null, t: Translate): Badge {
  if (!report) return { text: '', color: VERDICTS['no-match'].color, title: t('extName') };
  const verdict = verdictChip(report, t).text;
  const urgent = urgentWarnings(report);
  if (urgent.length) {
    const title = urgent.length === 1 ? t('badgeUrgentOne', verdict) : t('badgeUrgentMany', urgent.length, verdict);
    return { ...CLAIM_BADGE, title };
  }
  const v = VERDICTS[report.verdict] ?? VERDICTS['no-match'];
  const b = accusesNoOne(report) ? SHARED_BADGE : { text: v.badge, color: v.color };
  if (b.text === '' && report.claims.some(isClaimWarning)) return { ...CLAIM_BADGE, title: t('badgeReviewed', verdict) };
  return { ...b, title: t('badgeTitle', verdict) };
}
