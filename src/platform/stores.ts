/**
 * Wires the stores of the background to the browser's storage areas and the database: settings and
 * the reader's disputes in storage.local, per-tab state in storage.session, articles and data
 * management in IndexedDB.
 */
import { ArticleStore } from './article-store';
import { DisputeStore } from './dispute-store';
import { detectWipe, readInstallMarker, type Db } from './db';
import { SettingsStore, type KeyValueArea } from './settings-store';
import { TabStateStore } from './tab-state-store';

/** The database opener and its type, for the background's wiring (only platform imports db.ts). */
export { getDb, type Db } from './db';

/** The stores the background uses. */
export interface Stores {
  articles: ArticleStore;
  settings: SettingsStore;
  tabs: TabStateStore;
  disputes: DisputeStore;
  /**
   * Compares the database's install marker with the one remembered in storage.local and
   * remembers the current one: 'wiped' when the database was cleared outside the extension.
   */
  checkInstall(): Promise<'fresh' | 'same' | 'wiped'>;
}

/** Creates the stores over `browser.storage` (or a fake of it) and a database opener. */
export function createStores(storage: { local: KeyValueArea; session: KeyValueArea }, db: () => Promise<Db>): Stores {
  const settings = new SettingsStore(storage.local);
  return {
    articles: new ArticleStore(db),
    settings,
    tabs: new TabStateStore(storage.session),
    disputes: new DisputeStore(storage.local),
    async checkInstall() {
      const marker = await readInstallMarker(await db());
      const remembered = await settings.getDbInstallId();
      const status = detectWipe(remembered, marker);
      if (marker && marker.id !== remembered) await settings.setDbInstallId(marker.id);
      return status;
    },
  };
}
