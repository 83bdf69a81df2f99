/** `provenance-lens extract PAGE.html`: the article record exactly as the extension would read it. */
import { printRecord } from '../core/engine/fingerprint-article';
import { CliError, counted, type CliIo } from './cli-io';
import { clean } from './format-report';
import { loadInput } from './load-articles';

/** Print the extracted ArticleRecord (as JSON with --json, else a readable header and the text). */
export async function runExtract(opts: { page: string; url?: string; json: boolean; io: CliIo; cwd: string }): Promise<number> {
  const outcomes = await loadInput(opts.page, { cwd: opts.cwd, url: opts.url, readStdin: opts.io.readStdin });
  if (outcomes.length !== 1) throw new CliError(`${opts.page}: expected one page, found ${outcomes.length} records`);
  const outcome = outcomes[0];
  if (outcome.kind === 'skipped') throw new CliError(`${opts.page}: ${outcome.reason}`);
  if (outcome.kind === 'entry') throw new CliError(`${opts.page}: a provenance pack has no article text to extract`);
  const { article, claimReviews } = outcome;
  if (opts.json) {
    opts.io.stdout(JSON.stringify(article, null, 2) + '\n');
    return 0;
  }
  // The engine's own count, so `extract` and `check` give one word total for one page.
  const words = printRecord(article).wordCount;
  const lines = [
    `Title:     ${clean(article.title)}`,
    `URL:       ${clean(article.url)}`,
    `Site:      ${clean(article.siteName) || '-'}`,
    `Byline:    ${clean(article.byline) || '-'}`,
    `Published: ${clean(article.publishedTime) || '-'}`,
    `Language:  ${clean(article.lang) || '-'}`,
    `Words:     ${words} in ${counted(article.paragraphs.length, 'paragraph')}, ${counted(article.links.length, 'link')}`,
  ];
  const s = article.signals;
  if (s.canonicalUrl) lines.push(`Canonical elsewhere: ${clean(s.canonicalUrl)}`);
  for (const based of s.isBasedOn) lines.push(`Based on:  ${clean(based)}`);
  for (const credit of s.creditLines) lines.push(`Credit:    ${clean(credit)}`);
  if (s.wire) lines.push(`Wire:      ${clean(s.wire)}`);
  if (claimReviews.length) lines.push(`ClaimReview blocks: ${claimReviews.length}`);
  lines.push('');
  for (const paragraph of article.paragraphs) lines.push(clean(paragraph), '');
  opts.io.stdout(lines.join('\n'));
  return 0;
}
