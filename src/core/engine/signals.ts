/**
 * Provenance evidence besides text: publication order, declared syndication and credit. Pure
 * string work on URLs, site names and credit lines.
 */
import { hostOf } from '../site';
import type { DocPrint } from './fingerprint-article';

/** URL reduced for comparison: no scheme, no www, no query/fragment, no trailing slash. */
export function urlKey(url: string): string {
  return url.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/** Display name of an outlet: its site name, else its host. */
export function outletName(d: Pick<DocPrint, 'siteName' | 'url'>): string {
  return d.siteName?.trim() || hostOf(d.url) || d.url;
}

/** Time of a document in ms: publication time, else first seen; null when neither is known. */
export function docTime(d: Pick<DocPrint, 'publishedTime' | 'firstSeen'>): { t: number; from: 'published' | 'first seen' } | null {
  const p = d.publishedTime ? Date.parse(d.publishedTime) : NaN;
  if (!Number.isNaN(p)) return { t: p, from: 'published' };
  const f = d.firstSeen ? Date.parse(d.firstSeen) : NaN;
  if (!Number.isNaN(f)) return { t: f, from: 'first seen' };
  return null;
}

/**
 * Which of two documents came first: negative when x is earlier, positive when later, 0 at the same
 * time, null when unknown. Publication times compare with publication times, and first-seen times
 * (when this install first read a page) with first-seen times. A publication time against a
 * first-seen time proves an order only one way: a page seen before the other was even published is
 * the earlier one; otherwise reading order says nothing about publishing order (the user may read
 * the copy before finding the original), so the order is unknown and nobody is accused on it.
 */
export function timeOrder(x: Pick<DocPrint, 'publishedTime' | 'firstSeen'>, y: Pick<DocPrint, 'publishedTime' | 'firstSeen'>): number | null {
  const xt = docTime(x);
  const yt = docTime(y);
  if (!xt || !yt) return null;
  if (xt.from === yt.from) return Math.sign(xt.t - yt.t);
  // Mixed kinds: only "seen before the other was published" orders them.
  if (xt.from === 'first seen' && xt.t < yt.t) return -1;
  if (yt.from === 'first seen' && yt.t < xt.t) return 1;
  return null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names by which `src` may be credited: site name and host (e.g. "The Harbor Ledger", "harborledger.com"). */
export function creditNames(src: Pick<DocPrint, 'siteName' | 'url'>): string[] {
  const names: string[] = [];
  const site = src.siteName?.trim();
  if (site && site.length >= 3) {
    names.push(site);
    const noThe = site.replace(/^the\s+/i, '');
    if (noThe !== site && noThe.length >= 3) names.push(noThe);
  }
  const host = hostOf(src.url);
  if (host) names.push(host);
  return names;
}

const mentionRes = new Map<string, RegExp>();
/** Whether `text` names any of `names` as a whole word or phrase (case-insensitive). */
let lastText = '';
let lastLower = '';
export function mentions(text: string, names: string[]): boolean {
  // The same article text is tested against every candidate's names: lower-case it once.
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  const lower = lastLower;
  return names.some((n) => {
    // Cheap substring test first; the word-boundary regex only runs on a hit.
    if (!lower.includes(n.toLowerCase())) return false;
    let re = mentionRes.get(n);
    if (!re) {
      re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(n)}($|[^\\p{L}\\p{N}])`, 'iu');
      if (mentionRes.size > 5000) mentionRes.clear();
      mentionRes.set(n, re);
    }
    return re.test(text);
  });
}

/** How `a` credits `src`: the reasons found (empty when it does not). */
export function creditReasons(a: DocPrint, src: DocPrint): string[] {
  const reasons: string[] = [];
  const srcHost = hostOf(src.url);
  const srcKey = urlKey(src.url);
  if (a.links.some((l) => urlKey(l) === srcKey)) reasons.push(`links to the ${outletName(src)} article`);
  else if (srcHost && a.links.some((l) => hostOf(l) === srcHost)) reasons.push(`links to ${srcHost}`);
  const names = creditNames(src);
  if (a.signals.creditLines.some((l) => mentions(l, names))) reasons.push(`credit line names ${outletName(src)}`);
  else if (a.text && names.length && mentions(a.text, names)) reasons.push(`names ${outletName(src)} in the text`);
  return reasons;
}

const WIRE_NAMES: Record<string, string[]> = {
  ap: ['ap', 'associated press', 'apnews.com'],
  reuters: ['reuters', 'reuters.com'],
  afp: ['afp', 'agence france-presse', 'afp.com'],
};

/** Why `a` is a declared republication of `src` (canonical, isBasedOn, credit line, wire); empty when not. */
export function syndicationReasons(a: DocPrint, src: DocPrint): string[] {
  const reasons: string[] = [];
  const srcKey = urlKey(src.url);
  const aHost = hostOf(a.url);
  const canon = a.signals.canonicalUrl;
  if (canon && urlKey(canon) === srcKey && hostOf(canon) !== aHost) reasons.push(`its canonical link points to ${outletName(src)}`);
  if (a.signals.isBasedOn.some((u) => urlKey(u) === srcKey)) reasons.push(`it declares isBasedOn the ${outletName(src)} article`);
  const names = creditNames(src);
  const republished = /(originally|first) (appeared|published|ran)|republished|reprinted|syndicated|is republished/i;
  if (a.signals.creditLines.some((l) => republished.test(l) && mentions(l, names))) reasons.push(`a credit line says it originally appeared in ${outletName(src)}`);
  const wire = a.signals.wire?.toLowerCase();
  if (wire) {
    const wireNames = WIRE_NAMES[wire] ?? [wire];
    const srcIsWire =
      src.signals.wire?.toLowerCase() === wire ||
      wireNames.some((w) => (src.siteName ?? '').toLowerCase() === w || hostOf(src.url) === w);
    if (srcIsWire) reasons.push(`it carries a ${a.signals.wire} wire credit`);
  }
  return reasons;
}
