/**
 * The demo news site itself, without a browser: the server (127.0.0.1 only, content types, no
 * directory traversal, one origin per outlet) and the pages (explicit publication times, distinct
 * outlets, links that resolve), then the same pages through extraction and the engine in Node, so
 * that when a browser test fails it is clear whether the site, the pipeline or the extension broke.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { request } from 'node:http';
import { parseHTML } from 'linkedom';
import { DEMO_PAGES, startDemoServer, type DemoRole, type DemoServer } from '../../demo/server.mjs';
import { resolveArticleUrl } from '../../src/core/site';
import { extractArticle } from '../../src/extract/index';
import { analyzeArticle, compareArticles } from '../../src/core/engine/index';
import type { ArticleRecord } from '../../src/core/types';

/** A raw GET with a chosen Host header and an unnormalised path (fetch would clean up `..`). */
function rawGet(port: number, host: string, path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let demo: DemoServer;
const html = new Map<DemoRole, string>();
const roles = Object.keys(DEMO_PAGES) as DemoRole[];
const hostOf = (role: DemoRole) => `${DEMO_PAGES[role].site}.localhost:${demo.port}`;

beforeAll(async () => {
  demo = await startDemoServer({ port: 0 });
  for (const role of roles) html.set(role, (await rawGet(demo.port, hostOf(role), DEMO_PAGES[role].path)).body);
});
afterAll(() => demo?.close());

describe('demo server', () => {
  test('serves each outlet on its own *.localhost origin and the index on 127.0.0.1', async () => {
    for (const role of roles) {
      const r = await rawGet(demo.port, hostOf(role), DEMO_PAGES[role].path);
      expect(r.status, role).toBe(200);
      expect(r.type).toBe('text/html; charset=utf-8');
    }
    const index = await rawGet(demo.port, `127.0.0.1:${demo.port}`, '/');
    expect(index.status).toBe(200);
    // The same path on another outlet is another site's page (or a 404), never this one.
    const other = await rawGet(demo.port, `coast-digest.localhost:${demo.port}`, DEMO_PAGES.original.path);
    expect(other.status).toBe(404);
  });

  test('listens on the loopback address only', () => {
    expect(new URL(demo.url).hostname).toBe('127.0.0.1');
  });

  test('gives correct content types for CSS and the JSON feed', async () => {
    const css = await rawGet(demo.port, hostOf('original'), '/ledger.css');
    expect(css.type).toBe('text/css; charset=utf-8');
    const feed = await rawGet(demo.port, `127.0.0.1:${demo.port}`, '/feeds/claims.json');
    expect(feed.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(feed.body)['@type']).toBe('DataFeed');
  });

  test('refuses directory traversal, encoded or not, and non-GET methods', async () => {
    for (const path of ['/../server.mjs', '/%2e%2e/server.mjs', '/..%2fserver.mjs', '/%2e%2e%2f%2e%2e%2fpackage.json', '/sites/harbor-ledger/../../server.mjs', '/..\\server.mjs', '/%00']) {
      for (const host of [`127.0.0.1:${demo.port}`, hostOf('original')]) {
        const r = await rawGet(demo.port, host, path);
        expect(r.status, `${host}${path}`).toBe(404);
        expect(r.body).not.toMatch(/startDemoServer|"devDependencies"/);
      }
    }
    expect((await rawGet(demo.port, hostOf('original'), DEMO_PAGES.original.path, 'POST')).status).toBe(405);
  });

  test('rewrites the __PORT__ token into the real port', () => {
    for (const role of roles) {
      expect(html.get(role)).not.toContain('__PORT__');
    }
    expect(html.get('syndicated')).toContain(`http://harbor-ledger.localhost:${demo.port}${DEMO_PAGES.original.path}`);
  });
});

describe('demo pages', () => {
  const articleRoles = roles.filter((r) => r !== 'nonArticle');
  // The backdated scrape declares 1999 on purpose (a hostile page): its date is a claim to test.
  const honestRoles = articleRoles.filter((r) => r !== 'backdated');

  test('every article states its publication time, in a meta tag and on the page', () => {
    for (const role of honestRoles) {
      const { document } = parseHTML(html.get(role)!);
      const meta = document.querySelector('meta[property="article:published_time"]')?.getAttribute('content');
      expect(meta, role).toMatch(/^2026-11-\d\dT\d\d:\d\d:00-08:00$/);
      expect(document.querySelector('time[datetime]')?.getAttribute('datetime'), role).toBe(meta);
    }
  });

  test('the original is the earliest of the story', () => {
    const time = (role: DemoRole) =>
      Date.parse(parseHTML(html.get(role)!).document.querySelector('meta[property="article:published_time"]')!.getAttribute('content')!);
    for (const role of honestRoles.filter((r) => r !== 'original')) expect(time(role), role).toBeGreaterThan(time('original'));
    expect(time('backdated')).toBeLessThan(time('original'));
  });

  test('each outlet names itself (og:site_name), and outlets differ', () => {
    const names = new Map<string, string>();
    for (const role of roles) {
      const name = parseHTML(html.get(role)!).document.querySelector('meta[property="og:site_name"]')?.getAttribute('content');
      expect(name, role).toBeTruthy();
      const site = DEMO_PAGES[role].site;
      if (names.has(site)) expect(names.get(site)).toBe(name);
      names.set(site, name!);
    }
    expect(new Set(names.values()).size).toBe(names.size);
  });

  test('links between demo pages resolve', async () => {
    const pattern = new RegExp(`http://([a-z-]+)\\.localhost:${demo.port}(/[^"#\\s]*)`, 'g');
    const index = (await rawGet(demo.port, `127.0.0.1:${demo.port}`, '/')).body;
    const seen = new Set<string>();
    for (const page of [index, ...html.values()]) {
      for (const [, site, path] of page.matchAll(pattern)) seen.add(`${site}|${path}`);
    }
    expect(seen.size).toBeGreaterThan(8);
    for (const key of seen) {
      const [site, path] = key.split('|');
      expect((await rawGet(demo.port, `${site}.localhost:${demo.port}`, path)).status, key).toBe(200);
    }
  });
});

describe('demo pages through extraction and the engine (Node, no browser)', () => {
  const extracted = new Map<DemoRole, ArticleRecord>();
  const extract = (role: DemoRole) => {
    const url = demo.pageUrl(role);
    const { document } = parseHTML(html.get(role)!);
    return extractArticle(document as unknown as Document, { url });
  };
  const article = (role: DemoRole): ArticleRecord => {
    if (!extracted.has(role)) {
      const r = extract(role);
      if (!r.ok) throw new Error(`${role} not extracted: ${r.reason}`);
      // The address and canonical as the CLI (and the background) decide them from what the page declares.
      extracted.set(role, resolveArticleUrl(r.article, { url: demo.pageUrl(role), declared: r.declared, trust: 'saved' }));
    }
    return extracted.get(role)!;
  };

  test('every article page extracts; the front page does not', () => {
    for (const role of roles.filter((r) => r !== 'nonArticle')) expect(extract(role).ok, role).toBe(true);
    expect(extract('nonArticle').ok).toBe(false);
  });

  test('the rewrite is extracted without its reader comments', () => {
    const text = article('rewrite').paragraphs.join('\n');
    const { document } = parseHTML(html.get('rewrite')!);
    for (const p of document.querySelectorAll('#comments p')) {
      const comment = (p.textContent ?? '').trim();
      if (comment.split(/\s+/).length > 6) expect(text).not.toContain(comment);
    }
  });

  test('declared provenance is read: the syndicated canonical and the credit line', () => {
    expect(article('syndicated').signals.canonicalUrl).toBe(demo.pageUrl('original'));
    expect(article('credited').signals.creditLines.join(' ')).toMatch(/Harbor Ledger/);
  });

  test('the engine alone tells the copies apart', () => {
    const original = article('original');
    expect(compareArticles(article('verbatim'), original).verdict).toBe('verbatim-copy');
    expect(compareArticles(article('rewrite'), original).verdict).toBe('paraphrased-copy');
    expect(compareArticles(article('syndicated'), original).verdict).toBe('syndicated');
    expect(compareArticles(article('credited'), original).verdict).toBe('credited-excerpt');
    expect(['same-story', 'no-match']).toContain(compareArticles(article('independent'), original).verdict);
  });

  test('the scrape backdated to 1999 does not make the original its copy once pages crediting the original are known', () => {
    const original = article('original');
    const others = (['backdated', 'syndicated', 'credited', 'rewrite'] as DemoRole[]).map(article);
    const report = analyzeArticle(original, others);
    expect(report.verdict).toBe('original');
    const back = report.related.find((r) => r.url === demo.pageUrl('backdated'));
    expect(back?.evidence.join(' ')).toMatch(/dates contested/);
    const scrape = analyzeArticle(article('backdated'), [original, ...others.slice(1)]);
    expect(scrape.verdict).toBe('verbatim-copy');
    expect(scrape.directionKnown).toBe(false);
  });
});
