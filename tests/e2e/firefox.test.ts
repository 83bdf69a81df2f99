/**
 * End-to-end in Firefox (puppeteer-core over WebDriver BiDi): the built extension, installed as a
 * temporary add-on, on the demo site. Firefox runs the background as an event page; the session
 * shortens its idle timeout so a test can watch it being suspended and check nothing is lost.
 */
import { expect } from 'vitest';
import { backgroundSuspended, launchFirefox } from '../helpers/launch-firefox';
import { defineProvenanceSuite } from './provenance-suite';

/**
 * Event-page idle timeout for the session. Short enough that the suspension test waits seconds,
 * long enough that the page is not suspended in the middle of ordinary steps (each takes ~1 s),
 * which would make failures hard to read.
 */
const IDLE_MS = 4_000;

defineProvenanceSuite({
  browser: 'firefox',
  launch: (ext) => {
    const addonId = ext.manifest.browser_specific_settings?.gecko?.id;
    if (!addonId) throw new Error('dist/firefox/manifest.json has no browser_specific_settings.gecko.id');
    return launchFirefox({ extensionDir: ext.dir, addonId, backgroundIdleMs: IDLE_MS });
  },
  stopBackground: async (ctx) => {
    // Waits for the shortened idle timeout to suspend the event page (no way to force it).
    await ctx.harness.control.waitFor(() => (globalThis as any).browser.extension.getBackgroundPage() === null, undefined, {
      timeoutMs: IDLE_MS * 5,
      message: 'Firefox never suspended the event page',
    });
    expect(await backgroundSuspended(ctx.harness.control)).toBe(true);
  },
});
