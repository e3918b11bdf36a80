// The local store: per host, the login (token, who it belongs to, what kind) and the default
// org, in one JSON file checked by one definition (schema.ts) on every read and write.
//
// Not conf: every command reads this file, and conf with a schema compiles an ajv validator at
// each start-up, creates the directory (with the umask's mode) when merely reading, and
// throws on a file with one bad entry. Here a read is readFileSync + the check; a change is
// a read-modify-write under a lock file (proper-lockfile, with stale-lock recovery) that
// re-reads the file inside the lock, written atomically (write-file-atomic: temp file, fsync,
// rename), so concurrent pipesctl processes lose no change and a crash leaves the old file
// or the new one. Both libraries are loaded only when something is written.
import { closeSync, fstatSync, mkdirSync, chmodSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './errors';
import { checkConfigPermissions, type UnsafeConfig } from './permissions';
import { CONFIG_MAX_BYTES, parseConfig, serializeConfig, type ConfigFile, type HostConfig } from './schema';

export type { ConfigFile, HostConfig, TokenKind } from './schema';
export type { UnsafeConfig } from './permissions';

export interface ConfigStore {
  /** The config file, for messages ("stored in ..."). */
  readonly path: string;
  getHost(key: string): HostConfig | undefined;
  /**
   * Why the config cannot be trusted: another user owns or can write its directory or file.
   * Empty when it can. A token read from an untrusted config must not be sent.
   */
  unsafe(): readonly UnsafeConfig[];
  /** Merges `patch` into the host's entry; a field set to `undefined` is removed. */
  setHost(key: string, patch: Partial<HostConfig>): Promise<void>;
  /**
   * Replaces the host's entry with what `change` makes of it as it is on disk now (under the
   * lock); `undefined` from `change` removes the entry, the same object leaves the file alone.
   */
  updateHost(key: string, change: (entry: HostConfig | undefined) => HostConfig | undefined): Promise<void>;
  /** Forgets the host's token and whose it was (the default org stays); returns the entry as it was. */
  clearToken(key: string): Promise<HostConfig | undefined>;
  /**
   * When the host's default org is `from` (as the file is now, under the lock), makes it `to`
   * (undefined: no default). Resolves to whether it was `from`.
   */
  replaceDefaultOrg(key: string, from: string, to: string | undefined): Promise<boolean>;
  /** Where warnings go from now on (the command's printer, so --json puts them in its document). */
  reportWarningsTo(warn: (message: string) => void): void;
}

export const CONFIG_FILE_NAME = 'config.json';

/** `$PIPESCTL_CONFIG_DIR`, else the platform's config dir (as gh does: XDG on every Unix). */
export function defaultConfigDir(env: Readonly<Record<string, string | undefined>>, home: string, platform = process.platform): string {
  if (env.PIPESCTL_CONFIG_DIR) return env.PIPESCTL_CONFIG_DIR;
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'pipesctl');
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'pipesctl');
  return join(home, '.config', 'pipesctl');
}

export interface FileConfigStoreOptions {
  dir: string;
  /** Told once per kind of problem: a file that cannot be used (then treated as empty), an untrusted one. */
  onWarning?: (message: string) => void;
}

/** How long a change waits for another pipesctl's lock, and when a lock left behind counts as stale. */
const LOCK_RETRIES = { retries: 40, factor: 1.3, minTimeout: 10, maxTimeout: 500, randomize: true };
const LOCK_STALE_MS = 10_000;

/** config.json in `dir`: directory 0700, file 0600. */
export class FileConfigStore implements ConfigStore {
  readonly path: string;
  readonly #dir: string;
  #onWarning: (message: string) => void;
  #cache: ConfigFile | undefined;
  #unsafe: UnsafeConfig[] | undefined;
  readonly #warned = new Set<string>();

  constructor(opts: FileConfigStoreOptions) {
    this.#dir = opts.dir;
    this.path = join(opts.dir, CONFIG_FILE_NAME);
    this.#onWarning = opts.onWarning ?? (() => undefined);
  }

  getHost(key: string): HostConfig | undefined {
    this.#cache ??= this.#read();
    const entry = entryOf(this.#cache, key);
    return entry ? { ...entry } : undefined;
  }

  reportWarningsTo(warn: (message: string) => void): void {
    this.#onWarning = warn;
  }

  unsafe(): readonly UnsafeConfig[] {
    if (!this.#unsafe) {
      this.#unsafe = checkConfigPermissions(this.#dir, this.path);
      for (const u of this.#unsafe) {
        this.#warn('unsafe', `${u.problem}: another user could have planted a login or a default org in it, so its token is not used. Fix: ${u.fix}`);
      }
    }
    return this.#unsafe;
  }

  async setHost(key: string, patch: Partial<HostConfig>): Promise<void> {
    if (patch.token !== undefined && this.unsafe().length > 0) {
      throw new ConfigError(`refusing to store a token in ${this.path}: ${this.unsafe()[0]!.problem}`, {
        code: 'config_unsafe',
        hint: `Fix it first: ${this.unsafe().map((u) => u.fix).join(' && ')}`,
      });
    }
    await this.updateHost(key, (entry) => {
      const merged: Record<string, unknown> = { ...entry, ...patch };
      for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
      return merged as HostConfig;
    });
  }

  async clearToken(key: string): Promise<HostConfig | undefined> {
    // Nothing to forget (as the file is now): no lock, and no config directory made for it.
    const now = this.#read();
    if (!hasLogin(entryOf(now, key))) {
      this.#cache = now;
      return entryOf(now, key);
    }
    let before: HostConfig | undefined;
    await this.updateHost(key, (entry) => {
      before = entry;
      if (!entry || !hasLogin(entry)) return entry;
      const { token: _token, user: _user, token_kind: _kind, ...rest } = entry;
      return rest;
    });
    return before;
  }

  async replaceDefaultOrg(key: string, from: string, to: string | undefined): Promise<boolean> {
    if (entryOf(this.#read(), key)?.org !== from) return false; // nothing to change: no lock
    let replaced = false;
    await this.updateHost(key, (entry) => {
      if (entry?.org !== from) return entry;
      replaced = true;
      const { org: _org, ...rest } = entry;
      return to === undefined ? rest : { ...rest, org: to };
    });
    return replaced;
  }

  async updateHost(key: string, change: (entry: HostConfig | undefined) => HostConfig | undefined): Promise<void> {
    this.#makeDir();
    const release = await this.#lock();
    try {
      // Inside the lock, from the file as it is now: a change made meanwhile by another
      // pipesctl survives, and none can be made until this one is written.
      const current = this.#read();
      const entry = entryOf(current, key);
      const next = change(entry === undefined ? undefined : { ...entry });
      if (next === entry || (next !== undefined && entry !== undefined && sameEntry(next, entry))) {
        this.#cache = current;
        return;
      }
      const hosts = { ...current.hosts };
      if (next === undefined) delete hosts[key];
      else Object.defineProperty(hosts, key, { value: next, enumerable: true, writable: true, configurable: true });
      const updated: ConfigFile = { ...current, hosts };
      await this.#write(updated);
      this.#cache = updated;
    } finally {
      await release();
    }
  }

  #read(): ConfigFile {
    let text: string;
    try {
      const fd = openSync(this.path, 'r');
      try {
        const stat = fstatSync(fd);
        if (!stat.isFile()) return this.#unusable(`${this.path} is not a regular file`);
        if (stat.size > CONFIG_MAX_BYTES) return this.#unusable(`${this.path} is larger than a pipesctl config can be (${stat.size} bytes)`);
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { hosts: {} };
      return this.#unusable(`cannot read ${this.path} (${(err as Error).message})`);
    }
    this.unsafe(); // says so on every command that reads an untrusted config
    const { config, problems } = parseConfig(text);
    if (problems.length > 0) {
      this.#warn('invalid', `${this.path} is not a valid pipesctl config file (${problems.join('; ')}); ignoring that (it is replaced on the next login or org switch)`);
    }
    return config;
  }

  #unusable(message: string): ConfigFile {
    this.#warn('unreadable', `${message}; carrying on without it`);
    return { hosts: {} };
  }

  /** Tokens live here: only the owner may list the directory or read the file. */
  #makeDir(): void {
    const created = mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    // mkdir's mode passes through the umask; an existing directory is left as its owner set it.
    if (created !== undefined) chmodSync(this.#dir, 0o700);
  }

  async #lock(): Promise<() => Promise<void>> {
    const { lock } = await import('proper-lockfile');
    try {
      return await lock(this.path, { realpath: false, stale: LOCK_STALE_MS, retries: LOCK_RETRIES });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new ConfigError(`${this.path} is being changed by another pipesctl; try again`, {
          code: 'config_locked',
          hint: `If no other pipesctl is running, remove ${this.path}.lock (it is taken over by itself after ${LOCK_STALE_MS / 1000} s).`,
        });
      }
      throw new ConfigError(`cannot lock ${this.path} (${(err as Error).message})`, { code: 'config_unwritable' });
    }
  }

  async #write(next: ConfigFile): Promise<void> {
    const { default: writeFileAtomic } = await import('write-file-atomic');
    try {
      // The new file is this user's and 0600, whoever owned the old one and whatever its mode.
      const owner = process.getuid && process.getgid ? { chown: { uid: process.getuid(), gid: process.getgid() } } : {};
      await writeFileAtomic(this.path, serializeConfig(next), { mode: 0o600, fsync: true, ...owner });
    } catch (err) {
      throw new ConfigError(`cannot write ${this.path} (${(err as Error).message})`, { code: 'config_unwritable' });
    }
  }

  #warn(kind: string, message: string): void {
    if (this.#warned.has(kind)) return;
    this.#warned.add(kind);
    this.#onWarning(message);
  }
}

function entryOf(config: ConfigFile, key: string): HostConfig | undefined {
  return Object.hasOwn(config.hosts, key) ? config.hosts[key] : undefined;
}

function hasLogin(entry: HostConfig | undefined): boolean {
  return entry !== undefined && (entry.token !== undefined || entry.user !== undefined || entry.token_kind !== undefined);
}

function sameEntry(a: HostConfig, b: HostConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
