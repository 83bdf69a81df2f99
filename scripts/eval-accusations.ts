/**
 * False accusations: the worst bug this product can have is calling an article a copy when it is
 * not. This evaluation indexes a corpus of articles that do not derive from each other and checks
 * every one against all the others; every copy verdict (verbatim, partial or paraphrased) between
 * two unrelated articles is a false accusation, listed with its evidence.
 *
 * The corpus: the 320 real pages of extraction-dev (as our extraction reads them; unrelated sites
 * and topics, several languages) and the WikinewsSum dev sources (news about 51 different
 * events). Sources of the same Wikinews article may truly share text (wire copy), so a verdict
 * between two of them is counted apart, not as a false accusation.
 *   node --import tsx scripts/eval-accusations.ts [DATA_DIR]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProvenanceIndex, checkArticle } from '../src/core/engine/index';
import { resolveArticleUrl } from '../src/core/site';
import { extractHtml } from '../src/extract/from-html';
import { styleHiddenTest } from '../src/cli/style-hidden';
import type { ArticleRecord, Verdict } from '../src/core/types';

const COPY_VERDICTS: ReadonlySet<Verdict> = new Set(['verbatim-copy', 'partial-copy', 'paraphrased-copy']);
const NO_SIGNALS = { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null };

interface Doc {
  article: ArticleRecord;
  /** Articles that may legitimately share text carry the same group; unrelated ones differ. */
  group: string;
}

function extractionPages(dataDir: string): Doc[] {
  const dir = join(dataDir, 'extraction-dev');
  if (!existsSync(join(dir, 'evaldata.json'))) return [];
  const evaldata = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, { file: string }>;
  const docs: Doc[] = [];
  for (const [url, entry] of Object.entries(evaldata)) {
    const path = join(dir, 'pages', entry.file);
    if (!existsSync(path)) continue;
    try {
      const res = extractHtml(readFileSync(path, 'utf8'), { url, styleOf: styleHiddenTest });
      // Each page is its own group, keyed by its file: two entries naming the same page are one.
      // The declared addresses are judged as the CLI judges them (the canonical elsewhere is a signal).
      if (res.ok) docs.push({ article: { ...resolveArticleUrl(res.article, { url, declared: res.declared, trust: 'saved' }), url }, group: `page:${entry.file}` });
    } catch {
      // A page our extraction cannot read is not part of this evaluation.
    }
  }
  return docs;
}

function wikinewsSources(dataDir: string): Doc[] {
  const path = join(dataDir, 'wikinews-dev', 'articles.jsonl');
  if (!existsSync(path)) return [];
  const docs: Doc[] = [];
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  lines.forEach((line, k) => {
    const wiki = JSON.parse(line) as { sources: Array<{ title: string | null; maintext: string | null; url: string }> };
    wiki.sources.forEach((s, j) => {
      if (!s.maintext) return;
      const paragraphs = s.maintext.split(/\n+/).map((p) => p.trim()).filter(Boolean);
      docs.push({
        article: {
          url: `${s.url}#wikinews-${k}-${j}`,
          title: s.title ?? '',
          byline: null,
          siteName: null,
          lang: null,
          publishedTime: null,
          modifiedTime: null,
          paragraphs,
          links: [],
          signals: NO_SIGNALS,
        },
        group: `wikinews:${k}`,
      });
    });
  });
  return docs;
}

/** Prints the false-accusation figures over the data in dataDir (skips when absent). */
export async function evalAccusations(dataDir: string): Promise<void> {
  console.log('False accusations (unrelated articles checked against each other)');
  const started = Date.now();
  const docs = [...extractionPages(dataDir), ...wikinewsSources(dataDir)];
  if (docs.length === 0) {
    console.log('  skipped: no extraction-dev or wikinews-dev data');
    return;
  }
  const index = new ProvenanceIndex();
  const byUrl = new Map<string, Doc>();
  for (const d of docs) {
    if (byUrl.has(d.article.url)) continue;
    byUrl.set(d.article.url, d);
    index.add(d.article);
  }
  let checked = 0;
  let falseAccusations = 0;
  let sameGroup = 0;
  const verdicts = new Map<Verdict, number>();
  const listed: string[] = [];
  for (const d of byUrl.values()) {
    const report = await checkArticle(d.article, index, async (url) => byUrl.get(url)?.article);
    checked += 1;
    verdicts.set(report.verdict, (verdicts.get(report.verdict) ?? 0) + 1);
    if (!COPY_VERDICTS.has(report.verdict) || !report.directSource) continue;
    const source = byUrl.get(report.directSource.url);
    if (source && source.group === d.group) {
      sameGroup += 1;
      continue;
    }
    falseAccusations += 1;
    const rel = report.related.find((r) => r.url === report.directSource?.url);
    listed.push(
      `    ${report.verdict}: ${d.article.url}\n      from ${report.directSource.url}\n      ${rel?.evidence.join('; ') ?? ''}`,
    );
  }
  const share = checked ? falseAccusations / checked : 0;
  console.log(`  articles checked: ${checked} (${docs.length - byUrl.size} duplicate addresses merged), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  verdicts: ${[...verdicts].map(([v, n]) => `${v} ${n}`).join(', ')}`);
  console.log(`  copy verdicts between sources of the same Wikinews story (may be true wire copies): ${sameGroup}`);
  console.log(`  false accusations of copying: ${falseAccusations} of ${checked} (${(share * 100).toFixed(2)}%; goal 0)`);
  for (const line of listed.slice(0, 20)) console.log(line);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await evalAccusations(resolve(process.argv[2] ?? resolve(import.meta.dirname, '../../shared/data')));
}
