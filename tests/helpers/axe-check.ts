/**
 * axe-core in the real browsers, on the extension's own pages and on the hover card, for the e2e
 * suite both browsers run (tests/e2e/provenance-suite.ts).
 *
 * Extension pages allow no inline script (their CSP is `script-src 'self'`), so axe's source is
 * not added as a <script>: its text is evaluated through the automation protocol (CDP
 * Runtime.evaluate in Chromium, BiDi script.evaluate in Firefox), which the page's CSP does not
 * govern, and axe itself needs no eval.
 *
 * The hover card is a `<pl-card>` whose shadow root is closed so that page script cannot read what
 * the reading history put in it; that stays as it is. Decision: axe runs where the extension
 * itself reaches the card, in the content script's isolated world. The test copy of the extension
 * carries axe-core as a packaged file (AXE_TEST_FILE, opt-in in prepareTestExtension), injected
 * with scripting.executeScript({files}): an MV3 isolated world refuses eval (the extension's CSP,
 * `script-src 'self'`, governs it in both browsers). axe walks shadow trees through
 * `element.shadowRoot`, so, for one run and in that world only, each open card's `shadowRoot` is
 * the root that the extension-only accessor returns (Chrome `chrome.dom.openOrClosedShadowRoot`,
 * Firefox `openOrClosedShadowRoot`). A property set there lives on the isolated world's wrapper
 * of the element (Chrome's per-world wrappers, Firefox's Xray expandos), so page script still
 * sees `shadowRoot === null`: the check asserts it from the page's world while axe holds the root.
 * Rejected: CDP DOM.getDocument({pierce}) reaches closed roots in Chromium only, and would have
 * meant handing the root to the page's own world; a page rebuilding the card from the render code
 * would check a copy, not the card the reader sees over a real article.
 */
import { readFileSync } from 'node:fs';
import { AXE_SOURCE_PATH, AXE_TEST_FILE } from './extension-build';
import type { BrowserTab } from './extension-driver';
import type { ExtensionHarness } from './provenance-flows';

/** One rule broken on one screen, with each offending node. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/** What one axe run on the hover card saw. */
export interface CardAxeResult {
  findings: AxeFinding[];
  /** Open cards whose closed shadow root was handed to axe. */
  cards: number;
  /** Rules that passed or failed at least one node inside a card's shadow tree (proof axe got in). */
  rulesInsideCard: string[];
  /** Whether page script could read a card's shadow root while axe had it. */
  pageSawRoot: boolean;
}

/**
 * Rules left out, each with a one-line reason (none is: a violation is fixed in the product, not
 * here).
 */
const DISABLED_RULES: Record<string, string> = {};

let axeSource: string | null = null;

/** Runs axe-core on the whole document of an extension page and returns its violations. */
export async function axeExtensionPage(tab: BrowserTab): Promise<AxeFinding[]> {
  const loaded = await tab.evaluate(() => typeof (globalThis as any).axe?.run === 'function');
  if (!loaded) await tab.evaluateSource((axeSource ??= readFileSync(AXE_SOURCE_PATH, 'utf8')));
  // No named helper functions inside evaluate callbacks (see readPopup in provenance-flows.ts).
  return tab.evaluate(async (disabled: string[]) => {
    const axe = (globalThis as any).axe;
    const rules = Object.fromEntries(disabled.map((id) => [id, { enabled: false }]));
    const res = await axe.run(document, { resultTypes: ['violations'], rules });
    return res.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n: any) => ({
        target: n.target.map((t: unknown) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' | '),
        summary: String(n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, Object.keys(DISABLED_RULES));
}

/**
 * Runs axe-core on the open hover card(s) of a tab and on the page's highlights, from the content
 * script's isolated world (the header says why there), and checks from the page's own world,
 * while the cards' roots are handed to axe, that page script still cannot read them. Needs a test
 * extension prepared `withAxe`. The functions run in the tab are written out in full inside each
 * evaluate: extension pages refuse to rebuild a function from its text.
 */
export async function axeHoverCard(harness: ExtensionHarness, page: { tab: BrowserTab; tabId: number }): Promise<CardAxeResult> {
  // 1. axe into the isolated world; each open card's `shadowRoot` there is its closed root.
  const cards = await harness.control.evaluate(
    async ({ id, file }) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      await api.scripting.executeScript({ target: { tabId: id }, files: [file] });
      const [res] = await api.scripting.executeScript({
        target: { tabId: id },
        func: () => {
          // Kept in the isolated world's global (not an attribute, which the page would see).
          const g = globalThis as any;
          g.plAxeCards = [];
          for (const c of document.querySelectorAll('pl-card')) {
            const root = g.chrome?.dom?.openOrClosedShadowRoot?.(c) ?? (c as any).openOrClosedShadowRoot ?? null;
            if (!root || getComputedStyle(c).display === 'none' || !(root.textContent ?? '').trim()) continue;
            Object.defineProperty(c, 'shadowRoot', { configurable: true, value: root });
            g.plAxeCards.push(c);
          }
          return g.plAxeCards.length;
        },
      });
      return Number(res?.result ?? 0);
    },
    { id: page.tabId, file: AXE_TEST_FILE },
  );
  try {
    // 2. Meanwhile, the page's own world sees no shadow root on any card.
    const pageSawRoot = await page.tab.evaluate(() => [...document.querySelectorAll('pl-card')].some((c) => c.shadowRoot !== null));
    // 3. axe in the isolated world: on the marks as the page lays them out, then on each card.
    // The card hangs from <html>, outside <body> (a page can neither clobber nor replace that
    // root, nor clip the card with its body's overflow), and axe's colour-contrast rule lays out
    // only what is under document.body: each card text would come back "unable to determine". So
    // while axe looks at a card, that world's `document.body` is the card. Contrast that still
    // cannot be determined counts as a finding: the card's colours must be checked, not skipped.
    const run = await harness.control.evaluate(
      async ({ id, disabled }) => {
        const api = (globalThis as any).browser ?? (globalThis as any).chrome;
        const [res] = await api.scripting.executeScript({
          target: { tabId: id },
          args: [disabled],
          func: async (off: string[]) => {
            const g = globalThis as any;
            const rules = Object.fromEntries(off.map((r) => [r, { enabled: false }]));
            const findings: any[] = [];
            const rulesInsideCard: string[] = [];
            const marks = [...document.querySelectorAll('pl-mark')];
            const runs: Array<{ include: Element[]; card: Element | null }> = [
              ...(marks.length ? [{ include: marks, card: null }] : []),
              ...g.plAxeCards.map((c: Element) => ({ include: [c], card: c })),
            ];
            for (const { include, card } of runs) {
              if (card) Object.defineProperty(document, 'body', { configurable: true, value: card });
              let r: any;
              try {
                r = await g.axe.run({ include }, { resultTypes: ['violations', 'incomplete'], rules });
              } finally {
                if (card) delete (document as any).body;
              }
              // Contrast axe could not work out is a finding, except for content of symbols alone
              // (messageKey nonBmp: the legend's glyph), which axe leaves out of text contrast by
              // design; the glyph's ink on its colour is asserted in tests/unit/shared/mark-legend.test.ts.
              const undetermined = (card ? r.incomplete.filter((v: any) => v.id === 'color-contrast') : [])
                .map((v: any) => ({ ...v, nodes: v.nodes.filter((n: any) => !n.any?.some((c: any) => c.data?.messageKey === 'nonBmp')) }))
                .filter((v: any) => v.nodes.length);
              for (const v of [...r.violations, ...undetermined.map((u: any) => ({ ...u, id: 'color-contrast (not determined)' }))]) {
                findings.push({
                  id: v.id,
                  impact: v.impact ?? null,
                  help: v.help,
                  nodes: v.nodes.map((n: any) => ({
                    target: n.target.map((t: unknown) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' | '),
                    summary: String(n.failureSummary ?? n.any?.map((c: any) => c.message).join('; ') ?? '').replace(/\s+/g, ' ').trim(),
                  })),
                });
              }
              if (card) {
                for (const v of [...r.violations, ...r.passes]) {
                  if (v.nodes.some((n: any) => Array.isArray(n.target[0]) && n.target[0][0] === 'pl-card')) rulesInsideCard.push(v.id);
                }
              }
            }
            return { findings, rulesInsideCard };
          },
        });
        return res?.result as { findings: AxeFinding[]; rulesInsideCard: string[] };
      },
      { id: page.tabId, disabled: Object.keys(DISABLED_RULES) },
    );
    return { ...run, cards, pageSawRoot };
  } finally {
    // 4. The isolated world's view of the cards back as it was.
    await harness.control.evaluate(async (id: number) => {
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      await api.scripting.executeScript({
        target: { tabId: id },
        func: () => {
          const g = globalThis as any;
          for (const c of g.plAxeCards ?? []) delete c.shadowRoot;
          g.plAxeCards = [];
        },
      });
    }, page.tabId);
  }
}

/** The violations of several screens as lines a failing test prints: rule, node, what to fix. */
export function describeFindings(byScreen: Record<string, AxeFinding[]>): string {
  const lines: string[] = [];
  for (const [screen, findings] of Object.entries(byScreen)) {
    for (const f of findings) {
      lines.push(`${screen}: ${f.id} (${f.impact ?? 'no impact'}) ${f.help}`);
      for (const n of f.nodes) lines.push(`    ${n.target}: ${n.summary}`);
    }
  }
  return lines.length ? `axe-core violations:\n${lines.join('\n')}` : 'no axe-core violation';
}
