/**
 * Automatic checking: the content script is registered (id AUTO_SCRIPT_ID, document_idle, top
 * frame) for exactly the granted http(s) origins while the setting is on, and re-synced on start
 * and when permissions change.
 */
import type { Settings } from '../shared/messages';
import type { SettingsStore } from '../platform/settings-store';
import type { BackgroundBrowser } from '../platform/browser';

/** Id of the dynamic content script used for automatic checking. */
export const AUTO_SCRIPT_ID = 'pl-auto-check';

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
    const existing = await scripting.getRegisteredContentScripts({ ids: [AUTO_SCRIPT_ID] });
    const want = settings.autoCheck && origins.length > 0;
    const same = existing.length === 1 && JSON.stringify([...(existing[0].matches ?? [])].sort()) === JSON.stringify(origins);
    if (want && same) return settings;
    if (existing.length) await scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
    if (want) {
      await scripting.registerContentScripts([
        { id: AUTO_SCRIPT_ID, js: ['content.js'], matches: origins, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
      ]);
    }
    return settings;
  }
}
