/**
 * Durations in words, in one style for every surface: report summaries and evidence (core), the
 * popup, the side-by-side view, the options page and the CLI. Two wordings of one fact ("24 hours
 * earlier" in the summary, "1 day earlier" beside it) read as two facts, so there is one rule.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration's unit of the one rule (Intl unit names, so a page can word it in any language). */
export type DurationUnit = 'minute' | 'hour' | 'day' | 'month' | 'year';

/**
 * The one rule, as a count and a unit, or null for "moments" (under a minute): minutes up to two
 * hours ("90 minutes" is truer than "2 hours"), hours up to two days ("36 hours", not "2 days"),
 * days up to two months, then months up to two years, then years. The sign is ignored.
 */
export function durationAmount(ms: number): { n: number; unit: DurationUnit } | null {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return null;
  const min = Math.round(abs / MINUTE);
  if (min < 120) return { n: min, unit: 'minute' };
  const h = Math.round(abs / HOUR);
  if (h < 48) return { n: h, unit: 'hour' };
  const d = Math.round(abs / DAY);
  if (d < 60) return { n: d, unit: 'day' };
  const months = Math.round(abs / (30 * DAY));
  if (months < 24) return { n: months, unit: 'month' };
  return { n: Math.round(abs / (365 * DAY)), unit: 'year' };
}

/** A duration in English words by the one rule ("moments", "90 minutes", "36 hours", "1 day"). */
export function durationWords(ms: number): string {
  const a = durationAmount(ms);
  return a ? `${a.n} ${a.unit}${a.n === 1 ? '' : 's'}` : 'moments';
}
