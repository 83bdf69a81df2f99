/**
 * The toolbar badge for a report: a short text and a colour per verdict (docs/architecture.md),
 * so the reader sees the finding without opening the popup. The badge is not visible to the page.
 */
import { isClaimWarning, isCopyVerdict, type Report, type Verdict } from '../core/types';

/** Badge text and background colour. */
export interface Badge {
  text: string;
  color: string;
}

/**
 * Text per verdict. Colours follow the Okabe-Ito colour-blind-safe palette and the text carries
 * the meaning on its own (colour is only a second cue): vermilion for copies, orange for partial
 * and rewritten, blue for credited/syndicated reuse, grey for context, green for original.
 */
const BADGES: Record<Verdict, Badge> = {
  'verbatim-copy': { text: 'COPY', color: '#D55E00' },
  'partial-copy': { text: 'PART', color: '#C45000' },
  'paraphrased-copy': { text: 'REW', color: '#B35900' },
  'credited-excerpt': { text: 'CRED', color: '#0072B2' },
  syndicated: { text: 'SYN', color: '#0072B2' },
  'same-story': { text: 'SAME', color: '#5F6B7A' },
  original: { text: 'ORIG', color: '#007A5A' },
  'no-match': { text: '', color: '#5F6B7A' },
};

/** Colour of the claim-only badge ("!"): the reddish purple of the same palette. */
const CLAIM_BADGE: Badge = { text: '!', color: '#A0468A' };

/** Shared text whose direction is unknown: related, but nobody is accused (grey, like context). */
const SHARED_BADGE: Badge = { text: 'SHR', color: '#5F6B7A' };

/** The badge for a report: the verdict's text, or `!` when the page only repeats known claims. */
export function badgeFor(report: Pick<Report, 'verdict' | 'claims' | 'directionKnown'> | null): Badge {
  if (!report) return { text: '', color: BADGES['no-match'].color };
  if (isCopyVerdict(report.verdict) && report.directionKnown === false) return SHARED_BADGE;
  const b = BADGES[report.verdict] ?? BADGES['no-match'];
  if (b.text === '' && report.claims.some(isClaimWarning)) return CLAIM_BADGE;
  return b;
}
