/**
 * Launches the named browser with a prepared test extension: Chromium through playwright-core,
 * Firefox through puppeteer-core with the add-on id the manifest declares.
 */
import type { TestExtension } from './extension-build';
import { launchChromium, type ChromiumSession } from './launch-chromium';
import { launchFirefox, type FirefoxSession } from './launch-firefox';

/** Starts `browserName` with `ext` installed (headless), in the interface language `uiLanguage` when given. */
export async function launchWithExtension(browserName: 'chromium' | 'firefox', ext: TestExtension, opts: { uiLanguage?: string } = {}): Promise<ChromiumSession | FirefoxSession> {
  if (browserName === 'chromium') return launchChromium({ extensionDir: ext.dir, uiLanguage: opts.uiLanguage });
  const addonId = ext.manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error('the Firefox manifest has no browser_specific_settings.gecko.id');
  return launchFirefox({ extensionDir: ext.dir, addonId, uiLanguage: opts.uiLanguage });
}
