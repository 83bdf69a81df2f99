/**
 * Settings in storage.local (kept there beside the database install marker and the reader's
 * disputes, dispute-store.ts), merged over DEFAULT_SETTINGS so a new setting gets its default on
 * old installs.
 */
import { DEFAULT_SETTINGS, type Settings } from './stored-shapes';
import type { KeyValueArea } from './browser';

export type { KeyValueArea };

const SETTINGS_KEY = 'settings';
/** storage.local key remembering the database's install marker id (see db.ts detectWipe). */
const DB_INSTALL_KEY = 'dbInstallId';
/** storage.local key holding when a wiped database was found, until the user dismisses the notice. */
const DB_WIPED_KEY = 'dbWipedAt';
/** storage.local key holding the team index's address the reader chose (opt-in; absent: none). */
const TEAM_SERVER_KEY = 'teamServer';

/** Keeps only known keys with the right types, so a bad write never poisons the settings. */
function sanitizeSettings(input: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const out: Settings = { ...base };
  if (input && typeof input === 'object') {
    for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
      const v = (input as Record<string, unknown>)[key];
      if (typeof v === 'boolean') out[key] = v;
    }
  }
  return out;
}

/** Reads and writes the user's settings. */
export class SettingsStore {
  constructor(private readonly area: KeyValueArea) {}

  /** Current settings (defaults for anything unset). */
  async get(): Promise<Settings> {
    const got = await this.area.get(SETTINGS_KEY);
    return sanitizeSettings(got[SETTINGS_KEY]);
  }

  /** Merges a partial update and returns the new settings. */
  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = sanitizeSettings(patch, await this.get());
    await this.area.set({ [SETTINGS_KEY]: next });
    return next;
  }

  /** The remembered database install id, or null on a first run. */
  async getDbInstallId(): Promise<string | null> {
    const got = await this.area.get(DB_INSTALL_KEY);
    const v = got[DB_INSTALL_KEY];
    return typeof v === 'string' ? v : null;
  }

  /** Remembers the database install id. */
  async setDbInstallId(id: string): Promise<void> {
    await this.area.set({ [DB_INSTALL_KEY]: id });
  }

  /** When a database cleared from outside was found (ISO time), or null. */
  async getWipedAt(): Promise<string | null> {
    const got = await this.area.get(DB_WIPED_KEY);
    const v = got[DB_WIPED_KEY];
    return typeof v === 'string' ? v : null;
  }

  /**
   * The team index the reader opted into, or null. `valid` is the one address rule
   * (core/team teamServerUrl): a stored value that no longer passes it counts as none.
   */
  async getTeamServer(valid: (url: string) => string): Promise<string | null> {
    const v = (await this.area.get(TEAM_SERVER_KEY))[TEAM_SERVER_KEY];
    if (typeof v !== 'string') return null;
    try {
      return valid(v);
    } catch {
      return null;
    }
  }

  /** Remembers (an address already checked) or forgets (null) the team index. */
  async setTeamServer(url: string | null): Promise<void> {
    if (url === null) await this.area.remove(TEAM_SERVER_KEY);
    else await this.area.set({ [TEAM_SERVER_KEY]: url });
  }

  /** Records (ISO time) or forgets (null) that the database was found cleared from outside. */
  async setWipedAt(at: string | null): Promise<void> {
    if (at === null) await this.area.remove(DB_WIPED_KEY);
    else await this.area.set({ [DB_WIPED_KEY]: at });
  }
}
