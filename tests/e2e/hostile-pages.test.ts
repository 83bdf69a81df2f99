/**
 * A handful of the hostile pages (tests/dom/hostile/hostile-pages.ts) in real Chromium and Firefox,
 * where DOM clobbering, CSS hit-testing and script execution are the browsers' own: the content
 * script still reads pages that clobber `browser` and document/form members; no payload
 * runs; nothing that identifies the install is in the page; a nesting bomb is refused in bounded
 * time; and a page whose stylesheet blows its marks up to cover the screen does not get a hover
 * card where the pointer is not over the highlighted text.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserSkipReason } from '../helpers/browser-binaries';
import { prepareTestExtension, type TestExtension } from '../helpers/extension-build';
import type { BrowserTab, ExtensionDriver } from '../helpers/extension-driver';
import { launchChromium } from '../helpers/launch-chromium';
import { launchFirefox } from '../helpers/launch-firefox';
import { ExtensionHarness, openCard, waitForMarks } from '../helpers/provenance-flows';
import { articlePage, PARAGRAPHS, PAYLOADS, STYLE_ATTACK_CSS, TRIPWIRE } from '../dom/hostile/hostile-pages';

/** The pages served, by path. */
function pages(): Record<string, string> {
  const clobberAll = articlePage({
    before: [
      '<form id="browser"><input name="runtime" id="id"><input name="sendMessage"></form>',
      ...['body', 'documentElement', 'querySelectorAll', 'querySelector', 'getElementsByTagName', 'createElement', 'cloneNode', 'prerendering', 'visibilityState', 'addEventListener', 'defaultView', 'implementation', 'createTreeWalker', 'title']
        .map((n) => `<img name="${n}" src="data:,"><form name="${n}"></form>`),
      '<form id="page-form">',
    ].join(''),
    after: '</form>',
  }).replace('<article>', '<article><input type="hidden" name="nextSibling"><input type="hidden" name="parentNode"><input type="hidden" name="tagName"><input type="hidden" name="firstChild"><input type="hidden" name="nodeType"><input type="hidden" name="localName"><input type="hidden" name="insertBefore"><input type="hidden" name="replaceChild">');
  const bomb = '<div>'.repeat(3_000) + 'deep' + '</div>'.repeat(3_000);
  return {
    'original.html': articlePage(),
    'clobber-browser.html': articlePage({ before: '<form id="browser"><input name="runtime" id="id"><input name="id"></form>' }).replace(/Harbor authority/g, 'Port authority'),
    'clobber-all.html': clobberAll.replace(/Harbor authority/g, 'Dock authority'),
    'payloads.html': articlePage({
      title: `Harbor pier ${PAYLOADS[0]}`,
      byline: `Dana ${PAYLOADS[1]}`,
      paragraphs: PARAGRAPHS.map((p, i) => `${p} ${PAYLOADS[i % PAYLOADS.length]}`),
      jsonLd: { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: PAYLOADS[3], author: { '@type': 'Person', name: PAYLOADS[7] } },
    }),
    'nesting-bomb.html': articlePage({ before: bomb }),
    // The copy of the original with every style attack on the marks at once.
    'style-attack.html': articlePage({ head: `<style>${Object.values(STYLE_ATTACK_CSS).filter((c) => !c.startsWith('*')).join('\n')}</style>` }),
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
      driver =
        browserName === 'chromium'
          ? await launchChromium({ extensionDir: ext.dir })
          : await launchFirefox({ extensionDir: ext.dir, addonId: ext.manifest.browser_specific_settings!.gecko!.id! });
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

    test('a page that clobbers document and form members the script reads is still read, the same way', async () => {
      const page = await harness.visit(site.url('clobber-all.html'));
      // The clobbering is real in this browser's main world.
      expect(await page.tab.evaluate(() => typeof (document as any).querySelectorAll)).not.toBe('function');
      expect(page.state.status, page.state.message ?? '').toBe('done');
      expect(page.state.analysed?.title).toMatch(/Dock authority closes north pier/);
      expect(page.state.analysed?.wordCount).toBeGreaterThan(100);
      await noTrace(page.tab);
    });

    test('payloads in text, title, byline and JSON-LD never run, before or after highlights and cards', async () => {
      const page = await harness.visit(site.url('payloads.html'));
      expect(page.state.status, page.state.message ?? '').toBe('done');
      // It copies the original's text: open the popup (the gesture that draws history highlights).
      const popup = await harness.openPopup(page.tabId, { settled: true });
      await popup.close();
      await waitForMarks(page.tab);
      await openCard(harness, page, 'reuse');
      expect(await page.tab.evaluate((t: string) => (window as any)[t]?.calls ?? 0, TRIPWIRE)).toBe(0);
      await noTrace(page.tab);
    });

    test('a nesting bomb is refused in bounded time and the page stays responsive', async () => {
      const started = Date.now();
      const page = await harness.visit(site.url('nesting-bomb.html'));
      expect(['not-article', 'error', 'done']).toContain(page.state.status);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await page.tab.evaluate(() => 1 + 1)).toBe(2);
    });

    test('marks blown up by page CSS open no card where the pointer is off their text', async () => {
      const page = await harness.visit(site.url('style-attack.html'));
      const popup = await harness.openPopup(page.tabId, { settled: true });
      await popup.close();
      const marks = await waitForMarks(page.tab);
      expect(marks.length).toBeGreaterThan(0);
      await page.tab.bringToFront();
      // The page's CSS tried to make every mark (and its ::before) cover the viewport: the marks'
      // own box stays the size of their text.
      const box = await page.tab.evaluate(() => {
        const r = document.querySelector('pl-mark')!.getBoundingClientRect();
        return { w: r.width, h: r.height, vw: innerWidth, vh: innerHeight };
      });
      expect(box.h).toBeLessThan(box.vh / 4);
      // Points of the viewport away from any highlighted text.
      const spots = await page.tab.evaluate(() => {
        const texts = [...document.querySelectorAll('pl-mark')].flatMap((m) => {
          const r = document.createRange();
          r.selectNodeContents(m);
          return [...r.getClientRects()].map((x) => ({ l: x.left - 4, r: x.right + 4, t: x.top - 4, b: x.bottom + 4 }));
        });
        const out: Array<[number, number]> = [];
        for (const [x, y] of [[5, 5], [innerWidth - 5, 5], [5, innerHeight - 5], [innerWidth - 5, innerHeight - 5], [innerWidth / 2, 5]]) {
          if (!texts.some((t) => x >= t.l && x <= t.r && y >= t.t && y <= t.b)) out.push([x, y]);
        }
        return out;
      });
      expect(spots.length).toBeGreaterThan(0);
      for (const [x, y] of spots) {
        await page.tab.mouseMove(x, y);
        await new Promise((r) => setTimeout(r, 150));
        expect(await harness.cardText(page.tabId), `card opened with the pointer at ${x},${y}`).toBe('');
      }
      // Over the text itself the card opens as usual.
      expect(await openCard(harness, page, 'reuse')).toMatch(/Pier Gazette|earlier article|\w+/);
    });
  });
}
