// The real Context: the process's streams and environment, the terminal prompter, the config
// file, the wall clock, the system browser.
import { homedir } from 'node:os';
import { defaultConfigDir, FileConfigStore } from '../config/store';
import type { ExitCode } from '../errors';
import { terminalPrompter } from '../io/prompter';
import { systemStreams } from '../io/streams';
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
      onWarning: (message) => io.stderr.write(`! ${message}\n`),
    }),
    clock: { now: () => new Date() },
    homeDir: home,
    openBrowser: openInBrowser,
  };
}

export function runSystem(argv: readonly string[]): Promise<ExitCode> {
  return runCli(systemDeps(), argv);
}

async function openInBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  const child = await open(url);
  // No browser here (a server, an SSH session): the URL has been printed for the person.
  child.on('error', () => undefined);
}
