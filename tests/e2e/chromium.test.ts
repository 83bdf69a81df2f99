/**
 * End-to-end in Chromium (playwright-core): the built extension on the demo site. The shared suite
 * stops the service worker mid-session through CDP (ServiceWorker.stopWorker).
 */
import { expect } from 'vitest';
import { launchChromium, type ChromiumSession } from '../helpers/launch-chromium';
import { defineProvenanceSuite } from './provenance-suite';

defineProvenanceSuite({
  browser: 'chromium',
  launch: (ext) => launchChromium({ extensionDir: ext.dir }),
  stopBackground: async (ctx) => {
    expect(await (ctx.driver as ChromiumSession).stopServiceWorker()).toBe(true);
  },
});
