/**
 * Automatic checking: the content script is registered (id AUTO_SCRIPT_ID, document_idle, top
 * frame) for exactly the granted http(s) origins while the setting is on, and re-synced on start
 * and when permissions change. Beside it, pin.js (AUTO_PIN_ID) runs at document_start, so that in
 * Chromium the isolated world, and its `chrome`, exist before any page element could stand in for
 * them (src/content/pin-start.ts).
 */
import type { Settings } from '../shared/messages';
import type { SettingsStore } from '../platform/settings-store';
import type { BackgroundBrowser } from '../platform/browser';

/** Id of the dynamic content script used for automatic checking. */
export const AUTO_SCRIPT_ID = 'pl-auto-check';
/** Id of its document_start companion (src/content/pin-start.ts). */
export const AUTO_PIN_ID = 'pl-auto-pin';
const IDS = [AUTO_PIN_ID, AUTO_SCRIPT_ID];

const isHttpPattern = (o: string) => /^(\*|https?):\/\//.test(o) || o === '<all_urls>';

/** Automatic checking over the browser's scripting and permissions APIs. */
export class AutoCheck {
  constructor(
    private readonly browser: Pick<BackgroundBrowser, 'scripting' | 'permissions'>,
    private readonly settings: SettingsStore,
  ) {}

  /** The granted http(s) host patterns, sorted. */
  async grantedOrigins(): Promise<string[]> {
    return ((await this.browser.permissions.getAll()).origins ?? []).filter(isHttpPattern).sort();
  }

  /** Saves settings; turning automatic checking on fails unless some http(s) host access is granted. */
  async setSettings(p: Partial<Settings>): Promise<Settings> {
    const before = await this.settings.get();
    if (p.autoCheck === true && !before.autoCheck && !(await this.grantedOrigins()).length) {
      throw new Error('Automatic checking needs access to websites: allow it when the browser asks.');
    }
    await this.settings.set(p);
    return this.sync();
  }

  /** Permissions changed: with no host access left the setting turns off; the registration follows. */
  async permissionsChanged(): Promise<void> {
    if (!(await this.grantedOrigins()).length && (await this.settings.get()).autoCheck) await this.settings.set({ autoCheck: false });
    await this.sync();
  }

  /** Registers the auto-check content script for the granted sites when the setting is on, else removes it. */
  async sync(): Promise<Settings> {
    const { scripting } = this.browser;
    const settings = await this.settings.get();
    const origins = await this.grantedOrigins();
    const existing = await scripting.getRegisteredContentScripts({ ids: IDS });
    const want = settings.autoCheck && origins.length > 0;
    const same = existing.length === IDS.length && existing.every((e) => JSON.stringify([...(e.matches ?? [])].sort()) === JSON.stringify(origins));
    if (want && same) return settings;
    if (existing.length) await scripting.unregisterContentScripts({ ids: existing.map((e) => e.id) });
    if (want) {
      await scripting.registerContentScripts([
        { id: AUTO_PIN_ID, js: ['pin.js'], matches: origins, runAt: 'document_start', allFrames: false, persistAcrossSessions: true },
        { id: AUTO_SCRIPT_ID, js: ['content.js'], matches: origins, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
      ]);
    }
    return settings;
  }
}
