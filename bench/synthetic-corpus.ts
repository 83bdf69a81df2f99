/**
 * Synthetic news for the benchmarks: a vocabulary with real word frequencies (the seeds and
 * WikinewsSum texts when present, else a built-in list), stories of STORY_SIZE articles sharing
 * topic words and names, each article regenerated from its id (so a benchmark holds no corpus in
 * memory), its pack entry, and planted verbatim copies and rewrites of it as queries.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PackEntry } from '../src/core/engine/index';
import { shinglesOf, termHash, type SentencePrint } from '../src/core/engine/fingerprint-article';
import { contentTerms, tokenize } from '../src/core/text/index';
import type { ArticleRecord } from '../src/core/types';

/** The evaluation data folder (../shared/data), read when present. */
export const DATA = resolve(import.meta.dirname, '../../shared/data');
const SEEDS = resolve(import.meta.dirname, '../../shared/seeds');
export const NO_SIGNALS = { canonicalUrl: null, isBasedOn: [], creditLines: [], wire: null };
/** Articles per synthetic story: the other articles of a story are same-story distractors. */
export const STORY_SIZE = 4;

const FALLBACK_WORDS = (
  'government minister police court election president company market million billion percent report ' +
  'officials city council hospital school water energy price prices oil bank economy workers union strike ' +
  'health patients doctors storm flood fire army attack military weapons deal talks agreement trade tax ' +
  'budget spending debt inflation interest rates investors shares profit losses sales customers data ' +
  'security privacy breach hackers network internet phone technology research scientists study climate ' +
  'emissions carbon coal plant factory jobs unemployment housing rent mortgage families children students ' +
  'teachers university parliament senate congress bill law judge trial prosecutors lawyer charges prison ' +
  'investigation evidence witness victims crash road bridge railway airport flights passengers ferry port ' +
  'ship border migrants refugees aid crisis protest demonstrators rally vote voters campaign candidate party ' +
  'leader opposition coalition reform plan project construction contract funding grant repairs engineers ' +
  'museum festival concert film season team players coach match championship record race winner fans'
).split(' ');

/** Words by falling frequency, their term hashes and cumulative weights (for Zipf draws). */
export interface Vocab {
  words: string[];
  hashes: Uint32Array;
  cum: Float64Array;
}

/** Vocabulary with real frequencies: content words of the seeds and WikinewsSum texts, if present. */
export function loadVocab(): { vocab: Vocab; source: string } {
  const texts: string[] = [];
  if (existsSync(SEEDS)) for (const f of readdirSync(SEEDS)) texts.push(readFileSync(join(SEEDS, f), 'utf8'));
  const wiki = join(DATA, 'wikinews-dev', 'articles.jsonl');
  if (existsSync(wiki))
    for (const l of readFileSync(wiki, 'utf8').split('\n').filter(Boolean)) {
      const a = JSON.parse(l) as { text: string; sources: Array<{ language: string; maintext: string | null }> };
      texts.push(a.text);
      for (const s of a.sources) if (s.language === 'en' && s.maintext) texts.push(s.maintext);
    }
  const freq = new Map<string, { word: string; n: number }>();
  for (const t of texts)
    for (const tok of tokenize(t)) {
      if (!/^[a-z]{3,}$/.test(tok.norm)) continue;
      const ct = contentTerms(tok.norm);
      if (ct.length !== 1) continue;
      const e = freq.get(ct[0].term);
      if (e) e.n++;
      else freq.set(ct[0].term, { word: tok.norm, n: 1 });
    }
  let entries = [...freq.values()].sort((a, b) => b.n - a.n);
  let source = `${entries.length} content words from the seeds and WikinewsSum texts`;
  if (entries.length < 500) {
    entries = FALLBACK_WORDS.map((w, i) => ({ word: w, n: 1000 / (i + 1) }));
    source = `${entries.length} built-in words (Zipf weights)`;
  }
  const words = entries.map((e) => e.word);
  const hashes = Uint32Array.from(words, (w) => termHash(contentTerms(w)[0].term));
  const cum = new Float64Array(entries.length);
  let s = 0;
  entries.forEach((e, i) => (cum[i] = s += e.n));
  return { vocab: { words, hashes, cum }, source };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A synthetic article as sentences of words (surface forms); every word yields one content term. */
export type Doc = string[][];

/** One word drawn with its corpus frequency. */
function zipfWord(v: Vocab, r: () => number): string {
  const x = r() * v.cum[v.cum.length - 1];
  let lo = 0;
  let hi = v.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v.cum[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return v.words[lo];
}

/** Topic words and names (people, figures) shared by the articles of one story. */
function storyWords(v: Vocab, story: number): { topic: string[]; names: string[] } {
  const r = rng(story * 7919 + 17);
  const topic: string[] = [];
  // Topic words from the middle of the frequency range (not the commonest, not hapaxes).
  const lo = Math.min(200, v.words.length >> 3);
  const hi = Math.min(v.words.length, 8000);
  for (let i = 0; i < 25; i++) topic.push(v.words[lo + Math.floor(r() * (hi - lo))]);
  const names: string[] = [];
  for (let i = 0; i < 8; i++) names.push(i < 6 ? `Kal${(story * 8 + i).toString(36)}` : String(1000 + Math.floor(r() * 900000)));
  return { topic, names };
}

/** One sentence of a story: common words, topic words, names and the article's own details. */
function sentence(v: Vocab, r: () => number, story: { topic: string[]; names: string[] }, own: string[]): string[] {
  const n = 8 + Math.floor(r() * 7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.5) out.push(zipfWord(v, r));
    else if (x < 0.8) out.push(story.topic[Math.floor(r() * story.topic.length)]);
    else if (x < 0.92) out.push(story.names[Math.floor(r() * story.names.length)]);
    else out.push(own[Math.floor(r() * own.length)]);
  }
  return out;
}

/** Synthetic article `id` (the same words every time). */
export function makeDoc(v: Vocab, id: number): Doc {
  const r = rng(id * 2654435761 + 1);
  const story = storyWords(v, Math.floor(id / STORY_SIZE));
  // Each article has a few details of its own (a rare word, a figure).
  const own = [v.words[Math.floor(r() * v.words.length)], v.words[Math.floor(r() * v.words.length)], String(10 + Math.floor(r() * 99990))];
  const n = 20 + Math.floor(r() * 11);
  const doc: Doc = [];
  for (let i = 0; i < n; i++) doc.push(sentence(v, r, story, own));
  return doc;
}

// Bounded: synthetic names run into the millions at 10^6 articles, and this cache must not be
// counted as index memory.
const hashOf = new Map<string, number>();
/** Term hash of a word (cached). */
export function wordHash(w: string): number {
  let h = hashOf.get(w);
  if (h === undefined) {
    h = termHash(contentTerms(w)[0].term);
    if (hashOf.size > 200_000) hashOf.clear();
    hashOf.set(w, h);
  }
  return h;
}

/** Address of synthetic article `id` (997 sites). */
export function docUrl(id: number): string {
  return `https://site${id % 997}.example/a/${id}`;
}

/** PackEntry of indexed article `id`, straight from its term sequence (what the store would hold). */
export function packOf(v: Vocab, id: number): PackEntry {
  const doc = makeDoc(v, id);
  let start = 0;
  const sentences: SentencePrint[] = doc.map((s) => {
    const len = s.reduce((n, w) => n + w.length + 1, 0);
    const sp: SentencePrint = { start, end: start + len, terms: Uint32Array.from(s, wordHash), spans: null, quoted: 0 };
    start += len + 1;
    return sp;
  });
  return {
    version: 1,
    url: docUrl(id),
    title: `Article ${id}`,
    siteName: `Site ${id % 997}`,
    publishedTime: publishedAt(id),
    byline: null,
    lang: 'en',
    signals: NO_SIGNALS,
    links: [],
    wordCount: doc.reduce((n, s) => n + s.length, 0),
    sentences: sentences.map((s) => ({ start: s.start, len: s.end - s.start, terms: Array.from(s.terms), quoted: 0 })),
    shingles: Array.from(shinglesOf(sentences)),
  };
}

const FILLER = ['the', 'of', 'and', 'to', 'in', 'a', 'for', 'on', 'was', 'with'];
/** Sentences as paragraphs of text, with function words sprinkled in (three sentences a paragraph). */
function toText(sentences: Doc, r: () => number): string[] {
  const paras: string[] = [];
  let cur: string[] = [];
  for (const s of sentences) {
    const words: string[] = [];
    s.forEach((w, i) => {
      words.push(i === 0 ? w[0].toUpperCase() + w.slice(1) : w);
      if (r() < 0.35) words.push(FILLER[Math.floor(r() * FILLER.length)]);
    });
    cur.push(words.join(' ') + '.');
    if (cur.length === 3) {
      paras.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length) paras.push(cur.join(' '));
  return paras;
}

/** Publication time of known article `id`: one a minute from 2026-01-01. */
function publishedAt(id: number): string {
  return new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString();
}

/** The benchmarks' planted queries at size n: alternately a copy and a rewrite of a random known article. */
export function plantedQueries(v: Vocab, n: number, count = 200): Array<{ src: number; kind: 'copy' | 'rewrite'; article: ArticleRecord }> {
  const r = rng(n);
  return Array.from({ length: count }, (_, q) => {
    const src = Math.floor(r() * n);
    const kind = q % 2 === 0 ? 'copy' : 'rewrite';
    return { src, kind, article: plant(v, src, kind, q) };
  });
}

/** A planted query: a verbatim copy (60% of sentences kept word for word) or a rewrite of doc src. */
export function plant(v: Vocab, src: number, kind: 'copy' | 'rewrite', q: number): ArticleRecord {
  const r = rng(q * 31337 + 7);
  const doc = makeDoc(v, src);
  const story = storyWords(v, Math.floor(src / STORY_SIZE));
  const own = [v.words[Math.floor(r() * v.words.length)], String(10 + Math.floor(r() * 99990))];
  const out: Doc = [];
  for (const s of doc) {
    if (kind === 'copy') out.push(r() < 0.6 ? s : sentence(v, r, story, own));
    else {
      if (r() < 0.3) continue; // dropped in the rewrite
      // Reword: replace ~55% of the words and 20% of names and figures, nudge the order a little.
      const re = s.map((w) => (r() < (/^(Kal|\d)/.test(w) ? 0.2 : 0.55) ? zipfWord(v, r) : w));
      for (let i = 0; i + 1 < re.length; i += 4) if (r() < 0.5) [re[i], re[i + 1]] = [re[i + 1], re[i]];
      out.push(re);
      // New material of the same story (the rewriter's additions).
      if (r() < 0.3) out.push(sentence(v, r, story, own));
    }
  }
  return {
    url: `https://planted.example/${kind}/${q}`,
    title: `Planted ${kind} ${q}`,
    byline: null,
    siteName: 'Planted',
    lang: 'en',
    // Six hours after its source: a plausible copy, and a possible date (a future one is ignored as
    // impossible, which left the direction unknown and every planted copy unaccused).
    publishedTime: new Date(Date.parse(publishedAt(src)) + 6 * 3600_000).toISOString(),
    modifiedTime: null,
    paragraphs: toText(out, r),
    links: [],
    signals: NO_SIGNALS,
  };
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

