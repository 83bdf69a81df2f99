/**
 * The opt-in team index (issue 14, docs/team-store.md "Extensions") end to end in real Chromium and
 * Firefox: a real Redis Cluster on loopback, filled by `provenance-lens index` with three demo
 * articles (the original of the demo story among them), the store server `serve` runs over it, and
 * the built extension choosing it in its options page and asking it from the popup. What crossed
 * the wire is read at the server, as in tests/contract/store/team-index.test.ts.
 *
 * The test copy of the extension is granted the demo sites only (`http://*.localhost/*`), not the
 * team server's 127.0.0.1, so the options page's `permissions.request` for it is a real one:
 * - Firefox answers it with the pref `extensions.webextOptionalPermissionPrompts = false` (set by
 *   launch-firefox.ts), Firefox's own switch for accepting optional-permission prompts.
 * - Chromium has no switch for its prompt (the old `--apps-gallery-install-auto-confirm-for-tests`
 *   is gone from Chromium 156; CDP's Browser.grantPermissions covers web permissions only), and its
 *   dialog is native UI automation cannot click. The test does what a Chrome user can do instead
 *   of clicking "Allow": allow the site in chrome://extensions (Site access, its own API
 *   `developerPrivate.addHostPermission`, for that one host). Chrome then grants the extension's
 *   request without a dialog, through its real permission code: `permissions.contains` is false
 *   until the options page asks, true after.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../../demo/server.mjs';
import { RedisStore } from '../../src/store/redis-store';
import { createStoreServer } from '../../src/store/serve';
import { browserSkipReason } from '../helpers/browser-binaries';
import { prepareTestExtension, REPO_ROOT, type TestExtension } from '../helpers/extension-build';
import type { BrowserTab } from '../helpers/extension-driver';
import { launchWithExtension } from '../helpers/launch-browser';
import type { ChromiumSession } from '../helpers/launch-chromium';
import { ExtensionHarness, RENDER_TIMEOUT_MS } from '../helpers/provenance-flows';

/**
 * The cluster's first port (its six nodes take BASE..BASE+5, bus ports +10000): apart from CI's
 * 7101 (.ci/run) and the failure tests' 7201 (tests/contract/store/failures.test.ts).
 */
const BASE = Number(process.env.PL_REDIS_TEAM_E2E_BASE ?? 7301);
const CLUSTER_SCRIPT = path.join(REPO_ROOT, 'scripts/redis-cluster.sh');
const CLI = path.join(REPO_ROOT, 'bin/provenance-lens.mjs');
/** The demo pages the team's index holds: the original of the story, an independent report, an unrelated page. */
const TEAM_ARTICLES = ['original', 'independent', 'spaNext'] as const;
/** The page the reader opens: a rewrite of the original, which the reader has never read. */
const READ = 'rewrite';
/** The host pattern the options page asks for (any port: see originPattern in page-client.ts). */
const TEAM_PATTERN = 'http://127.0.0.1/*';

type DemoServer = Awaited<ReturnType<typeof startDemoServer>>;

/** One request the team server received, as sent. */
interface Received {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Why the file cannot run here (no redis-server), or null; CI installs it, so there it throws. */
function redisSkipReason(): string | null {
  const missing = ['redis-server', 'redis-cli'].filter((bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status !== 0);
  if (!missing.length) return null;
  const msg = `${missing.join(' and ')} not found; install them with: sudo apt-get install -y redis-server redis-tools`;
  if (process.env.CI) throw new Error(`CI must run the team-index end-to-end tests, but ${msg}`);
  return msg;
}

const redisSkip = redisSkipReason();
if (redisSkip) console.warn(`[e2e] team index tests skipped: ${redisSkip}`);

describe.skipIf(!!redisSkip)('the team index in real browsers (Redis Cluster, serve, the built extension)', () => {
  let demo: DemoServer;
  let store: RedisStore;
  let server: Server;
  /** The team server's address, as the reader types it. */
  let base: string;
  const received: Received[] = [];

  beforeAll(async () => {
    // A previous run killed midway leaves its nodes up; the script stops only its own (pid files).
    execFileSync(CLUSTER_SCRIPT, ['stop', String(BASE)], { stdio: 'pipe', timeout: 30_000 });
    const env = execFileSync(CLUSTER_SCRIPT, ['start', String(BASE), '3'], { encoding: 'utf8', timeout: 60_000 });
    const cluster = /PL_REDIS_CLUSTER=(\S+)/.exec(env)?.[1];
    if (!cluster) throw new Error(`redis-cluster.sh printed no address: ${env}`);
    const address = `${cluster}?ns=team-e2e-${randomBytes(4).toString('hex')}`;

    // The newsroom indexes its articles with the CLI, from their HTML as served (the demo's
    // canonical addresses carry the server's port; /sites/<outlet>/ serves an outlet on 127.0.0.1).
    demo = await startDemoServer({ port: 0 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-team-e2e-'));
    try {
      for (const role of TEAM_ARTICLES) {
        const u = new URL(demo.pageUrl(role));
        const res = await fetch(`http://127.0.0.1:${u.port}/sites/${u.hostname.replace(/\.localhost$/, '')}${u.pathname}`);
        expect(res.status).toBe(200);
        writeFileSync(path.join(dir, `${role}.html`), await res.text());
      }
      const out = execFileSync(process.execPath, [CLI, 'index', dir, '--store', address], { encoding: 'utf8', timeout: 120_000 });
      expect(out).toContain('3 added');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    store = await RedisStore.connect(address);
    server = createStoreServer(store, { token: null });
    server.prependListener('request', (req) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => received.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') }));
    });
    base = await new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  }, 180_000);

  afterAll(async () => {
    if (server) await new Promise((r) => server.close(r));
    await store?.close();
    await demo?.close();
    execFileSync(CLUSTER_SCRIPT, ['stop', String(BASE)], { stdio: 'pipe', timeout: 30_000 });
  });

  for (const browser of ['chromium', 'firefox'] as const) defineTeamSuite(browser);

  /** The same scenario in one browser; tests run in order and share the browser. */
  function defineTeamSuite(browser: 'chromium' | 'firefox'): void {
    const skip = browserSkipReason(browser);
    describe.skipIf(!!skip)(skip ? `${browser}: ${skip}` : `in ${browser}`, () => {
      let ext: TestExtension;
      let driver: Awaited<ReturnType<typeof launchWithExtension>>;
      let harness: ExtensionHarness;
      let options: BrowserTab;
      let page: { tab: BrowserTab; tabId: number; url: string };
      /** Requests the server got before this browser started. */
      let first: number;
      const since = () => received.slice(first);

      beforeAll(async () => {
        first = received.length;
        ext = prepareTestExtension(browser === 'chromium' ? 'chrome' : 'firefox', { hosts: ['http://*.localhost/*'] });
        driver = await launchWithExtension(browser, ext);
        harness = await ExtensionHarness.start(driver, ext.has);
      });

      afterAll(async () => {
        await driver?.close();
        ext?.remove();
      });

      /** Whether the extension holds a host permission, asked from one of its pages. */
      const holds = (tab: BrowserTab, pattern: string) =>
        tab.evaluate((p: string) => ((globalThis as any).browser ?? (globalThis as any).chrome).permissions.contains({ origins: [p] }) as Promise<boolean>, pattern);

      /** Opens the popup on the page and waits until its team section has an answer (or `ms` passed). */
      async function popupTeam(ms = RENDER_TIMEOUT_MS) {
        const popup = await harness.openPopup(page.tabId, { settled: true });
        await popup.waitFor(() => !!document.querySelector('#pl-team[data-team]'), undefined, { timeoutMs: ms, message: 'the popup never showed #pl-team' }).catch(() => undefined);
        const team = await popup.evaluate(() => {
          const el = document.getElementById('pl-team');
          return {
            hidden: !el || el.hidden,
            kind: el?.dataset.team ?? null,
            heading: document.getElementById('pl-team-h')?.textContent ?? '',
            text: el?.textContent ?? '',
            links: [...document.querySelectorAll<HTMLAnchorElement>('#pl-team-matches li a')].map((a) => ({ href: a.href, text: a.textContent ?? '' })),
            // The share each match states ("about 21% of this page’s text word for word").
            shares: [...document.querySelectorAll('#pl-team-matches li')].map((li) => Number(/about (\d+)% of this page/.exec(li.textContent ?? '')?.[1] ?? NaN)),
          };
        });
        return { popup, team };
      }

      test('a checked demo article: with no team index chosen, the popup has no team section and nothing is sent', async () => {
        const url = demo.pageUrl(READ);
        const tab = await driver.openPage(url);
        const tabId = await harness.tabIdOf(url);
        // "Check this page" in the popup (automatic checking stays off, its default).
        const state = await harness.checkWithButton(tabId, url);
        expect(state.status).toBe('done');
        // The reader has read nothing else: the local history cannot name the original.
        expect(state.report?.origin ?? null).toBeNull();
        page = { tab, tabId, url };
        const { popup, team } = await popupTeam(2_000);
        expect(team.hidden).toBe(true);
        expect(team.text).toBe('');
        await popup.close();
        expect(since()).toEqual([]);
      });

      test('the options page: the address is entered and submitted, 127.0.0.1 is granted, the server is kept after its /health', async () => {
        options = await driver.openExtensionPage('options.html');
        await options.waitFor(() => document.body?.dataset.ready === '1', undefined, { timeoutMs: RENDER_TIMEOUT_MS, message: 'options page never ready' });
        expect(await options.evaluate(() => document.getElementById('pl-team-current')?.textContent)).toBe('No team index: nothing is sent.');
        if (browser === 'chromium') await allowSiteInChromeExtensions(driver as ChromiumSession, TEAM_PATTERN);
        // Not held until the options page asks (in Chromium too, the site allowed or not).
        expect(await holds(options, TEAM_PATTERN)).toBe(false);

        await options.fill('#pl-team-url', base);
        await options.click('#pl-team-form button[type="submit"]');
        await options.waitFor((b: string) => document.getElementById('pl-team-current')?.textContent?.startsWith(`In use: ${b}`) || !!document.getElementById('pl-team-error')?.textContent, base, {
          timeoutMs: RENDER_TIMEOUT_MS,
          message: 'the options page never said the team index is in use',
        });
        const shown = await options.evaluate(() => ({
          current: document.getElementById('pl-team-current')?.textContent ?? '',
          error: document.getElementById('pl-team-error')?.textContent ?? '',
          status: document.getElementById('pl-opt-status')?.textContent ?? '',
          off: (document.getElementById('pl-team-off') as HTMLButtonElement | null)?.hidden,
        }));
        expect(shown.error).toBe('');
        expect(shown.current).toBe(`In use: ${base} (it holds 3 articles). Asked only when you open the popup on a checked page.`);
        expect(shown.status).toBe(`Team index in use: ${base}.`);
        expect(shown.off).toBe(false);
        expect(await holds(options, TEAM_PATTERN)).toBe(true);
        expect(await harness.call('getTeamServer', {})).toEqual({ server: base });
        // The server was asked its /health, with nothing else.
        expect(since().map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual(['GET /health ']);
      });

      test('the popup on the checked article lists the team’s original under "From your team’s index"; only term hashes crossed the wire', async () => {
        const before = received.length;
        const { popup, team } = await popupTeam();
        await popup.close();
        expect(team.kind, team.text).toBe('matches');
        expect(team.heading).toBe('From your team’s index (127.0.0.1)');
        expect(team.links[0]).toEqual({ href: demo.pageUrl('original'), text: 'Port Alder approves $48 million seawall after king tides flood Wharf Street' });
        // The rewrite kept some of the original's sentences word for word, and says how much; the
        // team's other articles (an independent report, an unrelated page) share no run of words
        // with it, so they are not listed under a heading that says they share text.
        expect(team.shares[0]).toBeGreaterThanOrEqual(10);
        expect(team.links.map((l) => l.href)).toEqual([demo.pageUrl('original')]);

        // What crossed the wire: one POST /check of term hashes, and nothing naming the page.
        const sent = received.slice(before);
        expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /check']);

        const { body, headers } = sent[0];
        const query = JSON.parse(body) as { fingerprint: { sentences: Array<{ terms: number[] }> } };
        expect(Object.keys(query)).toEqual(['fingerprint']);
        expect(Object.keys(query.fingerprint)).toEqual(['sentences']);
        expect(query.fingerprint.sentences.length).toBeGreaterThan(3);
        for (const s of query.fingerprint.sentences) {
          expect(Object.keys(s)).toEqual(['terms']);
          expect(s.terms.every((t) => Number.isInteger(t) && t >= 0 && t <= 0xffffffff)).toBe(true);
        }
        const paragraphs = await page.tab.evaluate(() => [...document.querySelectorAll('.article-body p')].map((p) => p.textContent ?? ''));
        const title = await page.tab.evaluate(() => document.title);
        const secrets = [page.url, new URL(page.url).hostname, 'northshore', title, ...paragraphs.map((p) => p.trim().slice(0, 30)).filter((p) => p.length >= 20)];
        expect(secrets.length).toBeGreaterThan(4);
        for (const secret of secrets) expect(body).not.toContain(secret);
        expect(headers.cookie).toBeUndefined();
        expect(headers.referer).toBeUndefined();
      });

      test('"Stop using it" in the options page: the popup asks nothing any more', async () => {
        await options.bringToFront();
        await options.click('#pl-team-off');
        await options.waitFor(() => document.getElementById('pl-team-current')?.textContent === 'No team index: nothing is sent.', undefined, {
          timeoutMs: RENDER_TIMEOUT_MS,
          message: 'the options page never said the team index is no longer used',
        });
        expect(await harness.call('getTeamServer', {})).toEqual({ server: null });
        const before = received.length;
        const { popup, team } = await popupTeam(2_000);
        // The popup's own question, asked again from it: the background answers without asking anyone.
        const asked = await popup.evaluate((tabId: number) => ((globalThis as any).browser ?? (globalThis as any).chrome).runtime.sendMessage({ type: 'queryTeam', payload: { tabId } }), page.tabId);
        await popup.close();
        expect(asked).toEqual({ ok: true, value: null });
        expect(team.hidden).toBe(true);
        expect(received.slice(before)).toEqual([]);
        await options.close();
      });
    });
  }
});

/**
 * What a Chrome user does in chrome://extensions, Site access, to let the extension reach `pattern`
 * (see the file comment): through the page's own `developerPrivate` API. The grant is held back
 * until the extension asks for it, so `permissions.contains` stays false until then.
 */
async function allowSiteInChromeExtensions(driver: ChromiumSession, pattern: string): Promise<void> {
  const page = await driver.context.newPage();
  try {
    await page.goto('chrome://extensions/');
    const result = await page.evaluate(
      async ([id, p]) => {
        const dp = (globalThis as any).chrome?.developerPrivate;
        if (!dp) return 'chrome://extensions has no developerPrivate API';
        try {
          await dp.addHostPermission(id, p);
          return 'ok';
        } catch (err) {
          return String(err);
        }
      },
      [driver.extensionId, pattern] as const,
    );
    expect(result, 'allowing the site in chrome://extensions').toBe('ok');
  } finally {
    await page.close();
  }
}
