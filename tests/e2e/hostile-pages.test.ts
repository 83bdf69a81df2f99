/**
 * A few of the hostile pages (tests/dom/hostile/hostile-pages.ts) in real Chromium and Firefox,
 * where DOM clobbering is the browsers' own: the content script still reads a page that clobbers
 * `browser`; nothing that identifies the install is in the page; a nesting bomb is refused in
 * bounded time and the page stays responsive.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserSkipReason } from '../helpers/browser-binaries';
import { prepareTestExtension, type TestExtension } from '../helpers/extension-build';
import type { BrowserTab, ExtensionDriver } from '../helpers/extension-driver';
import { launchWithExtension } from '../helpers/launch-browser';
import { ExtensionHarness } from '../helpers/provenance-flows';
import { articlePage } from '../dom/hostile/hostile-pages';

/** The pages served, by path. */
function pages(): Record<string, string> {
  return {
    'original.html': articlePage(),
    'clobber-browser.html': articlePage({ before: '<form id="browser"><input name="runtime" id="id"><input name="id"></form>' }).replace(/Harbor authority/g, 'Port authority'),
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

    test('a nesting bomb is refused in bounded time and the page stays responsive', async () => {
      const started = Date.now();
      const page = await harness.visit(site.url('nesting-bomb.html'));
      expect(['not-article', 'error', 'done']).toContain(page.state.status);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(await page.tab.evaluate(() => 1 + 1)).toBe(2);
    });

  });
}
