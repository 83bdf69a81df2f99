/**
 * Language detection: accuracy and cost of the candidate detectors (eld, tinyld, franc-min) on a
 * sample built from the data in ../shared/data and the project's own language fixture pages, so the
 * choice in src/core/text/detect-lang.ts rests on figures. Not part of `npm run eval`'s engine
 * figures; run on its own when the detector is reconsidered:
 *   node --import tsx scripts/eval-lang.ts [DATA_DIR]
 * Prints accuracy per sample group (long texts, short texts under 120 characters) and per language,
 * the mean time per call, and the minified size of each detector bundled alone.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { parseHTML } from 'linkedom';
import { eld as eldXs } from 'eld/extrasmall';
import { detect as tinyLight } from 'tinyld/light';
import { detect as tinyNormal } from 'tinyld';
import { franc } from 'franc-min';
import { detectLang } from '../src/core/text/detect-lang';

interface Sample { lang: string; text: string; group: string }

const ISO3: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', deu: 'de', por: 'pt', rus: 'ru', arb: 'ar', urd: 'ur', hin: 'hi', cmn: 'zh',
  jpn: 'ja', ita: 'it', nld: 'nl', pol: 'pl', tur: 'tr', ukr: 'uk', pes: 'fa', ind: 'id', kor: 'ko', vie: 'vi',
  ben: 'bn', ces: 'cs', swe: 'sv', ron: 'ro', hun: 'hu', ell: 'el', tha: 'th', zlm: 'ms', fin: 'fi', dan: 'da',
};

/** Builds the sample; each group says where its texts come from. */
export function buildSample(dataDir: string, pagesDir: string): Sample[] {
  const out: Sample[] = [];
  const counter = join(dataDir, 'counter-dev/documents.jsonl');
  if (existsSync(counter)) {
    for (const line of readFileSync(counter, 'utf8').split('\n').filter(Boolean)) {
      const d = JSON.parse(line) as { text: string; title: string };
      out.push({ lang: 'ur', text: d.text, group: 'COUNTER text (ur)' });
      out.push({ lang: 'ur', text: d.title.slice(0, 120), group: 'COUNTER title (ur, short)' });
    }
  }
  const wiki = join(dataDir, 'wikinews-dev/articles.jsonl');
  if (existsSync(wiki)) {
    for (const line of readFileSync(wiki, 'utf8').split('\n').filter(Boolean)) {
      const a = JSON.parse(line) as { text: string; sources: Array<{ language: string; maintext: string | null }> };
      out.push({ lang: 'en', text: a.text, group: 'WikinewsSum article (en)' });
      for (const s of a.sources) {
        if (!s.maintext || s.maintext.length < 200) continue;
        out.push({ lang: s.language, text: s.maintext, group: 'WikinewsSum source (en/pt/fr)' });
        const first = /^[^.!?]{20,118}[.!?]/.exec(s.maintext.trim())?.[0];
        if (first) out.push({ lang: s.language, text: first, group: 'WikinewsSum first sentence (short)' });
      }
    }
  }
  const claims = join(dataDir, 'checkthat2020/verified_claims.docs.tsv');
  if (existsSync(claims)) {
    const rows = readFileSync(claims, 'utf8').split('\n').slice(1).filter(Boolean);
    for (let i = 0; i < rows.length; i += 25) {
      const claim = rows[i].split('\t')[1];
      if (claim) out.push({ lang: 'en', text: claim, group: 'CheckThat claim (en, short)' });
    }
  }
  if (existsSync(pagesDir)) {
    for (const lang of readdirSync(pagesDir)) {
      for (const f of readdirSync(join(pagesDir, lang))) {
        const { document } = parseHTML(readFileSync(join(pagesDir, lang, f), 'utf8'));
        const paras = [...document.querySelectorAll('article p')].map((p) => p.textContent ?? '');
        out.push({ lang, text: paras.join('\n\n'), group: 'fixture page (11 languages)' });
        for (const p of paras) out.push({ lang, text: p, group: 'fixture sentence (11 languages, short)' });
      }
    }
  }
  return out;
}

const DETECTORS: Array<[string, string, (t: string) => string]> = [
  ['eld (extrasmall)', "import {eld} from 'eld/extrasmall'; globalThis.x = eld.detect", (t) => eldXs.detect(t).language],
  ['tinyld (light)', "import {detect} from 'tinyld/light'; globalThis.x = detect", (t) => tinyLight(t)],
  ['tinyld (normal)', "import {detect} from 'tinyld'; globalThis.x = detect", (t) => tinyNormal(t)],
  ['franc-min', "import {franc} from 'franc-min'; globalThis.x = franc", (t) => ISO3[franc(t)] ?? franc(t)],
  ['ours: detectLang (franc-min + script rules)', "import {detectLang} from './src/core/text/detect-lang'; globalThis.x = detectLang", (t) => detectLang(t) ?? 'und'],
];

async function bundleBytes(code: string): Promise<number> {
  const r = await esbuild.build({
    stdin: { contents: code, resolveDir: resolve(import.meta.dirname, '..'), loader: 'ts' },
    bundle: true, minify: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent',
  });
  return r.outputFiles[0].contents.length;
}

/** Prints the comparison table. */
export async function evalLang(dataDir: string): Promise<void> {
  const sample = buildSample(dataDir, resolve(import.meta.dirname, '../tests/dom/languages/pages'));
  const groups = [...new Set(sample.map((s) => s.group))];
  console.log(`== Language detection: ${sample.length} texts`);
  for (const g of groups) console.log(`  ${g}: ${sample.filter((s) => s.group === g).length}`);
  const langs = [...new Set(sample.filter((s) => s.group.startsWith('fixture')).map((s) => s.lang))].sort();
  console.log(`\n  detector | ${groups.map((g) => g.replace(/ \(.*/, '')).join(' | ')} | fixture langs wrong (of ${langs.length}) | ms/call | minified KB`);
  for (const [name, code, fn] of DETECTORS) {
    const t0 = performance.now();
    const got = sample.map((s) => fn(s.text));
    const ms = (performance.now() - t0) / sample.length;
    const acc = groups.map((g) => {
      const idx = sample.map((s, i) => (s.group === g ? i : -1)).filter((i) => i >= 0);
      return (idx.filter((i) => got[i] === sample[i].lang).length / idx.length).toFixed(3);
    });
    const wrongLangs = langs.filter((l) => {
      const idx = sample.map((s, i) => (s.lang === l && s.group === 'fixture page (11 languages)' ? i : -1)).filter((i) => i >= 0);
      return idx.some((i) => got[i] !== l);
    });
    const kb = (await bundleBytes(code)) / 1024;
    console.log(`  ${name} | ${acc.join(' | ')} | ${wrongLangs.join(',') || '-'} | ${ms.toFixed(3)} | ${kb.toFixed(0)}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = resolve(process.argv[2] ?? process.env.PL_DATA ?? resolve(import.meta.dirname, '../../shared/data'));
  await evalLang(dataDir);
}
