/**
 * A lock file (`DB.lock`) around every read-modify-write of a database, so two `index` or
 * `claims import` runs at once cannot silently drop each other's additions (the atomic rename
 * already prevents corruption; this prevents lost updates). The lock names its owner (pid, the
 * process's start time where the system tells it, and a random token) so a crashed owner's lock is
 * recognised even when its pid now belongs to an unrelated process, and a stale lock is taken over
 * by exactly one run, never removing a fresh lock another run has just taken.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, readFile, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliError, describeFsError } from './cli-io';

/** Where the lock of database `dbPath` lives. */
export function lockPath(dbPath: string): string {
  return `${dbPath}.lock`;
}

/** Run `fn` holding the database's lock; a live owner is an error, a dead owner's lock is taken over. */
export async function withDbLock<T>(dbPath: string, fn: () => Promise<T>): Promise<T> {
  const path = lockPath(dbPath);
  const mine = `${process.pid} ${startTimeOf(process.pid) ?? '-'} ${randomBytes(8).toString('hex')}`;
  await acquire(path, dbPath, mine);
  try {
    await removeOrphanedTemps(dbPath);
    return await fn();
  } finally {
    // Remove the lock only while it is still ours.
    if ((await readFile(path, 'utf8').catch(() => '')) === mine) await unlink(path).catch(() => undefined);
  }
}

async function acquire(path: string, dbPath: string, mine: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(mine);
      await handle.close();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') {
        throw new CliError(`cannot lock ${dbPath}: ${describeFsError(error)}`);
      }
    }
    const held = await readFile(path, 'utf8').catch(() => null);
    if (held === null) continue; // released meanwhile: try again
    const owner = parseOwner(held);
    if (owner && ownerAlive(owner)) {
      throw new CliError(`${dbPath} is being written by another provenance-lens (pid ${owner.pid}); try again when it finishes`);
    }
    // The owner crashed (or the file is unreadable garbage): take over exactly this stale lock.
    if (!(await removeIfStill(path, held))) {
      throw new CliError(`${dbPath} is being written by another provenance-lens; try again when it finishes`);
    }
  }
  throw new CliError(`cannot lock ${dbPath}: ${lockPath(dbPath)} keeps reappearing`);
}

/** A crashed run's takeover marker is ignored after this long (a takeover takes milliseconds). */
const BREAKER_STALE_MS = 10_000;

/**
 * Removes the lock file only if it still holds `held`, holding `DB.lock.break` while it looks, so
 * of several runs that found the same stale lock exactly one removes it: a run that finds the
 * marker taken, or the lock already replaced by a fresh one, reports the database busy. (Renaming
 * the lock aside is not enough: with three runs, one can move another's fresh lock away.)
 */
async function removeIfStill(path: string, held: string): Promise<boolean> {
  const breaker = `${path}.break`;
  try {
    await (await open(breaker, 'wx')).close();
  } catch {
    const age = Date.now() - ((await stat(breaker).catch(() => null))?.mtimeMs ?? Date.now());
    // A marker older than any takeover was left by a run that crashed while taking over.
    if (age > BREAKER_STALE_MS) await unlink(breaker).catch(() => undefined);
    return false;
  }
  try {
    const now = await readFile(path, 'utf8').catch(() => null);
    if (now === null) return true;
    if (now !== held) return false;
    await unlink(path).catch(() => undefined);
    return true;
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

interface Owner {
  pid: number;
  /** Process start time as the system reports it (Linux /proc), or null when unknown. */
  start: string | null;
}

/** "pid start token" (this version) or a bare "pid" (locks written by older versions). */
function parseOwner(text: string): Owner | null {
  const [pidText, start] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, start: start && start !== '-' ? start : null };
}

/** True when the lock's owner still runs: the pid is alive and, where the start time is known, it
 * is the same process (not an unrelated one that got the pid after a crash or a reboot). */
function ownerAlive(owner: Owner): boolean {
  if (!pidAlive(owner.pid)) return false;
  if (owner.start === null) return true;
  const now = startTimeOf(owner.pid);
  return now === null || now === owner.start;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** A process's start time in clock ticks since boot (/proc/PID/stat field 22), or null where there is no /proc. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Temporary files left older than this by a live pid are removed too (pids are reused). */
const ORPHAN_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Removes `DB.tmp-<pid>` and `DB.index.tmp-<pid>` files left by runs that crashed mid-write (their
 * pid is gone, or the file is a day old). Called under the lock, when no write of ours is in flight.
 */
async function removeOrphanedTemps(dbPath: string): Promise<void> {
  const dir = dirname(dbPath);
  const base = basename(dbPath);
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.index)?\\.tmp-(\\d+)$`);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const full = join(dir, name);
    const age = Date.now() - ((await stat(full).catch(() => null))?.mtimeMs ?? Date.now());
    if (pid !== process.pid && (!pidAlive(pid) || age > ORPHAN_AGE_MS)) await unlink(full).catch(() => undefined);
  }
}
