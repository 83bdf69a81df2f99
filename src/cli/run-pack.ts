/**
 * `provenance-lens pack build PATH... -o PACK.json`: a provenance pack (docs/pack-format.md) from
 * HTML or JSON Lines articles: metadata and fingerprints, never the full text, so a newsroom can
 * publish its originals without republishing them.
 */
import { resolve } from 'node:path';
import { buildPack, parsePack, safeHttpsUrl } from '../core/feeds/index';
import type { ArticleRecord } from '../core/types';
import { CliError, type CliIo } from './cli-io';
import { writeFileAtomic } from './cli-db';
import { clean } from './format-report';
import { expandPaths, loadFile } from './load-articles';

/** Build and write the pack; prints the entry count and any skipped inputs. */
export async function runPackBuild(opts: {
  paths: string[];
  output: string;
  publisher?: string;
  publisherUrl?: string;
  io: CliIo;
  cwd: string;
}): Promise<number> {
  const outPath = resolve(opts.cwd, opts.output);
  const files = (await expandPaths(opts.paths, opts.cwd)).filter((file) => file !== outPath);
  const articles = new Map<string, ArticleRecord>();
  let skipped = 0;
  for (const file of files) {
    for (const outcome of await loadFile(file)) {
      let reason = outcome.kind === 'skipped' ? outcome.reason : null;
      if (outcome.kind === 'entry') reason = 'already a pack entry (packs are built from articles with their text)';
      // Subscribers accept only public https addresses in packs; a file: URL would be dropped.
      if (outcome.kind === 'article' && !safeHttpsUrl(outcome.article.url)) {
        reason = `not a public https URL (${outcome.article.url}); packs name articles by their web address`;
      }
      if (reason !== null) {
        skipped++;
        opts.io.stderr(`skipped  ${clean(outcome.origin)}: ${clean(reason)}\n`);
      } else if (outcome.kind === 'article') {
        articles.set(outcome.article.url, outcome.article);
      }
    }
  }
  if (articles.size === 0) throw new CliError('pack build: no articles to pack');
  if (opts.publisherUrl !== undefined && !safeHttpsUrl(opts.publisherUrl)) {
    throw new CliError('--publisher-url must be a public https URL', 2);
  }
  const pack = buildPack([...articles.values()], {
    publisher: { name: opts.publisher ?? 'unknown', url: opts.publisherUrl ?? null },
    generated: new Date().toISOString(),
  });
  // Check the pack the way a subscriber will before writing it, so a pack that would be refused
  // is never published.
  const check = parsePack(JSON.parse(JSON.stringify(pack)));
  if (!check.ok) throw new CliError(`pack build: the pack would be refused: ${check.error}`);
  if (check.skipped > 0) throw new CliError(`pack build: ${check.skipped} entries would be refused: ${clean(check.errors[0])}`);
  await writeFileAtomic(outPath, JSON.stringify(pack) + '\n');
  opts.io.stdout(`${pack.entries.length} entries written to ${opts.output}${skipped ? `, ${skipped} skipped` : ''}\n`);
  return 0;
}
