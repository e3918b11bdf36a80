// The handles of the orgs `org list` last showed, per host, for shell completion: TAB must
// never wait on the network (nor send a token), so completion reads only this file and the
// config. A file per host, written whole; only valid handles are written or read back.
import { closeSync, constants, fstatSync, openSync, promises as fsp, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isHandle } from '../api/rules';
import { writeFileWhole } from '../core/files';

const MAX_HANDLES = 1000;
const MAX_BYTES = 64 * 1024;

function cachePath(configPath: string, host: string): string {
  return join(dirname(configPath), 'cache', `orgs-${encodeURIComponent(host)}.txt`);
}

/** Remembers the org handles listed for `host` (best effort: a cache that cannot be written is no loss). */
export async function rememberOrgs(configPath: string, host: string, handles: readonly string[]): Promise<void> {
  const path = cachePath(configPath, host);
  const text = `${handles.filter(isHandle).slice(0, MAX_HANDLES).join('\n')}\n`;
  // The same orgs as last time (the usual case) leave the file alone. A synchronous read of a
  // small file: fs.promises is loaded only when there is something to write.
  if (readSmall(path) === text) return;
  try {
    await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileWhole(path, text);
  } catch {
    // completion falls back to the default org
  }
}

/** The org handles remembered for `host`; none when there is no cache. */
export async function rememberedOrgs(configPath: string, host: string): Promise<string[]> {
  return readSmall(cachePath(configPath, host)).split('\n').filter(isHandle).slice(0, MAX_HANDLES);
}

/** The cache file's first 64 KiB as text; '' when it is missing, unreadable or not a regular file. */
function readSmall(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK); // a FIFO put there cannot hold us
    if (!fstatSync(fd).isFile()) return '';
    const buf = Buffer.alloc(MAX_BYTES);
    return buf.toString('utf8', 0, readSync(fd, buf, 0, MAX_BYTES, 0));
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
