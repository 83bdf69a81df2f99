/**
 * Extraction benchmark over ../shared/data/extraction-dev (320 real pages with must-keep and
 * must-drop snippets): prints, side by side in one run, the must-keep recall, the must-drop leak
 * rate and the reader-comment leak rate of plain Readability and of our extraction (same DOM
 * library, linkedom; same gate), plus time per page. Skips cleanly when the data is absent.
 * Run alone: `node --import tsx bench/extraction.ts [--verbose] [--jsdom]` (--jsdom also runs our
 * extraction on jsdom and counts the pages where it agrees with linkedom).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle, isArticleCandidate } from '../src/extract/index';

const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data/extraction-dev');

interface EvalEntry {
  file: string;
  with?: string[];
  without?: string[];
  comments?: string[];
}

interface Tally {
  keepFound: number;
  keepTotal: number;
  dropLeaked: number;
  dropTotal: number;
  commentLeaked: number;
  commentTotal: number;
  failed: number;
  ms: number;
}

const newTally = (): Tally => ({ keepFound: 0, keepTotal: 0, dropLeaked: 0, dropTotal: 0, commentLeaked: 0, commentTotal: 0, failed: 0, ms: 0 });

// Snippets are compared with all whitespace removed, on both sides: Readability's textContent
// glues paragraphs together ("end.Next"), our paragraphs are joined with spaces, and the snippets
// were cut from rendered text. Without this, the comparison would measure joining, not extraction.
const squash = (s: string) => s.normalize('NFC').replace(/[\s\u00a0\u200b]+/g, '');

function score(text: string, entry: EvalEntry, t: Tally): { leaked: string[]; missed: string[] } {
  const body = squash(text);
  const leaked: string[] = [];
  const missed: string[] = [];
  for (const s of entry.with ?? []) {
    t.keepTotal++;
    if (body.includes(squash(s))) t.keepFound++;
    else missed.push(s);
  }
  for (const s of entry.without ?? []) {
    t.dropTotal++;
    if (body.includes(squash(s))) {
      t.dropLeaked++;
      leaked.push(s);
    }
  }
  for (const s of entry.comments ?? []) {
    t.commentTotal++;
    if (body.includes(squash(s))) {
      t.commentLeaked++;
      leaked.push(`[comment] ${s}`);
    }
  }
  return { leaked, missed };
}

const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(1) + '%' : 'n/a');

/** Runs the extraction benchmark and prints the comparison table; returns the two tallies. */
export async function benchExtraction(opts: { verbose?: boolean; jsdom?: boolean } = {}): Promise<{ readability: Tally; ours: Tally } | null> {
  const evalPath = join(DATA_DIR, 'evaldata.json');
  if (!existsSync(evalPath)) {
    console.log(`extraction bench: skipped (${evalPath} not found)`);
    return null;
  }
  const data = JSON.parse(readFileSync(evalPath, 'utf8')) as Record<string, EvalEntry>;
  const readability = newTally();
  const ours = newTally();
  let pages = 0;
  let gated = 0;
  const worst: Array<{ url: string; leaked: string[]; missed: string[] }> = [];
  const regressions: Array<{ url: string; leaked: string[]; missed: string[] }> = [];
  let domCompared = 0;
  let domSame = 0;
  const domDiffs: string[] = [];

  for (const [url, entry] of Object.entries(data)) {
    const file = join(DATA_DIR, 'pages', entry.file);
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    pages++;

    // Same gate for both: a page the gate refuses yields no text for either.
    const gate = isArticleCandidate(parseHTML(html).document);
    if (!gate.ok) gated++;

    let t0 = performance.now();
    let plain = '';
    if (gate.ok) {
      try {
        const doc = parseHTML(html).document;
        plain = new Readability(doc.cloneNode(true) as Document).parse()?.textContent ?? '';
      } catch {
        readability.failed++;
      }
      if (!plain) readability.failed++;
    }
    readability.ms += performance.now() - t0;
    const base = score(plain, entry, readability);

    t0 = performance.now();
    let text = '';
    if (gate.ok) {
      const doc = parseHTML(html).document;
      const r = extractArticle(doc, { url, timeBudgetMs: 60_000 });
      if (r.ok) text = [r.article.title, ...r.article.paragraphs].join('\n');
      else ours.failed++;
    }
    ours.ms += performance.now() - t0;
    // The title is part of what a reader sees as the article; Readability's textContent omits it,
    // so score our body alone for the comparison and keep the title only for diagnostics.
    const bodyOnly = text.split('\n').slice(1).join('\n');
    // Optional: the same extraction on jsdom (a browser-like DOM, as in the extension) must give
    // the same text as on linkedom (the CLI), or the index and the page would disagree.
    if (opts.jsdom && gate.ok) {
      // @ts-ignore -- jsdom ships no types and @types/jsdom is not a dependency.
      const { JSDOM, VirtualConsole } = (await import('jsdom')) as unknown as {
        JSDOM: new (html: string, o: { url: string; virtualConsole: unknown }) => { window: { document: Document; close(): void } };
        VirtualConsole: new () => unknown;
      };
      let dom: { window: { document: Document; close(): void } } | null = null;
      try {
        // A silent console: jsdom reports every stylesheet it cannot parse.
        dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
        const r = extractArticle(dom.window.document, { url, timeBudgetMs: 60_000 });
        const other = r.ok ? [r.article.title, ...r.article.paragraphs].join('\n') : '';
        domCompared++;
        if (other === text) domSame++;
        else if (opts.verbose) domDiffs.push(url);
      } catch {
        domCompared++;
      } finally {
        dom?.window.close();
      }
    }
    const result = score(bodyOnly, entry, ours);
    if (result.leaked.length || result.missed.length) worst.push({ url, ...result });
    // Where ours is worse than plain Readability on this page: the cases to investigate first.
    const lost = result.missed.filter((s) => !base.missed.includes(s));
    const extra = result.leaked.filter((s) => !base.leaked.includes(s));
    if (lost.length || extra.length) regressions.push({ url, leaked: extra, missed: lost });
  }

  const rows: Array<[string, (t: Tally) => string]> = [
    ['must-keep recall', (t) => `${pct(t.keepFound, t.keepTotal)} (${t.keepFound}/${t.keepTotal})`],
    ['must-drop leak rate', (t) => `${pct(t.dropLeaked, t.dropTotal)} (${t.dropLeaked}/${t.dropTotal})`],
    ['comment leak rate', (t) => `${pct(t.commentLeaked, t.commentTotal)} (${t.commentLeaked}/${t.commentTotal})`],
    ['no article', (t) => String(t.failed)],
    ['ms per page', (t) => (t.ms / Math.max(1, pages)).toFixed(1)],
  ];
  console.log(`extraction bench: ${pages} pages from ${DATA_DIR} (linkedom; gate refused ${gated})`);
  console.log(`${'metric'.padEnd(22)}${'Readability 0.6.0'.padEnd(26)}ours`);
  for (const [name, f] of rows) console.log(`${name.padEnd(22)}${f(readability).padEnd(26)}${f(ours)}`);

  if (opts.jsdom) {
    console.log(`ours on jsdom gives the same title and paragraphs as on linkedom: ${domSame}/${domCompared} pages`);
    for (const u of domDiffs.slice(0, 20)) console.log(`  differs: ${u}`);
  }
  if (opts.verbose) {
    console.log(`\npages where ours is worse than plain Readability: ${regressions.length}`);
    for (const w of regressions) {
      console.log(`- ${w.url}`);
      for (const s of w.leaked) console.log(`    leaked: ${s}`);
      for (const s of w.missed) console.log(`    missed: ${s}`);
    }
    worst.sort((a, b) => b.leaked.length - a.leaked.length || b.missed.length - a.missed.length);
    console.log('\nworst pages (ours): leaked / missed snippets');
    for (const w of worst.slice(0, 40)) {
      console.log(`- ${w.url}`);
      for (const s of w.leaked) console.log(`    leaked: ${s}`);
      for (const s of w.missed) console.log(`    missed: ${s}`);
    }
  }
  return { readability, ours };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchExtraction({ verbose: process.argv.includes('--verbose'), jsdom: process.argv.includes('--jsdom') });
}
