/**
 * Durations in words, in one style for every surface: report summaries and evidence (core), the
 * popup, the side-by-side view, the options page and the CLI. Two wordings of one fact ("24 hours
 * earlier" in the summary, "1 day earlier" beside it) read as two facts, so there is one rule.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in words: "moments" under a minute, minutes up to two hours ("90 minutes" is truer
 * than "2 hours"), hours up to two days ("36 hours", not "2 days"), days up to two months, then
 * months up to two years, then years. The sign is ignored.
 */
export function durationWords(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return 'moments';
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const min = Math.round(abs / MINUTE);
  if (min < 120) return count(min, 'minute');
  const h = Math.round(abs / HOUR);
  if (h < 48) return count(h, 'hour');
  const d = Math.round(abs / DAY);
  if (d < 60) return count(d, 'day');
  const months = Math.round(abs / (30 * DAY));
  if (months < 24) return count(months, 'month');
  return count(Math.round(abs / (365 * DAY)), 'year');
}
