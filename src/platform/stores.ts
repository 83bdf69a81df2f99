/**
 * Wires the stores of the background to the browser's storage areas and the database: settings in
 * storage.local, per-tab state in storage.session, articles and data management in IndexedDB.
 */
import { ArticleStore } from './article-store';
import type { Db } from './db';
import { SettingsStore, type KeyValueArea } from './settings-store';
import { TabStateStore } from './tab-state-store';

/** The stores the background uses. */
export interface Stores {
  articles: ArticleStore;
  settings: SettingsStore;
  tabs: TabStateStore;
}

/** Creates the stores over `browser.storage` (or a fake of it) and a database opener. */
export function createStores(storage: { local: KeyValueArea; session: KeyValueArea }, db: () => Promise<Db>): Stores {
  return {
    articles: new ArticleStore(db),
    settings: new SettingsStore(storage.local),
    tabs: new TabStateStore(storage.session),
  };
}
