// The real Context: the process's streams and environment, the terminal prompter, the config
// file, the wall clock, the system browser.
import { homedir } from 'node:os';
import { defaultConfigDir, FileConfigStore } from '../config/store';
import type { ExitCode } from '../errors';
import { terminalPrompter } from '../io/prompter';
import { systemStreams } from '../io/streams';
import { sanitizeLine } from '../output/sanitize';
import type { ContextDeps } from './context';
import { runCli } from './run';

export function systemDeps(): ContextDeps {
  const io = systemStreams();
  const env = process.env;
  const home = homedir();
  return {
    io,
    env,
    prompter: terminalPrompter(io),
    store: new FileConfigStore({
      dir: defaultConfigDir(env, home),
      // Paths and host names in these come from the environment and the file: shown safely.
      onWarning: (message) => io.stderr.write(`! ${sanitizeLine(message)}\n`),
    }),
    clock: { now: () => new Date() },
    homeDir: home,
    openBrowser: (url) => openInBrowser(url),
  };
}

export function runSystem(argv: readonly string[]): Promise<ExitCode> {
  return runCli(systemDeps(), argv);
}

/** How long an opener may run before it counts as started (a browser run in the foreground). */
const OPENER_GRACE_MS = 3000;

/**
 * Opens the URL with the system's opener (xdg-open, open, start), or with `app` when given.
 * Resolves once the opener exited 0, or is still running after a grace period (it is the
 * browser itself); rejects when it could not start or exited otherwise — xdg-open exits 3 on a
 * machine without a desktop, so a started process alone proves nothing.
 */
export async function openInBrowser(url: string, opts: { app?: string; graceMs?: number } = {}): Promise<void> {
  const { default: open } = await import('open');
  const child = await open(url, opts.app ? { app: { name: opts.app } } : {});
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => resolve(), opts.graceMs ?? OPENER_GRACE_MS);
    timer.unref();
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`the browser opener exited with ${code ?? signal}`));
    });
  });
}
