/**
 * Date parsing for extraction: machine dates from metadata (ISO 8601 and friends) and the visible
 * date text that many small sites print instead ("Published 14 March 2026, 09:12",
 * "March 14, 2026 at 9:12 am", "14.03.2026"). Pure string code, no DOM.
 */

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
  // German and French month names: the dev data and many European outlets use them.
  januar: 1, jänner: 1, februar: 2, märz: 3, maerz: 3, mai: 5, juni: 6, juli: 7, oktober: 10,
  dezember: 12, janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, juin: 6, juillet: 7,
  août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12,
};

const MONTH_NAME = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

// Earliest year accepted: older "dates" on news pages are almost always something else (a
// historical year in a sentence); the web-news era is enough.
const MIN_YEAR = 1990;

const TIME = String.raw`(?:[,\s]+(?:at\s+|um\s+|à\s+|-\s*)?(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s*(?:Uhr|h))?(?:\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2}))?)?`;

// Day-month-year with a month name: "14 March 2026", "14. März 2026", "14 Mar. 2026".
const DMY = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(${MONTH_NAME})\.?,?\s+(\d{4})` + TIME, 'iu');
// Month-day-year: "March 14, 2026", "Mar. 14 2026".
const MDY = new RegExp(String.raw`\b(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})` + TIME, 'iu');
// Numeric ISO-like: "2026-03-14", "2026/03/14".
const YMD = new RegExp(String.raw`\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b` + TIME, 'u');
// Dotted European: "14.03.2026". Slashed numeric dates are left alone: 03/04/2026 is ambiguous.
const DOTTED = new RegExp(String.raw`\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b` + TIME, 'u');

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  zone: string | null;
}

function toIso(p: Parts): string | null {
  if (p.y < MIN_YEAR || p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31) return null;
  if (p.h > 23 || p.mi > 59 || p.s > 59) return null;
  const base = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  const check = new Date(base);
  if (check.getUTCDate() !== p.d) return null; // 31 February and the like
  let offsetMin = 0;
  if (p.zone && /^[+-]/.test(p.zone)) {
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(p.zone);
    if (m) offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }
  // Visible dates without a zone are read as UTC: the page's zone is unknown, and a few hours of
  // error matter less than dropping the date (direction is decided on gaps of hours to days).
  return new Date(base - offsetMin * 60_000).toISOString();
}

function hourOf(h: string | undefined, ampm: string | undefined): number {
  let hour = h ? Number(h) : 0;
  if (ampm) {
    const pm = /^p/i.test(ampm);
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  return hour;
}

/** Parses a visible date phrase anywhere in `text`; returns ISO 8601 (UTC) or null. */
export function parseVisibleDate(text: string): string | null {
  const found = findVisibleDate(text);
  return found ? found.iso : null;
}

/** Finds the first visible date in `text`, with where it starts; null when there is none. */
export function findVisibleDate(text: string): { iso: string; index: number } | null {
  const hits: Array<{ iso: string; index: number }> = [];
  const tryRe = (re: RegExp, map: (m: RegExpExecArray) => Parts | null) => {
    const m = re.exec(text);
    if (!m) return;
    const parts = map(m);
    const iso = parts && toIso(parts);
    if (iso) hits.push({ iso, index: m.index });
  };
  const month = (name: string) => MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? 0;
  tryRe(DMY, (m) => ({ y: +m[3], mo: month(m[2]), d: +m[1], h: hourOf(m[4], m[7]), mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, zone: m[8] ?? null }));
  tryRe(MDY, (m) => ({ y: +m[3], mo: month(m[1]), d: +m[2], h: hourOf(m[4], m[7]), mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, zone: m[8] ?? null }));
  tryRe(YMD, (m) => ({ y: +m[1], mo: +m[2], d: +m[3], h: hourOf(m[4], m[7]), mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, zone: m[8] ?? null }));
  tryRe(DOTTED, (m) => ({ y: +m[3], mo: +m[2], d: +m[1], h: hourOf(m[4], m[7]), mi: m[5] ? +m[5] : 0, s: m[6] ? +m[6] : 0, zone: m[8] ?? null }));
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.index - b.index);
  return hits[0];
}

/** Normalises a machine-readable date (ISO 8601, RFC 2822, or a visible phrase) to ISO 8601 UTC. */
export function normalizeDate(value: unknown): string | null {
  // Some CMSs emit datePublished as a list; the first entry is the publication.
  if (Array.isArray(value)) return value.length ? normalizeDate(value[0]) : null;
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!s) return null;
  // A bare ISO date (no time) is kept at midnight UTC, which Date already does.
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
    // Date parses "2026-03-14T09:12" (no zone) as local time; read it as UTC for determinism.
    const withZone = /T[\d:.]+$|\s[\d:.]+$/.test(s) ? s.replace(' ', 'T') + 'Z' : s.replace(' ', 'T');
    const fixed = withZone.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const t = Date.parse(fixed);
    if (!Number.isNaN(t) && new Date(t).getUTCFullYear() >= MIN_YEAR) return new Date(t).toISOString();
  }
  const visible = parseVisibleDate(s);
  if (visible) return visible;
  // RFC 2822 and other forms Date understands ("Sat, 14 Mar 2026 09:12:00 GMT").
  if (/[a-z]{3},?\s+\d{1,2}\s+[a-z]{3}\s+\d{4}/i.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  return null;
}
