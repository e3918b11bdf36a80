// The entry of the bundle (dist/pipesctl.cjs). bin/pipesctl.js loads it and calls main(); how
// start-up is kept fast is explained there, in one place.
// `pipesctl --version` (and `-V`, `version`) is answered here, before anything else is loaded;
// everything else goes through runCli, which maps errors to exit codes.
import { isVersionRequest, versionText } from './version';

/** Runs one command line and resolves to its exit code (the caller sets process.exitCode). */
export async function main(argv: string[]): Promise<number> {
  if (isVersionRequest(argv)) {
    process.stdout.write(`${versionText()}\n`);
    return 0;
  }
  // A reader that goes away (`pipesctl org list | head -1`) is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    const { runSystem } = await import('./system');
    return await runSystem(argv);
  } catch (err) {
    // Only reached when the context itself could not be built; runCli reports everything else.
    process.stderr.write(`unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
