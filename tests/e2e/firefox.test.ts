/**
 * End-to-end in Firefox (puppeteer-core over WebDriver BiDi): the built extension, installed as a
 * temporary add-on, on the demo site. Firefox runs the background as an event page, which has no
 * target to stop from outside, so the worker-stop test is Chromium's alone.
 */
import { launchFirefox } from '../helpers/launch-firefox';
import { defineProvenanceSuite } from './provenance-suite';

defineProvenanceSuite({
  browser: 'firefox',
  launch: (ext) => {
    const addonId = ext.manifest.browser_specific_settings?.gecko?.id;
    if (!addonId) throw new Error('dist/firefox/manifest.json has no browser_specific_settings.gecko.id');
    return launchFirefox({ extensionDir: ext.dir, addonId });
  },
});
