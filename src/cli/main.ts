// The entry point of the bundle. `--version` is answered before anything else is loaded;
// everything else goes through runCli, which maps errors to exit codes. process.exitCode is
// set rather than process.exit called, so pending output is flushed.
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
  try {
    const { runSystem } = await import('./system');
    process.exitCode = await runSystem(argv);
  } catch (err) {
    // Only reached when the context itself could not be built; runCli reports everything else.
    process.stderr.write(`unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

void main(process.argv.slice(2));
