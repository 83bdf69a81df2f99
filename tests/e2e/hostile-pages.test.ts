/**
 * A few of the hostile pages (tests/dom/hostile/hostile-pages.ts) in real Chromium and Firefox,
 * where DOM clobbering is the browsers' own: the content script still reads a page that clobbers
 * `browser`, and a page whose elements shadow both `chrome` and `browser` (in Chromium an isolated
 * world made after such elements exist has no usable extension API) is checked, highlighted and
 * shown in the popup as its clean twin is, whether automatic checking or "Check this page" reads
 * it; nothing that identifies the install is in the page; a nesting bomb is refused in bounded
 * time and the page stays responsive.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserSkipReason } from '../helpers/browser-binaries';
import { prepareTestExtension, type TestExtension } from '../helpers/extension-build';
import type { BrowserTab, ExtensionDriver } from '../helpers/extension-driver';
import { launchWithExtension } from '../helpers/launch-browser';
import { ExtensionHarness, openCard, readPopup, waitForMarks, type VisitedPage } from '../helpers/provenance-flows';
import { articlePage, PARAGRAPHS } from '../dom/hostile/hostile-pages';

/**
 * Page elements that shadow both extension globals. In Chromium the extension API of an isolated
 * world made after they exist is hung on the element (a form's controls then shadow `runtime`) or
 * is missing altogether (a frame's window stands in for it).
 */
const DOUBLE_CLOBBERS: Record<string, string> = {
  'form-controls': '<form id="chrome"><input name="runtime" id="id"><input name="id"></form><form id="browser"><input name="runtime" id="id"><input name="id"></form>',
  'forms': '<form id="chrome"></form><form id="browser"></form>',
  'img-embed': '<img name="chrome" alt=""><embed id="browser" type="text/plain">',
  'frames': '<iframe name="chrome" src="about:blank"></iframe><iframe name="browser" src="about:blank"></iframe>',
};

/** A verbatim copy of the original by another outlet under another title, with `before` ahead of the article. */
const copyPage = (before: string) =>
  articlePage({ before }).replace(/Harbor authority/g, 'Port authority').replace(/The Pier Gazette/g, 'The Copy Courier');

/**
 * The clean twin with a word hidden by CSS after every fourth word of each paragraph: a reader sees
 * the copy word for word, and the hidden words would break every run of it.
 */
const HIDDEN_WORDS = ['zebra', 'quartz', 'violin', 'maple'];
/**
 * Ways to hide the words: removed from layout; or laid out with no letters a reader can read (zero
 * size, transparent letters, clipped to a pixel as screen-reader text is, moved off the page).
 */
const HIDINGS: Record<string, string> = {
  'display-none': 'display: none',
  'font-size-0': 'font-size: 0',
  'transparent-letters': 'color: transparent',
  'clipped-to-a-pixel': 'position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap',
  'off-the-page': 'position: absolute; left: -10000px',
};
function hiddenWordsPage(hiding = HIDINGS['display-none']): string {
  let k = 0;
  return copyPage('')
    .replace('</head>', `<style>.pl-aside { ${hiding} }</style></head>`)
    .replace(/<p>([^<]*)<\/p>/g, (_m, t: string) => `<p>${t.split(' ').map((w, i) => (i % 4 === 3 ? `${w}<span class="pl-aside"> ${HIDDEN_WORDS[k++ % HIDDEN_WORDS.length]}</span>` : w)).join(' ')}</p>`);
}

/**
 * The clean twin with its text disguised as a reader reads through it, one disguise per paragraph
 * in turn: an accent on every vowel, small capitals, letters spaced with hair spaces, and each word
 * stored reversed inside a right-to-left override (shown in the right order).
 */
const DISGUISES: Array<(t: string) => string> = [
  (t) => t.replace(/[aeiou]/g, (v) => `${v}\u0301`),
  (t) => t.replace(/[aeo]/g, (c) => ({ a: 'ᴀ', e: 'ᴇ', o: 'ᴏ' })[c]!),
  (t) => t.replace(/(\p{L})(?=\p{L})/gu, '$1\u200A'),
  (t) => t.split(' ').map((w) => `\u202E${[...w].reverse().join('')}\u202C`).join(' '),
];
const disguisedPage = () =>
  articlePage({ paragraphs: PARAGRAPHS.map((t, i) => DISGUISES[i % DISGUISES.length](t)) }).replace(/Harbor authority/g, 'Port authority').replace(/The Pier Gazette/g, 'The Copy Courier');

/**
 * The clean twin with a credit line to the original after its text: shown, or hidden by the page's
 * style sheet (a credit no reader can see, which must not make the copy "credited").
 */
const creditedCopyPage = (css: string) =>
  copyPage('').replace('</head>', `<style>.pl-credit { ${css} }</style></head>`).replace('</article>', '<p class="pl-credit">This story was originally published by The Pier Gazette.</p></article>');

/** The pages served, by path. */
function pages(): Record<string, string> {
  return {
    'original.html': articlePage(),
    'clobber-browser.html': articlePage({ before: '<form id="browser"><input name="runtime" id="id"><input name="id"></form>' }).replace(/Harbor authority/g, 'Port authority'),
    'copy-clean.html': copyPage('<form id="subscribe"><input name="email"></form>'),
    ...Object.fromEntries(Object.entries(HIDINGS).map(([name, css]) => [`hidden-words-${name}.html`, hiddenWordsPage(css)])),
    'disguised.html': disguisedPage(),
    'credit-shown.html': creditedCopyPage('font-style: italic'),
    'credit-hidden.html': creditedCopyPage('display: none'),
    ...Object.fromEntries(Object.entries(DOUBLE_CLOBBERS).map(([name, html]) => [`double-${name}.html`, copyPage(html)])),
    'nesting-bomb.html': articlePage({ before: '<div>'.repeat(3_000) + 'deep' + '</div>'.repeat(3_000) }),
  };
}

function serve(files: Record<string, string>): Promise<{ url: (p: string) => string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const body = files[(req.url ?? '/').slice(1).split(/[?#]/)[0]];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      // One origin (site) per page, as the demo does: `<name>.localhost` resolves to loopback.
      resolve({ url: (p) => `http://${p.replace(/\.html$/, '')}.localhost:${port}/${p}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

for (const browserName of ['chromium', 'firefox'] as const) {
  const skip = browserSkipReason(browserName);
  describe.skipIf(!!skip)(`hostile pages in ${browserName}`, () => {
    let ext: TestExtension;
    let driver: ExtensionDriver;
    let harness: ExtensionHarness;
    let site: Awaited<ReturnType<typeof serve>>;

    beforeAll(async () => {
      site = await serve(pages());
      ext = prepareTestExtension(browserName === 'chromium' ? 'chrome' : 'firefox');
      driver = await launchWithExtension(browserName, ext);
      harness = await ExtensionHarness.start(driver, ext.has);
      await harness.enableAutoCheck();
    });
    afterAll(async () => {
      await driver?.close();
      await site?.close();
      ext?.remove();
    });

    const installId = () => new URL(driver.extensionBase).host;
    const noTrace = async (tab: BrowserTab) => {
      const html: string = await tab.evaluate(() => document.documentElement.outerHTML);
      expect(html).not.toContain(installId());
    };

    test('the original is read', async () => {
      const page = await harness.visit(site.url('original.html'));
      expect(page.state.status).toBe('done');
      await noTrace(page.tab);
    });

    test('a page that clobbers `browser` is still read', async () => {
      const page = await harness.visit(site.url('clobber-browser.html'));
      expect(page.state.status, page.state.message ?? '').toBe('done');
      expect(page.state.analysed?.title).toMatch(/Port authority closes north pier/);
      expect(await page.tab.evaluate(() => String((window as any).browser))).toBe('[object HTMLFormElement]');
      await noTrace(page.tab);
    });

    /** What a reader sees of a checked copy: verdict, origin, badge, popup and highlights. */
    const seen = async (page: VisitedPage) => {
      const report = page.state.report!;
      const badge = await harness.badge(page.tabId);
      const popup = await harness.openPopup(page.tabId, { settled: true });
      const view = await readPopup(popup);
      await popup.close();
      const marks = await waitForMarks(page.tab);
      return {
        status: page.state.status,
        verdict: report?.verdict,
        origin: report?.origin?.url,
        badge,
        popup: { state: view.state, verdict: view.verdict, origin: view.originLinks.map((a) => a.href) },
        marks: marks.map((m) => `${m.kind}: ${m.text}`).sort(),
      };
    };
    let clean: Awaited<ReturnType<typeof seen>>;

    test('the clean twin: a verbatim copy, highlighted', async () => {
      await harness.visit(site.url('original.html'));
      clean = await seen(await harness.visit(site.url('copy-clean.html')));
      expect(clean.verdict).toBe('verbatim-copy');
      // The Pier Gazette's two pages carry the same text (the clobber test's page is the other one).
      expect([site.url('original.html'), site.url('clobber-browser.html')]).toContain(clean.origin);
      expect(clean.marks.length).toBeGreaterThan(0);
    });

    for (const name of Object.keys(HIDINGS)) {
      test(`a copy with words hidden by CSS between its words (${name}) is read as the reader sees it: a verbatim copy`, async () => {
        const page = await harness.visit(site.url(`hidden-words-${name}.html`));
        expect(page.state.status, page.state.message ?? '').toBe('done');
        const report = page.state.report!;
        expect(report.verdict).toBe('verbatim-copy');
        expect([site.url('original.html'), site.url('clobber-browser.html')]).toContain(report.origin?.url);
        // No hidden word reached the analysis (the evidence quotes the text as the reader sees it).
        expect(JSON.stringify(report)).not.toMatch(new RegExp(HIDDEN_WORDS.join('|')));
      });
    }

    test('a credit line the reader can see makes the copy credited; the same line hidden by the style sheet does not', async () => {
      const shown = await harness.visit(site.url('credit-shown.html'));
      expect(shown.state.status, shown.state.message ?? '').toBe('done');
      expect(shown.state.report!.credited).toBe(true);
      const hidden = await harness.visit(site.url('credit-hidden.html'));
      expect(hidden.state.status, hidden.state.message ?? '').toBe('done');
      expect(hidden.state.report!.verdict).toBe('verbatim-copy');
      expect(hidden.state.report!.credited).toBe(false);
    });

    test('a copy disguised with accents, small capitals, spaced letters and reversed words is a verbatim copy', async () => {
      const page = await harness.visit(site.url('disguised.html'));
      expect(page.state.status, page.state.message ?? '').toBe('done');
      const report = page.state.report!;
      expect(report.verdict).toBe('verbatim-copy');
      expect([site.url('original.html'), site.url('clobber-browser.html')]).toContain(report.origin?.url);
      expect(await harness.badge(page.tabId)).toBe(clean.badge);
    });

    for (const name of Object.keys(DOUBLE_CLOBBERS)) {
      test(`automatic checking reads a page that clobbers \`chrome\` and \`browser\` (${name}) as its clean twin`, async () => {
        const page = await harness.visit(site.url(`double-${name}.html`));
        expect(page.state.status, page.state.message ?? '').toBe('done');
        expect(page.state.analysed?.title).toMatch(/Port authority closes north pier/);
        expect(await seen(page)).toEqual(clean);
        await noTrace(page.tab);
      });
    }

    test('"Check this page" reads a page that clobbers `chrome` and `browser` (no automatic checking)', async () => {
      await harness.call('setSettings', { autoCheck: false });
      try {
        for (const name of ['form-controls', 'frames']) {
          const url = site.url(`double-${name}.html`);
          const tab = await driver.openPage(url);
          const tabId = await harness.tabIdOf(url);
          const state = await harness.checkWithButton(tabId, url);
          expect(state.status, state.message ?? '').toBe('done');
          const page = { tab, tabId, url, state, autoChecked: false };
          expect(await seen(page)).toEqual(clean);
          // The hover card opens as on a clean page. Its text is read through the extension's
          // `chrome.dom` in its isolated world, which the form variant leaves reachable (hung on
          // the form) and the frames variant does not: there the page-visible box is checked.
          if (name === 'form-controls') {
            const card = await openCard(harness, page, 'pl-mark');
            expect(PARAGRAPHS.some((p) => card.includes(p.slice(0, 60))), card).toBe(true);
          } else {
            await tab.evaluate(() => document.querySelector('pl-mark')?.scrollIntoView({ block: 'center' }));
            await tab.hover('pl-mark');
            await tab.waitFor(() => [...document.querySelectorAll('pl-card')].some((c) => getComputedStyle(c).display !== 'none' && getComputedStyle(c).visibility !== 'hidden' && c.getBoundingClientRect().height > 0), undefined, {
              timeoutMs: 8_000,
              message: 'hovering a mark showed no card',
            });
          }
          await noTrace(tab);
        }
      } finally {
        await harness.call('setSettings', { autoCheck: true });
      }
    });

    test('a nesting bomb is refused in bounded time and the page stays responsive', async () => {
      const started = Date.now();
      const page = await harness.visit(site.url('nesting-bomb.html'));
      expect(['not-article', 'error', 'done']).toContain(page.state.status);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await page.tab.evaluate(() => 1 + 1)).toBe(2);
    });

  });
}
