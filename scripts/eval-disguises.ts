/**
 * Disguised word-for-word copies, generated from the originals of the story clusters: each original
 * is copied by a new outlet three hours later with every paragraph and the title passed through one
 * disguise that leaves the text reading the same to a person (accents or dots on the letters, small
 * capitals, letters in circles, Latin look-alike letters, letters spaced with hair spaces, words
 * stored reversed inside a right-to-left override), once with the page's language declared as the original's and once
 * undeclared (detected). Each copy is checked through checkArticle against the index of every story,
 * as the extension and the CLI check a page. A copy is found when the verdict is verbatim-copy and
 * the origin is the story's original; an accusation naming a page that is not an ancestor is a
 * false accusation. Then the story's clean scrape with a link to the original that shows nothing (no
 * text, or only invisible characters), and as a saved page with a credit line hidden by its style
 * sheet: credit a reader cannot see, which must not make it credited.
 *
 * The disguises were chosen while building the normalisation that reads them (src/core/text), so
 * this says the normalisation holds on texts it was not built on (the TEST stories), not that
 * disguises nobody thought of are read. "Not read" lists disguises the engine is known to miss,
 * with their figures, so that the limits are measured too.
 *   node --import tsx scripts/eval-disguises.ts [--split test|tune]
 */
import { ProvenanceIndex, checkArticle } from '../src/core/engine/index';
import { isCopyVerdict, type ArticleRecord } from '../src/core/types';
import { loadBytes } from '../src/cli/load-articles';
import { demoRecords, loadStories, wilson } from './eval-clusters';
import { escapeHtml } from './eval-counter';

/** Disguises a reader reads through; the engine is expected to. */
export const DISGUISES: Record<string, (s: string) => string> = {
  'an accent on every vowel (combining acute)': (s) => s.replace(/[aeiouAEIOU]/g, (v) => `${v}\u0301`),
  'a dot below every letter': (s) => s.replace(/\p{L}/gu, (c) => `${c}\u0323`),
  'small capitals for a, e, o, r, n': (s) => s.replace(/[aeorn]/g, (c) => ({ a: 'ᴀ', e: 'ᴇ', o: 'ᴏ', r: 'ʀ', n: 'ɴ' })[c]!),
  'letters in circles': (s) => s.replace(/[a-z]/g, (c) => String.fromCodePoint(0x24d0 + c.charCodeAt(0) - 97)),
  'dotless ı and Latin alpha ɑ for i and a': (s) => s.replace(/i/g, 'ı').replace(/a/g, 'ɑ'),
  'letters spaced with hair spaces': (s) => s.replace(/(\p{L})(?=\p{L})/gu, '$1\u200A'),
  'each word stored reversed in a right-to-left override': (s) => s.split(' ').map((w) => `\u202E${[...w].reverse().join('')}\u202C`).join(' '),
};

/** Disguises the engine is known not to read (measured, not tuned for). */
const NOT_READ: Record<string, (s: string) => string> = {
  'a whole paragraph stored reversed in one override': (s) => `\u202E${[...s].reverse().join('')}\u202C`,
  'digits for letters (3 for e, 4 for a)': (s) => s.replace(/e/g, '3').replace(/a/g, '4'),
};

const HOUR = 3600_000;

interface Tally { found: number; accused: number; n: number }

/** Prints, per disguise and language setting, copies found and false accusations over the part's originals. */
export async function evalDisguises(split: 'tune' | 'test' = 'test'): Promise<void> {
  const all = [...loadStories('tune'), ...loadStories('test')];
  const records = [...all.flatMap((s) => s.articles.map((a) => a.record)), ...demoRecords()];
  const byUrl = new Map(records.map((r) => [r.url, r]));
  const index = new ProvenanceIndex();
  for (const r of records) index.add(r);
  const stories = all.filter((s) => s.split === split);
  console.log(`== Disguised word-for-word copies of the ${stories.length} originals of the ${split.toUpperCase()} stories (generated; ${split === 'test' ? 'texts never tuned on' : 'the tuning part'}) ==`);
  const run = async (name: string, f: (s: string) => string, lang: 'declared' | 'detected'): Promise<Tally> => {
    const t: Tally = { found: 0, accused: 0, n: 0 };
    for (const story of stories) {
      const original = story.articles.find((a) => a.name === 'original')?.record;
      if (!original?.publishedTime) continue;
      const names = new Map(story.articles.map((a) => [a.record.url, a.name]));
      const slug = name.replace(/\W+/g, '-');
      const copy: ArticleRecord = {
        ...original,
        url: `https://disguised-copies.example/${story.story}/${slug}/${lang}`,
        siteName: 'Disguised Copies',
        byline: null,
        title: f(original.title),
        lang: lang === 'declared' ? original.lang : null,
        publishedTime: new Date(Date.parse(original.publishedTime) + 3 * HOUR).toISOString(),
        modifiedTime: null,
        paragraphs: original.paragraphs.map(f),
        links: [],
        signals: { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null },
      };
      const report = await checkArticle(copy, index, async (u) => byUrl.get(u));
      t.n++;
      const origin = report.origin ? names.get(report.origin.url) : undefined;
      if (report.verdict === 'verbatim-copy' && origin === 'original') t.found++;
      // Its only ancestor is the original: any accusation naming another page's own text is false.
      const direct = report.directSource ? names.get(report.directSource.url) : undefined;
      const copiesOfOriginal = new Set(story.articles.filter((a) => a.label.ancestors.length === 1 && a.label.ancestors[0] === 'original' && a.label.verdict !== 'paraphrased-copy' && a.label.verdict !== 'credited-excerpt').map((a) => a.name));
      if (isCopyVerdict(report.verdict) && report.directionKnown !== false && direct !== 'original' && !copiesOfOriginal.has(direct ?? '')) t.accused++;
    }
    return t;
  };
  const line = (name: string, t: Tally) => {
    const [lo, hi] = wilson(t.found, t.n);
    return `${name.padEnd(56)} ${`${t.found}/${t.n}`.padStart(7)} [${(100 * lo).toFixed(1)}, ${(100 * hi).toFixed(1)}]%  false acc. ${t.accused}`;
  };
  console.log('  read as verbatim copies of the original (language declared | detected):');
  for (const [name, f] of Object.entries(DISGUISES)) {
    const d = await run(name, f, 'declared');
    const u = await run(name, f, 'detected');
    console.log(`    ${line(name, d)} | ${u.found}/${u.n}, false acc. ${u.accused}`);
  }
  // Invisible credit: the story's own clean scrape given a link to the original that shows nothing.
  const invisible: Record<string, string> = { 'an empty link to the original': '', 'a link of zero-width characters only': '\u200B\u2060' };
  console.log('  a scrape whose only credit is a link a reader cannot see (reported credited | accused as a verbatim copy of the original):');
  for (const [name, text] of Object.entries(invisible)) {
    let credited = 0;
    let accused = 0;
    let n = 0;
    for (const story of stories) {
      const original = story.articles.find((a) => a.name === 'original')?.record;
      const scrape = story.articles.find((a) => a.name === 'scrape-clean')?.record;
      if (!original || !scrape) continue;
      const names = new Map(story.articles.map((a) => [a.record.url, a.name]));
      const page: ArticleRecord = { ...scrape, url: `${scrape.url}-linked`, links: [...scrape.links, { href: original.url, text }] };
      const report = await checkArticle(page, index, async (u) => byUrl.get(u));
      n++;
      if (report.credited === true) credited++;
      if (report.verdict === 'verbatim-copy' && names.get(report.origin?.url ?? '') === 'original') accused++;
    }
    console.log(`    ${name.padEnd(56)} credited ${credited}/${n} (goal 0) | verbatim copy of the original ${accused}/${n}`);
  }
  // The same scrape as a saved page (read by the CLI's extraction with its style reading) with a
  // credit line to the original: shown, then hidden by the page's style sheet.
  for (const [name, css, goal] of [['a credit line hidden by the style sheet', 'display: none', '0'], ['the same credit line shown (control)', 'font-style: italic', 'all']] as const) {
    let credited = 0;
    let n = 0;
    for (const story of stories) {
      const original = story.articles.find((a) => a.name === 'original')?.record;
      const scrape = story.articles.find((a) => a.name === 'scrape-clean')?.record;
      if (!original?.siteName || !scrape) continue;
      const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(scrape.title)}</title><meta property="og:type" content="article">${scrape.publishedTime ? `<meta property="article:published_time" content="${scrape.publishedTime}">` : ''}<style>.credit { ${css} }</style></head><body><article><h1>${escapeHtml(scrape.title)}</h1>${scrape.paragraphs.map((t) => `<p>${escapeHtml(t)}</p>`).join('')}<p class="credit">This story was originally published by ${escapeHtml(original.siteName)}.</p></article></body></html>`;
      const [out] = loadBytes('page.html', Buffer.from(html, 'utf8'), { url: `${scrape.url}-page` });
      if (out?.kind !== 'article') continue;
      const report = await checkArticle(out.article, index, async (u) => byUrl.get(u));
      n++;
      if (report.credited === true) credited++;
    }
    console.log(`    ${name.padEnd(56)} credited ${credited}/${n} (goal ${goal})`);
  }
  console.log('  known limits (not read; measured, never tuned for):');
  for (const [name, f] of Object.entries(NOT_READ)) {
    const d = await run(name, f, 'declared');
    console.log(`    ${line(name, d)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  await evalDisguises(args.includes('--split') ? (args[args.indexOf('--split') + 1] as 'tune' | 'test') : 'test');
}
