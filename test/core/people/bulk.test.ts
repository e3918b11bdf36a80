import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/errors';
import { BulkFailed, bulkFailure, bulkReport, failedOutcome, runBounded, type ItemOutcome } from '../../../src/core/people/bulk';
import { StopSignal } from '../../../src/core/stop';
import { PartialFailure } from '../../../src/errors';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runBounded', () => {
  it('never runs more than the bound at once and returns results in input order', async () => {
    let running = 0;
    let peak = 0;
    const settled: number[] = [];
    const results = await runBounded(
      [5, 1, 4, 2, 3, 0, 6],
      3,
      async (delay, i) => {
        peak = Math.max(peak, ++running);
        for (let n = 0; n < delay; n++) await tick();
        running--;
        return `item ${i}`;
      },
      (done) => settled.push(done),
    );
    expect(results).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'item 4', 'item 5', 'item 6']);
    expect(peak).toBe(3);
    expect(settled).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops starting new items after a throw and rethrows once those in flight finish', async () => {
    const started: number[] = [];
    let finishedInFlight = false;
    const run = runBounded([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('forbidden for all');
      if (n === 0) {
        for (let i = 0; i < 3; i++) await tick();
        finishedInFlight = true;
      }
      return n;
    });
    await expect(run).rejects.toThrow('forbidden for all');
    expect(started).toEqual([0, 1]);
    expect(finishedInFlight).toBe(true);
  });
});

describe('runBounded stopped by Ctrl-C', () => {
  it('the first stop starts nothing new and waits for the items in flight; the rest are holes', async () => {
    const signal = new StopSignal();
    const started: number[] = [];
    const results = await runBounded(
      [0, 1, 2, 3, 4, 5],
      2,
      async (n) => {
        started.push(n);
        if (n === 1) signal.request();
        for (let i = 0; i < 3; i++) await tick();
        return n * 10;
      },
      { signal },
    );
    expect(started).toEqual([0, 1]);
    expect(results).toEqual([0, 10, undefined, undefined, undefined, undefined]);
  });

  it('the second stops waiting for the items in flight', async () => {
    const signal = new StopSignal();
    let release!: () => void;
    const never = new Promise<void>((resolve) => (release = resolve));
    const run = runBounded(
      [0, 1, 2],
      2,
      async (n) => {
        if (n === 0) return 'quick';
        await never;
        return 'late';
      },
      { signal },
    );
    await tick();
    expect(signal.request()).toBe('stop');
    expect(signal.request()).toBe('abandon');
    expect(await run).toEqual(['quick', undefined, undefined]);
    release();
  });
});

describe('the bulk exit rule', () => {
  const conflict = new ApiError(409, { method: 'POST', path: '/org/acme/member/invite' }, { type: 'about:blank', title: 'Conflict', status: 409, instance: '', detail: "'dave' already has an invitation to 'acme'" });
  const ok = (input: string): ItemOutcome<'invited' | 'failed'> => ({ result: { input, outcome: 'invited' } });
  const bad = (input: string) => failedOutcome<'invited' | 'failed'>(input, 'failed', conflict);

  it('nothing failed: no error', () => {
    expect(bulkFailure([ok('a'), ok('b')], 'failed', 'invitations')).toBeUndefined();
  });

  it('a single item that failed: its own error (exit 1)', () => {
    expect(bulkFailure([bad('dave')], 'failed', 'invitations')).toBe(conflict);
  });

  it('some of several failed: PartialFailure (exit 5)', () => {
    const some = bulkFailure([ok('a'), bad('dave')], 'failed', 'invitations') as PartialFailure;
    expect(some).toBeInstanceOf(PartialFailure);
    expect(some.exitCode).toBe(5);
    expect(some.message).toBe('1 of 2 invitations failed');
  });

  it('all of several failed: BulkFailed (exit 1), with the hint of their common cause', () => {
    const all = bulkFailure([bad('x'), bad('y')], 'failed', 'invitations') as BulkFailed;
    expect(all).toBeInstanceOf(BulkFailed);
    expect(all.exitCode).toBe(1);
    expect(all.message).toBe('all 2 invitations failed');
    expect(all.details).toHaveLength(2);
  });

  it('reports the error without its HTTP framing, and counts every outcome', () => {
    const report = bulkReport([ok('a'), bad('dave')], ['invited', 'failed']);
    expect(report).toEqual({
      results: [
        { input: 'a', outcome: 'invited' },
        { input: 'dave', outcome: 'failed', error: { code: 'conflict', message: "'dave' already has an invitation to 'acme'", status: 409 } },
      ],
      summary: { invited: 1, failed: 1 },
    });
  });
});
