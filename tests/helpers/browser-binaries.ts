/**
 * Finds the browsers the end-to-end tests and `npm start` drive: system Chromium (or Google
 * Chrome) and Firefox (ESR or release). Test tools cannot download browsers on these machines, so
 * a missing browser is reported with the apt command that installs it.
 */
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** apt command that installs both browsers on Debian/Ubuntu. */
const APT_INSTALL = 'sudo apt-get install -y --no-install-recommends chromium firefox-esr';

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

/** Path of a Chromium-family browser ($CHROMIUM_PATH first), or null. */
export function findChromium(): string | null {
  const env = process.env.CHROMIUM_PATH;
  if (env && existsSync(env)) return env;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Path of Firefox ($FIREFOX_PATH first), or null. */
export function findFirefox(): string | null {
  const env = process.env.FIREFOX_PATH;
  if (env && existsSync(env)) return env;
  return FIREFOX_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/**
 * Why the e2e file for this browser cannot run here, or null when it can. In CI a missing browser
 * is an error (CI installs both), so this throws instead of letting the tests skip silently.
 */
export function browserSkipReason(browser: 'chromium' | 'firefox'): string | null {
  const path = browser === 'chromium' ? findChromium() : findFirefox();
  if (path) return null;
  const msg =
    `${browser} not found (looked in ${(browser === 'chromium' ? CHROMIUM_CANDIDATES : FIREFOX_CANDIDATES).join(', ')}` +
    ` and $${browser === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}); install it with: ${APT_INSTALL}`;
  if (process.env.CI) throw new Error(`CI must run the ${browser} end-to-end tests, but ${msg}`);
  return msg;
}

/**
 * The Firefox language pack for `lang` installed with this Firefox (Debian's firefox-esr-l10n-<lang>
 * puts it in <install dir>/browser/extensions/langpack-<lang>@<app>.xpi), or null.
 */
export function findFirefoxLangpack(lang: string): string | null {
  const firefox = findFirefox();
  if (!firefox) return null;
  // /usr/bin/firefox-esr is a link to the binary in the install dir.
  const dir = join(dirname(realpathSync(firefox)), 'browser', 'extensions');
  if (!existsSync(dir)) return null;
  const pack = readdirSync(dir).find((f) => f.startsWith(`langpack-${lang}@`) && f.endsWith('.xpi'));
  return pack ? join(dir, pack) : null;
}
