/**
 * A lock file (`DB.lock`, holding the owner's pid) around every read-modify-write of a database,
 * so two `index` or `claims import` runs at once cannot silently drop each other's additions
 * (the atomic rename already prevents corruption; this prevents lost updates).
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { CliError, describeFsError } from './cli-io';

/** Where the lock of database `dbPath` lives. */
export function lockPath(dbPath: string): string {
  return `${dbPath}.lock`;
}

/** Run `fn` holding the database's lock; a live owner is an error, a dead owner's lock is taken over. */
export async function withDbLock<T>(dbPath: string, fn: () => Promise<T>): Promise<T> {
  const path = lockPath(dbPath);
  await acquire(path, dbPath);
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

async function acquire(path: string, dbPath: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') {
        throw new CliError(`cannot lock ${dbPath}: ${describeFsError(error)}`);
      }
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new CliError(`${dbPath} is being written by another provenance-lens (pid ${owner}); try again when it finishes`);
    }
    // The owner crashed (or the file is unreadable garbage): the lock is stale.
    await unlink(path).catch(() => undefined);
  }
  throw new CliError(`cannot lock ${dbPath}: ${lockPath(dbPath)} keeps reappearing`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}
