// The handles of the orgs `org list` last showed, per host, for shell completion: TAB must
// never wait on the network (nor send a token), so completion reads only this file and the
// config. A file per host, written whole; only valid handles are written or read back.
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { isHandle } from '../api/rules';
import { writeFileWhole } from '../core/files';

const MAX_HANDLES = 1000;

function cachePath(configPath: string, host: string): string {
  return join(dirname(configPath), 'cache', `orgs-${encodeURIComponent(host)}.txt`);
}

/** Remembers the org handles listed for `host` (best effort: a cache that cannot be written is no loss). */
export async function rememberOrgs(configPath: string, host: string, handles: readonly string[]): Promise<void> {
  const path = cachePath(configPath, host);
  try {
    await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileWhole(path, `${handles.filter(isHandle).slice(0, MAX_HANDLES).join('\n')}\n`);
  } catch {
    // completion falls back to the default org
  }
}

/** The org handles remembered for `host`; none when there is no cache. */
export async function rememberedOrgs(configPath: string, host: string): Promise<string[]> {
  const text = await fsp.readFile(cachePath(configPath, host), 'utf8').catch(() => '');
  return text.slice(0, 64 * 1024).split('\n').filter(isHandle).slice(0, MAX_HANDLES);
}
