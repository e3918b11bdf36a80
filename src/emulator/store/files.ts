// The database file and SQLite's companions (-wal, -shm, -journal) are readable by their owner
// only: they hold token hashes and every member's email address.
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

export const DB_FILE_MODE = 0o600;

/** A path SQLite opens as a file (not `:memory:`, not an empty name meaning a temporary database). */
export function isFilePath(path: string): boolean {
  return path !== ':memory:' && path !== '' && !path.startsWith('file:');
}

/**
 * Create the database file 0600 before SQLite opens it (SQLite gives -wal and -shm the database
 * file's mode), and take group and other access away from files an earlier version left open.
 */
export function prepareDatabaseFiles(path: string): void {
  try {
    closeSync(openSync(path, 'wx', DB_FILE_MODE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (!existsSync(file)) continue;
    try {
      chmodSync(file, DB_FILE_MODE);
    } catch {
      // Not ours to change (another owner): SQLite reports what it cannot open.
    }
  }
}
