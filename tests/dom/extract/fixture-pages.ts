/**
 * Loads the saved-page fixtures (tests/fixtures/pages/<slug>/) and their expected article, and
 * parses a page with linkedom or jsdom, the two DOMs the extraction must work on.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
// @ts-ignore -- jsdom ships no types and @types/jsdom is not a dependency; only JSDOM(html, {url}) is used.
import { JSDOM } from 'jsdom';

/** What a fixture says the extraction must produce (see tests/fixtures/pages/README.md). */
export interface ExpectedArticle {
  /** The address the page was served from. */
  pageUrl: string;
  /** False for pages that must be skipped (not an article). */
  article: boolean;
  url?: string;
  title?: string;
  byline?: string | null;
  siteName?: string | null;
  lang?: string | null;
  publishedTime?: string | null;
  modifiedTime?: string | null;
  firstSentence?: string;
  lastSentence?: string;
  wordCount?: number;
  /** Relative tolerance on the word count (default 0.05). */
  wordCountTolerance?: number;
  /** Snippets that must appear in the article text. */
  mustContain?: string[];
  /** Snippets that must not (reader comments, related lists, captions...). */
  mustNotContain?: string[];
  /** Links that must be among the body links. */
  links?: Array<{ href: string; text: string }>;
  signals?: {
    canonicalUrl?: string | null;
    isBasedOn?: string[];
    wire?: string | null;
    /** Substrings each of which must be in some credit line. */
    creditLines?: string[];
    /** True when no credit line may be found. */
    noCreditLines?: boolean;
  };
  claimReviews?: number;
}

const PAGES_DIR = fileURLToPath(new URL('../../fixtures/pages', import.meta.url));

/** Every fixture slug that has a source page and an expected article. */
export function fixtureSlugs(): string[] {
  return readdirSync(PAGES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(PAGES_DIR, d.name, 'expected-article.json')))
    .map((d) => d.name)
    .sort();
}

/** The fixture's HTML and expectations. */
export function loadFixture(slug: string): { html: string; expected: ExpectedArticle } {
  return {
    html: readFileSync(join(PAGES_DIR, slug, 'source.html'), 'utf8'),
    expected: JSON.parse(readFileSync(join(PAGES_DIR, slug, 'expected-article.json'), 'utf8')) as ExpectedArticle,
  };
}

/** Parses HTML into a Document with the named DOM implementation. */
export function parsePage(html: string, dom: 'linkedom' | 'jsdom', url: string): Document {
  if (dom === 'linkedom') return parseHTML(html).document as unknown as Document;
  return (new JSDOM(html, { url }) as { window: { document: Document } }).window.document;
}
