// The entry point of the bundle. `--version` is answered before anything else is loaded;
// everything else goes through runCli, which maps errors to exit codes.
import { versionText } from './version';

async function main(argv: string[]): Promise<void> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${versionText()}\n`);
    return;
  }
  // A reader that goes away (`pipesctl org list | head -1`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  let code: number;
  try {
    const { runSystem } = await import('./system');
    code = await runSystem(argv);
  } catch (err) {
    // Only reached when the context itself could not be built; runCli reports everything else.
    process.stderr.write(`unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    code = 1;
  }
  // The command is over and its clients are closed: exit once stdout and stderr have flushed,
  // rather than wait for timers and background work of libraries that no longer matter.
  process.exitCode = code;
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

void main(process.argv.slice(2));
