/**
 * `provenance-lens pack build PATH... -o PACK.json`: a provenance pack (docs/pack-format.md) from
 * HTML or JSON Lines articles: metadata and fingerprints, never the full text, so a newsroom can
 * publish its originals without republishing them.
 */
import { resolve } from 'node:path';
import { fingerprintArticle } from '../core/engine/index';
import { buildPack } from '../core/feeds/index';
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
  io: CliIo;
  cwd: string;
}): Promise<number> {
  const outPath = resolve(opts.cwd, opts.output);
  const files = (await expandPaths(opts.paths, opts.cwd)).filter((file) => file !== outPath);
  const articles = new Map<string, ArticleRecord>();
  let skipped = 0;
  for (const file of files) {
    for (const outcome of await loadFile(file)) {
      if (outcome.kind === 'skipped') {
        skipped++;
        opts.io.stderr(`skipped  ${outcome.origin}: ${clean(outcome.reason)}\n`);
      } else {
        articles.set(outcome.article.url, outcome.article);
      }
    }
  }
  if (articles.size === 0) throw new CliError('pack build: no articles to pack');
  const entries = [...articles.values()].map((article) => fingerprintArticle(article));
  const pack = buildPack(entries, { publisher: opts.publisher ?? null, generated: new Date().toISOString() });
  await writeFileAtomic(outPath, JSON.stringify(pack) + '\n');
  opts.io.stdout(`${entries.length} entries written to ${opts.output}${skipped ? `, ${skipped} skipped` : ''}\n`);
  return 0;
}
