/**
 * The project's boundaries, read from the import lines of src/ (house style): the core imports
 * nothing of ours outside the core; only src/platform touches webextension-polyfill, idb,
 * IndexedDB or browser storage; the content bundle never reaches the engine, claims or feeds code
 * or tldts (directly or through another module); extension pages talk to the background only by
 * messages and never import each other; only src/platform imports the database module.
 */
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Source without comments (so a comment naming storage.local or an import is not a use). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Every module specifier a file imports or re-exports (static, dynamic, side-effect). */
function specifiers(file: string): string[] {
  const src = code(file);
  const out: string[] = [];
  const re = /(?:\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?|\bexport\s*[\w*{}\s,$]+?\s*from\s*|\bimport\s*\(\s*)['"]([^'"]+)['"]/g;
  for (let m = re.exec(src); m; m = re.exec(src)) out.push(m[1]);
  return out;
}

/** Resolves a relative specifier to a source file path, or null for packages. */
function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return `${base}.ts`; // not written yet: still classify it by folder
}

const rel = (p: string) => relative(SRC, p).split('\\').join('/');
const FILES = walk(SRC);
const under = (prefix: string) => FILES.filter((f) => rel(f).startsWith(prefix));

function violations(files: string[], bad: (target: string, spec: string) => boolean): string[] {
  const out: string[] = [];
  for (const f of files) {
    for (const spec of specifiers(f)) {
      const target = resolveLocal(f, spec);
      if (bad(target ? rel(target) : '', spec)) out.push(`${rel(f)} -> ${spec}`);
    }
  }
  return out;
}

/**
 * The bodies of the object-schema literals in a source text (`v.object({...})`, `looseObject`,
 * `strictObject`, whatever the receiver): the text between the literal's braces.
 */
function objectSchemas(src: string): string[] {
  const out: string[] = [];
  const re = /\.(?:object|looseObject|strictObject|objectWithRest)\(\s*\{/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    let end = open;
    for (; end < src.length; end++) {
      if (src[end] === '{') depth++;
      else if (src[end] === '}' && --depth === 0) break;
    }
    out.push(src.slice(open + 1, end));
  }
  return out;
}

/** A key only a record shape has: `paragraphs` (ArticleRecord), `appearances` (KnownClaim),
 * `shingles` (PackEntry), `creditLines` (ProvenanceSignals), `disputedAt` (DisputeRecord). A schema
 * naming one declares that shape. */
const RECORD_KEY = /(?:^|[\s,{])(paragraphs|appearances|shingles|creditLines|disputedAt)\s*:/;

describe('boundaries', () => {
  it('reads import lines correctly (self-check on a known file)', () => {
    const bg = join(SRC, 'background/index.ts');
    expect(specifiers(bg)).toEqual(expect.arrayContaining(['../platform/browser', '../core/claims']));
  });

  it('core imports nothing of ours outside core, and no browser, DOM or Node modules', () => {
    const bad = violations(under('core/'), (target, spec) =>
      target ? !target.startsWith('core/') : /^(node:|fs$|path$|webextension-polyfill|idb$|linkedom|jsdom|@mozilla\/readability)/.test(spec),
    );
    expect(bad).toEqual([]);
  });

  it('only platform imports webextension-polyfill or idb', () => {
    const bad = violations(
      FILES.filter((f) => !rel(f).startsWith('platform/')),
      (_t, spec) => spec === 'webextension-polyfill' || spec === 'idb' || spec.startsWith('idb/'),
    );
    expect(bad).toEqual([]);
  });

  it('only platform touches IndexedDB or browser storage', () => {
    const bad = FILES.filter((f) => !rel(f).startsWith('platform/') && !rel(f).startsWith('cli/'))
      .filter((f) => /\bindexedDB\b|\bIDB(KeyRange|Factory|Database)\b|\bstorage\.(local|session|sync)\b/.test(code(f)))
      .map(rel);
    expect(bad).toEqual([]);
  });

  // Nor the Public Suffix List (tldts, ~137 KB): extraction records declared addresses as data and
  // core/site.ts decides in the background.
  it('the content script never reaches engine, claims, feeds, background, database code or tldts', () => {
    const entry = join(SRC, 'content/index.ts');
    const seen = new Set<string>();
    const reached: string[] = [];
    const stack = [entry];
    while (stack.length) {
      const f = stack.pop()!;
      if (seen.has(f) || !existsSync(f)) continue;
      seen.add(f);
      for (const spec of specifiers(f)) {
        const t = resolveLocal(f, spec);
        if (t) {
          reached.push(`${rel(f)} -> ${rel(t)}`);
          stack.push(t);
        } else reached.push(`${rel(f)} -> ${spec}`);
      }
    }
    const forbidden = reached.filter((edge) =>
      /-> (core\/(engine|claims|feeds)\/|background\/|platform\/(db|article-store|stores|settings-store|tab-state-store)\.ts|idb$|minisearch|flexsearch|wink|tldts)/.test(edge),
    );
    expect(forbidden).toEqual([]);
    expect(seen.size).toBeGreaterThan(3); // the walk really followed the imports
  });

  it('extension pages talk to the background only through messages', () => {
    const pages = [...under('popup/'), ...under('options/'), ...under('sidebyside/')];
    const bad = violations(pages, (target) =>
      /^(background\/|core\/(engine|claims|feeds)\/|extract\/|platform\/(?!browser\.ts|rpc\.ts|i18n\.ts))/.test(target),
    );
    expect(bad).toEqual([]);
  });

  it('only platform imports the database module (platform/db.ts)', () => {
    const bad = violations(
      FILES.filter((f) => !rel(f).startsWith('platform/')),
      (target) => target === 'platform/db.ts',
    );
    expect(bad).toEqual([]);
  });

  it('extension pages never import each other (what they share lives in src/shared)', () => {
    const PAGES = ['popup/', 'options/', 'sidebyside/'];
    const bad = PAGES.flatMap((own) =>
      violations(under(own), (target) => PAGES.some((other) => other !== own && target.startsWith(other))),
    );
    expect(bad).toEqual([]);
  });

  it('platform does not import the message types: what it stores is declared in core or platform', () => {
    const bad = violations(under('platform/'), (target) => target === 'shared/messages.ts');
    expect(bad).toEqual([]);
  });

  it('record shapes are declared only in src/core/records/parse-record.ts', () => {
    const RECORDS = 'core/records/parse-record.ts';
    const declaring = (f: string) => objectSchemas(code(f)).filter((body) => RECORD_KEY.test(body)).map((body) => RECORD_KEY.exec(body)![1]);
    // Self-check: the rule sees every shape's declaration where it is, so it would see one elsewhere.
    expect(new Set(declaring(join(SRC, RECORDS)))).toEqual(new Set(['paragraphs', 'appearances', 'shingles', 'creditLines', 'disputedAt']));
    const bad = FILES.filter((f) => rel(f) !== RECORDS).flatMap((f) => declaring(f).map((key) => `${rel(f)} declares a schema with ${key}`));
    expect(bad).toEqual([]);
  });

  it('nothing outside the background imports background code', () => {
    const bad = violations(
      FILES.filter((f) => !rel(f).startsWith('background/')),
      (target) => target.startsWith('background/'),
    );
    expect(bad).toEqual([]);
  });
});
