import { describe, expect, it } from 'vitest';
import { readAll } from '../../src/io/streams';
import { testStreams } from '../helpers/streams';
import { withSpinner } from '../../src/io/spinner';

describe('testStreams', () => {
  it('captures output synchronously, feeds stdin, and lets the TTY flags be flipped', async () => {
    const t = testStreams({ stdin: 'tpt_abc\n' });
    expect(t.io.stdoutIsTTY).toBe(false);
    t.io.stdout.write('out');
    t.io.stderr.write('err');
    expect(t.stdout()).toBe('out');
    expect(t.stderr()).toBe('err');
    expect(await readAll(t.io.stdin)).toBe('tpt_abc\n');
    t.setStdin('again');
    expect(await readAll(t.io.stdin)).toBe('again');
    t.io.stdinIsTTY = true;
    expect(testStreams({ tty: true }).io.stderrIsTTY).toBe(true);
  });
});

describe('withSpinner', () => {
  it('draws nothing when disabled and returns the work result', async () => {
    const t = testStreams();
    expect(await withSpinner('Working', async () => 42, { enabled: false, stream: t.io.stderr, color: false })).toBe(42);
    expect(t.stderr()).toBe('');
  });

  it('passes errors from the work through', async () => {
    const t = testStreams();
    const failing = withSpinner('Working', async () => Promise.reject(new Error('boom')), { enabled: false, stream: t.io.stderr, color: false });
    await expect(failing).rejects.toThrow('boom');
  });
});
