/**
 * End-to-end in Chromium (playwright-core): the built extension on the demo site, plus what only
 * Chromium can show, the service worker being stopped mid-session.
 */
import { expect, test } from 'vitest';
import { launchChromium, type ChromiumSession } from '../helpers/launch-chromium';
import { readPopup } from '../helpers/provenance-flows';
import { defineProvenanceSuite } from './provenance-suite';

defineProvenanceSuite({
  browser: 'chromium',
  launch: (ext) => launchChromium({ extensionDir: ext.dir }),
  extra: (ctx) => {
    test('stopping the service worker loses nothing: the popup still shows the report', async () => {
      const original = await ctx.visitRole('original');
      const rewrite = await ctx.visitRole('rewrite');
      const session = ctx.driver as ChromiumSession;
      expect(await session.stopServiceWorker()).toBe(true);

      const popup = await ctx.harness.openPopup(rewrite.tabId, { settled: true });
      const view = await readPopup(popup);
      expect(view.state).toBe('done');
      expect(view.verdict).toBe('paraphrased-copy');
      expect(view.originLinks.map((a) => a.href)).toContain(original.url);
      await popup.close();
      // The woken worker still knows the history: a new copy is matched to the original.
      const scrape = await ctx.visitRole('verbatim');
      expect(scrape.state.report?.origin?.url).toBe(original.url);
    });
  },
});
