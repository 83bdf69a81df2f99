/**
 * A right-to-left (Arabic) and a CJK (Chinese) story in real Chromium and Firefox: the pages of the
 * dom tier's language fixtures (tests/dom/languages/pages), each outlet on its own origin. The
 * undeclared scrape is called a verbatim copy of the original, the highlights sit on the page's own
 * words and cover the copied paragraphs, the card quotes the original, and the popup shows
 * the original's title in its own direction.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { browserSkipReason } from '../helpers/browser-binaries';
import { prepareTestExtension, type TestExtension } from '../helpers/extension-build';
import type { ExtensionDriver } from '../helpers/extension-driver';
import { launchWithExtension } from '../helpers/launch-browser';
import { ExtensionHarness, openCard, readPopup, waitForMarks } from '../helpers/provenance-flows';

const PAGES = join(import.meta.dirname, '../dom/languages/pages');
const LANGS = ['ar', 'zh'] as const;
const KINDS = ['original', 'copy'] as const;

/** Serves pages/<lang>/<kind>.html at http://<kind>-<lang>.localhost:PORT/news/ferry-terminal. */
function serve(): Promise<{ url: (lang: string, kind: string) => string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const m = /^(original|copy)-([a-z]{2})\.localhost/.exec(req.headers.host ?? '');
    let body: string | null = null;
    if (m && req.url === '/news/ferry-terminal') {
      try {
        body = readFileSync(join(PAGES, m[2], `${m[1]}.html`), 'utf8');
      } catch {
        body = null;
      }
    }
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: (lang, kind) => `http://${kind}-${lang}.localhost:${port}/news/ferry-terminal`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    }),
  );
}

/** Text of the page's paragraphs, in order. */
const paragraphsOf = (lang: string, kind: string) =>
  [...readFileSync(join(PAGES, lang, `${kind}.html`), 'utf8').matchAll(/<p>([^<]*)<\/p>/g)].map((m) => m[1].trim());
const squash = (s: string) => s.replace(/\s+/g, '');

for (const browserName of ['chromium', 'firefox'] as const) {
  const skip = browserSkipReason(browserName);
  describe.skipIf(!!skip)(`right-to-left and CJK pages in ${browserName}`, () => {
    let ext: TestExtension;
    let driver: ExtensionDriver;
    let harness: ExtensionHarness;
    let site: Awaited<ReturnType<typeof serve>>;

    beforeAll(async () => {
      site = await serve();
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

    for (const lang of LANGS) {
      test(`${lang}: the scrape is a verbatim copy, highlighted on the copied paragraphs, and the popup reads in the title's direction`, async () => {
        const original = await harness.visit(site.url(lang, KINDS[0]));
        expect(original.state.status, original.state.message ?? '').toBe('done');
        const copy = await harness.visit(site.url(lang, KINDS[1]));
        expect(copy.state.status, copy.state.message ?? '').toBe('done');
        const report = copy.state.report!;
        expect(report.article.lang).toBe(lang);
        expect(report.verdict).toBe('verbatim-copy');
        const originalTitle = original.state.report!.article.title;
        expect(report.directSource?.title).toBe(originalTitle);

        const popup = await harness.openPopup(copy.tabId, { settled: true });
        const view = await readPopup(popup);
        expect(view.verdict).toBe('verbatim-copy');
        expect(view.text).toContain(originalTitle);
        // The original's title is shown in its own direction: right to left for Arabic, left to right for Chinese.
        const direction = await popup.evaluate(
          (title: string) => {
            const a = [...document.querySelectorAll('a, span')].find((e) => (e.textContent ?? '').trim() === title);
            return a ? getComputedStyle(a).direction : null;
          },
          originalTitle,
        );
        expect(direction).toBe(lang === 'ar' ? 'rtl' : 'ltr');
        await popup.close();

        // Highlights: on the page's own words (whole characters of its paragraphs, nothing else of
        // the page), covering most of the copied paragraphs. The scraper's lead restates the
        // original's opening sentence, so it may carry a (paraphrase) mark too, as in every language.
        const marks = (await waitForMarks(copy.tab)).filter((m) => m.kind === 'reuse');
        expect(marks.length).toBeGreaterThan(0);
        const [lead, ...copied] = paragraphsOf(lang, 'copy');
        const copiedText = squash(copied.join(''));
        let marked = 0;
        for (const m of marks) {
          const text = squash(m.text);
          expect(squash(lead).includes(text) || copiedText.includes(text), `mark "${m.text}"`).toBe(true);
          if (copiedText.includes(text)) marked += text.length;
        }
        expect(marked / copiedText.length).toBeGreaterThan(0.5);

        // The card quotes the original: one of its paragraphs' sentences, in the original's words.
        const card = squash(await openCard(harness, copy, 'reuse'));
        const sentences = paragraphsOf(lang, 'original').flatMap((p) => p.split(/(?<=[.。!?؟])/u)).map(squash).filter((x) => x.length >= 10);
        expect(sentences.some((x) => card.includes(x)), `card: ${card.slice(0, 200)}`).toBe(true);
      });
    }
  });
}
