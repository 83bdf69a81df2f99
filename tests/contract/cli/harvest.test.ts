/**
 * Fake fact-checks through `index`: ClaimReview markup on a saved page counts only for reviews of
 * the page's own site, and the reviewer shown is that site, not the name the markup declares.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Report } from '../../../src/core/types';
import { runCli, tempDir } from './run-cli';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

const TRUE_SENTENCE = 'The Kestrel Bay ferry terminal reopened on Monday after a two-year rebuild costing 42 million dollars.';

/** A page served from `pageUrl` whose JSON-LD says Snopes rated the true sentence False. */
function plantedPage(pageUrl: string, reviewUrl: string): string {
  const review = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: reviewUrl,
    claimReviewed: TRUE_SENTENCE,
    author: { '@type': 'Organization', name: 'Snopes', url: 'https://www.snopes.com/' },
    reviewRating: { '@type': 'Rating', alternateName: 'False' },
  };
  const para = 'Harbour news from the bay, with ferries, fares, tides and the people who work on the water every day of the week.';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Harbour notes</title>
<meta property="og:url" content="${pageUrl}">
<script type="application/ld+json">${JSON.stringify(review)}</script></head>
<body><article><h1>Harbour notes</h1>${`<p>${para}</p>`.repeat(6)}</article></body></html>`;
}

async function checkTrueSentence(): Promise<Report> {
  await writeFile(join(dir, 'article.json'), JSON.stringify({ url: 'https://harborledger.example/n/1', title: 'Terminal', text: TRUE_SENTENCE }));
  const run = await runCli(['check', 'article.json', '--db', 'x.db', '--json'], { cwd: dir });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as Report;
}

it('a page on hostile.example cannot plant a review attributed to snopes.com', async () => {
  await writeFile(join(dir, 'hostile.html'), plantedPage('https://hostile.example/notes', 'https://www.snopes.com/fact-check/terminal/'));
  const run = await runCli(['index', 'hostile.html', '--db', 'x.db'], { cwd: dir });
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(/claims harvested/);
  expect((await readFile(join(dir, 'x.db'), 'utf8'))).not.toContain('"type":"claim"');
  expect((await checkTrueSentence()).claims).toEqual([]);
});

it('a review of its own site counts, with the site as the reviewer whatever name the markup gives', async () => {
  await writeFile(join(dir, 'own.html'), plantedPage('https://hostile.example/notes', 'https://hostile.example/notes#review'));
  expect((await runCli(['index', 'own.html', '--db', 'x.db'], { cwd: dir })).stdout).toMatch(/1 claims? harvested/);
  const report = await checkTrueSentence();
  expect(report.claims).toHaveLength(1);
  expect(report.claims[0].claim.reviewer).toBe('hostile.example');
  const human = await runCli(['check', 'article.json', '--db', 'x.db'], { cwd: dir });
  expect(human.stdout).toMatch(/by hostile\.example/);
  expect(human.stdout).not.toMatch(/Snopes/);
});

it('a saved page without an https address harvests nothing', async () => {
  const page = plantedPage('https://hostile.example/notes', 'https://hostile.example/notes#review').replace(/<meta property="og:url"[^>]*>/, '');
  await writeFile(join(dir, 'nourl.html'), page);
  expect((await runCli(['index', 'nourl.html', '--db', 'x.db'], { cwd: dir })).stdout).not.toMatch(/claims harvested/);
});
