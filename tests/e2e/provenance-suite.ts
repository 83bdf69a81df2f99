/**
 * The end-to-end scenario on the demo site, shared by chromium.test.ts and firefox.test.ts: the
 * built extension in a real browser reads the original, then copies of it, and must tell them
 * apart the way a reader would check by hand. Tests in a suite run in order and share one
 * browser, so the reading history grows as a reader's would.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { startDemoServer } from '../../demo/server.mjs';
import type { Report, Verdict } from '../../src/core/types';
import { browserSkipReason } from '../helpers/browser-binaries';
import { prepareTestExtension, REPO_ROOT, type TestExtension } from '../helpers/extension-build';
import type { BrowserTab, ExtensionDriver } from '../helpers/extension-driver';
import { SCREENSHOT_DIR } from '../helpers/screenshots';
import { axeExtensionPage, axeHoverCard, describeFindings, type AxeFinding } from '../helpers/axe-check';
import {
  cardIsOpen,
  ExtensionHarness,
  markSelector,
  openCard,
  readMarks,
  readPopup,
  RENDER_TIMEOUT_MS,
  waitForMarks,
  wordOverlap,
  words,
  type VisitedPage,
} from '../helpers/provenance-flows';


/** The size of the screenshots made for the store listings (docs/store/listing.md). */
const STORE_SIZE = { width: 1280, height: 800 };

/**
 * Before a screenshot of the popup opened in a tab at its own width: lifts popup.css's cap at the
 * toolbar popup's 600 px (inside which the body scrolls), so the shot shows as much of the popup as
 * the viewport holds, as scrolling it would, rather than 600 px and a blank below.
 */
const uncapPopup = (popup: BrowserTab) =>
  popup.evaluate(() => {
    document.documentElement.style.overflow = 'visible';
    document.body.style.maxHeight = 'none';
  });

/** Verdicts that say the page took someone else's text without saying so. */
const ACCUSING: Verdict[] = ['verbatim-copy', 'partial-copy', 'paraphrased-copy'];
/** Badges of those verdicts. */
const ACCUSING_BADGES = ['COPY', 'PART', 'REW'];

type DemoServer = Awaited<ReturnType<typeof startDemoServer>>;

/** Per-browser hooks of the suite. */
export interface SuiteOptions {
  browser: 'chromium' | 'firefox';
  launch: (ext: TestExtension) => Promise<ExtensionDriver>;
  /**
   * Stops the extension's background the way this browser does when idle (Chromium: the service
   * worker through CDP; Firefox: the event page suspended), and checks that it really stopped.
   */
  stopBackground: (ctx: SuiteContext) => Promise<void>;
}

/** What the per-browser hooks can reach. */
interface SuiteContext {
  get driver(): ExtensionDriver;
  get harness(): ExtensionHarness;
  get demo(): DemoServer;
  /** Pages visited so far, by demo role. */
  visited: Map<string, VisitedPage>;
  /** Visits a demo page once (later calls return the first visit). */
  visitRole(role: string): Promise<VisitedPage>;
}

/** Sentences of a text, split the simple way (enough to compare against a card's sentence). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z])/u)
    .map((s) => s.trim())
    .filter((s) => words(s).length >= 5);
}

/** Text of the article body of a demo page (its first container of paragraphs). */
function bodyText(tab: BrowserTab, selector: string): Promise<string> {
  return tab.evaluate((s: string) => {
    const el = document.querySelector(s);
    return el ? [...el.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n') : '';
  }, selector);
}

/** The report of a visited page (fails the test with the page state when there is none). */
function reportOf(page: VisitedPage): Report {
  expect(page.state.status, `state of ${page.url}: ${page.state.message ?? ''}`).toBe('done');
  expect(page.state.report).not.toBeNull();
  return page.state.report!;
}

/** Defines the whole e2e suite for one browser. */
export function defineProvenanceSuite(opts: SuiteOptions): void {
  const skip = browserSkipReason(opts.browser);
  if (skip) console.warn(`[e2e] ${opts.browser} tests skipped: ${skip}`);
  const shot = (name: string) => path.join(SCREENSHOT_DIR, `${opts.browser}-${name}.png`);

  describe.skipIf(!!skip)(`Provenance Lens in ${opts.browser} on the demo site`, () => {
    let ext: TestExtension;
    let demo: DemoServer;
    let driver: ExtensionDriver;
    let harness: ExtensionHarness;
    const visited = new Map<string, VisitedPage>();

    const ctx: SuiteContext = {
      get driver() {
        return driver;
      },
      get harness() {
        return harness;
      },
      get demo() {
        return demo;
      },
      visited,
      async visitRole(role) {
        const seen = visited.get(role);
        if (seen) return seen;
        const page = await harness.visit(demo.pageUrl(role as never));
        visited.set(role, page);
        return page;
      },
    };

    beforeAll(async () => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      ext = prepareTestExtension(opts.browser === 'chromium' ? 'chrome' : 'firefox', { withAxe: true });
      demo = await startDemoServer({ port: 0 });
      driver = await opts.launch(ext);
      harness = await ExtensionHarness.start(driver, ext.has);
      const how = await harness.enableAutoCheck();
      if (how !== 'options-switch') console.warn('[e2e] no automatic-checking switch in the options page: enabled by message');
    });

    afterAll(async () => {
      await driver?.close();
      await demo?.close();
      ext?.remove();
    });

    test('the original report is read and remembered (nothing earlier is known)', async () => {
      const original = await ctx.visitRole('original');
      const report = reportOf(original);
      expect(report.article.siteName).toBe('The Harbor Ledger');
      // Nothing in the page identifies the install (Firefox's moz-extension UUID is per install).
      const installId = new URL(driver.extensionBase).host;
      expect(await original.tab.evaluate(() => document.documentElement.outerHTML)).not.toContain(installId);
      expect(['no-match', 'original']).toContain(report.verdict);
      expect(ACCUSING_BADGES).not.toContain(await harness.badge(original.tabId));
    });

    test('the rewrite: badge REW, and the popup names the original and the verdict', async () => {
      const original = await ctx.visitRole('original');
      const rewrite = await ctx.visitRole('rewrite');
      const report = reportOf(rewrite);
      expect(report.verdict).toBe('paraphrased-copy');
      expect(report.origin?.url).toBe(original.url);
      expect(await harness.badge(rewrite.tabId)).toBe('REW');
      // Privacy decision (docs/architecture.md): findings from the reading history are drawn in
      // the page only after the user opens the popup, never on page load.
      expect(await readMarks(rewrite.tab)).toEqual([]);

      const popup = await harness.openPopup(rewrite.tabId, { settled: true });
      const view = await readPopup(popup);
      expect(view.state).toBe('done');
      expect(view.verdict).toBe('paraphrased-copy');
      expect(view.originLinks.map((a) => a.href)).toContain(original.url);
      expect(view.summary).toMatch(/Harbor Ledger/);
      expect(view.related.some((r) => r.relation === 'source' || r.relation === 'origin')).toBe(true);
      // The rewrite altered one figure of the original (demo/README.md): the popup quotes both.
      const changes = await popup.evaluate(() => [...document.querySelectorAll('#pl-changes .pl-change')].map((p) => p.textContent ?? ''));
      expect(changes).toContain('Number: the source says “four days”, this page “five days”');
      // The evidence export behind the popup's button: Web Annotations whose quotes are the page's
      // own words, each linked to the original.
      expect(await popup.evaluate(() => document.getElementById('pl-export-evidence')?.textContent)).toBe('Export evidence');
      const evidence = await harness.call<{ json: string; fileName: string }>('exportEvidence', { tabId: rewrite.tabId });
      expect(evidence.fileName).toMatch(/^provenance-lens-evidence-.+\.jsonld$/);
      const annotations = JSON.parse(evidence.json) as { items: Array<{ motivation: string; target: any; body: any[] }> };
      expect(annotations.items[0].target).toBe(rewrite.url);
      const linked = annotations.items.filter((a) => a.motivation === 'linking');
      expect(linked.length).toBeGreaterThan(0);
      const squash = (t: string) => t.replace(/\s+/g, ' ').trim();
      const pageText = squash(await bodyText(rewrite.tab, '.article-body'));
      for (const a of linked) {
        expect(pageText).toContain(squash(a.target.selector.exact));
        expect(a.body.some((b) => b.source === original.url)).toBe(true);
      }
      await popup.setViewport(420, 720);
      await uncapPopup(popup);
      await popup.screenshot(shot('popup'), { fullPage: true });
      await popup.close();
    });

    test('highlights appear on the rewrite once the popup was opened, and cards name the source sentence', async () => {
      const original = await ctx.visitRole('original');
      const rewrite = await ctx.visitRole('rewrite');
      if (!(await readMarks(rewrite.tab)).length) {
        const popup = await harness.openPopup(rewrite.tabId, { settled: true });
        await popup.close();
      }
      const marks = await waitForMarks(rewrite.tab);
      // The page learns only that a passage was found elsewhere; how it was reused is in the card.
      const reuse = marks.filter((m) => m.kind === 'reuse');
      expect(marks.every((m) => m.kind === 'reuse' || m.kind === 'claim')).toBe(true);
      expect(reuse.length).toBeGreaterThan(0);
      expect(marks.every((m) => m.tabindex === '0')).toBe(true);
      // Every highlighted stretch is text of the rewrite's story.
      const rewriteBody = await bodyText(rewrite.tab, '.article-body');
      for (const m of reuse) expect(wordOverlap(m.text, rewriteBody)).toBe(1);

      const card = await openCard(harness, rewrite, reuse[0].kind!);
      expect(card).toMatch(/Harbor Ledger/);
      const originalSentences = sentences(await bodyText(original.tab, '.story-body'));
      const best = Math.max(...originalSentences.map((s) => wordOverlap(s, card)));
      expect(best, `card text: ${card.slice(0, 300)}`).toBeGreaterThanOrEqual(0.9);
      // The sentence whose figure the rewrite altered says so in its card (demo/README.md).
      const changedId = await rewrite.tab.evaluate(() => [...document.querySelectorAll('pl-mark')].find((m) => m.textContent?.includes('five days'))?.getAttribute('data-pl-id') ?? null);
      expect(changedId).not.toBeNull();
      expect(await openCard(harness, rewrite, `pl-mark[data-pl-id="${changedId}"]`)).toContain('Number: the source says “four days”, this page “five days”');
      await rewrite.tab.bringToFront();
      await rewrite.tab.screenshot(shot('highlights'));
      // The stores' screenshot size (Chrome Web Store: 1280x800; addons.mozilla.org takes it too).
      await rewrite.tab.setViewport(STORE_SIZE.width, STORE_SIZE.height);
      await openCard(harness, rewrite, `pl-mark[data-pl-id="${changedId}"]`);
      await rewrite.tab.screenshot(shot('store-highlights'));
    });

    test('highlights are reachable with the keyboard: Tab focuses one and opens its card, Escape closes it', async () => {
      const rewrite = await ctx.visitRole('rewrite');
      await waitForMarks(rewrite.tab);
      await rewrite.tab.bringToFront();
      // Start from the top of the page, away from any card a previous test opened.
      await rewrite.tab.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await rewrite.tab.press('Escape');
      let onMark = false;
      for (let i = 0; i < 40 && !onMark; i++) {
        await rewrite.tab.press('Tab');
        onMark = await rewrite.tab.evaluate(() => document.activeElement?.tagName === 'PL-MARK');
      }
      expect(onMark).toBe(true);
      for (let i = 0; i < 30 && !(await cardIsOpen(harness, rewrite)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await cardIsOpen(harness, rewrite)).toBe(true);
      await rewrite.tab.press('Escape');
      for (let i = 0; i < 30 && (await cardIsOpen(harness, rewrite)); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await cardIsOpen(harness, rewrite), 'Escape did not close the card').toBe(false);
    });

    test('the popup links to the side-by-side view, which pairs the rewrite with the original', async () => {
      const original = await ctx.visitRole('original');
      const rewrite = await ctx.visitRole('rewrite');
      const popup = await harness.openPopup(rewrite.tabId, { settled: true });
      const href = await popup.evaluate(() => (document.querySelector('#pl-compare') as HTMLAnchorElement | null)?.href ?? null);
      await popup.close();
      expect(href).toBeTruthy();
      expect(href!.startsWith(driver.extensionBase)).toBe(true);
      const view = await driver.openExtensionPage(href!.slice(driver.extensionBase.length));
      await view.waitFor(() => document.body?.dataset.ready === '1', undefined, { timeoutMs: 15_000, message: 'side-by-side view never ready' });
      const text = await view.evaluate(() => (document.body.textContent ?? '').replace(/\s+/g, ' '));
      expect(await view.evaluate(() => document.body.dataset.state)).toBe('done');
      // Some sentence of each article is on the page.
      const has = (body: string) => sentences(body).some((s) => wordOverlap(s, text) === 1);
      expect(has(await bodyText(original.tab, '.story-body'))).toBe(true);
      expect(has(await bodyText(rewrite.tab, '.article-body'))).toBe(true);
      // The altered figure is marked in both columns ("five days" here, "four days" in the original).
      expect(await view.evaluate(() => [...document.querySelectorAll('tbody mark.pl-changed')].map((m) => m.textContent ?? ''))).toEqual(
        expect.arrayContaining(['changed number: five days', 'changed number: four days']),
      );
      await view.setViewport(1200, 900);
      await view.screenshot(shot('side-by-side'));
      await view.setViewport(STORE_SIZE.width, STORE_SIZE.height);
      await view.screenshot(shot('store-side-by-side'));
      await view.close();
    });

    test('the reader marks the verdict as wrong with the keyboard; after a reload the popup says so; one click undoes it', async () => {
      const rewrite = await ctx.visitRole('rewrite');
      const disputed = () => !!document.querySelector('#pl-dispute-verdict[data-disputed="true"]');
      let popup = await harness.openPopup(rewrite.tabId, { settled: true });
      expect(await popup.evaluate(disputed)).toBe(false);
      // Reached and pressed with the keyboard alone.
      await popup.bringToFront();
      await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      let onButton = false;
      for (let i = 0; i < 40 && !onButton; i++) {
        await popup.press('Tab');
        onButton = await popup.evaluate(() => document.activeElement?.id === 'pl-dispute-verdict-btn');
      }
      expect(onButton, 'Tab never reached "Mark this verdict as wrong"').toBe(true);
      await popup.press('Enter');
      await popup.waitFor(disputed, undefined, { timeoutMs: RENDER_TIMEOUT_MS, message: 'the verdict was not shown as disputed' });
      await popup.close();

      // The page reloaded is checked anew; its popup shows the dispute, the badge keeps the verdict.
      const before = (await harness.tabState(rewrite.tabId))?.updatedAt;
      await rewrite.tab.evaluate(() => void setTimeout(() => location.reload(), 0));
      let after = null as Awaited<ReturnType<typeof harness.tabState>>;
      for (let i = 0; i < 200; i++) {
        after = await harness.tabState(rewrite.tabId);
        if (after?.status === 'done' && after.updatedAt !== before) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(after?.status, 'the reloaded page was not checked again').toBe('done');
      expect(after?.updatedAt).not.toBe(before);
      expect(await harness.badge(rewrite.tabId)).toBe('REW');
      popup = await harness.openPopup(rewrite.tabId, { settled: true });
      expect(await popup.evaluate(disputed)).toBe(true);
      const note = await popup.evaluate(() => document.querySelector('#pl-dispute-verdict')?.textContent ?? '');
      expect(note).toMatch(/You marked this as wrong on .*2\d{3}/);
      expect((await readPopup(popup)).verdict).toBe('paraphrased-copy');
      // The evidence export carries the reader's mark beside the verdict.
      const evidence = JSON.parse((await harness.call<{ json: string }>('exportEvidence', { tabId: rewrite.tabId })).json);
      expect(evidence.items[0].disputedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      // Nothing of it reaches the page.
      expect(await rewrite.tab.evaluate(() => document.documentElement.outerHTML)).not.toMatch(/disput/i);
      await popup.setViewport(420, 720);
      await uncapPopup(popup);
      await popup.screenshot(shot('dispute'), { fullPage: true });

      await popup.click('#pl-dispute-verdict-btn'); // Undo
      await popup.waitFor(() => !document.querySelector('#pl-dispute-verdict[data-disputed]'), undefined, { timeoutMs: RENDER_TIMEOUT_MS, message: 'Undo did not take the mark back' });
      expect(await popup.evaluate(() => document.getElementById('pl-dispute-verdict-btn')?.textContent)).toBe('Mark this verdict as wrong');
      await popup.close();
      popup = await harness.openPopup(rewrite.tabId, { settled: true });
      expect(await popup.evaluate(disputed)).toBe(false);
      await popup.close();
      expect(JSON.parse((await harness.call<{ json: string }>('exportEvidence', { tabId: rewrite.tabId })).json).items[0].disputedAt).toBeUndefined();
    });

    test('reader comments under the rewrite do not reach the analysis', async () => {
      const rewrite = await ctx.visitRole('rewrite');
      const state = rewrite.state;
      const bodyWords = words(await bodyText(rewrite.tab, '.article-body')).length;
      const commentWords = words(await bodyText(rewrite.tab, '#comments')).length;
      expect(state.analysed).not.toBeNull();
      expect(state.analysed!.wordCount).toBeLessThanOrEqual(Math.ceil(bodyWords * 1.1));
      expect(state.analysed!.wordCount).toBeLessThan(bodyWords + commentWords / 2);
      // The first comment quotes a sentence of the original word for word: analysed, it would be
      // a verbatim passage and a highlight inside the comments.
      const commentText = await bodyText(rewrite.tab, '#comments');
      for (const p of reportOf(rewrite).passages) expect(commentText.includes(p.text)).toBe(false);
      expect((await readMarks(rewrite.tab)).filter((m) => m.insideComments)).toEqual([]);
    });

    test('the verbatim scrape is called a copy of the original', async () => {
      const original = await ctx.visitRole('original');
      const scrape = await ctx.visitRole('verbatim');
      const report = reportOf(scrape);
      expect(report.verdict).toBe('verbatim-copy');
      expect(report.origin?.url).toBe(original.url);
      expect(await harness.badge(scrape.tabId)).toBe('COPY');
      const popup = await harness.openPopup(scrape.tabId, { settled: true });
      const view = await readPopup(popup);
      expect(view.verdict).toBe('verbatim-copy');
      expect(view.originLinks.map((a) => a.href)).toContain(original.url);
      await popup.close();
    });

    test('the syndicated copy is not accused: it is a declared republication', async () => {
      await ctx.visitRole('original');
      const syn = await ctx.visitRole('syndicated');
      const report = reportOf(syn);
      expect(report.verdict).toBe('syndicated');
      expect(ACCUSING).not.toContain(report.verdict);
      expect(await harness.badge(syn.tabId)).toBe('SYN');
    });

    test('a licensed syndicated copy is not marked like a scrape: its own look and glyph, and the popup explains the marks', async () => {
      await ctx.visitRole('original');
      const syn = await ctx.visitRole('syndicated');
      const scrape = await ctx.visitRole('verbatim');
      for (const p of [syn, scrape]) {
        const popup = await harness.openPopup(p.tabId, { settled: true });
        await popup.close();
        await waitForMarks(p.tab, 'reuse');
      }
      const synLooks = (await harness.markLooks(syn.tabId)).filter((m) => m.look);
      const scrapeLooks = (await harness.markLooks(scrape.tabId)).filter((m) => /k-(copy|credited|rewrite)/.test(m.look));
      expect(synLooks.length).toBeGreaterThan(0);
      expect(scrapeLooks.length).toBeGreaterThan(0);
      // Word-for-word reuse: a declared syndication in blue with a dotted underline and a check mark,
      // the uncredited scrape in vermilion with a solid one and "=" (mark-legend.ts).
      const synReuse = synLooks.filter((m) => /k-(copy|credited|rewrite)/.test(m.look));
      expect(synReuse.every((m) => m.look.startsWith('m k-credited'))).toBe(true);
      expect(synReuse.every((m) => m.line === 'dotted')).toBe(true);
      expect(synReuse.map((m) => m.glyph)).toContain('✓');
      expect(scrapeLooks.every((m) => m.look.startsWith('m k-copy'))).toBe(true);
      expect(scrapeLooks.every((m) => m.line === 'solid')).toBe(true);
      expect(scrapeLooks.map((m) => m.glyph)).toContain('=');
      // The page sees the same mark in both: the kind of reuse comes from the reading history.
      const pageView = (t: BrowserTab) =>
        t.evaluate(() => {
          const m = document.querySelector('pl-mark[data-pl-kind="reuse"]')!;
          const cs = getComputedStyle(m);
          return { shadow: m.shadowRoot === null, bg: cs.backgroundColor, line: cs.textDecorationLine + ' ' + cs.textDecorationStyle, attrs: [...m.attributes].map((a) => a.name).sort() };
        });
      expect(await pageView(syn.tab)).toEqual(await pageView(scrape.tab));
      // The card names the credit in its first line.
      const card = await openCard(harness, syn, markSelector(synReuse.find((m) => m.glyph)!.id!));
      expect(card).toContain('Copied word for word, a declared syndication, from');
      expect(card).toContain('The Harbor Ledger');
      await syn.tab.bringToFront();
      await syn.tab.screenshot(shot('syndicated-highlights'));

      const popup = await harness.openPopup(syn.tabId, { settled: true });
      await popup.click('#pl-legend summary');
      const legend = await popup.evaluate(() => ({
        open: (document.querySelector('#pl-legend') as HTMLDetailsElement).open,
        items: [...document.querySelectorAll('#pl-legend li')].map((li) => ({ style: li.getAttribute('data-mark-style'), text: (li.textContent ?? '').trim() })),
      }));
      expect(legend.open).toBe(true);
      expect(legend.items.map((i) => i.style)).toEqual(['copy', 'rewrite', 'credited', 'quotation', 'claim']);
      expect(legend.items.find((i) => i.style === 'credited')!.text).toMatch(/credit/);
      await popup.setViewport(420, 720);
      await uncapPopup(popup);
      await popup.evaluate(() => document.querySelector('#pl-legend')?.scrollIntoView({ block: 'center' }));
      await popup.screenshot(shot('legend'));
      await popup.close();
    });

    test('the credited excerpt is recognised as quoting with credit', async () => {
      const original = await ctx.visitRole('original');
      const excerpt = await ctx.visitRole('credited');
      const report = reportOf(excerpt);
      expect(report.verdict).toBe('credited-excerpt');
      expect(report.credited).toBe(true);
      const source = report.related.find((r) => r.url === original.url);
      expect(source?.credited).toBe(true);
      expect(['credited-source', 'origin']).toContain(source?.relation);
      expect(await harness.badge(excerpt.tabId)).toBe('CRED');
    });

    test('the independent report of the same event is not accused', async () => {
      await ctx.visitRole('original');
      const independent = await ctx.visitRole('independent');
      const report = reportOf(independent);
      expect(ACCUSING).not.toContain(report.verdict);
      expect(['same-story', 'no-match', 'original']).toContain(report.verdict);
      expect(ACCUSING_BADGES).not.toContain(await harness.badge(independent.tabId));
      expect(report.passages.filter((p) => p.kind !== 'quote')).toEqual([]);
    });

    test("the popup's timeline lists the story's versions in time order with their relations, this page marked, and opens side by side", async () => {
      // Every version of the demo story read so far (demo/README.md gives the outlets and times).
      const roles = ['original', 'verbatim', 'independent', 'rewrite', 'syndicated', 'credited'];
      for (const role of roles) await ctx.visitRole(role);
      const rewrite = await harness.visit(`${demo.pageUrl('rewrite')}#timeline`);
      expect(reportOf(rewrite).verdict).toBe('paraphrased-copy');
      const popup = await harness.openPopup(rewrite.tabId, { settled: true });
      // Collapsed under the verdict; the keyboard reaches its summary and Enter opens it.
      expect(await popup.evaluate(() => (document.getElementById('pl-timeline') as HTMLDetailsElement | null)?.open)).toBe(false);
      let onSummary = false;
      for (let i = 0; i < 20 && !onSummary; i++) {
        await popup.press('Tab');
        onSummary = await popup.evaluate(() => document.activeElement?.matches('#pl-timeline > summary') ?? false);
      }
      expect(onSummary, 'Tab never reached the timeline').toBe(true);
      await popup.press('Enter');
      expect(await popup.evaluate(() => (document.getElementById('pl-timeline') as HTMLDetailsElement).open)).toBe(true);

      const entries = await popup.evaluate(() =>
        [...document.querySelectorAll('#pl-timeline-list > li')].map((li) => ({
          url: li.getAttribute('data-url'),
          time: li.querySelector('time')?.getAttribute('datetime') ?? null,
          outlet: li.querySelector('.pl-tl-outlet')?.textContent ?? '',
          relation: li.querySelector('.pl-tl-relation')?.textContent ?? '',
          from: (li.querySelector('.pl-tl-from')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
          current: li.getAttribute('aria-current') === 'true',
          compare: (li.querySelector('a.pl-tl-compare') as HTMLAnchorElement | null)?.href ?? null,
        })),
      );
      // In the demo's publication order, each with the relation a reader would give it.
      expect(entries.map((e) => e.url)).toEqual(roles.map((r) => demo.pageUrl(r as never)));
      const times = entries.map((e) => Date.parse(e.time!));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(entries.map((e) => [e.outlet, e.relation])).toEqual([
        ['The Harbor Ledger', 'Original'],
        ['Coast Digest', 'Copy'],
        ['Coastal Public Radio', 'Independent'],
        ['Northshore Now', 'Rewrite'],
        ['Valley Courier', 'Syndicated'],
        ['Bayside Observer', 'Excerpt'],
      ]);
      expect(entries.map((e) => e.from)).toEqual([
        '',
        'word-for-word copy of The Harbor Ledger · no credit given',
        '',
        'rewrite of The Harbor Ledger · no credit given',
        'declared syndication of The Harbor Ledger · credits it',
        'credited excerpt of The Harbor Ledger · credits it',
      ]);
      expect(entries.map((e) => e.current)).toEqual([false, false, false, true, false, false]);
      expect(entries[3].compare).toBeNull();
      // Who derived from whom: the four copies under the original, the radio report on its own.
      const tree = await popup.evaluate(() =>
        [...document.querySelectorAll('#pl-tl-tree > li')].map((li) => [li.querySelector(':scope > bdi')?.textContent, li.querySelectorAll(':scope > ul > li').length]),
      );
      expect(tree).toEqual([['The Harbor Ledger', 4], ['Coastal Public Radio', 0]]);

      await popup.setViewport(420, 720);
      await uncapPopup(popup);
      await popup.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        document.getElementById('pl-timeline')!.scrollIntoView({ block: 'start' });
      });
      await popup.screenshot(shot('timeline'));
      await popup.close();

      // The original's entry opens the side-by-side view of this page and the original.
      const href = entries[0].compare!;
      expect(href.startsWith(driver.extensionBase)).toBe(true);
      const view = await driver.openExtensionPage(href.slice(driver.extensionBase.length));
      await view.waitFor(() => document.body?.dataset.ready === '1', undefined, { timeoutMs: 15_000, message: 'side-by-side view never ready' });
      expect(await view.evaluate(() => document.body.dataset.state)).toBe('done');
      const viewText = await view.evaluate(() => (document.body.textContent ?? '').replace(/\s+/g, ' '));
      expect(viewText).toContain('The Harbor Ledger');
      expect(viewText).toContain('Northshore Now');
      await view.close();
      await rewrite.tab.close();
    });

    test('a single-page app: after an in-place navigation the old findings go and the new article is checked', async () => {
      await ctx.visitRole('original');
      const reader = await harness.visit(demo.pageUrl('spaReader'));
      expect(reportOf(reader).verdict).toBe('verbatim-copy');
      const popup = await harness.openPopup(reader.tabId, { settled: true });
      await popup.close();
      await waitForMarks(reader.tab);

      await reader.tab.bringToFront();
      await reader.tab.click('#next-story'); // pushState + swap, no page load
      const nextUrl = demo.pageUrl('spaNext');
      await reader.tab.waitFor((u: string) => location.href === u, nextUrl, { timeoutMs: 5_000, message: 'the reader did not navigate' });
      const state = await harness.waitForSettled(reader.tabId, nextUrl);
      expect(state, 'the new article was never checked').not.toBeNull();
      expect(state!.status).toBe('done');
      expect(state!.analysed?.title).toMatch(/Ferry fares/);
      expect(ACCUSING).not.toContain(state!.report!.verdict);
      expect(ACCUSING_BADGES).not.toContain(await harness.badge(reader.tabId));
      // The seawall highlights belonged to the previous article.
      const reuse = (await readMarks(reader.tab)).filter((m) => m.kind !== 'claim');
      expect(reuse).toEqual([]);
      await reader.tab.close();
    });

    test('the background being stopped loses nothing: the popup still shows the report', async () => {
      const original = await ctx.visitRole('original');
      const rewrite = await ctx.visitRole('rewrite');
      await opts.stopBackground(ctx);

      const popup = await ctx.harness.openPopup(rewrite.tabId, { settled: true });
      const view = await readPopup(popup);
      expect(view.state).toBe('done');
      expect(view.verdict).toBe('paraphrased-copy');
      expect(view.originLinks.map((a) => a.href)).toContain(original.url);
      await popup.close();
      // The woken background still knows the history: a new copy is matched to the original.
      const scrape = await ctx.visitRole('verbatim');
      expect(scrape.state.report?.origin?.url).toBe(original.url);
    });

    test('a feed served locally, once subscribed in the options page, is listed there with its status', async () => {
      const feedUrl = demo.feedUrl('claims.json');
      const feedClaims = JSON.parse(readFileSync(path.join(REPO_ROOT, 'demo/feeds/claims.json'), 'utf8')).dataFeedElement.length;
      const options = await driver.openExtensionPage('options.html');
      await options.waitFor(() => document.body?.dataset.ready === '1', undefined, {
        timeoutMs: 15_000,
        message: 'options page never set data-ready',
      });
      await options.fill('#pl-feed-url', feedUrl);
      await options.fill('#pl-feed-kind', 'claimreview');
      await options.click('#pl-feed-form [type="submit"]');
      await options
        .waitFor((u: string) => [...document.querySelectorAll('#pl-feeds li')].some((li) => (li.textContent ?? '').includes(u)), feedUrl, {
          timeoutMs: 15_000,
          message: 'the options page does not list the subscribed feed',
        })
        .catch(async (err) => {
          const seen = await options.evaluate(() => ({
            field: (document.querySelector('#pl-feed-url') as HTMLInputElement | null)?.value,
            error: document.querySelector('#pl-feed-error')?.textContent,
            feeds: document.querySelector('#pl-feeds')?.textContent,
          }));
          throw new Error(`${(err as Error).message}; page shows ${JSON.stringify(seen)}`);
        });
      const item = await options.evaluate((u: string) => {
        const li = [...document.querySelectorAll('#pl-feeds li')].find((l) => (l.textContent ?? '').includes(u))!;
        return { state: li.getAttribute('data-feed-state'), text: (li as HTMLElement).innerText };
      }, feedUrl);
      expect(item.state).toBe('ok');
      // The entry shows its record count.
      expect(item.text).toMatch(new RegExp(`\\b${feedClaims}\\b`));
      const feeds = await harness.call<Array<{ url: string; records: number; lastError: string | null; lastUpdate: string | null }>>('listFeeds', {});
      const feed = feeds.find((f) => f.url === feedUrl);
      expect(feed?.records).toBe(feedClaims);
      expect(feed?.lastError).toBeNull();
      expect(feed?.lastUpdate).not.toBeNull();
      await options.setViewport(900, 900);
      await options.screenshot(shot('options'), { fullPage: true });
      await options.close();
    });

    test('a feed whose address redirects is refused, and the redirect target is never requested', async () => {
      // In a real extension worker `redirect: 'manual'` gives an opaque redirect (Location hidden):
      // the feed manager must refuse it without the browser requesting the target.
      const { createServer } = await import('node:http');
      const requested: string[] = [];
      const server = createServer((req, res) => {
        requested.push(req.url ?? '');
        if (req.url === '/feed.json') res.writeHead(302, { location: '/target.json' }).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(path.join(REPO_ROOT, 'demo/feeds/claims.json')));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      try {
        const port = (server.address() as { port: number }).port;
        const status = await harness.call<{ lastError: string | null; records: number }>('subscribeFeed', { url: `http://127.0.0.1:${port}/feed.json`, kind: 'claimreview', publicKey: null });
        expect(status.lastError).toMatch(/redirects/);
        expect(status.records).toBe(0);
        expect(requested).toEqual(['/feed.json']);
      } finally {
        server.close();
      }
    });

    test('a page repeating a fact-checked claim shows the claim highlight and the popup entry', async () => {
      // The claims come from the feed subscribed above: harvesting ClaimReview from visited
      // fact-check pages takes only https pages of public sites, which the local demo is not.
      const repeat = await ctx.visitRole('claimRepeat');
      const report = reportOf(repeat);
      expect(report.claims.length).toBeGreaterThan(0);
      expect(report.claims.some((c) => /40 percent/.test(c.claim.claimReviewed))).toBe(true);
      expect(report.claims.some((c) => /storm drain/i.test(c.claim.claimReviewed))).toBe(true);
      // Claims alone never accuse the page of copying.
      expect(ACCUSING).not.toContain(report.verdict);

      // Warnings first (the priority rule of src/shared/verdict-view.ts): the badge is "!", not the
      // verdict's text, and its tooltip names both.
      expect(await harness.badge(repeat.tabId)).toBe('!');
      expect(await harness.badgeTitle(repeat.tabId)).toMatch(/^Provenance Lens: repeats 2 claims fact-checkers rated false or misleading; provenance: /);

      const popup = await harness.openPopup(repeat.tabId, { settled: true });
      const view = await readPopup(popup);
      expect(view.claims.length).toBeGreaterThan(0);
      expect(view.claims.join(' ')).toMatch(/False/);
      // The popup's first screen, at the size of the toolbar popup, opens with both warnings, each
      // quoting the page's sentence with its rating, reviewer and a link to the review, and the
      // verdict right below; all of it without scrolling.
      await popup.setViewport(400, 600);
      const first = await popup.evaluate(() => {
        const vh = window.innerHeight;
        const seen = (el: Element | null) => !!el && el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= vh;
        const items = [...document.querySelectorAll('#pl-warnings li')];
        return {
          firstChild: document.getElementById('pl-app')?.firstElementChild?.id ?? null,
          scrolled: window.scrollY + (document.scrollingElement?.scrollTop ?? 0) + document.body.scrollTop,
          items: items.map((li) => ({ text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(), href: li.querySelector('a')?.getAttribute('href') ?? null, visible: seen(li) })),
          verdictVisible: seen(document.getElementById('pl-verdict')),
        };
      });
      expect(first.firstChild).toBe('pl-warnings');
      expect(first.scrolled).toBe(0);
      expect(first.items).toHaveLength(2);
      const repeatText = await bodyText(repeat.tab, 'article');
      for (const item of first.items) {
        expect(item.visible, item.text).toBe(true);
        expect(item.text).toMatch(/Rated (False|Mostly false)/);
        expect(item.href).toMatch(/^https:\/\//);
        // The quote is the page's own sentence.
        expect(wordOverlap(item.text.split(/Rated /)[0], repeatText)).toBe(1);
      }
      expect(first.items.map((i) => i.text).join(' ')).toMatch(/by ClaimCheck Northwest/);
      expect(first.verdictVisible).toBe(true);
      await popup.screenshot(shot('warnings'));
      await popup.close();

      const marks = await waitForMarks(repeat.tab, 'claim');
      const claimMarks = marks.filter((m) => m.kind === 'claim');
      const taxMark = claimMarks.find((m) => /40 percent/.test(m.text));
      expect(taxMark).toBeDefined();
      const card = await openCard(harness, repeat, markSelector(taxMark!.id!));
      expect(card).toMatch(/\bFalse\b/);
      expect(card).toMatch(/ClaimCheck Northwest/);
      const feed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'demo/feeds/claims.json'), 'utf8'));
      const reviewed: string[] = feed.dataFeedElement.flatMap((e: { item: Array<{ claimReviewed: string }> }) => e.item.map((i) => i.claimReviewed));
      const taxClaim = reviewed.find((c) => /40 percent/.test(c))!;
      expect(wordOverlap(taxClaim, card), `card text: ${card}`).toBeGreaterThanOrEqual(0.9);
      await repeat.tab.screenshot(shot('claims'));
    });

    test('a claim warning marked as wrong in the popup leaves the page\'s highlights; Undo draws it again', async () => {
      const repeat = await ctx.visitRole('claimRepeat');
      const report = reportOf(repeat);
      const index = report.claims.findIndex((c) => /40 percent/.test(c.claim.claimReviewed) && (c.stance ?? 'repeats') === 'repeats');
      expect(index).toBeGreaterThanOrEqual(0);
      const taxMarked = () => [...document.querySelectorAll('pl-mark[data-pl-kind="claim"]')].some((m) => /40 percent/.test(m.textContent ?? ''));
      const popup = await harness.openPopup(repeat.tabId, { settled: true });
      await repeat.tab.waitFor(taxMarked, undefined, { timeoutMs: RENDER_TIMEOUT_MS, message: 'the claim warning was never highlighted' });
      const button = `#pl-dispute-claim-${index}-btn`;
      expect(await popup.evaluate((s: string) => document.querySelector(s)?.textContent, button)).toBe('Mark this warning as wrong');
      await popup.click(button);
      await popup.waitFor((i: number) => !!document.querySelector(`#pl-dispute-claim-${i}[data-disputed="true"]`), index, { timeoutMs: RENDER_TIMEOUT_MS, message: 'the warning was not shown as disputed' });
      await repeat.tab.waitFor(() => ![...document.querySelectorAll('pl-mark[data-pl-kind="claim"]')].some((m) => /40 percent/.test(m.textContent ?? '')), undefined, {
        timeoutMs: RENDER_TIMEOUT_MS,
        message: 'the disputed warning is still highlighted',
      });
      // The other warning stays highlighted, and nothing in the page mentions the dispute.
      expect((await readMarks(repeat.tab)).some((m) => m.kind === 'claim' && /storm drain/i.test(m.text))).toBe(true);
      expect(await repeat.tab.evaluate(() => document.documentElement.outerHTML)).not.toMatch(/disput/i);
      await popup.click(button); // Undo
      await repeat.tab.waitFor(taxMarked, undefined, { timeoutMs: RENDER_TIMEOUT_MS, message: 'Undo did not draw the warning again' });
      expect(await popup.evaluate((i: number) => !!document.querySelector(`#pl-dispute-claim-${i}[data-disputed]`), index)).toBe(false);
      await popup.close();
    });

    for (const scheme of ['light', 'dark'] as const) {
      test(`axe-core finds no violation in ${scheme} mode: popup (verdict and evidence, claim warnings, timeline, legend), options, side by side, hover cards`, async () => {
        // The claim warnings need the demo feed (subscribed by the options test above; again here
        // when this test runs alone).
        const feedUrl = demo.feedUrl('claims.json');
        const feeds = await harness.call<Array<{ url: string }>>('listFeeds', {});
        if (!feeds.some((f) => f.url === feedUrl)) await harness.call('subscribeFeed', { url: feedUrl, kind: 'claimreview', publicKey: null });
        await ctx.visitRole('original');
        const rewrite = await ctx.visitRole('rewrite');
        const repeat = await ctx.visitRole('claimRepeat');
        const found: Record<string, AxeFinding[]> = {};
        // Each screen is checked in the scheme asked for, or the run says it was not.
        const inScheme = async (tab: BrowserTab, screen: string) => {
          const dark = await tab.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
          expect(dark, `${screen} is not in ${scheme} mode`).toBe(scheme === 'dark');
        };
        const check = async (tab: BrowserTab, screen: string) => {
          await inScheme(tab, screen);
          found[screen] = await axeExtensionPage(tab);
        };
        await driver.setColorScheme(scheme);
        try {
          let popup = await harness.openPopup(rewrite.tabId, { settled: true });
          expect((await readPopup(popup)).verdict).toBe('paraphrased-copy');
          await check(popup, 'popup with a copy verdict and its evidence');
          await popup.click('#pl-timeline > summary');
          expect(await popup.evaluate(() => (document.getElementById('pl-timeline') as HTMLDetailsElement | null)?.open)).toBe(true);
          await check(popup, 'popup with the timeline open');
          await popup.click('#pl-legend > summary');
          expect(await popup.evaluate(() => (document.getElementById('pl-legend') as HTMLDetailsElement | null)?.open)).toBe(true);
          await check(popup, "popup with the marks' legend open");
          const compare = await popup.evaluate(() => (document.querySelector('#pl-compare') as HTMLAnchorElement | null)?.href ?? null);
          await popup.close();
          expect(compare?.startsWith(driver.extensionBase)).toBe(true);
          const view = await driver.openExtensionPage(compare!.slice(driver.extensionBase.length));
          await view.waitFor(() => document.body?.dataset.state === 'done', undefined, { timeoutMs: RENDER_TIMEOUT_MS, message: 'side-by-side view never done' });
          await check(view, 'side-by-side view');
          await view.close();

          popup = await harness.openPopup(repeat.tabId, { settled: true });
          expect(await popup.evaluate(() => document.querySelectorAll('#pl-warnings li').length)).toBeGreaterThan(0);
          await check(popup, 'popup with claim warnings');
          await popup.close();

          const options = await driver.openExtensionPage('options.html');
          await options.waitFor(() => document.body?.dataset.ready === '1', undefined, { timeoutMs: RENDER_TIMEOUT_MS, message: 'options page never ready' });
          await check(options, 'options page');
          await options.close();

          // The hover cards over the articles: one of reuse, one of a claim (see axeHoverCard).
          for (const [page, kind] of [[rewrite, 'reuse'], [repeat, 'claim']] as const) {
            await waitForMarks(page.tab, kind);
            await page.tab.bringToFront();
            await page.tab.press('Escape');
            // A card opens on the pointer entering or focus arriving: start from neither.
            await page.tab.mouseMove(1, 1);
            await page.tab.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
            expect(await openCard(harness, page, kind)).not.toBe('');
            await inScheme(page.tab, `${kind} hover card`);
            const card = await axeHoverCard(harness, page);
            expect(card.cards, `no open ${kind} card was checked`).toBe(1);
            expect(card.pageSawRoot, 'the page could read the card while axe ran').toBe(false);
            expect(card.rulesInsideCard, 'axe did not reach into the card').toEqual(expect.arrayContaining(['color-contrast']));
            found[`${kind} hover card and highlights`] = card.findings;
            await page.tab.press('Escape');
          }
        } finally {
          await driver.setColorScheme('light');
        }
        // Printed as text, so a failure lists each rule, node and what to fix.
        expect(describeFindings(found)).toBe('no axe-core violation');
        expect(Object.keys(found)).toHaveLength(8);
      });
    }

    test('a page debunking a fact-checked claim gets no "False" warning: no claim highlight, no "!", the popup says it calls the claim false', async () => {
      // Same feed as above: the property-tax claim is rated False; this news report says it is.
      const debunk = await ctx.visitRole('debunk');
      const report = reportOf(debunk);
      const tax = report.claims.find((c) => /40 percent/.test(c.claim.claimReviewed));
      expect(tax, 'the debunked claim is still recognised').toBeDefined();
      expect(tax!.stance).toBe('refutes');
      expect(report.claims.filter((c) => c.stance === 'repeats')).toEqual([]);
      expect(await harness.badge(debunk.tabId)).not.toBe('!');

      const popup = await harness.openPopup(debunk.tabId, { settled: true });
      const view = await readPopup(popup);
      expect(view.claims.length).toBe(report.claims.length);
      for (const item of view.claims) {
        expect(item).toMatch(/Says it is false/);
        expect(item).not.toMatch(/Rated: False/);
      }
      await popup.close();
      // Highlights were sent when the check finished and the popup opened; none may be a claim.
      const marks = await readMarks(debunk.tab);
      expect(marks.filter((m) => m.kind === 'claim')).toEqual([]);
      await debunk.tab.close();
    });

    test("the fact-checker's own page is not flagged for the claim it reviews (it says the claim is false)", async () => {
      const check = await ctx.visitRole('factCheck');
      const report = reportOf(check);
      expect(report.claims.some((c) => /40 percent/.test(c.claim.claimReviewed)), 'the reviewed claim is recognised').toBe(true);
      expect(report.claims.filter((c) => c.stance === 'repeats')).toEqual([]);
      expect(await harness.badge(check.tabId)).not.toBe('!');
      expect((await readMarks(check.tab)).filter((m) => m.kind === 'claim')).toEqual([]);
      await check.tab.close();
    });

    test('once copies are known, the original is named the original and lists them', async () => {
      const original = await ctx.visitRole('original');
      await ctx.visitRole('rewrite');
      await ctx.visitRole('verbatim');
      const again = await harness.visit(`${original.url}#read-again`);
      const report = reportOf(again);
      expect(report.verdict).toBe('original');
      expect(await harness.badge(again.tabId)).toBe('ORIG');
      const derivatives = report.related.filter((r) => r.relation === 'derivative').map((r) => r.url);
      expect(derivatives).toEqual(expect.arrayContaining([demo.pageUrl('rewrite'), demo.pageUrl('verbatim')]));
      await again.tab.close();
    });

    test('a scrape backdated to 1999 does not turn the original badge into a copy badge', async () => {
      const original = await ctx.visitRole('original');
      // Pages that credit or declare the original are known (as on any reader's history).
      await ctx.visitRole('syndicated');
      await ctx.visitRole('credited');
      const scrape = await harness.visit(demo.pageUrl('backdated'));
      const scrapeReport = reportOf(scrape);
      // The scrape may share the original's text, but it is not the original, and no one is accused on its date.
      expect(scrapeReport.verdict).not.toBe('original');
      expect(scrapeReport.directSource?.url ?? original.url).toBe(original.url);
      const again = await harness.visit(`${original.url}#after-backdated`);
      const report = reportOf(again);
      expect(report.verdict).toBe('original');
      expect(ACCUSING_BADGES).not.toContain(await harness.badge(again.tabId));
      expect(report.related.find((r) => r.url === scrape.url)?.evidence.join(' ')).toMatch(/dates contested/);
      await again.tab.close();
      await scrape.tab.close();
    });

    test('a non-article page is said to be one and nothing is analysed', async () => {
      const front = await ctx.visitRole('nonArticle');
      expect(front.state.status).toBe('not-article');
      expect(front.state.report).toBeNull();
      expect(await harness.badge(front.tabId)).toBe('');
      const popup = await harness.openPopup(front.tabId, { settled: true });
      expect((await readPopup(popup)).state).toBe('not-article');
      await popup.close();
    });

    test('with automatic checking off, "Check this page" in the popup reads the page', async () => {
      await harness.call('setSettings', { autoCheck: false });
      try {
        const url = `${demo.pageUrl('verbatim')}#checked-by-hand`;
        const tab = await driver.openPage(url);
        const tabId = await harness.tabIdOf(url);
        // Nothing runs on its own: the page is read only when the user asks.
        expect(await harness.waitForSettled(tabId, url, 1_500)).toBeNull();
        const state = await harness.checkWithButton(tabId, url);
        expect(state.status).toBe('done');
        expect(state.report?.verdict).toBe('verbatim-copy');
        expect(await harness.badge(tabId)).toBe('COPY');
        await tab.close();
      } finally {
        await harness.call('setSettings', { autoCheck: true });
      }
    });

    test('"Delete all local data" in the options page forgets the reading history, claims and feeds', async () => {
      const options = await driver.openExtensionPage('options.html');
      await options.waitFor(() => document.body?.dataset.ready === '1', undefined, { timeoutMs: 15_000, message: 'options page never ready' });
      await options.click('#pl-delete'); // arms the button and shows the warning
      expect(await options.evaluate(() => (document.querySelector('#pl-delete-confirm') as HTMLElement).hidden)).toBe(false);
      await options.click('#pl-delete'); // confirms
      const summary = async () => harness.call<{ articles: number; claims: number; feeds: number }>('getStorageSummary', {});
      for (let i = 0; i < 50 && (await summary()).articles > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await summary()).toMatchObject({ articles: 0, claims: 0, feeds: 0 });
      await options.close();

      // The rewrite read again has nothing to be compared with.
      const again = await harness.visit(`${demo.pageUrl('rewrite')}#after-delete`);
      const report = reportOf(again);
      expect(ACCUSING).not.toContain(report.verdict);
      expect(report.origin).toBeNull();
      expect(report.claims).toEqual([]);
      await again.tab.close();
    });
  });
}
