/**
 * Article extraction: `extractArticle`, which turns a document into an `ArticleRecord` (metadata,
 * plain-text paragraphs, body links, provenance signals) plus any ClaimReview JSON-LD; the cheap
 * gate (`isArticleCandidate`) is in capture-page.ts. Readability runs on a copy of the page (one
 * this module made or was given to consume, else a clone), between two passes of our own cleaning (see clean-article.ts); its output node is read as text, never
 * rendered or serialised. Standard DOM only. In the product it runs on linkedom documents
 * (from-html.ts: the background's captured pages and the CLI's saved ones); tests also run it on
 * jsdom and in browsers.
 */
import { Readability } from '@mozilla/readability';
import type { ArticleRecord, DeclaredUrls } from '../core/types';
import { boilerplateText, removeBoilerplate, removeInvisible, removeRelatedBlocks, textOf, type DropKind, type Dropped } from './clean-article';
import { cleanText, collectLinks, collectParagraphs } from './collect-paragraphs';
import { findCredits, wireFromByline } from './find-credits';
import { findTruncation } from './find-truncation';
import { findPublishedInDom } from './find-dates';
import { absoluteHttpUrl, isArticleType, readMetadata } from './read-metadata';
import { findVisibleDate } from './parse-date';
import { MAX_ELEMENTS, UNSEEN_ATTR, snapshotPage } from './page-snapshot';
import { MAX_TEXT_CHARS, errorText } from './capture-page';

export { parseVisibleDate, normalizeDate } from './parse-date';
export { isArticleCandidate, type CandidateResult } from './capture-page';

/** Options of `extractArticle`. */
export interface ExtractOptions {
  /** The page's address (used for relative links and as the identity fallback). */
  url: string;
  /** Clock for future-date sanity checks (tests pass a fixed one). */
  now?: Date;
  /**
   * Milliseconds the extraction may take before it gives up. Checked while the page is copied and
   * before Readability: Readability itself cannot be interrupted, so its cost is bounded by the
   * element and depth caps instead (page-snapshot.ts), and what follows it is cheap.
   */
  timeBudgetMs?: number;
  /**
   * A copy of this page already made (the gate's `CandidateResult.snapshot`, or a parsed capture),
   * read instead of copying the page again. Unless given with `consume`, it is only read and
   * cloned here, never changed.
   */
  snapshot?: Document;
  /**
   * The snapshot is the caller's to give away (a capture parsed for this extraction alone): it is
   * extracted in place instead of cloned first, as the copy this function makes itself is.
   */
  consume?: boolean;
  /**
   * Where the DOM lays nothing out (Node): whether the reader sees an element, read from the page's
   * style (the CLI passes src/cli/style-hidden.ts's test). A browser's own checkVisibility wins.
   */
  styleSees?: ((el: Element) => boolean | null) | null;
}

/**
 * Result of `extractArticle`. The article's `url` is the page's address and its
 * `signals.canonicalUrl` null: which declared address (`declared`) is the article's own is decided
 * by `resolveArticleUrl` (core/site.ts), where the Public Suffix List is.
 */
export type ExtractResult =
  | { ok: true; article: ArticleRecord; declared: DeclaredUrls; claimReviews: unknown[] }
  | { ok: false; reason: string };

// Below this much body text Readability found a fragment (an empty shell, a lone standfirst), not
// an article. Kept low so photo stories and paywall teasers with two short paragraphs pass; the
// engine applies its own minimum before it calls anything a copy.
const MIN_ARTICLE_CHARS = 120;
// schema.org types of listing pages (section fronts, tag pages, search results, author pages).
const LISTING_TYPES = /^(CollectionPage|ItemList|SearchResultsPage|ProfilePage)$/;
// The shortest paragraph that reads as prose rather than a teaser or a caption line.
const PROSE_PARAGRAPH = 100;
// Share of the body text that may be link text, on pages that do not declare an article.
// Articles stay well under a fifth; a section front or a list of headlines that Readability still
// turned into "content" is mostly links. (Declared articles are spared: a short news item next to
// a link list Readability kept would be refused.)
const MAX_LINK_DENSITY = 0.5;
// Default budget: generous for a 2-core laptop; the content script runs at idle time.
const DEFAULT_BUDGET_MS = 2_500;
// Credit lines live in short notes (a footer, a "credit" paragraph); long dropped blocks are
// related lists or comment threads whose "originally appeared" lines are about other texts.
const MAX_NOTE_CHARS = 500;

const FIRST_PASS: ReadonlySet<DropKind> = new Set<DropKind>(['comments', 'related']);

const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The nodes a class rule must never remove: the headline and the declared article body
 * (schema.org articleBody, the usual CMS body classes, the hAtom `hentry` of WordPress themes).
 */
function protectedNodes(doc: Document): Element[] {
  const out: Element[] = [];
  const h1 = doc.body?.querySelector('h1');
  if (h1) out.push(h1);
  const body = declaredBody(doc);
  if (body) out.push(body);
  return out;
}

// Containers that CMSs and schema.org use for the article body, most specific first.
const BODY_SELECTORS = [
  '[itemprop="articleBody"]',
  '.entry-content, .post-content, .article-body, .article-content, .story-body, .post-body, .article__body, .c-entry-content, .article-body-content, .field-name-body',
  '.hentry, article.post, .type-post',
];

/** The element the page declares as its article body (or the post holding it), if any. */
function declaredBody(doc: Document): Element | null {
  return declaredBodyTier(doc)?.el ?? null;
}

/** The declared body and how explicit the declaration is (0: schema.org articleBody). */
function declaredBodyTier(doc: Document): { el: Element; tier: number } | null {
  for (let tier = 0; tier < BODY_SELECTORS.length; tier++) {
    const el = doc.body?.querySelector(BODY_SELECTORS[tier]);
    if (el) return { el, tier };
  }
  return null;
}

// When Readability's pick shares less than this share of the declared body's prose, it chose
// another block (a list of names, a disclosure box) over the article the page marks up.
const MIN_BODY_COVERAGE = 0.3;
// The declared body must hold at least this much prose to be worth a second look.
const MIN_BODY_PROSE = 400;

const squash = (s: string) => s.replace(/\s+/g, '');
const proseOf = (el: Element) => collectParagraphs(el).filter((p) => p.length >= 80).reduce((n, p) => n + p.length, 0);

/**
 * Readability's pick, or Readability run again on the page's declared article body alone, when
 * its first pick missed that body and the second run finds more prose: Readability scores blocks
 * by text and commas, and on some templates a long disclosure or a list of signatories outscores
 * a short article. Running it again (rather than taking the declared body raw) keeps
 * Readability's own cleaning inside template-wide wrappers such as "post-content".
 */
function chooseContent(picked: Element, declaredAt: { el: Element; tier: number } | null, doc: Document): Element {
  if (!declaredAt) return picked;
  const declared = declaredAt.el;
  const prose = collectParagraphs(declared).filter((p) => p.length >= 80);
  const proseChars = prose.reduce((n, p) => n + p.length, 0);
  if (proseChars < MIN_BODY_PROSE) return picked;
  const pickedText = squash(collectParagraphs(picked).join(' '));
  const covered = prose.filter((p) => pickedText.includes(squash(p))).reduce((n, p) => n + p.length, 0);
  if (covered >= MIN_BODY_COVERAGE * proseChars) return picked;
  // A bare document holding only the declared body (linkedom has no DOMImplementation, so it is
  // built from a shallow clone of the page's document).
  const sub = doc.cloneNode(false) as Document;
  const html = sub.createElement('html');
  const body = sub.createElement('body');
  html.appendChild(sub.createElement('head'));
  html.appendChild(body);
  sub.appendChild(html);
  body.appendChild(typeof sub.importNode === 'function' ? sub.importNode(declared, true) : declared);
  const second = new Readability<Element>(sub, { maxElemsToParse: MAX_ELEMENTS, keepClasses: true, serializer: (el: Node) => el as Element }).parse()?.content;
  if (!second) return picked;
  // schema.org articleBody is an explicit statement by the page: enough prose in it wins. A class
  // name is a guess (template-wide wrappers are called "post-content" too): it must also beat
  // Readability's pick on prose.
  const secondProse = proseOf(second);
  if (declaredAt.tier === 0) return secondProse >= MIN_BODY_PROSE ? second : picked;
  return secondProse > proseOf(picked) ? second : picked;
}

const MAX_TITLE_CHARS = 300;
// A site name is short; a longer tail of the <title> is a subtitle.
const MAX_SITE_NAME = 60;

/**
 * The site name from the <title> when it is the headline plus a suffix ("Ferry service suspended
 * - Alder Bay Gazette"): pages without og:site_name or JSON-LD publisher still name themselves so.
 */
function siteFromTitle(doc: Document, headline: Element | null): string | null {
  const title = cleanText(doc.querySelector('title')?.textContent || '');
  const h1 = cleanText(headline?.textContent || '');
  if (!title || !h1 || !title.startsWith(h1)) return null;
  const rest = title.slice(h1.length).replace(/^\s*[|\-–—:·•»]\s*/, '').trim();
  return rest && rest !== title.slice(h1.length).trim() && rest.length <= MAX_SITE_NAME ? rest : null;
}

function stripSiteSuffix(title: string, siteName: string | null): string {
  const t = cleanText(title);
  if (!siteName) return t;
  const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const stripped = t.replace(new RegExp(`\\s*[|\\-–—:·•]\\s*${escaped}\\s*$`, 'i'), '').replace(new RegExp(`^${escaped}\\s*[|\\-–—:·•]\\s*`, 'i'), '');
  return stripped || t;
}

function cleanByline(byline: string | null | undefined): string | null {
  if (!byline) return null;
  let b = cleanText(byline);
  // Author URLs (a Facebook profile in meta author) are not names.
  if (/^https?:\/\//i.test(b)) return null;
  b = b.replace(/^(written\s+)?by[:\s]+/i, '').replace(/^von\s+/i, '');
  // Bylines often run into the date or a separator: "Jane Doe | March 14, 2026".
  b = b.split(/\s+[|•·]\s+|\s+-\s+(?=\w+\s+\d)|,\s*(?:updated|published|posted)\b/i)[0];
  b = b.replace(/\s*(published|updated|posted)\b.*$/i, '').trim();
  return b && b.length <= 200 ? b : null;
}

// Names longer than this are a bio or a sentence, not a byline.
const MAX_BYLINE_CHARS = 100;
// An element longer than this is prose that may say "by X", not a byline line.
const MAX_BYLINE_LINE = 160;
const UNMARKED_BYLINE = /(^|[\s·|,•–—-])(?:[Bb]y|BY|[Vv]on)\s+(\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3})(?=$|\s*[,|·•]|\s+(?:and|und|on|at|in|for|am|um)\b)/u;

/**
 * The byline printed near the headline, for pages whose metadata names no author and where
 * Readability's own byline search missed it (a "By" label and the name in separate elements).
 * Runs on the cleaned clone, so comment authors are already gone.
 */
function findBylineInDom(doc: Document): string | null {
  const candidates = [
    ...Array.from(doc.querySelectorAll('[itemprop~="author"] [itemprop~="name"], [itemprop~="author"]')),
    ...Array.from(doc.querySelectorAll('a[rel~="author"]')),
    ...Array.from(doc.querySelectorAll('.byline, .author, .author-name, .article-author, .post-author, .entry-author, .by-author, [class*="byline"]')),
  ];
  for (const el of candidates) {
    const name = cleanByline(textOf(el));
    if (name && name.length <= MAX_BYLINE_CHARS && /\p{L}{2}/u.test(name)) return name;
  }
  // Unmarked bylines: a short element with "By Firstname Lastname" at its start or after a
  // separator ("Published ... · by Fiona MacLeod, Chief Reporter"). Capitalised words only, so
  // "by the river" is not taken; "Photo by" is a credit, not a byline.
  for (const el of Array.from(doc.body?.querySelectorAll('p, span, div, h4, h5, h6, strong, address, td') ?? [])) {
    if ((el.textContent || '').length > MAX_BYLINE_LINE * 2 || el.querySelector('p, div, li')) continue;
    const t = collectParagraphs(el).join(' '); // <br> counts as a space here, unlike textContent
    if (t.length > MAX_BYLINE_LINE) continue;
    const m = UNMARKED_BYLINE.exec(t);
    if (m && !/(photo|image|picture|video|illustration|graphic|foto)s?\s*$/i.test(t.slice(0, m.index + m[1].length))) return m[2];
  }
  return null;
}

// A paragraph that is only a date stamp ("Published 14 March 2026, 09:12") or a byline line.
const DATE_LINE = /^(published|posted|updated|last updated|veröffentlicht|aktualisiert|am|on)?[\s:]*(\w+,?\s+)?(\d{1,2}(st|nd|rd|th)?\.?\s+\w+\.?,?\s+\d{4}|\w+\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})([,\s]+(at\s+|um\s+)?\d{1,2}[:.]\d{2}\s*(a\.?m\.?|p\.?m\.?|uhr)?(\s*[A-Z]{2,4})?)?\W*$/i;

// How many opening paragraphs may be a date/author line.
const META_LINE_SCAN = 3;
const MAX_META_LINE = 200;
const META_LABEL = /^(published|posted|updated|last updated|first published|veröffentlicht|aktualisiert|erstellt|stand|publié|by|von)\b/i;

function isMetaLine(p: string): boolean {
  if (p.length > MAX_META_LINE) return false;
  const date = findVisibleDate(p);
  if (!date) return false;
  return META_LABEL.test(p) || date.index <= 12;
}

/**
 * Credit lines the copy marks as unseen (UNSEEN_ATTR: hidden by the page's style inside a block
 * kept whole, see page-snapshot.ts) are taken out: credit is what a reader can see. The block's
 * other text stays the page's. A block that holds the headline is the page itself.
 */
function unseenCredit(root: Element): void {
  const h1 = root.querySelector('h1');
  for (const el of Array.from(root.querySelectorAll(`[${UNSEEN_ATTR}]`))) {
    el.removeAttribute(UNSEEN_ATTR);
    if (root.contains(el) && !(h1 && (el === h1 || el.contains(h1)))) el.remove();
  }
}

/**
 * Extracts the readable article of `page` (which is not modified). Never throws. Works on a
 * bounded copy without named properties (page-snapshot.ts); the time budget is checked during the
 * copy and before Readability, whose uninterruptible run is bounded by the element and depth caps
 * instead.
 */
export function extractArticle(page: Document, opts: ExtractOptions): ExtractResult {
  const started = clock();
  const budget = opts.timeBudgetMs ?? DEFAULT_BUDGET_MS;
  const overBudget = () => clock() - started > budget;
  try {
    if (!page) return { ok: false, reason: 'no document body' };
    let doc = opts.snapshot;
    // Whether `doc` is ours to change: a copy made here, or a snapshot given away.
    let own = opts.consume === true;
    if (!doc) {
      const snap = snapshotPage(page, overBudget, opts.styleSees ?? undefined);
      if (!snap.ok) return snap;
      doc = snap.doc;
      own = true;
    }
    if (!doc.documentElement || !doc.body) return { ok: false, reason: 'no document body' };
    if ((doc.body.textContent || '').length > MAX_TEXT_CHARS) return { ok: false, reason: 'too much text' };
    const meta = readMetadata(doc, opts.url);
    const baseUrl = absoluteHttpUrl(doc.querySelector('base[href]')?.getAttribute('href'), opts.url) ?? opts.url;

    // Read before Readability changes the document: the page's first headline, and the site
    // name its <title> may carry after that headline.
    const h1 = doc.body.querySelector('h1');
    const h1Text = h1 ? textOf(h1) : '';
    const titleSite = siteFromTitle(doc, h1);
    // Everything below changes the document (Readability rewrites the one it parses): a copy of
    // ours is changed in place (cloning a page is a tenth of the extraction), anyone else's cloned.
    const clone = own ? doc : (doc.cloneNode(true) as Document);
    if (!clone.body) return { ok: false, reason: 'no document body' };
    removeInvisible(clone.body);
    unseenCredit(clone.body);
    const dropped: Dropped[] = [];
    const protect = protectedNodes(clone);
    // Comments and related lists go first: every comment and teaser carries a date and an author
    // name. Then the printed date and byline are read, while the post-meta line that holds them
    // (which the full pass drops as furniture) is still there.
    removeBoilerplate(clone.body, protect, dropped, FIRST_PASS);
    const visible = meta.publishedTime && meta.modifiedTime ? null : findPublishedInDom(clone, opts.now);
    const domByline = meta.byline ? null : findBylineInDom(clone);
    removeBoilerplate(clone.body, protect, dropped);
    // Readability rewrites the clone; keep a copy of the declared body to check its pick against.
    const declaredAt = declaredBodyTier(clone);
    const declared = declaredAt ? { el: declaredAt.el.cloneNode(true) as Element, tier: declaredAt.tier } : null;
    if (overBudget()) return { ok: false, reason: 'time budget exceeded' };

    const parsed = new Readability<Element>(clone, {
      maxElemsToParse: MAX_ELEMENTS,
      keepClasses: true, // our second cleaning pass reads the classes
      serializer: (el: Node) => el as Element, // the node itself: no HTML string is ever made
    }).parse();
    if (!parsed || !parsed.content) return { ok: false, reason: 'no readable content' };
    const content = chooseContent(parsed.content, declared, doc);

    // Readability keeps some furniture (comment blocks under an "article" tag, captions, share
    // lists inside the body); remove it from its output too.
    removeBoilerplate(content, [], dropped);
    removeRelatedBlocks(content, dropped);

    const siteName = meta.siteName ?? (parsed.siteName ? cleanText(parsed.siteName) : null) ?? titleSite;
    const rawTitle = meta.title || parsed.title || h1Text;
    // A title is a line; anything longer is a page that put its body in the title slot.
    const title = stripSiteSuffix(rawTitle, siteName).slice(0, MAX_TITLE_CHARS);
    const byline = cleanByline(meta.byline) ?? cleanByline(parsed.byline) ?? domByline;

    const raw = collectParagraphs(content);
    // Lines dropped as furniture may still declare provenance (a wire copyright line, a credit
    // in a footer note); comments and related teasers speak about other texts and are left out.
    const droppedLines = raw.filter((p) => {
      const kind = boilerplateText(p);
      return kind !== null && kind !== 'comments' && kind !== 'related';
    });
    let paragraphs = raw.filter((p) => !boilerplateText(p) && !DATE_LINE.test(p));
    // The date-and-author line under the headline, when Readability kept it: a short opening
    // paragraph that starts with a label or a date and holds a date ("Published 14 March 2026,
    // 09:12 · by Fiona MacLeod"). Only the first few paragraphs: later, such lines are story text.
    paragraphs = paragraphs.filter((p, i) => !(i < META_LINE_SCAN && isMetaLine(p)));
    // The headline repeated as the body's first heading is not body text.
    if (paragraphs.length && paragraphs[0].toLowerCase() === title.toLowerCase()) paragraphs = paragraphs.slice(1);
    // A lone byline line ("By Jane Doe") left in the body.
    paragraphs = paragraphs.filter((p) => !(p.length < 80 && /^(by|von)\s+/i.test(p) && byline && p.includes(byline)));

    const textLength = paragraphs.reduce((n, p) => n + p.length, 0);
    if (textLength < MIN_ARTICLE_CHARS) return { ok: false, reason: 'too little article text' };
    const declaredArticle = meta.types.some(isArticleType) || meta.ogType === 'article';
    // A page that declares itself a listing (and no article) is a section front or search page,
    // whatever Readability made of its teasers.
    if (!declaredArticle && meta.types.some((t) => LISTING_TYPES.test(t))) return { ok: false, reason: 'not an article (declared as a listing page)' };
    // Teasers and headlines are short; an article has at least one paragraph of prose length,
    // unless it says it is an article (photo stories, briefs).
    if (!declaredArticle && !paragraphs.some((p) => p.length >= PROSE_PARAGRAPH)) return { ok: false, reason: 'not an article (no prose paragraph)' };
    const links = collectLinks(content, baseUrl, meta.url);
    const linkChars = Array.from(content.querySelectorAll('a')).reduce((n, a) => n + textOf(a).length, 0);
    if (!declaredArticle && linkChars > MAX_LINK_DENSITY * textLength) return { ok: false, reason: 'not an article (mostly links)' };

    const notes = dropped.filter((d) => (d.kind === 'chrome' || d.kind === 'caption') && d.text.length <= MAX_NOTE_CHARS).map((d) => d.text);
    const credits = findCredits([...paragraphs, ...droppedLines, ...notes]);

    const article: ArticleRecord = {
      url: meta.url,
      title,
      byline,
      siteName,
      lang: meta.lang ?? (parsed.lang || null),
      publishedTime: meta.publishedTime ?? visible?.published ?? normalizeParsedTime(parsed.publishedTime),
      modifiedTime: meta.modifiedTime ?? visible?.modified ?? null,
      paragraphs,
      links,
      signals: {
        canonicalUrl: null,
        isBasedOn: meta.isBasedOn,
        creditLines: credits.creditLines,
        wire: credits.wire ?? wireFromByline(byline),
      },
    };
    // Only part of the article read (paywall, teaser): said in the record, so no check concludes from the rest.
    const partial = meta.accessibleForFree === false ? 'the page declares the article is for subscribers (isAccessibleForFree: false)' : findTruncation(paragraphs, droppedLines);
    if (partial) article.partial = partial;
    return { ok: true, article, declared: meta.declared, claimReviews: meta.claimReviews };
  } catch (e) {
    return { ok: false, reason: `extraction failed: ${errorText(e)}` };
  }
}

function normalizeParsedTime(v: string | null | undefined): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
