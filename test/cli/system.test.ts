// The system browser opener, with fake openers: success is an opener that exited 0 (or a
// browser still running), not a started process — xdg-open exits 3 without a desktop.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openInBrowser } from '../../src/cli/system';

const dir = mkdtempSync(join(tmpdir(), 'pipesctl-opener-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeOpener(name: string, script: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('openInBrowser', () => {
  it('resolves when the opener exits 0, having been given the URL', async () => {
    const seen = join(dir, 'seen');
    await openInBrowser('http://127.0.0.1:1/login', { app: fakeOpener('ok', `echo "$1" > ${seen}; exit 0`) });
    expect(readFileSync(seen, 'utf8').trim()).toBe('http://127.0.0.1:1/login');
  });

  it('rejects when the opener exits non-zero (xdg-open on a headless box exits 3)', async () => {
    await expect(openInBrowser('http://127.0.0.1:1/login', { app: fakeOpener('headless', 'exit 3') })).rejects.toThrow(/exited with 3/);
  });

  it('rejects when there is no opener at all', async () => {
    await expect(openInBrowser('http://127.0.0.1:1/login', { app: join(dir, 'missing') })).rejects.toThrow();
  });

  it('resolves when the opener is still running after the grace period (the browser itself)', async () => {
    await openInBrowser('http://127.0.0.1:1/login', { app: fakeOpener('browser', 'sleep 2'), graceMs: 200 });
  });
});
