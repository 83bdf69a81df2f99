/**
 * Contract tests of the `provenance-lens` command, run in-process through main(argv, io): indexing
 * a fixture folder, checking a scrape and a rewrite, compare, the report JSON shape, claims import
 * and search, pack build, and every error case (one line on stderr, non-zero exit, DB untouched).
 */
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/types';
import { FIXTURES, runCli, tempDir } from './run-cli';

const ORIGINAL = 'https://harborledger.example/news/2026/03/kestrel-bay-ferry-terminal-rebuild';
const SCRAPE = 'https://newsflashhub.example/kestrel-bay-ferry-terminal-42-million';
const REWRITE = 'https://coastdaily.example/local/kestrel-bay-terminal-vote';
const LIBRARY = 'https://valleycourier.example/2026/02/millbrook-library-reopens';
const CUP = 'https://ridgelinepost.example/sport/ridgeline-rovers-cup-final';
const FROST = 'https://ridgelinepost.example/news/orchard-frost-damage';

let dir: string;
let cleanup: () => Promise<void>;
let db: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  db = join(dir, 'index.db');
});
afterEach(async () => cleanup());

async function dbLines(path = db): Promise<Array<Record<string, unknown>>> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

async function indexFixtures(): Promise<void> {
  const run = await runCli(['index', 'site', 'more-articles.jsonl', '--db', db]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
}

function expectOneLineError(run: { code: number; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(pattern);
  // One line, prefixed with the command name, no stack trace.
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^provenance-lens: /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('index', () => {
  it('indexes a folder recursively and JSON Lines, naming each article by its own URL', async () => {
    const run = await runCli(['index', 'site', 'more-articles.jsonl', '--db', db]);
    expect(run.code).toBe(0);
    for (const url of [ORIGINAL, SCRAPE, REWRITE, LIBRARY, CUP, FROST]) expect(run.stdout).toContain(`added    ${url}`);
    // The navigation page is read and skipped with a reason; the .txt file in the folder is not read.
    expect(run.stdout).toMatch(/skipped {2}site\/nested\/menu\.html: not an article/);
    expect(run.stdout).not.toContain('notes.txt');
    expect(run.stdout).toMatch(/6 added, 0 updated, 1 skipped; .* holds 6 articles and 0 claims/);

    const lines = await dbLines();
    expect(lines[0]).toEqual({ magic: 'provenance-lens/db@1', records: lines.length - 1 });
    const articles = lines.filter((line) => line.type === 'article');
    expect(articles.map((a) => a.url).sort()).toEqual([ORIGINAL, SCRAPE, REWRITE, LIBRARY, CUP, FROST].sort());
    const cup = articles.find((a) => a.url === CUP)!;
    // JSON Lines text is split into paragraphs on blank lines.
    expect((cup.paragraphs as string[]).length).toBe(5);
    expect(cup.siteName).toBe('Ridgeline Post');
    expect(typeof cup.firstSeen).toBe('string');
    const original = articles.find((a) => a.url === ORIGINAL)!;
    expect(original.title).toMatch(/Port board approves \$42 million rebuild/);
    expect((original.paragraphs as string[]).join(' ')).toContain('Lucinda Farrow');
    expect((original.paragraphs as string[]).join(' ')).not.toContain('All rights reserved');
  });

  it('reports unchanged articles as skipped and changed ones as updated, keeping firstSeen', async () => {
    await indexFixtures();
    const firstSeen = (await dbLines()).find((l) => l.url === CUP)!.firstSeen;
    const again = await runCli(['index', 'more-articles.jsonl', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 added, 0 updated, 2 skipped/);
    expect(again.stdout).toContain('unchanged');

    const edited = join(dir, 'edited.jsonl');
    const record = JSON.parse((await readFile(join(FIXTURES, 'more-articles.jsonl'), 'utf8')).split('\n')[0]);
    record.text += '\n\nThe club confirmed ticket prices on Sunday.';
    await writeFile(edited, JSON.stringify(record) + '\n');
    const update = await runCli(['index', edited, '--db', db]);
    expect(update.stdout).toContain(`updated  ${CUP}`);
    const stored = (await dbLines()).find((l) => l.url === CUP)!;
    expect((stored.paragraphs as string[]).at(-1)).toBe('The club confirmed ticket prices on Sunday.');
    expect(stored.firstSeen).toBe(firstSeen);
    expect((await dbLines()).filter((l) => l.type === 'article')).toHaveLength(6);
  });

  it('skips a JSON Lines record without text, with its line number and reason', async () => {
    const run = await runCli(['index', 'bad-record.jsonl', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('added    https://ridgelinepost.example/news/bridge-closure');
    expect(run.stdout).toMatch(/skipped {2}bad-record\.jsonl line 2: missing text/);
    expect((await dbLines()).filter((l) => l.type === 'article')).toHaveLength(1);
  });

  it('uses --url as the address of a page that names none, else a file: URL', async () => {
    const page = join(dir, 'bare.html');
    const html = (await readFile(join(FIXTURES, 'site/nested/library-reopens.html'), 'utf8')).replace(/<meta property="og:url"[^>]*>/, '');
    await writeFile(page, html);
    const withUrl = await runCli(['extract', page, '--url', 'https://valleycourier.example/bare', '--json']);
    expect(withUrl.code).toBe(0);
    expect(JSON.parse(withUrl.stdout).url).toBe('https://valleycourier.example/bare');
    const indexed = await runCli(['index', page, '--db', db]);
    expect(indexed.code).toBe(0);
    expect(indexed.stdout).toMatch(/added {4}file:\/\/\S*bare\.html/);
  });
});

describe('extract', () => {
  it('reads a saved page in its declared legacy charset', async () => {
    const html = (await readFile(join(FIXTURES, 'site/nested/library-reopens.html'), 'utf8'))
      .replace('<meta charset="utf-8">', `<script>${'var pad = 1;\n'.repeat(200)}</script><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`)
      .replace('Librarian Agnes Whitcombe', 'Librarian Agnès Whitcombe, from the Café Noël committee,');
    const page = join(dir, 'latin1.html');
    await writeFile(page, Buffer.from(html, 'latin1'));
    const run = await runCli(['extract', page, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).paragraphs.join(' ')).toContain('Agnès Whitcombe, from the Café Noël committee');
  });

  it('prints a readable article without --json', async () => {
    const run = await runCli(['extract', 'site/harbor-ledger-original.html']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Title: +Port board approves \$42 million rebuild of Kestrel Bay ferry terminal$/m);
    expect(run.stdout).toMatch(/^URL: +https:\/\/harborledger\.example\/news\/2026\/03\/kestrel-bay-ferry-terminal-rebuild$/m);
    expect(run.stdout).toMatch(/^Site: +The Harbor Ledger$/m);
    expect(run.stdout).toContain('riddled with shipworm');
    expect(run.stdout).not.toContain('All rights reserved');
  });
});

describe('republications that name the original as their canonical address', () => {
  const SYNDICATED = 'syndicated/island-weekly-republished.html';

  it('never overwrite the original, in whatever order the files come', async () => {
    // Saved without an address of its own, the republication's only URL is the original's.
    const folder = join(dir, 'pages');
    await mkdir(folder);
    await copyFile(join(FIXTURES, SYNDICATED), join(folder, 'a-republished.html'));
    await copyFile(join(FIXTURES, 'site/harbor-ledger-original.html'), join(folder, 'b-original.html'));
    const run = await runCli(['index', folder, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`added    ${ORIGINAL}  (`);
    expect(run.stdout).toMatch(/skipped {2}\S*a-republished\.html: its address \S+ belongs to The Harbor Ledger/);
    const stored = (await dbLines()).filter((l) => l.type === 'article');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ url: ORIGINAL, siteName: 'The Harbor Ledger' });

    // Indexed later on its own, it does not replace the stored original either.
    const later = await runCli(['index', join(FIXTURES, SYNDICATED), '--db', db]);
    expect(later.stdout).toMatch(/0 added, 0 updated, 1 skipped/);
    expect((await dbLines()).find((l) => l.url === ORIGINAL)?.siteName).toBe('The Harbor Ledger');
  });

  it('is checked as syndication, not as a copy, when given its own address', async () => {
    await indexFixtures();
    const run = await runCli(['check', SYNDICATED, '--url', 'https://islandweekly.example/2026/03/03/ferry-terminal', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.verdict).toBe('syndicated');
    expect(report.origin?.url).toBe(ORIGINAL);
    expect(report.summary).not.toMatch(/no credit/i);
  });
});

describe('check', () => {
  it('finds the original of a word-for-word scrape', async () => {
    await indexFixtures();
    const run = await runCli(['check', 'site/copy-scrape.html', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.verdict).toBe('verbatim-copy');
    expect(report.origin?.url).toBe(ORIGINAL);
    expect(report.credited).toBe(false);
    expect(report.passages.length).toBeGreaterThan(0);
    expect(report.passages.every((p) => p.source.url === ORIGINAL)).toBe(true);
  });

  it('finds the original of a paraphrased rewrite and lists the reused sentences', async () => {
    await indexFixtures();
    const run = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.article.url).toBe(REWRITE);
    expect(report.verdict).toBe('paraphrased-copy');
    expect(report.origin?.url).toBe(ORIGINAL);
    expect(report.credited).toBe(false);
    // The checked page itself is never among its own related articles; unrelated stories are absent.
    const related = report.related.map((r) => r.url);
    expect(related).not.toContain(REWRITE);
    expect(related).not.toContain(LIBRARY);
    expect(related).not.toContain(CUP);
    const paraphrased = report.passages.filter((p) => p.kind === 'paraphrase');
    expect(paraphrased.length).toBeGreaterThanOrEqual(3);
    // Passage offsets point into the article text (paragraphs joined by blank lines).
    const text = report.article && (await checkText());
    for (const p of report.passages) expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(report.passages.some((p) => /shipworm/.test(p.text) && /shipworm/.test(p.source.sentence ?? ''))).toBe(true);
  });

  it('reads the page from standard input with -', async () => {
    // Without the rewrite itself in the index (under another URL it would be its own verbatim source).
    expect((await runCli(['index', 'site/harbor-ledger-original.html', 'site/nested', '--db', db])).code).toBe(0);
    const html = (await readFile(join(FIXTURES, 'site/coast-daily-rewrite.html'), 'utf8')).replace(/<meta property="og:url"[^>]*>/, '');
    const run = await runCli(['check', '-', '--url', 'https://mirror.example/rewrite', '--db', db, '--json'], { stdin: html });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.article.url).toBe('https://mirror.example/rewrite');
    expect(report.verdict).toBe('paraphrased-copy');
    expect(report.origin?.url).toBe(ORIGINAL);
  });

  it('checks a JSON article file the same way as its HTML page', async () => {
    await indexFixtures();
    const run = await runCli(['check', 'rewrite-article.json', '--db', db, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.verdict).toBe('paraphrased-copy');
    expect(report.origin?.url).toBe(ORIGINAL);
  });

  it('excludes the page itself when checking an indexed original', async () => {
    await indexFixtures();
    const report = JSON.parse((await runCli(['check', 'site/harbor-ledger-original.html', '--db', db, '--json'])).stdout) as Report;
    expect(report.article.url).toBe(ORIGINAL);
    expect(report.related.map((r) => r.url)).not.toContain(ORIGINAL);
    expect(report.verdict).toBe('original');
    // An original is its own origin (or has none): never one of the copies.
    expect(report.origin?.url ?? ORIGINAL).toBe(ORIGINAL);
    // Whatever it lists as reusing it is one of the later copies, never the page itself.
    for (const p of report.passages) expect([SCRAPE, REWRITE]).toContain(p.source.url);
  });

  it('says "no-match" for a story nothing else covers', async () => {
    await indexFixtures();
    const report = JSON.parse((await runCli(['check', 'site/nested/library-reopens.html', '--db', db, '--json'])).stdout) as Report;
    expect(report.verdict).toBe('no-match');
    expect(report.related).toEqual([]);
    expect(report.passages).toEqual([]);
  });

  it('reads a copy with words hidden by its style sheet as the reader sees it: word for word', async () => {
    // A word the page's style hides after every third word of each paragraph; in @media print the
    // same words show on screen, and the copy is no longer word for word.
    const scrape = await readFile(join(FIXTURES, 'site/copy-scrape.html'), 'utf8');
    const disguise = (media: string) =>
      scrape
        .replace('</head>', `<style>${media ? `@media ${media} {` : ''} .aside { display: none } ${media ? '}' : ''}</style></head>`)
        .replace(/<p>([^<]*)<\/p>/g, (_m, t: string) => `<p>${t.split(' ').map((w, i) => (i % 3 === 2 ? `${w}<span class="aside"> zebra</span>` : w)).join(' ')}</p>`);
    await writeFile(join(dir, 'hidden.html'), disguise(''));
    await writeFile(join(dir, 'shown.html'), disguise('print'));
    const original = join(FIXTURES, 'site/harbor-ledger-original.html');
    const hidden = JSON.parse((await runCli(['compare', join(dir, 'hidden.html'), original, '--json'])).stdout) as Report;
    expect(hidden.verdict).toBe('verbatim-copy');
    expect(hidden.origin?.url).toBe(ORIGINAL);
    const shown = JSON.parse((await runCli(['compare', join(dir, 'shown.html'), original, '--json'])).stdout) as Report;
    expect(shown.verdict).not.toBe('verbatim-copy');
    expect(shown.origin?.url).toBe(ORIGINAL);
  });

  it('prints a readable summary without --json', async () => {
    await indexFixtures();
    const json = JSON.parse((await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json'])).stdout) as Report;
    const run = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(json.summary);
    expect(run.stdout).toMatch(/^Verdict: +paraphrased-copy · credited: no$/m);
    expect(run.stdout).toMatch(new RegExp(`^Origin: +"Port board approves \\$42 million rebuild of Kestrel Bay ferry terminal" — The Harbor Ledger`, 'm'));
    expect(run.stdout).toContain(ORIGINAL);
    expect(run.stdout).toMatch(/^Related articles \(\d+\):$/m);
    expect(run.stdout).toMatch(/verbatim \d+% · paraphrase \d+% · credited: no/);
    expect(run.stdout).toMatch(/^Reused passages \(\d+\):$/m);
    expect(run.stdout).toMatch(/^ +from "/m);
    expect(run.stdout).not.toContain('{');
  });

  it('matches the claims stored in the database', async () => {
    await indexFixtures();
    expect((await runCli(['claims', 'import', 'claims-feed.json', '--db', db])).code).toBe(0);
    const report = JSON.parse((await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json'])).stdout) as Report;
    expect(report.claims.map((c) => c.claim.url)).toEqual(['https://factdesk.example/checks/kestrel-bay-ferry-terminal-property-taxes']);
    expect(report.claims[0].claim.rating).toBe('False');
    expect(report.claims[0].text).toMatch(/double property taxes/);
    const human = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db]);
    expect(human.stdout).toMatch(/^Fact-checked claims \(1\):$/m);
    expect(human.stdout).toContain('rated False by FactDesk');
    // "Some residents ... repeated the claim that ..." attributes it: matched, but not a warning.
    expect(report.claims[0].stance).toBe('mentions');
    expect(human.stdout).toMatch(/^ +stance: mentions or questions the claim without asserting it$/m);
    // A page repeating no reviewed claim stays silent.
    const quiet = JSON.parse((await runCli(['check', 'site/nested/library-reopens.html', '--db', db, '--json'])).stdout) as Report;
    expect(quiet.claims).toEqual([]);
  });
});

async function checkText(): Promise<string> {
  const run = await runCli(['extract', 'site/coast-daily-rewrite.html', '--json']);
  return (JSON.parse(run.stdout).paragraphs as string[]).join('\n\n');
}

describe('index cache (DB.index, derived data)', () => {
  async function checkRewrite(): Promise<Report> {
    const run = await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json']);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Report;
  }

  it('is written by index, kept by claims import, and rebuilt when missing or damaged', async () => {
    await indexFixtures();
    const cache = `${db}.index`;
    const bytes = await readFile(cache);
    expect(bytes.subarray(0, 8).toString()).toBe('PLCLIX02');
    expect((await checkRewrite()).origin?.url).toBe(ORIGINAL);

    await runCli(['claims', 'import', 'claims-feed.json', '--db', db]);
    expect((await readFile(cache)).equals(bytes)).toBe(true);

    await rm(cache);
    expect((await checkRewrite()).origin?.url).toBe(ORIGINAL);
    expect((await readFile(cache)).subarray(0, 8).toString()).toBe('PLCLIX02');

    await writeFile(cache, Buffer.concat([bytes.subarray(0, 136), Buffer.from('garbage')]));
    expect((await checkRewrite()).origin?.url).toBe(ORIGINAL);
  });

  it('is never used for a database whose articles changed', async () => {
    // A cache built for a database holding only the unrelated library story...
    const other = join(dir, 'other.db');
    await runCli(['index', 'site/nested/library-reopens.html', '--db', other]);
    await indexFixtures();
    await copyFile(`${other}.index`, `${db}.index`);
    // ...does not hide the original from a check against the full database.
    expect((await checkRewrite()).origin?.url).toBe(ORIGINAL);
  });

  it('follows incremental indexing', async () => {
    await runCli(['index', 'site/coast-daily-rewrite.html', 'site/nested', '--db', db]);
    expect((await checkRewrite()).verdict).toBe('no-match');
    await runCli(['index', 'site/harbor-ledger-original.html', '--db', db]);
    const report = await checkRewrite();
    expect(report.verdict).toBe('paraphrased-copy');
    expect(report.origin?.url).toBe(ORIGINAL);
  });
});

describe('report JSON shape (provenance-lens/report@1)', () => {
  it('has every documented field with its type', async () => {
    await indexFixtures();
    const report = JSON.parse((await runCli(['check', 'site/coast-daily-rewrite.html', '--db', db, '--json'])).stdout) as Report;
    expect(report.schema).toBe('provenance-lens/report@1');
    expect(report.article).toMatchObject({
      url: REWRITE,
      title: expect.any(String),
      siteName: 'Coast Daily',
      publishedTime: expect.stringMatching(/^2026-03-02T15:45/),
      wordCount: expect.any(Number),
    });
    expect(report.article).toHaveProperty('byline');
    expect(report.article).toHaveProperty('lang');
    expect(report.article.wordCount).toBeGreaterThan(300);
    // `extract` counts the words of one page exactly as `check` does.
    const extracted = await runCli(['extract', 'site/coast-daily-rewrite.html']);
    expect(extracted.stdout).toMatch(new RegExp(`^Words: +${report.article.wordCount} in `, 'm'));
    expect(typeof report.summary).toBe('string');
    expect(report.summary.length).toBeGreaterThan(10);
    for (const ref of [report.origin, report.directSource]) {
      expect(ref).toMatchObject({ url: expect.any(String), title: expect.any(String) });
      expect(ref).toHaveProperty('siteName');
      expect(ref).toHaveProperty('publishedTime');
    }
    for (const r of report.related) {
      expect(r).toMatchObject({ url: expect.any(String), relation: expect.any(String), similarity: expect.any(Number) });
      expect(r.verbatimShare).toBeGreaterThanOrEqual(0);
      expect(r.paraphraseShare).toBeLessThanOrEqual(1);
      expect(r).toHaveProperty('credited');
    }
    for (const p of report.passages) {
      expect(p).toMatchObject({ text: expect.any(String), start: expect.any(Number), end: expect.any(Number), score: expect.any(Number) });
      expect(['verbatim', 'paraphrase', 'quote']).toContain(p.kind);
      expect(p.source).toMatchObject({ url: expect.any(String) });
      expect(p.source).toHaveProperty('sentence');
    }
    expect(Array.isArray(report.claims)).toBe(true);
  });
});

describe('compare', () => {
  it('checks A against B alone', async () => {
    const run = await runCli(['compare', 'site/coast-daily-rewrite.html', 'site/harbor-ledger-original.html', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.article.url).toBe(REWRITE);
    expect(report.verdict).toBe('paraphrased-copy');
    expect(report.origin?.url).toBe(ORIGINAL);
    expect(report.related.map((r) => r.url)).toEqual([ORIGINAL]);
  });

  it('finds nothing between unrelated stories', async () => {
    const run = await runCli(['compare', 'site/nested/library-reopens.html', 'site/harbor-ledger-original.html', '--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).verdict).toBe('no-match');
  });

  it('prints a readable summary without --json', async () => {
    const run = await runCli(['compare', 'site/copy-scrape.html', 'site/harbor-ledger-original.html']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Verdict: +verbatim-copy/m);
  });

  it('lists what the demo rewrite changed from its source under the passages, in text and JSON', async () => {
    const demo = fileURLToPath(new URL('../../../demo/site/', import.meta.url));
    const args = ['compare', 'northshore-now/local/port-alder-seawall-approved.html', 'harbor-ledger/news/2026/11/18/port-alder-approves-48-million-seawall.html'];
    const text = await runCli(args, { cwd: demo });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Verdict: +paraphrased-copy/m);
    const changed = text.stdout.split('\n').filter((l) => l.trim().startsWith('changed:')).map((l) => l.trim());
    expect(changed).toEqual(['changed: number "four days" -> "five days"', 'changed: hedge dropped "about" -> "$7 million"']);
    const report = JSON.parse((await runCli([...args, '--json'], { cwd: demo })).stdout) as Report;
    const withChanges = report.passages.filter((p) => p.changes);
    expect(withChanges.map((p) => p.changes!.map((c) => c.kind))).toEqual([['number'], ['hedge']]);
    expect(withChanges[0].text.slice(withChanges[0].changes![0].copyStart!, withChanges[0].changes![0].copyEnd!)).toBe('five days');
  });

  it('prints the evidence as W3C Web Annotations with --annotations', async () => {
    const run = await runCli(['compare', 'site/coast-daily-rewrite.html', 'site/harbor-ledger-original.html', '--annotations']);
    expect(run.code).toBe(0);
    const page = JSON.parse(run.stdout);
    expect(page['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(page.type).toBe('AnnotationPage');
    expect(page.items[0]).toMatchObject({ type: 'Annotation', motivation: 'assessing', target: REWRITE });
    const linking = page.items.filter((a: { motivation: string }) => a.motivation === 'linking');
    expect(linking.length).toBeGreaterThan(0);
    for (const a of linking) {
      expect(a.target.source).toBe(REWRITE);
      expect(a.target.selector.type).toBe('TextQuoteSelector');
      expect(a.body).toContainEqual(expect.objectContaining({ type: 'SpecificResource', source: ORIGINAL, purpose: 'linking' }));
    }
    const both = await runCli(['compare', 'site/coast-daily-rewrite.html', 'site/harbor-ledger-original.html', '--annotations', '--json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--json and --annotations/);
  });
});

describe('claims', () => {
  it('imports a ClaimReview DataFeed and ranks claims for JSON Lines queries, best first', async () => {
    const imported = await runCli(['claims', 'import', 'claims-feed.json', '--db', db]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^8 claims imported \(8 new, 0 replaced\), 0 skipped/);
    const claims = (await dbLines()).filter((l) => l.type === 'claim');
    expect(claims).toHaveLength(8);
    expect(claims.map((c) => c.url)).toEqual(
      expect.arrayContaining([
        'https://factdesk.example/checks/kestrel-bay-ferry-terminal-property-taxes',
        'https://factdesk.example/checks/library-closures-national',
        'https://factdesk.example/checks/wind-turbines-cause-frost',
      ]),
    );
    expect(claims.find((c) => /frost/.test(String(c.url)))).toMatchObject({
      rating: { alternateName: 'Mostly false', ratingValue: 2, bestRating: 5, worstRating: 1 },
      reviewer: { name: 'FactDesk' },
      source: 'import',
    });

    const stdin = [
      JSON.stringify({ id: 'q1', text: 'Is it true the ferry terminal rebuild in Kestrel Bay doubles island property taxes?' }),
      '',
      JSON.stringify({ id: 7, text: 'wind turbines are making spring frost worse for the orchards' }),
    ].join('\n');
    const search = await runCli(['claims', 'search', '--db', db, '--top', '2'], { stdin });
    expect(search.code).toBe(0);
    const out = search.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(out.map((o) => o.id)).toEqual(['q1', 7]);
    expect(out[0].results[0].url).toBe('https://factdesk.example/checks/kestrel-bay-ferry-terminal-property-taxes');
    expect(out[1].results[0].url).toBe('https://factdesk.example/checks/wind-turbines-cause-frost');
    // Each result names the claim, its rating and the reviewer, not only a link.
    expect(out[1].results[0]).toMatchObject({ rating: 'Mostly false', reviewer: 'FactDesk' });
    expect(out[1].results[0].claim).toMatch(/wind turbines/i);
    for (const o of out) {
      expect(o.results.length).toBeLessThanOrEqual(2);
      const scores = o.results.map((r: { score: number }) => r.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    }
  });

  it('imports ClaimReview JSON-LD from a fact-check page, and re-importing replaces by id', async () => {
    const first = await runCli(['claims', 'import', 'fact-check-page.html', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^1 claim imported \(1 new, 0 replaced\)/);
    const second = await runCli(['claims', 'import', 'fact-check-page.html', '--db', db]);
    expect(second.stdout).toMatch(/^1 claim imported \(0 new, 1 replaced\)/);
    expect((await dbLines()).filter((l) => l.type === 'claim')).toHaveLength(1);
  });

  it('harvests ClaimReview from fact-check pages while indexing', async () => {
    const run = await runCli(['index', 'fact-check-page.html', '--db', db]);
    expect(run.code).toBe(0);
    const claims = (await dbLines()).filter((l) => l.type === 'claim');
    expect(claims.map((c) => c.url)).toEqual(['https://factdesk.example/checks/ferry-fares-dredging']);
    expect(claims[0].source).toBe('harvest');
  });
});

describe('pack build', () => {
  it('writes a provenance pack with one entry per article and no full text', async () => {
    const out = join(dir, 'pack.json');
    const run = await runCli(['pack', 'build', 'site', 'more-articles.jsonl', '-o', out, '--publisher', 'Test Newsroom']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^6 entries written to /);
    const text = await readFile(out, 'utf8');
    const pack = JSON.parse(text);
    expect(pack.schema).toBe('provenance-lens/pack@1');
    expect(pack.entries.map((e: { url: string }) => e.url).sort()).toEqual([ORIGINAL, SCRAPE, REWRITE, LIBRARY, CUP, FROST].sort());
    expect(text).not.toContain('riddled with shipworm');
    const { parsePack } = await import('../../../src/core/feeds/index');
    expect(() => parsePack(pack)).not.toThrow();
  });
});

describe('packs in the database', () => {
  it('checks against a newsroom pack: the original found by fingerprint, without its text', async () => {
    const pack = join(dir, 'ledger-pack.json');
    expect((await runCli(['pack', 'build', 'site/harbor-ledger-original.html', '-o', pack, '--publisher', 'The Harbor Ledger'])).code).toBe(0);
    const indexed = await runCli(['index', pack, 'site/nested', '--db', db]);
    expect(indexed.code).toBe(0);
    expect(indexed.stdout).toContain(`added    ${ORIGINAL}`);
    expect(indexed.stdout).toMatch(/holds 1 article, 1 pack entry and 0 claims/);
    expect((await dbLines()).find((l) => l.url === ORIGINAL)?.type).toBe('entry');

    const report = JSON.parse((await runCli(['check', 'site/copy-scrape.html', '--db', db, '--json'])).stdout) as Report;
    expect(report.verdict).toBe('verbatim-copy');
    expect(report.origin?.url).toBe(ORIGINAL);
    expect(report.passages.length).toBeGreaterThan(0);
    // Known by fingerprint only: the source sentences are not available.
    expect(report.passages.every((p) => p.source.url === ORIGINAL && p.source.sentence === null)).toBe(true);

    // Indexing the page itself later replaces the entry with the full text.
    const full = await runCli(['index', 'site/harbor-ledger-original.html', '--db', db]);
    expect(full.stdout).toContain(`updated  ${ORIGINAL}`);
    expect((await dbLines()).filter((l) => l.url === ORIGINAL).map((l) => l.type)).toEqual(['article']);
    const again = JSON.parse((await runCli(['check', 'site/copy-scrape.html', '--db', db, '--json'])).stdout) as Report;
    expect(again.passages.some((p) => p.source.sentence !== null)).toBe(true);

    expectOneLineError(await runCli(['check', pack, '--db', db]), /provenance pack has no text/);
  });
});

describe('errors: one line, non-zero exit, the database untouched', () => {
  async function dbSnapshot(): Promise<{ bytes: string; files: string[] }> {
    return { bytes: await readFile(db, 'utf8'), files: (await readdir(dir)).sort() };
  }

  it('an unreadable file', async () => {
    await indexFixtures();
    const before = await dbSnapshot();
    expectOneLineError(await runCli(['index', 'site', 'no-such-file.html', '--db', db]), /cannot read no-such-file\.html: not found/);
    expect(await dbSnapshot()).toEqual(before);
    expectOneLineError(await runCli(['check', 'no-such-file.html', '--db', db]), /not found/);
    expectOneLineError(await runCli(['extract', 'no-such-file.html']), /not found/);
  });

  it('never passes terminal escape sequences through from file names', async () => {
    const evil = join(dir, 'evil\u001b]0;pwned\u0007.html');
    await writeFile(evil, 'not really html \u0000 binary');
    const run = await runCli(['check', evil, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('an unknown format', async () => {
    await indexFixtures();
    const before = await dbSnapshot();
    expectOneLineError(await runCli(['index', 'garbage.dat', '--db', db]), /garbage\.dat: unknown format/);
    expect(await dbSnapshot()).toEqual(before);
    expectOneLineError(await runCli(['check', 'garbage.dat', '--db', db]), /unknown format/);
  });

  it('bad JSON in a JSON Lines file: nothing from the file is indexed', async () => {
    await indexFixtures();
    const before = await dbSnapshot();
    expectOneLineError(await runCli(['index', 'broken.jsonl', '--db', db]), /broken\.jsonl line 2: not valid JSON/);
    expect(await dbSnapshot()).toEqual(before);
  });

  it('a missing database for check and claims search (and none is created)', async () => {
    expectOneLineError(await runCli(['check', 'site/copy-scrape.html', '--db', db]), /cannot read database .*index\.db: not found/);
    expectOneLineError(await runCli(['claims', 'search', '--db', db], { stdin: '{"id":1,"text":"x"}\n' }), /not found/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a file that is not a database is refused, never overwritten', async () => {
    const notDb = join(dir, 'notes.jsonl');
    await writeFile(notDb, '{"hello":"world"}\n');
    expectOneLineError(await runCli(['index', 'more-articles.jsonl', '--db', notDb]), /not a provenance-lens database/);
    expect(await readFile(notDb, 'utf8')).toBe('{"hello":"world"}\n');
  });

  it('bad JSON on claims search stdin: no partial answer', async () => {
    await runCli(['claims', 'import', 'claims-feed.json', '--db', db]);
    const run = await runCli(['claims', 'search', '--db', db], { stdin: '{"id":1,"text":"ferry taxes"}\n{"id":2,\n' });
    expectOneLineError(run, /stdin line 2: not valid JSON/);
    expect(run.stdout).toBe('');
    expectOneLineError(await runCli(['claims', 'search', '--db', db], { stdin: '{"text":"no id"}\n' }), /stdin line 1: missing id/);
  });

  it('a feed with no ClaimReview, or bad JSON, changes nothing', async () => {
    await runCli(['claims', 'import', 'claims-feed.json', '--db', db]);
    const before = await dbSnapshot();
    expectOneLineError(await runCli(['claims', 'import', 'more-articles.jsonl', '--db', db]), /not valid JSON|no ClaimReview/);
    expectOneLineError(await runCli(['claims', 'import', 'rewrite-article.json', '--db', db]), /no ClaimReview found/);
    expect(await dbSnapshot()).toEqual(before);
  });

  it('a write that fails midway leaves the old database whole and no temporary file', async () => {
    await indexFixtures();
    const before = await readFile(db, 'utf8');
    // A directory where the temporary file should go makes the write fail after all reading is done.
    const tmp = `${db}.tmp-${process.pid}`;
    await mkdir(tmp);
    expectOneLineError(await runCli(['index', 'bad-record.jsonl', '--db', db]), /cannot write .*index\.db/);
    expect(await readFile(db, 'utf8')).toBe(before);
  });

  it('a database being written by another run is left alone; a dead run\'s lock is taken over', async () => {
    await indexFixtures();
    const before = await readFile(db, 'utf8');
    // This test process is alive, so its pid in the lock means "in use".
    await writeFile(`${db}.lock`, String(process.pid));
    expectOneLineError(await runCli(['claims', 'import', 'claims-feed.json', '--db', db]), /being written by another provenance-lens \(pid \d+\)/);
    expect(await readFile(db, 'utf8')).toBe(before);
    // No process has this pid: the lock is stale.
    await writeFile(`${db}.lock`, '2147483646');
    const run = await runCli(['claims', 'import', 'claims-feed.json', '--db', db]);
    expect(run.code).toBe(0);
    expect(await readdir(dir)).not.toContain('index.db.lock');
  });

  it('usage mistakes exit with 2', async () => {
    for (const argv of [['frobnicate'], ['index', 'site'], ['check'], ['compare', 'a.html'], ['claims', 'search', '--db', db, '--top', '0'], ['check', 'x.html', '--db', db, '--bogus']]) {
      const run = await runCli(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('claims search --db DB [--top K]');
    const version = await runCli(['--version']);
    const pkg = JSON.parse(await readFile(join(FIXTURES, '../../../package.json'), 'utf8'));
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });
});
