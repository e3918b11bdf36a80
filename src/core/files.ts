// Files pipesctl writes for a person (exports, retry lists): written whole, never half.
// fs.promises is read when used, not at start-up: loading it also loads readline.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors';

/**
 * Writes beside the target and renames over it, so a failed write never leaves half a file
 * and a symlink at the target is replaced, not followed.
 */
export async function writeFileWhole(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(temp, text, 'utf8');
    await fsp.rename(temp, path);
  } catch (err) {
    await fsp.rm(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write ${path} (${code === 'EACCES' ? 'permission denied' : (code ?? String(err))})`, {
      code: 'output_unwritable',
    });
  }
}
