// Runs the BUILT executable (bin/pipesctl.js → dist/) as a child process, for end-to-end tests.
//
//   const cli = cliSandbox(emu);                       // temp HOME and config dir, PIPES_HOST set
//   const res = await cli.run(['org', 'list', '--json']);
//   expect(res.code).toBe(0); expect(res.json()).toEqual([...]);
//   cli.cleanup();
//
// The environment is built from scratch (PATH, HOME, PIPESCTL_CONFIG_DIR, then what the test
// passes): no PIPES_TOKEN, PIPES_ORG, NO_COLOR or Turbot login leaks in from the developer's
// shell. Spawning is asynchronous because the emulator answers on this same event loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = new URL('../../bin/pipesctl.js', import.meta.url).pathname;

export interface CliResult {
  /** The exit code; null only if the process was killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document (throws, quoting stdout, when it is not). */
  json<T = any>(): T;
  /** stderr parsed as the `{"error": {...}}` document --json failures print. */
  errorJson(): { error: { code: string; message: string; status: number | null; details: unknown[] } };
}

export interface RunCliOptions {
  /** Added to (and overriding) the clean base environment. */
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed (empty by default: never a terminal). */
  input?: string | Buffer;
  /** PIPESCTL_CONFIG_DIR; without one, a fresh temp dir that is removed afterwards. */
  configDir?: string;
  /** HOME (where the Turbot CLI login would be read from); defaults to the config dir. */
  home?: string;
  cwd?: string;
  /** Kill the child after this long (the result then has code null). */
  timeoutMs?: number;
}

/** The environment a spawned pipesctl sees: nothing inherited but PATH. */
export function cleanEnv(opts: { configDir: string; home?: string; env?: Record<string, string | undefined> }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: opts.home ?? opts.configDir,
    PIPESCTL_CONFIG_DIR: opts.configDir,
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runCli(args: readonly string[], opts: RunCliOptions = {}): Promise<CliResult> {
  const ownDir = opts.configDir === undefined ? mkdtempSync(join(tmpdir(), 'pipesctl-cli-')) : undefined;
  const configDir = opts.configDir ?? ownDir!;
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: cleanEnv({ configDir, home: opts.home, env: opts.env }),
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve(cliResult(code, Buffer.concat(out).toString('utf8'), Buffer.concat(err).toString('utf8')));
    });
    // A command that exits before reading stdin closes the pipe under us: not the test's concern.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  }).finally(() => {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  });
}

export function cliResult(code: number | null, stdout: string, stderr: string): CliResult {
  return {
    code,
    stdout,
    stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch {
        throw new Error(`stdout is not one JSON document:\n${stdout}\n--- stderr:\n${stderr}`);
      }
    },
    errorJson() {
      try {
        return JSON.parse(stderr);
      } catch {
        throw new Error(`stderr is not one JSON document:\n${stderr}`);
      }
    },
  };
}

export interface CliSandbox {
  /** The emulator URL every run uses as PIPES_HOST. */
  host: string;
  /** The config dir the runs share (not created until pipesctl writes to it). */
  configDir: string;
  home: string;
  run(args: readonly string[], opts?: Omit<RunCliOptions, 'configDir' | 'home'>): Promise<CliResult>;
  /** config.json as pipesctl stored it, or undefined when there is none yet. */
  readConfig(): { hosts?: Record<string, { token?: string; user?: string; org?: string }> } | undefined;
  cleanup(): void;
}

/** A temp HOME and config dir shared by a series of runs against one host. */
export function cliSandbox(host: string, env: Record<string, string | undefined> = {}): CliSandbox {
  const home = mkdtempSync(join(tmpdir(), 'pipesctl-e2e-'));
  const configDir = join(home, 'config');
  return {
    host,
    configDir,
    home,
    run: (args, opts = {}) => runCli(args, { ...opts, configDir, home, env: { PIPES_HOST: host, ...env, ...opts.env } }),
    readConfig() {
      try {
        return JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
      } catch {
        return undefined;
      }
    },
    cleanup: () => rmSync(home, { recursive: true, force: true }),
  };
}
