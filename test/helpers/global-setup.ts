// End-to-end tests spawn the built executables; make sure the bundle is there and current.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.PIPESCTL_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
