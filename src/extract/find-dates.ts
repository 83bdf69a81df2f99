/**
 * Publication and modification dates printed in the page rather than declared in metadata:
 * microdata, `<time datetime>`, date-ish elements, then visible text near the headline
 * ("Published 14 March 2026, 09:12"). Runs on the cleaned clone (comments already removed,
 * since every comment carries a date). Standard DOM only.
 */
import { cleanText, collectParagraphs } from './collect-paragraphs';
import { findVisibleDate, normalizeDate } from './parse-date';

/** Dates found in the page body. */
export interface VisibleDates {
  published: string | null;
  modified: string | null;
}

// A date more than this far in the future of `now` is a typo or an event date, not a publication.
const FUTURE_SLACK_MS = 36 * 3600_000;
// How many text lines around the headline are searched for a printed date. The date line sits
// just above or below the headline (after a kicker, dek, byline, share bar, photo caption);
// further down, dates are facts of the story.
const LINES_BEFORE_TITLE = 3;
const LINES_AFTER_TITLE = 8;
// A line this short holding a date, and not ending like a sentence, is a date line; elsewhere
// only a labelled date ("Published ...") or a dateline opening the line counts.
const MAX_DATE_LINE = 200;
const SENTENCE_END = /[.!?]["”’»)]?$/;
const DATELINE_OFFSET = 12;

const UPDATED = /\b(updated|last updated|modified|aktualisiert|geändert|mis à jour)\b/i;
const PUBLISHED_LABEL = /\b(published|posted|first published|veröffentlicht|publié|erschienen|date)\b[\s:]*$/i;

function plausible(iso: string | null, now: Date | undefined): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (now && t - now.getTime() > FUTURE_SLACK_MS) return null;
  return iso;
}

/** Finds the publication (and update) date shown in `doc`'s body. */
export function findPublishedInDom(doc: Document, now?: Date): VisibleDates {
  const out: VisibleDates = { published: null, modified: null };
  const body = doc.body;
  if (!body) return out;

  // 1. Microdata, the most explicit markup after JSON-LD.
  for (const [prop, key] of [['datePublished', 'published'], ['dateModified', 'modified']] as const) {
    const el = body.querySelector(`[itemprop="${prop}"]`);
    if (el && !out[key]) {
      out[key] = plausible(normalizeDate(el.getAttribute('content') || el.getAttribute('datetime') || el.textContent || ''), now);
    }
  }

  // 2. <time datetime>: the first one near the article, labelled "updated" or not.
  for (const el of Array.from(body.querySelectorAll('time'))) {
    const iso = plausible(normalizeDate(el.getAttribute('datetime') || el.textContent || ''), now);
    if (!iso) continue;
    const context = `${el.getAttribute('class') || ''} ${el.getAttribute('itemprop') || ''} ${el.parentElement?.textContent?.slice(0, 80) || ''}`;
    const isUpdate = UPDATED.test(context) && !/publish|posted/i.test(el.getAttribute('class') || '');
    if (isUpdate) out.modified ??= iso;
    else out.published ??= iso;
    if (out.published && out.modified) break;
  }
  if (out.published) return out;

  // 3. Visible text near the headline, line by line (blocks as a reader sees them). A date line
  // is short ("Published 14 March 2026, 09:12 · by Fiona MacLeod") or opens a paragraph as a
  // dateline; a date inside a long paragraph is a fact of the story ("on March 3 the council..."),
  // and taking it would date the article wrongly, which is worse than no date.
  const lines = collectParagraphs(body);
  const h1 = body.querySelector('h1');
  const title = h1 ? cleanText(h1.textContent || '') : '';
  let at = title ? lines.indexOf(title) : -1;
  if (at < 0) at = 0;
  const dates: Array<{ iso: string; line: number; label: string }> = [];
  for (let i = Math.max(0, at - LINES_BEFORE_TITLE); i < Math.min(lines.length, at + LINES_AFTER_TITLE + 1); i++) {
    const line = lines[i];
    let offset = 0;
    while (offset < line.length) {
      const hit = findVisibleDate(line.slice(offset));
      if (!hit) break;
      const index = offset + hit.index;
      const label = line.slice(Math.max(0, index - 40), index);
      const dateLine = line.length <= MAX_DATE_LINE && !SENTENCE_END.test(line);
      if (dateLine || index <= DATELINE_OFFSET || PUBLISHED_LABEL.test(label) || UPDATED.test(label.slice(-25))) {
        dates.push({ iso: hit.iso, line: i, label });
      }
      offset = index + 8;
    }
  }
  const usable = dates.filter((d) => plausible(d.iso, now));
  const updated = usable.find((d) => UPDATED.test(d.label.slice(-25)));
  if (updated) out.modified ??= updated.iso;
  const labelled = usable.find((d) => d !== updated && PUBLISHED_LABEL.test(d.label));
  // The date line usually follows the headline; a date above it may be the site header's "today".
  const first = usable.find((d) => d !== updated && d.line >= at) ?? usable.find((d) => d !== updated);
  out.published = (labelled ?? first)?.iso ?? null;
  return out;
}
