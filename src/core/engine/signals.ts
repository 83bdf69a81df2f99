/**
 * Provenance evidence besides text: publication order, declared syndication and credit. Pure
 * string work on URLs, site names and credit lines.
 */
import { hostOf, siteOf } from '../site';
import { isAgencyPage } from '../wire-agencies';
import type { DocPrint } from './fingerprint-article';

/** URL reduced for comparison: no scheme, no www, no query/fragment, no trailing slash. */
export function urlKey(url: string): string {
  return url.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/^www\./, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
}

/** Display name of an outlet: its site name, else its host. */
export function outletName(d: Pick<DocPrint, 'siteName' | 'url'>): string {
  return d.siteName?.trim() || hostOf(d.url) || d.url;
}

/**
 * Earliest publication time a web page can truthfully declare: 1991-01-01, the year the web went
 * public. A page claiming an earlier date (a scrape backdated to 1999 is still possible, a 1985
 * news page is not) declares something impossible, and the declaration is ignored. Moving it later
 * would discard true dates of early web archives; earlier, it would let impossible ones order pages.
 */
const EARLIEST_WEB_TIME = Date.UTC(1991, 0, 1);
/** A declared time this far after now is a typo, an embargo stamp or a lie: ignored as impossible. */
const FUTURE_SLACK_MS = 36 * 3600_000;

/** Whether a declared time (ms) is possible for a web page read now: not before the web, not in the future. */
export function possibleTime(t: number, now = Date.now()): boolean {
  return !Number.isNaN(t) && t >= EARLIEST_WEB_TIME && t <= now + FUTURE_SLACK_MS;
}

/**
 * Time of a document in ms: publication time, else first seen; null when neither is known.
 * Declared dates are claims: an impossible publication time (before the web, after now) is
 * ignored, as if the page declared none.
 */
export function docTime(d: Pick<DocPrint, 'publishedTime' | 'firstSeen'>): { t: number; from: 'published' | 'first seen' } | null {
  const p = d.publishedTime ? Date.parse(d.publishedTime) : NaN;
  if (possibleTime(p)) return { t: p, from: 'published' };
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
function creditNames(src: Pick<DocPrint, 'siteName' | 'url'>): string[] {
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

// The nouns of newspaper titles, by which a paper is called for short ("the Chronicle", "the Star").
// A closed list, because the last word of other outlet names is often a place or a common noun
// ("Health Line Carlow": "the Carlow district"; "Radio Vellmar": "the Vellmar City Museum").
const TITLE_NOUNS = new Set(
  ('gazette chronicle herald times post star tribune ledger sentinel courier mercury echo register journal observer ' +
    'guardian telegraph mirror express standard independent examiner inquirer enquirer dispatch bulletin record argus ' +
    'advertiser globe mail monitor citizen clarion beacon courant gleaner messenger recorder banner leader pioneer').split(' '),
);
const shortRes = new Map<string, RegExp | null>();
/**
 * How a newsroom names itself in its own copy, and other outlets name it: "told the Chronicle" for
 * the Eastbrook Chronicle, "the Star reported" for The Northfield Star. The title noun ending a
 * name of two or more words, capitalised, after "the"; case-sensitive, so "the star" or "the post"
 * in prose is not a name. Evidence of who reported first only: a short form can name another
 * paper, so it is never credit (a wrong "credited" is worse than a missed one).
 */
function shortNameRe(site: string | null | undefined): RegExp | null {
  const key = site?.trim() ?? '';
  if (!shortRes.has(key)) {
    const words = key.replace(/^the\s+/i, '').split(/\s+/);
    const last = words.at(-1) ?? '';
    const ok = words.length >= 2 && /^\p{Lu}\p{Ll}+$/u.test(last) && TITLE_NOUNS.has(last.toLowerCase());
    if (shortRes.size > 5000) shortRes.clear();
    shortRes.set(key, ok ? new RegExp(`(^|[^\\p{L}\\p{N}])[Tt]he ${last}($|[^\\p{L}\\p{N}])`, 'u') : null);
  }
  return shortRes.get(key)!;
}

const mentionRes = new Map<string, RegExp>();
/** Whether `text` names any of `names` as a whole word or phrase (case-insensitive). */
let lastText = '';
let lastLower = '';
function mentions(text: string, names: string[]): boolean {
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

/**
 * How `a` credits `src` where a reader can see it: the reasons found (empty when it does not).
 * Credit is what the copier added, not what it copied: a mention of `src` inside one of `a`'s
 * sentences copied from `src` (the original's own "obtained by The Harbor Ledger", carried along
 * by a scrape) is not credit, nor is a link `src` itself carries. `copied` maps each of `a`'s
 * sentences aligned to `src` to the `src` sentence it was aligned with; a mention inside such a
 * sentence still counts when `src`'s sentence (known only when `src` has text) does not make it.
 */
export function creditReasons(a: DocPrint, src: DocPrint, copied: ReadonlyMap<number, number> = new Map()): string[] {
  const reasons: string[] = [];
  const srcHost = hostOf(src.url);
  const srcKey = urlKey(src.url);
  const srcLinks = new Set(src.links.map(urlKey));
  if (a.links.some((l) => urlKey(l) === srcKey)) reasons.push(`links to the ${outletName(src)} article`);
  else if (srcHost && a.links.some((l) => hostOf(l) === srcHost && !srcLinks.has(urlKey(l)))) reasons.push(`links to ${srcHost}`);
  const names = creditNames(src);
  const visible = a.text === null ? null : visibleText(a, src, copied, names);
  // A credit line found in the text only inside copied sentences was copied too; one outside the
  // paragraphs (a page note, a footer) is the page's own.
  const ownLine = (l: string) => visible === null || !a.text!.includes(l) || visible.includes(l);
  if (a.signals.creditLines.some((l) => ownLine(l) && mentions(l, names))) reasons.push(`credit line names ${outletName(src)}`);
  else if (visible && names.length && mentions(visible, names)) reasons.push(`names ${outletName(src)} in the text`);
  return reasons;
}

/** `a`'s text with the sentences whose mention of `src` was copied from `src` blanked out. */
function visibleText(a: DocPrint, src: DocPrint, copied: ReadonlyMap<number, number>, names: string[]): string {
  let text = a.text!;
  for (const [i, j] of copied) {
    const s = a.sentences[i];
    const cs = src.sentences[j];
    // With the source's sentence at hand, only a mention the source also makes was copied.
    if (src.text !== null && cs && !mentions(src.text.slice(cs.start, cs.end), names)) continue;
    text = text.slice(0, s.start) + ' '.repeat(s.end - s.start) + text.slice(s.end);
  }
  return text;
}

/**
 * Whether `x` points to `y` as the page it comes from: it declares it (canonical, isBasedOn, a
 * republication line, a wire credit when y is that agency), links to it or its site, or names its outlet anywhere in
 * its text, copied sentences included: a scrape that carries the original's "obtained by The
 * Harbor Ledger" (or "told the Ledger") names the Harbor Ledger as the reporter. Evidence of direction, not credit.
 */
function pointsTo(x: DocPrint, y: DocPrint): boolean {
  const yHost = hostOf(y.url);
  if (yHost && yHost === hostOf(x.url)) return false;
  const ySite = y.siteName?.trim().toLowerCase();
  if (ySite && ySite === x.siteName?.trim().toLowerCase()) return false;
  // A wire credit points to the agency, not to another page carrying the same credit.
  if (declarationReasons(x, y).length || wireRelation(x, y) === 'agency') return true;
  if (x.links.some((l) => hostOf(l) === yHost)) return true;
  const names = creditNames(y);
  if (x.signals.creditLines.some((l) => mentions(l, names))) return true;
  if (x.text !== null && names.length > 0 && mentions(x.text, names)) return true;
  const short = shortNameRe(y.siteName);
  return short !== null && x.text !== null && short.test(x.text);
}

/** Which of two pages came first, and whether their declared dates are contested by evidence. */
export interface Direction {
  /** Is `c` earlier than `a`? null when unknown (or contested against `c`). */
  earlier: boolean | null;
  /** Why the declared dates are not believed (null when they are, or when there are none). */
  contested: string | null;
  /** What the evidence alone says: is `c` the origin? null when it says nothing. */
  evidence: boolean | null;
}

/**
 * Direction between a checked article `a` and a candidate `c`: declared times first, checked
 * against the pages' own evidence (who names, links or declares whom; failing that, which of the
 * two the other known pages point to, which only contests dates and never orders undated pages:
 * an accusation needs more than what third pages credit). When the times say one thing and the
 * evidence the other, the dates are contested and the page the evidence names as the origin is
 * never the one accused: if the evidence names `a`, `c` is not taken as its source (earlier
 * false); if it names `c`, the direction is unknown (earlier null) and no one is accused.
 */
export function direction(a: DocPrint, c: DocPrint, others: readonly DocPrint[] = []): Direction {
  const aToC = pointsTo(a, c);
  const cToA = pointsTo(c, a);
  let evidence: boolean | null = aToC === cToA ? null : aToC; // true: c is the origin
  let third = false;
  if (evidence === null) {
    // Other pages that credit or declare one of the two and not the other.
    let toA = 0;
    let toC = 0;
    for (const x of others) {
      if (x === a || x === c) continue;
      const xa = pointsTo(x, a);
      const xc = pointsTo(x, c);
      if (xa && !xc) toA++;
      else if (xc && !xa) toC++;
    }
    if (toA !== toC) {
      evidence = toC > toA;
      third = true;
    }
  }
  const order = timeOrder(c, a);
  // Other pages' credits may contest declared dates, but never set a direction on their own.
  if (!order) return { earlier: third ? null : evidence, contested: null, evidence: third ? null : evidence };
  const byTime = order < 0;
  if (evidence === null || evidence === byTime) return { earlier: byTime, contested: null, evidence };
  const named = evidence ? c : a;
  const other = evidence ? a : c;
  const why = third
    ? `other known pages credit ${outletName(named)}, not ${outletName(other)}`
    : `${outletName(other)} names ${outletName(named)} as its source`;
  return { earlier: evidence ? null : false, contested: `${outletName(other)} declares the earlier date, but ${why}`, evidence };
}

/**
 * How `a` declares `src` as its original in page data no reader sees (rel=canonical, schema.org
 * isBasedOn): a declared republication, but not a visible credit.
 */
export function pageDataReasons(a: DocPrint, src: DocPrint): string[] {
  const reasons: string[] = [];
  const srcKey = urlKey(src.url);
  const aHost = hostOf(a.url);
  const canon = a.signals.canonicalUrl;
  if (canon && urlKey(canon) === srcKey && hostOf(canon) !== aHost) reasons.push(`its canonical link points to ${outletName(src)}`);
  if (a.signals.isBasedOn.some((u) => urlKey(u) === srcKey)) reasons.push(`it declares isBasedOn the ${outletName(src)} article`);
  return reasons;
}

/** Whether `d` is the agency `wire` itself (its site or site name), not a page carrying its story. */
function isAgency(d: DocPrint, wire: string): boolean {
  return isAgencyPage({ site: siteOf(d.url), host: hostOf(d.url), siteName: d.siteName }, wire);
}

/**
 * How `a`'s wire credit relates it to `src`: `agency` when src is the agency it credits, `fellow`
 * when src carries the same agency's credit (two carriers of one wire story, or the agency's own
 * page seen from a carrier that is not on the agency's site); null when it does not. The agency's
 * own dateline on its own page credits no one.
 */
function wireRelation(a: DocPrint, src: DocPrint): 'agency' | 'fellow' | null {
  const wire = a.signals.wire?.toLowerCase();
  if (!wire || isAgency(a, wire)) return null;
  if (isAgency(src, wire)) return 'agency';
  return src.signals.wire?.toLowerCase() === wire ? 'fellow' : null;
}

/** Declarations in `a` that name `src` as where its text comes from (page data, republication line), wire credits aside. */
function declarationReasons(a: DocPrint, src: DocPrint): string[] {
  const reasons = pageDataReasons(a, src);
  const names = creditNames(src);
  const republished = /(originally|first) (appeared|published|ran)|republished|reprinted|syndicated|is republished/i;
  if (a.signals.creditLines.some((l) => republished.test(l) && mentions(l, names))) reasons.push(`a credit line says it originally appeared in ${outletName(src)}`);
  return reasons;
}

/**
 * Why `a` is a declared republication of `src` (canonical, isBasedOn, credit line, wire); empty
 * when not. Two carriers of one wire story are republications of the same text, so neither copied
 * the other; as evidence of who came first only the agency itself counts (pointsTo).
 */
export function syndicationReasons(a: DocPrint, src: DocPrint): string[] {
  const reasons = declarationReasons(a, src);
  if (wireRelation(a, src)) reasons.push(`it carries a ${a.signals.wire} wire credit`);
  return reasons;
}
