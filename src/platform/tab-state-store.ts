/**
 * Per-tab state in storage.session under `tab:<id>`: survives the service worker being stopped,
 * is cleared when the browser closes, and is never written to disk.
 */
import type { Highlight, TabState } from './stored-shapes';
import type { KeyValueArea } from './settings-store';

const PREFIX = 'tab:';
const HIGHLIGHTS_PREFIX = 'hl:';

/** A tab's state as stored: the public TabState plus the id of the document it describes. */
export type StoredTabState = TabState & { docId?: string | null };

/** The highlights prepared for a tab's document (kept apart: the popup never needs them). */
export interface TabHighlights {
  docId: string | null;
  highlights: Highlight[];
}

/** Stores the TabState of each tab. */
export class TabStateStore {
  constructor(private readonly area: KeyValueArea) {}

  /** Every stored tab state (to restore badges after a restart). */
  async all(): Promise<StoredTabState[]> {
    const all = await this.area.get(null);
    return Object.entries(all)
      .filter(([k]) => k.startsWith(PREFIX))
      .map(([, v]) => v as StoredTabState);
  }

  /** The state of a tab, or null when nothing is known about it. */
  async get(tabId: number): Promise<StoredTabState | null> {
    const key = PREFIX + tabId;
    const got = await this.area.get(key);
    return (got[key] as StoredTabState | undefined) ?? null;
  }

  /** Writes a tab's state. */
  async put(state: StoredTabState): Promise<void> {
    await this.area.set({ [PREFIX + state.tabId]: state });
  }

  /** The highlights prepared for a tab, or null. */
  async getHighlights(tabId: number): Promise<TabHighlights | null> {
    const key = HIGHLIGHTS_PREFIX + tabId;
    const got = await this.area.get(key);
    return (got[key] as TabHighlights | undefined) ?? null;
  }

  /** Keeps the highlights prepared for a tab's document. */
  async putHighlights(tabId: number, value: TabHighlights): Promise<void> {
    await this.area.set({ [HIGHLIGHTS_PREFIX + tabId]: value });
  }

  /** Forgets a tab (closed, or navigated away): its state and its highlights. */
  async remove(tabId: number): Promise<void> {
    await this.area.remove([PREFIX + tabId, HIGHLIGHTS_PREFIX + tabId]);
  }

  /** Forgets every tab (after "delete all data"). */
  async clear(): Promise<void> {
    const all = await this.area.get(null);
    const keys = Object.keys(all).filter((k) => k.startsWith(PREFIX) || k.startsWith(HIGHLIGHTS_PREFIX));
    if (keys.length) await this.area.remove(keys);
  }
}
