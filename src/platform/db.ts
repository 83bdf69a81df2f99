/**
 * The IndexedDB database `provenance-lens` (schema in docs/architecture.md): opening with a time
 * box, versioned migrations, blocked/versionchange handling and detection of a wiped database.
 * Only src/platform code imports this module.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames, type StoreValue } from 'idb';
import type { PackEntry } from '../core/engine/pack-entry';
import type { ArticleRecord, KnownClaim } from '../core/types';
import type { FeedStatus } from './stored-shapes';

/** Database name shared by every context of the extension. */
const DB_NAME = 'provenance-lens';
/** Current schema version; raise it together with a new entry in MIGRATIONS. */
const DB_VERSION = 1;

/**
 * How long open() may take before we give up. A blocked upgrade (an old tab of the extension
 * holding a connection) or a browser that stalls IndexedDB would otherwise hang every handler;
 * 10 s is far above a normal open (a few ms) yet short enough for the user to see an error.
 */
const OPEN_TIMEOUT_MS = 10_000;

/** An article as stored: the record plus the time this install first saw it. */
export type StoredArticle = ArticleRecord & { firstSeen: string };

/** A provenance-pack entry as stored: the entry plus the feed it came from. */
export type StoredPackEntry = PackEntry & { source: string };

/** A feed subscription and status as stored (the feed store may keep extra fields). */
export type StoredFeed = FeedStatus & Record<string, unknown>;

/** A `meta` row: derived data (index snapshot) and markers. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** The typed schema of the database for `idb`. */
export interface ProvenanceDb extends DBSchema {
  articles: { key: string; value: StoredArticle; indexes: { firstSeen: string } };
  claims: { key: string; value: KnownClaim; indexes: { source: string } };
  packEntries: { key: string; value: StoredPackEntry; indexes: { source: string } };
  feeds: { key: string; value: StoredFeed };
  meta: { key: string; value: MetaRow };
}

/** An open connection to the Provenance Lens database. */
export type Db = IDBPDatabase<ProvenanceDb>;

/** The upgrade transaction handed to migrations. */
export type UpgradeTx = IDBPTransaction<ProvenanceDb, StoreNames<ProvenanceDb>[], 'versionchange'>;

/** One schema step: `up` moves data from version-1 to version; `down` is its inverse (for tests and rollback exports). */
export interface Migration {
  version: number;
  up: (db: IDBPDatabase<ProvenanceDb>, tx: UpgradeTx) => void;
  down: (db: IDBPDatabase<ProvenanceDb>, tx: UpgradeTx) => void;
}

/** Key of the marker row written when the database is created (see detectWipe). */
export const INSTALL_MARKER_KEY = 'install';

/** The install marker: a random id and the creation time of this database. */
export interface InstallMarker {
  id: string;
  createdAt: string;
}

/** The schema history. Index i holds the step to version i + 1. */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    up(db, tx) {
      const articles = db.createObjectStore('articles', { keyPath: 'url' });
      articles.createIndex('firstSeen', 'firstSeen');
      const claims = db.createObjectStore('claims', { keyPath: 'id' });
      claims.createIndex('source', 'source');
      const packs = db.createObjectStore('packEntries', { keyPath: 'url' });
      packs.createIndex('source', 'source');
      db.createObjectStore('feeds', { keyPath: 'id' });
      db.createObjectStore('meta', { keyPath: 'key' });
      const marker: InstallMarker = { id: randomId(), createdAt: new Date().toISOString() };
      void tx.objectStore('meta').put({ key: INSTALL_MARKER_KEY, value: marker });
    },
    down(db) {
      for (const name of ['articles', 'claims', 'packEntries', 'feeds', 'meta'] as const) {
        if (db.objectStoreNames.contains(name)) db.deleteObjectStore(name);
      }
    },
  },
];

/** Applies the migrations between two versions inside an upgrade transaction (up or down). */
export function runMigrations(
  db: IDBPDatabase<ProvenanceDb>,
  tx: UpgradeTx,
  from: number,
  to: number,
  migrations: Migration[] = MIGRATIONS,
): void {
  if (to > from) {
    for (const m of migrations) if (m.version > from && m.version <= to) m.up(db, tx);
  } else {
    for (const m of [...migrations].reverse()) if (m.version <= from && m.version > to) m.down(db, tx);
  }
}

/** Thrown when the database cannot be opened; `reason` tells the user what to do. */
export class DbOpenError extends Error {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'blocked' | 'newer-version' | 'failed',
  ) {
    super(message);
    this.name = 'DbOpenError';
  }
}

/** Options for openDb; the defaults open the real database. */
export interface OpenDbOptions {
  name?: string;
  version?: number;
  migrations?: Migration[];
  timeoutMs?: number;
  /** Called when another context needs a newer version: the connection is already closed. */
  onClosed?: () => void;
}

/**
 * Opens the database, running migrations, within a time box. On `versionchange` (another context
 * upgrading, or the user deleting data from browser settings) the connection closes itself so it
 * never blocks the other side; callers reopen on their next use (see getDb).
 */
export function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  const name = opts.name ?? DB_NAME;
  const version = opts.version ?? DB_VERSION;
  const migrations = opts.migrations ?? MIGRATIONS;
  const timeoutMs = opts.timeoutMs ?? OPEN_TIMEOUT_MS;
  let blocked = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let db: Db | undefined;

  const opening = openDB<ProvenanceDb>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      runMigrations(db, tx, oldVersion, newVersion ?? version, migrations);
    },
    blocked() {
      blocked = true;
    },
    blocking() {
      // Another connection wants a newer version: step aside at once.
      db?.close();
      opts.onClosed?.();
    },
    terminated() {
      opts.onClosed?.();
    },
  }).catch((err: unknown) => {
    const e = err as { name?: string; message?: string };
    if (e?.name === 'VersionError') {
      throw new DbOpenError(
        `The local database (${name}) was written by a newer version of Provenance Lens; update the extension.`,
        'newer-version',
      );
    }
    throw new DbOpenError(`Could not open the local database: ${e?.message ?? String(err)}`, 'failed');
  });

  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(
        blocked
          ? new DbOpenError('The local database is held open by an older copy of the extension; close its tabs and retry.', 'blocked')
          : new DbOpenError(`Opening the local database took longer than ${timeoutMs} ms.`, 'timeout'),
      );
    }, timeoutMs);
  });

  return Promise.race([
    opening.then((conn) => {
      db = conn;
      // A late open after the time box fired would leak a connection that blocks upgrades.
      if (timedOut) conn.close();
      return conn;
    }),
    timeout,
  ]).finally(() => clearTimeout(timer));
}

let shared: Promise<Db> | null = null;

/** The shared connection of this context, opened on first use and reopened after a versionchange or failure. */
export function getDb(): Promise<Db> {
  if (!shared) {
    const p = openDb({
      onClosed: () => {
        if (shared === p) shared = null;
      },
    });
    shared = p;
    p.catch(() => {
      if (shared === p) shared = null;
    });
  }
  return shared;
}

/** Reads the install marker, or null when the database has none (an old or damaged database). */
export async function readInstallMarker(db: Db): Promise<InstallMarker | null> {
  const row = await db.get('meta', INSTALL_MARKER_KEY);
  const v = row?.value as Partial<InstallMarker> | undefined;
  return v && typeof v.id === 'string' && typeof v.createdAt === 'string' ? { id: v.id, createdAt: v.createdAt } : null;
}

/**
 * Compares the database's install marker with the one remembered elsewhere (storage.local): a
 * different or missing marker while one was remembered means the browser or the user wiped the
 * database, so the caller can say so instead of silently starting from an empty history.
 */
export function detectWipe(remembered: string | null, current: InstallMarker | null): 'fresh' | 'same' | 'wiped' {
  if (!remembered) return 'fresh';
  return current && current.id === remembered ? 'same' : 'wiped';
}

/** A random 96-bit id as hex (install marker, claims generation). */
export function randomId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Records per request when a whole store is read. Firefox hands a request's whole result over in
 * one IPC message and fails it past its cap ("Maximum IPC message size exceeded", an UnknownError):
 * one getAll() of 10^5 pack entries (about 4.7 KB each) is past it, and the background then never
 * built its index. 500 records are a few MB at most.
 */
const READ_PAGE = 500;

/** The stores read whole (for index builds and exports); each is keyed by a string key path. */
type BulkStore = 'articles' | 'claims' | 'packEntries';

/** What readPage needs of an object store (idb's typed store, in any transaction mode). */
interface PageSource<V> {
  getAll(query?: IDBKeyRange | null, count?: number): Promise<V[]>;
  getAllKeys(query?: IDBKeyRange | null, count?: number): Promise<IDBValidKey[]>;
}

/** Up to READ_PAGE records after key `after` (from the start when undefined), in key order. */
async function readPage<V>(store: PageSource<V>, after: IDBValidKey | undefined): Promise<{ values: V[]; last: IDBValidKey | undefined }> {
  const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
  const [values, keys] = await Promise.all([store.getAll(range, READ_PAGE), store.getAllKeys(range, READ_PAGE)]);
  return { values, last: keys.length === READ_PAGE ? keys[READ_PAGE - 1] : undefined };
}

/**
 * Every record of a store, in key order, read in pages each in its own short transaction (a
 * consumer that awaits other work between records would let one long transaction auto-commit).
 * Records written meanwhile may or may not be seen; none is seen twice.
 */
export async function* readAllInPages<N extends BulkStore>(db: Db, name: N): AsyncGenerator<StoreValue<ProvenanceDb, N>> {
  let after: IDBValidKey | undefined;
  do {
    const page = await readPage(db.transaction(name).store as unknown as PageSource<StoreValue<ProvenanceDb, N>>, after);
    yield* page.values;
    after = page.last;
  } while (after !== undefined);
}

/**
 * Every record of a store within one transaction (so they agree with what else it reads), in pages
 * as readAllInPages. The caller must not await anything else until this resolves.
 */
export async function getAllInPages<V>(store: PageSource<V>): Promise<V[]> {
  const out: V[] = [];
  let after: IDBValidKey | undefined;
  do {
    const page = await readPage(store, after);
    for (const v of page.values) out.push(v);
    after = page.last;
  } while (after !== undefined);
  return out;
}
