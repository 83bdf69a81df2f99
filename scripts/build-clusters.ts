/**
 * Builds the evaluation story clusters (tests/fixtures/clusters/eval/{tune,test}/<story>.json)
 * from the hand-written stories in tests/fixtures/clusters/eval/stories-*.txt: each story's
 * original, rewrite, rewrite of the rewrite and independent report are written by hand; the
 * mechanical variants (scrapes with and without the original's self-references, credited excerpt,
 * syndicated copies with visible or metadata-only credit, wire carriers, backdated, disguised and
 * spun scrapes) are derived here, deterministically, so that the labels say exactly what each page is.
 *   node --import tsx scripts/build-clusters.ts
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findCredits, wireFromByline } from '../src/extract/find-credits';
import type { ArticleRecord } from '../src/core/types';

const DIR = resolve(import.meta.dirname, '../tests/fixtures/clusters/eval');

/** What the engine must conclude for one page of a story (names are variant names of the story). */
export interface ClusterLabel {
  verdict: string;
  credited: boolean | null;
  /** Variant name of the origin (the page itself for an original), or null. */
  origin: string | null;
  directSource: string | null;
  /** Every page this one derives from (direct source and its own sources). */
  ancestors: string[];
  /** How a reader could see the credit: 'visible', 'metadata-only', or null (no credit). */
  creditKind: 'visible' | 'metadata-only' | null;
  /** Variant class, for per-class figures (hostile classes start with "hostile:"). */
  class: string;
}

/** One page of a story cluster with its label. */
export interface ClusterArticle {
  name: string;
  label: ClusterLabel;
  record: ArticleRecord;
}

/** One story cluster as stored. */
export interface ClusterStory {
  story: string;
  split: 'tune' | 'test';
  articles: ClusterArticle[];
}

interface Section {
  kind: string;
  head: Record<string, string>;
  paragraphs: string[];
}

interface StorySource {
  id: string;
  head: Record<string, string>;
  sections: Section[];
}

function parseStories(text: string): StorySource[] {
  const out: StorySource[] = [];
  for (const block of text.split(/^=== /m).slice(1)) {
    const [idLine, ...rest] = block.split('\n');
    const parts = rest.join('\n').split(/^--- /m);
    const head = parseHead(parts[0].split('\n')).head;
    const sections = parts.slice(1).map((p) => {
      const [kind, ...lines] = p.split('\n');
      const { head: h, body } = parseHead(lines);
      return { kind: kind.trim(), head: h, paragraphs: body };
    });
    out.push({ id: idLine.trim(), head, sections });
  }
  return out;
}

function parseHead(lines: string[]): { head: Record<string, string>; body: string[] } {
  const head: Record<string, string> = {};
  let k = 0;
  for (; k < lines.length; k++) {
    const m = /^([a-z0-9]+): (.*)$/.exec(lines[k]);
    if (!m) break;
    head[m[1]] = m[2].trim();
  }
  return { head, body: lines.slice(k).map((l) => l.trim()).filter(Boolean) };
}

function offsetMs(s: string): number {
  const m = /^([+-])(\d+)([mhd])$/.exec(s);
  if (!m) throw new Error(`bad offset ${s}`);
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[3] as 'm' | 'h' | 'd'];
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * unit;
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function record(p: {
  url: string;
  title: string;
  siteName: string;
  time: number | string;
  paragraphs: string[];
  byline?: string | null;
  links?: Array<{ href: string; text: string }>;
  canonicalUrl?: string | null;
  isBasedOn?: string[];
}): ArticleRecord {
  const credits = findCredits(p.paragraphs);
  const byline = p.byline ?? null;
  return {
    url: p.url,
    title: p.title,
    byline,
    siteName: p.siteName,
    lang: 'en',
    publishedTime: typeof p.time === 'string' ? p.time : iso(p.time),
    modifiedTime: null,
    paragraphs: p.paragraphs,
    links: p.links ?? [],
    signals: {
      canonicalUrl: p.canonicalUrl ?? null,
      isBasedOn: p.isBasedOn ?? [],
      creditLines: credits.creditLines,
      wire: credits.wire ?? wireFromByline(byline),
    },
  };
}

// Sites that republish other outlets' text; shared across stories, as real scraper networks are.
const SCRAPERS = [
  ['Top News Now', 'topnewsnow.example'],
  ['News Feed 24', 'newsfeed24.example'],
  ['Daily Trend Wire', 'dailytrendwire.example'],
  ['World Headlines Hub', 'worldheadlineshub.example'],
  ['Breaking Today', 'breakingtoday.example'],
];
const PARTNERS = [
  ['Northshore Gazette', 'northshoregazette.example'],
  ['Regional Post Network', 'regionalpostnetwork.example'],
  ['Sunday Courier Group', 'sundaycouriergroup.example'],
];
const ROUNDUPS = [
  ['The Morning Briefing', 'morningbriefing.example'],
  ['Weekly Read', 'weeklyread.example'],
];
const CARRIERS = [
  ['Valley Sentinel', 'valleysentinel.example'],
  ['Coastal Tribune', 'coastaltribune.example'],
];
const SCRAPE_FOOTER = 'Sign up for our free newsletter to get the top stories delivered to your inbox every morning.';
const ROUNDUP_NOTES = [
  'Our take: the numbers deserve a closer look, and we will follow how officials respond over the coming weeks.',
  'Why it matters: decisions like this one rarely stay local, and readers in neighbouring towns should watch closely.',
];

/** Look-alike Cyrillic letters, soft hyphens and zero-width spaces a scraper uses to hide a copy. */
function disguise(text: string, seed: number): string {
  const look: Record<string, string> = { a: '\u0430', e: '\u0435', o: '\u043e', p: '\u0440', c: '\u0441', x: '\u0445', y: '\u0443', i: '\u0456' };
  let n = seed;
  return text
    .split(' ')
    .map((w) => {
      n = (n * 1103515245 + 12345) >>> 0;
      const r = n % 6;
      if (r === 0) return w.replace(/[aeopcxyi]/, (c) => look[c]);
      if (r === 1 && w.length > 6) return `${w.slice(0, 3)}\u00ad${w.slice(3)}`;
      if (r === 2) return `${w}\u200b`;
      if (r === 3) return w.replace(/[aeo]/g, (c) => look[c]);
      return w;
    })
    .join(' ');
}

/**
 * An "article spinner", as content farms use to hide a copy from duplicate detection: common words
 * swapped for synonyms, word by word, the order and everything else kept. About two in three of
 * the words it knows are swapped (one word in ten or so of a news text).
 */
const SPIN: Record<string, string> = {
  said: 'stated', says: 'states', told: 'informed', tell: 'inform', people: 'individuals', about: 'approximately', after: 'following',
  because: 'since', but: 'however', also: 'additionally', big: 'large', large: 'sizeable', small: 'little', help: 'assist',
  helped: 'assisted', buy: 'purchase', bought: 'purchased', start: 'commence', started: 'commenced', begin: 'commence',
  began: 'commenced', show: 'demonstrate', showed: 'demonstrated', shows: 'demonstrates', use: 'utilise', used: 'utilised',
  need: 'require', needed: 'required', needs: 'requires', get: 'obtain', got: 'obtained', make: 'create', made: 'created',
  give: 'provide', gave: 'provided', find: 'discover', found: 'discovered', think: 'believe', thought: 'believed',
  important: 'significant', many: 'numerous', often: 'frequently', quickly: 'rapidly', near: 'close to', around: 'roughly',
  building: 'structure', buildings: 'structures', house: 'residence', home: 'residence', homes: 'residences', car: 'vehicle',
  cars: 'vehicles', children: 'kids', money: 'funds', job: 'position', jobs: 'positions', area: 'region', asked: 'requested',
  ask: 'request', try: 'attempt', tried: 'attempted', keep: 'retain', kept: 'retained', end: 'conclusion', ended: 'concluded',
  plan: 'scheme', plans: 'schemes', problem: 'issue', problems: 'issues', cost: 'expense', costs: 'expenses', during: 'throughout',
  expected: 'anticipated', expect: 'anticipate', week: 'seven days', month: 'thirty days', year: 'twelve months',
  officials: 'authorities', official: 'authority', police: 'law enforcement', hospital: 'medical centre', council: 'local authority',
  company: 'firm', residents: 'locals', workers: 'staff', staff: 'employees', decision: 'determination', meeting: 'gathering',
  report: 'account', reported: 'described', warned: 'cautioned', added: 'further stated', announced: 'declared', closed: 'shut',
  damage: 'harm', damaged: 'harmed', injured: 'hurt', killed: 'slain', rise: 'increase', rose: 'increased', fell: 'dropped',
};
function spin(text: string, seed: number): string {
  let n = seed;
  return text.replace(/[A-Za-z]+/g, (w) => {
    const to = SPIN[w.toLowerCase()];
    if (!to) return w;
    n = (n * 1103515245 + 12345) >>> 0;
    if (n % 3 === 0) return w;
    return w[0] === w[0].toUpperCase() ? to[0].toUpperCase() + to.slice(1) : to;
  });
}

function build(src: StorySource, k: number): ClusterStory {
  const h = src.head;
  const split = h.split === 'test' ? 'test' : 'tune';
  const T = Date.parse(h.time);
  const wire = h.wire ?? null;
  const host = h.host;
  const origUrl = `https://${host}/news/${h.time.slice(0, 4)}/${h.time.slice(5, 7)}/${slug(h.title)}`;
  const [selfRef, neutral] = h.selfref && h.selfref !== 'none' ? h.selfref.split(' => ') : [null, null];
  const section = (kind: string) => src.sections.find((s) => s.kind === kind);
  const original = section('original')!;
  if (selfRef && !original.paragraphs.some((p) => p.includes(selfRef))) throw new Error(`${src.id}: self-reference "${selfRef}" not in the original`);
  const clean = original.paragraphs.map((p) => (selfRef ? p.replace(selfRef, neutral!) : p));
  // A wire story without its dateline and agency credit, as a scraper strips them (AP's dash and
  // Reuters' hyphen alike: "TURIN (Reuters) - "), with the original's self-references kept
  // (noDateline) or replaced (noDatelineClean). A scrape of a wire story keeps no visible credit.
  const stripDateline = (ps: string[]) => ps.map((p, i) => (i === 0 ? p.replace(/^.*?\((AP|Reuters|AFP)\)\s*[—–-]\s*/, '') : p));
  const noDateline = stripDateline(original.paragraphs);
  const noDatelineClean = stripDateline(clean);
  const articles: ClusterArticle[] = [];
  const label = (l: Partial<ClusterLabel> & Pick<ClusterLabel, 'verdict' | 'class'>): ClusterLabel => ({
    credited: null,
    origin: null,
    directSource: null,
    ancestors: [],
    creditKind: null,
    ...l,
  });
  const copyOf = (cls: string, extra: Partial<ClusterLabel> = {}) =>
    label({ verdict: 'verbatim-copy', credited: false, origin: 'original', directSource: 'original', ancestors: ['original'], class: cls, ...extra });
  const scraper = (j: number) => SCRAPERS[(k + j) % SCRAPERS.length];

  articles.push({
    name: 'original',
    label: label({ verdict: 'original', origin: 'original', class: wire ? 'wire original' : 'original' }),
    record: record({ url: origUrl, title: h.title, siteName: h.outlet, time: T, paragraphs: original.paragraphs, byline: wire ? 'By The Associated Press' : null }),
  });

  for (const kind of ['rewrite', 'rewrite2', 'rewrite3', 'independent']) {
    const s = section(kind);
    if (!s) continue;
    const url = `https://${s.head.host}/${slug(s.head.title)}`;
    const l =
      kind === 'rewrite'
        ? label({ verdict: 'paraphrased-copy', credited: false, origin: 'original', directSource: 'original', ancestors: ['original'], class: 'rewrite' })
        : kind === 'rewrite2'
          ? label({ verdict: 'paraphrased-copy', credited: false, origin: 'original', directSource: 'rewrite', ancestors: ['rewrite', 'original'], class: 'rewrite of rewrite' })
          : kind === 'rewrite3'
            ? label({ verdict: 'paraphrased-copy', credited: false, origin: 'original', directSource: 'rewrite2', ancestors: ['rewrite2', 'rewrite', 'original'], class: 'rewrite of a rewrite of a rewrite' })
            : label({
                verdict: 'same-story',
                // Two outlets writing from one press release (its own section, never indexed: a
                // reader's index rarely holds the organisation's page) share its wording.
                class: section('release') ? 'hostile: two outlets writing from one press release (not indexed)' : 'hostile: independent report sharing a short proper-name sentence',
              });
    // A rewrite that only touches up its parent ("verdict: verbatim-copy" in its head) is labelled
    // by what a reader would call it: see the README, "near-verbatim".
    if (s.head.verdict) {
      if (kind === 'independent' || !['verbatim-copy', 'paraphrased-copy'].includes(s.head.verdict)) throw new Error(`${src.id}/${kind}: bad verdict ${s.head.verdict}`);
      l.verdict = s.head.verdict as ClusterLabel['verdict'];
    }
    articles.push({ name: kind, label: l, record: record({ url, title: s.head.title, siteName: s.head.outlet, time: T + offsetMs(s.head.offset), paragraphs: s.paragraphs }) });
  }

  // Verbatim scrapes: with the original's self-references (which name the original's outlet and
  // so look like credit) and without them.
  const [s1n, s1h] = scraper(0);
  articles.push({
    name: 'scrape',
    label: copyOf(selfRef ? 'scrape with self-references' : 'scrape'),
    record: record({ url: `https://${s1h}/${slug(h.title)}-${k}`, title: h.title, siteName: s1n, time: T + 3_600_000, paragraphs: [...(wire ? noDateline : original.paragraphs), SCRAPE_FOOTER] }),
  });
  if (selfRef) {
    const [s2n, s2h] = scraper(1);
    articles.push({
      name: 'scrape-clean',
      label: copyOf('scrape without self-references'),
      record: record({ url: `https://${s2h}/story/${k}/${slug(h.title)}`, title: `${h.title} (update)`, siteName: s2n, time: T + 5_400_000, paragraphs: wire ? noDatelineClean : clean }),
    });
  }

  // Credited excerpt: two paragraphs inside a roundup that names and links the original.
  const [rn, rh] = ROUNDUPS[k % ROUNDUPS.length];
  articles.push({
    name: 'excerpt',
    label: label({ verdict: 'credited-excerpt', credited: true, origin: 'original', directSource: 'original', ancestors: ['original'], creditKind: 'visible', class: 'credited excerpt' }),
    record: record({
      url: `https://${rh}/${h.time.slice(0, 10)}/roundup-${k}`,
      title: `Briefing: ${h.title}`,
      siteName: rn,
      time: T + 86_400_000,
      paragraphs: [
        `Here is one story our editors are reading today, from ${h.outlet}.`,
        ...(wire ? noDateline : original.paragraphs).slice(0, 2),
        ROUNDUP_NOTES[k % ROUNDUP_NOTES.length],
        `Read the full story at ${h.outlet}.`,
      ],
      links: [{ href: origUrl, text: h.outlet }],
    }),
  });

  // Syndicated copies: a visible "originally appeared in" line plus a canonical link; and one
  // whose only credit is in the page data (canonical on even stories, isBasedOn on odd ones).
  const [pn, ph] = PARTNERS[k % PARTNERS.length];
  articles.push({
    name: 'syndicated',
    label: label({ verdict: 'syndicated', credited: true, origin: 'original', directSource: 'original', ancestors: ['original'], creditKind: 'visible', class: 'syndicated, visible credit' }),
    record: record({
      url: `https://${ph}/${h.time.slice(0, 10)}/${slug(h.title)}`,
      title: h.title,
      siteName: pn,
      time: T + 2 * 3_600_000,
      paragraphs: [...original.paragraphs, `This article originally appeared in ${h.outlet} and is republished here with permission.`],
      canonicalUrl: origUrl,
    }),
  });
  const [mn, mh] = PARTNERS[(k + 1) % PARTNERS.length];
  articles.push({
    name: 'syndicated-meta',
    label: label({
      verdict: 'syndicated',
      credited: false,
      origin: 'original',
      directSource: 'original',
      ancestors: ['original'],
      creditKind: 'metadata-only',
      class: 'hostile: syndicated, metadata-only credit',
    }),
    record: record({
      url: `https://${mh}/stories/${slug(h.title)}`,
      title: h.title,
      siteName: mn,
      time: T + 150 * 60_000,
      paragraphs: wire ? noDateline : original.paragraphs,
      canonicalUrl: k % 2 === 0 ? origUrl : null,
      isBasedOn: k % 2 === 0 ? [] : [origUrl],
    }),
  });

  // A wire story carried by member outlets under the agency's dateline and byline.
  if (wire)
    CARRIERS.forEach(([cn, ch], j) =>
      articles.push({
        name: `carrier-${j + 1}`,
        label: label({ verdict: 'syndicated', credited: true, origin: 'original', directSource: 'original', ancestors: ['original'], creditKind: 'visible', class: 'wire story carried by an outlet' }),
        record: record({
          url: `https://${ch}/nation/${slug(h.title)}`,
          title: h.title,
          siteName: cn,
          time: T + (40 + 25 * j) * 60_000,
          paragraphs: original.paragraphs,
          byline: 'By The Associated Press',
        }),
      }),
    );

  // Hostile: a scrape declaring an earlier date (1999, before the page could exist, or two days
  // before the original), keeping the original's self-references; and a scrape disguised with
  // look-alike letters and invisible characters.
  const [bn, bh] = scraper(2);
  const backdate = h.backdate === '1999' ? '1999-05-17T09:00:00Z' : iso(T - 2 * 86_400_000);
  articles.push({
    name: 'backdated',
    label: copyOf(h.backdate === '1999' ? 'hostile: backdated scrape (1999)' : 'hostile: backdated scrape (two days earlier)'),
    record: record({ url: `https://${bh}/archive/${slug(h.title)}`, title: h.title, siteName: bn, time: backdate, paragraphs: wire ? noDateline : original.paragraphs }),
  });
  const [dn, dh] = scraper(3);
  articles.push({
    name: 'disguised',
    label: copyOf('hostile: disguised characters'),
    record: record({
      url: `https://${dh}/p/${k}-${slug(h.title)}`,
      title: disguise(h.title, k + 7),
      siteName: dn,
      time: T + 5 * 3_600_000,
      paragraphs: (wire ? noDatelineClean : clean).map((p, i) => disguise(p, k * 31 + i)),
    }),
  });
  // Hostile: a spun scrape (common words swapped for synonyms, the original's self-references kept
  // and spun too: "he informed the Wyeburn Journal"). Its sentences are the original's with a word
  // or two changed, so a reader sees a word-for-word copy; the self-reference is never credit.
  const [un, uh] = scraper(4);
  articles.push({
    name: 'spun',
    label: copyOf('hostile: spun scrape (synonyms swapped)'),
    record: record({
      url: `https://${uh}/read/${k}/${slug(h.title)}`,
      title: spin(h.title, k + 11),
      siteName: un,
      time: T + 6 * 3_600_000 + 30 * 60_000,
      paragraphs: (wire ? noDateline : original.paragraphs).map((p, i) => spin(p, k * 37 + i)),
    }),
  });
  // Hostile: a content farm's copy of the original padded with a line or two of its own (a past
  // event, a figure, a nearby place), at the start or the end, so that it carries something its
  // source lacks. Written from stories-15 on (`padded` section: the added lines only).
  const padded = section('padded');
  if (padded) {
    const added = padded.paragraphs;
    const body = wire ? noDateline : original.paragraphs;
    articles.push({
      name: 'padded',
      label: copyOf('hostile: copy padded with lines of its own'),
      record: record({
        url: `https://${padded.head.host}/${slug(padded.head.title)}`,
        title: padded.head.title,
        siteName: padded.head.outlet,
        time: T + offsetMs(padded.head.offset),
        paragraphs: padded.head.at === 'start' ? [...added, ...body] : [...body, ...added],
      }),
    });
  }
  return { story: src.id, split, articles };
}

const files = readdirSync(DIR).filter((f) => /^stories-.*\.txt$/.test(f)).sort((x, y) => x.localeCompare(y, 'en', { numeric: true })); // stories-10 after stories-9: k seeds each story's variants
const stories = files.flatMap((f) => parseStories(readFileSync(join(DIR, f), 'utf8')));
for (const split of ['tune', 'test']) {
  rmSync(join(DIR, split), { recursive: true, force: true });
  mkdirSync(join(DIR, split), { recursive: true });
}
let pages = 0;
stories.forEach((s, k) => {
  const built = build(s, k);
  pages += built.articles.length;
  writeFileSync(join(DIR, built.split, `${built.story}.json`), `${JSON.stringify(built, null, 1)}\n`);
});
const test = stories.filter((s) => s.head.split === 'test').length;
console.log(`${stories.length} stories (${stories.length - test} tune, ${test} test), ${pages} pages written under ${DIR}`);
