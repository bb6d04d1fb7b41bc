import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock on its directory: two processes on one directory silently lose writes.
 * This advisory lock file makes the second opener fail with a clear message instead. A lock
 * left by a process that no longer runs on this host is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(
      `The database directory ${dataDir} is in use by another Hänsyn process (${holder}). ` +
        'Stop that process first, or point HANSYN_DATA_DIR at another directory.',
    );
  }
}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'hansyn.lock');
  const mine: LockContent = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: 'wx' });
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
          if (current.pid === mine.pid && current.host === mine.host) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.on('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: LockContent | null = null;
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockContent;
      } catch {
        holder = null;
      }
      const stale = holder !== null && holder.host === os.hostname() && !isAlive(holder.pid);
      if (!stale) {
        const who = holder ? `pid ${holder.pid} on ${holder.host} since ${holder.startedAt}` : 'unknown process';
        throw new DataDirLockedError(path.resolve(dataDir), who);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(path.resolve(dataDir), 'a process that keeps re-creating the lock');
}
