/**
 * `provenance-lens compare --pairs PAIRS.jsonl`: batch comparison for evaluations and research.
 * Each line names or embeds two articles, `{"a": A, "b": B}` (A, B: a path to an HTML, JSON or
 * JSON Lines article file, relative to the pairs file, or an article object inline), and gets one
 * output line: `{"line": N, "report": {...}}` (A checked against B alone, report@1), or
 * `{"line": N, "error": "..."}` for a line that cannot be compared (the other lines still run).
 * The throughput is printed on standard error.
 */
import { dirname, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { compareArticles } from '../core/engine/index';
import type { ArticleRecord } from '../core/types';
import { CliError, describeError, describeFsError, type CliIo } from './cli-io';
import { loadOneArticle, recordOutcome } from './load-articles';

/** Runs every pair of PAIRS.jsonl ('-' for standard input); one JSON line out per pair line. */
export async function runComparePairs(opts: { pairs: string; io: CliIo; cwd: string }): Promise<number> {
  let text: string;
  let base = opts.cwd;
  if (opts.pairs === '-') text = await opts.io.readStdin();
  else {
    const file = resolve(opts.cwd, opts.pairs);
    base = dirname(file);
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${opts.pairs}: ${describeFsError(error)}`);
    }
  }
  // A file named on many lines is read and extracted once.
  const files = new Map<string, Promise<ArticleRecord>>();
  const side = (value: unknown, where: string): Promise<ArticleRecord> => {
    if (typeof value === 'string') {
      const path = resolve(base, value);
      let p = files.get(path);
      if (!p) {
        p = loadOneArticle(path, { cwd: base, readStdin: opts.io.readStdin }).then((x) => x.article);
        files.set(path, p);
      }
      return p;
    }
    const outcome = recordOutcome(value, where);
    if (outcome.kind !== 'article') return Promise.reject(new CliError(`${where}: ${outcome.kind === 'skipped' ? outcome.reason : 'not an article'}`));
    return Promise.resolve(outcome.article);
  };
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const t0 = performance.now();
  let done = 0;
  let failed = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (!raw) continue;
    const line = i + 1;
    let out: object;
    try {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new CliError('not valid JSON');
      }
      if (typeof value !== 'object' || value === null || !('a' in value) || !('b' in value)) throw new CliError('expected {"a": ..., "b": ...}');
      const pair = value as { a: unknown; b: unknown };
      const [a, b] = await Promise.all([side(pair.a, 'a'), side(pair.b, 'b')]);
      out = { line, report: compareArticles(a, b) };
      done++;
    } catch (error) {
      out = { line, error: describeError(error) };
      failed++;
    }
    opts.io.stdout(`${JSON.stringify(out)}\n`);
  }
  const s = (performance.now() - t0) / 1000;
  opts.io.stderr(`${done} pairs compared${failed ? `, ${failed} failed` : ''} in ${s.toFixed(2)} s (${(done / Math.max(s, 1e-9)).toFixed(0)} pairs/s)\n`);
  return failed ? 1 : 0;
}
