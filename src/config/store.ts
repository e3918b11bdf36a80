// The local store: per host, the login (token, who it belongs to, what kind) and the default
// org. Reading is a plain readFileSync + JSON.parse, because every command reads it and start-up
// time matters; conf (and the ajv it pulls in) is loaded only when something is written.
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type TokenKind = 'user' | 'temporary';

export interface HostConfig {
  token?: string;
  /** Handle of the user the token belongs to. */
  user?: string;
  /** The default org, set by `org switch`. */
  org?: string;
  token_kind?: TokenKind;
}

export interface ConfigFile {
  hosts: Record<string, HostConfig>;
}

export interface ConfigStore {
  /** The config file, for messages ("stored in ..."). */
  readonly path: string;
  getHost(key: string): HostConfig | undefined;
  /** Merges `patch` into the host's entry; a field set to `undefined` is removed. */
  setHost(key: string, patch: Partial<HostConfig>): Promise<void>;
  /** Forgets the host's token and whose it was; the default org stays. */
  clearToken(key: string): Promise<void>;
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
  /** Told once when the file exists but cannot be used (it is then treated as empty). */
  onWarning?: (message: string) => void;
}

/** config.json in `dir`: directory 0700, file 0600, written atomically by conf. */
export class FileConfigStore implements ConfigStore {
  readonly path: string;
  readonly #dir: string;
  readonly #onWarning: (message: string) => void;
  #cache: ConfigFile | undefined;
  #warned = false;

  constructor(opts: FileConfigStoreOptions) {
    this.#dir = opts.dir;
    this.path = join(opts.dir, CONFIG_FILE_NAME);
    this.#onWarning = opts.onWarning ?? (() => undefined);
  }

  getHost(key: string): HostConfig | undefined {
    this.#cache ??= this.#read();
    const entry = this.#cache.hosts[key];
    return entry ? { ...entry } : undefined;
  }

  async setHost(key: string, patch: Partial<HostConfig>): Promise<void> {
    // Start from the file as it is now, so a change made meanwhile by another pipesctl survives.
    const current = this.#read();
    const merged: Record<string, unknown> = { ...current.hosts[key], ...patch };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    const next: ConfigFile = { ...current, hosts: { ...current.hosts, [key]: merged as HostConfig } };
    await this.#write(next);
    this.#cache = next;
  }

  async clearToken(key: string): Promise<void> {
    if (!this.#read().hosts[key]) return;
    await this.setHost(key, { token: undefined, token_kind: undefined, user: undefined });
  }

  #read(): ConfigFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.#warn(`cannot read ${this.path} (${(err as Error).message}); carrying on without it`);
      return { hosts: {} };
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (isObject(parsed) && (parsed.hosts === undefined || isObject(parsed.hosts))) {
        const hosts = Object.fromEntries(Object.entries((parsed.hosts ?? {}) as Record<string, unknown>).filter(([, v]) => isObject(v)));
        return { ...(parsed as object), hosts: hosts as Record<string, HostConfig> };
      }
    } catch {
      // fall through to the warning
    }
    this.#warn(`${this.path} is not a valid pipesctl config file; ignoring it (it is replaced on the next login or org switch)`);
    return { hosts: {} };
  }

  async #write(next: ConfigFile): Promise<void> {
    // Tokens live here: only the owner may list the directory or read the file.
    const created = mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    if (created !== undefined) chmodSync(this.#dir, 0o700);
    const { default: Conf } = await import('conf');
    const conf = new Conf<Record<string, unknown>>({
      cwd: this.#dir,
      configName: 'config',
      configFileMode: 0o600,
      clearInvalidConfig: true,
      accessPropertiesByDotNotation: false, // host keys contain dots
    });
    conf.store = next as unknown as Record<string, unknown>;
    // conf's mode only applies when it creates the file; an older file keeps its own otherwise.
    chmodSync(this.path, 0o600);
  }

  #warn(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#onWarning(message);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
