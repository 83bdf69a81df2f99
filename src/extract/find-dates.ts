/**
 * Publication and modification dates printed in the page rather than declared in metadata:
 * microdata, `<time datetime>`, date-ish elements, then visible text near the headline
 * ("Published 14 March 2026, 09:12"). Runs on the cleaned clone (comments already removed,
 * since every comment carries a date). Standard DOM only.
 */
import { findVisibleDate, normalizeDate } from './parse-date';

/** Dates found in the page body. */
export interface VisibleDates {
  published: string | null;
  modified: string | null;
}

// A date more than this far in the future of `now` is a typo or an event date, not a publication.
const FUTURE_SLACK_MS = 36 * 3600_000;
// How much text around the headline is searched for a printed date. The date line sits just
// above or below the headline; further down, dates are facts of the story ("on March 3").
const BEFORE_TITLE_CHARS = 400;
const AFTER_TITLE_CHARS = 1500;

const UPDATED = /\b(updated|last updated|modified|aktualisiert|geändert|mis à jour)\b/i;
const PUBLISHED_LABEL = /\b(published|posted|first published|veröffentlicht|publié|erschienen|date)\b[\s:]*$/i;

function plausible(iso: string | null, now: Date | undefined): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (now && t - now.getTime() > FUTURE_SLACK_MS) return null;
  return iso;
}

/** Collects document-order text of `root`, noting where `marker`'s text starts. */
function textWithMarker(root: Node, marker: Element | null): { text: string; at: number } {
  let text = '';
  let at = -1;
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c === marker) at = text.length;
      if (c.nodeType === 3) text += (c.nodeValue ?? '') + ' ';
      else if (c.nodeType === 1) {
        const tag = (c as Element).tagName.toUpperCase();
        if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE') continue;
        walk(c);
        if (/^(P|DIV|LI|H\d|TIME|SPAN|SECTION|HEADER|ARTICLE|BR|TD)$/.test(tag)) text += ' ';
      }
    }
  };
  walk(root);
  return { text: text.replace(/\s+/g, ' '), at };
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

  // 3. Visible text around the headline: a labelled date first ("Published ..."), then any date.
  const h1 = body.querySelector('h1');
  const { text, at } = textWithMarker(body, h1);
  const from = at >= 0 ? Math.max(0, at - BEFORE_TITLE_CHARS) : 0;
  const region = text.slice(from, (at >= 0 ? at : 0) + AFTER_TITLE_CHARS);
  const dates: Array<{ iso: string; index: number; label: string }> = [];
  let offset = 0;
  while (offset < region.length) {
    const hit = findVisibleDate(region.slice(offset));
    if (!hit) break;
    const index = offset + hit.index;
    dates.push({ iso: hit.iso, index, label: region.slice(Math.max(0, index - 40), index) });
    offset = index + 8;
  }
  const usable = dates.filter((d) => plausible(d.iso, now));
  const updated = usable.find((d) => UPDATED.test(d.label.slice(-25)));
  if (updated) out.modified ??= updated.iso;
  const labelled = usable.find((d) => PUBLISHED_LABEL.test(d.label));
  // The date line usually follows the headline; a date above it may be the site header's "today".
  const titleAt = at >= 0 ? at - from : 0;
  const first = usable.find((d) => d !== updated && d.index >= titleAt) ?? usable.find((d) => d !== updated);
  out.published = (labelled ?? first)?.iso ?? null;
  return out;
}
