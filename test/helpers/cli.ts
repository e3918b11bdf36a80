// Runs the BUILT executable (bin/pipesctl.js → dist/) as a child process, for end-to-end tests.
// dist/ is built first when it is missing or older than the sources (test/helpers/build.ts).
//
//   const cli = cliSandbox(emu.url);                   // temp HOME and config dir, PIPES_HOST set
//   const res = await cli.run(['org', 'list', '--json']);
//   expect(res.code).toBe(0); expect(res.json()).toEqual([...]);
//   cli.cleanup();
//
// The environment is built from scratch (PATH, HOME, PIPESCTL_CONFIG_DIR, then what the test
// passes): no PIPES_TOKEN, PIPES_ORG, NO_COLOR or Turbot login leaks in from the developer's
// shell. Spawning is asynchronous because the emulator answers on this same event loop.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { ensureBuilt } from './build';

export const BIN = new URL('../../bin/pipesctl.js', import.meta.url).pathname;

// A file that imports this builds dist/ (when stale) before its tests, with time to spare:
// a build takes several seconds on a busy machine.
beforeAll(() => ensureBuilt(), 300_000);

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

export async function runCli(args: readonly string[], opts: RunCliOptions = {}): Promise<CliResult> {
  await ensureBuilt();
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

export interface TerminalOptions {
  env?: Record<string, string | undefined>;
  configDir: string;
  home?: string;
  /** Size the terminal before starting (default 80); 0 leaves it unsized, as a bare pty is. */
  columns?: number;
  /**
   * The shell line run in the terminal, given the quoted pipesctl command line; by default
   * `exec <pipesctl>`. E.g. `(p) => \`sh -c 'echo PID=$$; exec \${p}'; stty -a\``.
   */
  shell?: (pipesctl: string) => string;
}

export interface TerminalSession {
  /** What was written to the terminal so far (stdout and stderr), escape sequences removed. */
  screen(): string;
  /** Resolves once the screen shows `text`; rejects, quoting the screen, after `timeoutMs`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Keys, as a person types them: "\r" is Enter. */
  type(keys: string): void;
  /** The exit code (script -e passes on the command's) and the screen at the end. */
  exited: Promise<{ code: number | null; screen: string }>;
  kill(): void;
}

/**
 * Runs pipesctl in a real pseudo-terminal: util-linux `script -qfec <command> /dev/null`
 * gives it a pty for stdin, stdout and stderr, copies what we write into the pty and what it
 * prints out to us, and exits with the command's exit code. It starts once dist/ is built.
 */
export function runInTerminal(args: readonly string[], opts: TerminalOptions): TerminalSession {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const columns = opts.columns ?? 80;
  const line = opts.shell ? opts.shell(command) : `exec ${command}`;
  const sized = columns > 0 ? `stty cols ${columns} rows 24; ${line}` : line;
  const env = cleanEnv({ configDir: opts.configDir, home: opts.home, env: { SHELL: '/bin/sh', TERM: 'xterm', ...opts.env } });
  let child: ChildProcess | undefined;
  let killed = false;
  const started = ensureBuilt().then(() => {
    if (killed) return undefined;
    child = spawn('script', ['-qfec', sized, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    return child;
  });
  let raw = '';
  let closed = false;
  const waiters = new Set<() => void>();
  const onOutput = (d: Buffer) => {
    raw += d.toString('utf8');
    // A command drawing in a loop would otherwise fill memory before the test times out.
    if (raw.length > MAX_TERMINAL_OUTPUT) child?.kill('SIGKILL');
    for (const check of [...waiters]) check();
  };
  const screen = () => stripTerminalCodes(raw);
  const exited = new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
    started.then((c) => {
      if (!c) {
        closed = true;
        resolve({ code: null, screen: screen() });
        return;
      }
      c.stdout!.on('data', onOutput);
      c.stderr!.on('data', onOutput);
      c.stdin!.on('error', () => {});
      c.on('error', reject);
      c.on('close', (code) => {
        closed = true;
        for (const check of [...waiters]) check();
        resolve({ code, screen: screen() });
      });
    }, reject);
  });
  return {
    screen,
    waitFor(text, timeoutMs = 15_000) {
      const seen = () => (typeof text === 'string' ? screen().includes(text) : text.test(screen()));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the terminal never showed ${String(text)}; it shows:\n${screen()}`));
        }, timeoutMs);
        const check = () => {
          if (seen()) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (closed) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`the command ended before showing ${String(text)}; it showed:\n${screen()}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    type: (keys) => {
      if (child) child.stdin!.write(keys);
      else void started.then((c) => c?.stdin!.write(keys), () => undefined);
    },
    exited,
    kill: () => {
      killed = true;
      child?.kill('SIGKILL');
    },
  };
}

const MAX_TERMINAL_OUTPUT = 1 << 20;

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Removes colour and cursor sequences and carriage returns, leaving the text a person reads. */
/**
 * For a test file of terminal sessions against an emulator: each test gets a fresh config
 * directory, and its sessions are killed and the directory removed after it.
 *
 *   const terminal = useTerminals(emu);
 *   const s = terminal(['org', 'delete', 'acme']); await s.waitFor('Type acme');
 */
export function useTerminals(
  emu: () => { url: string; token: string },
): (args: readonly string[], opts?: Omit<TerminalOptions, 'configDir'>) => TerminalSession {
  let configDir = '';
  const sessions: TerminalSession[] = [];
  beforeEach(() => {
    configDir = mkdtempSync(join(tmpdir(), 'pipesctl-pty-'));
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.kill();
    rmSync(configDir, { recursive: true, force: true });
  });
  return (args, opts = {}) => {
    const session = runInTerminal(args, { configDir, ...opts, env: { PIPES_HOST: emu().url, PIPES_TOKEN: emu().token, ...opts.env } });
    sessions.push(session);
    return session;
  };
}

export function stripTerminalCodes(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\x1b[()][0-9A-B]/g, '').replace(/\r/g, '');
}
