import { describe, expect, it } from 'vitest';
import { progressBar, progressText } from '../../../src/core/people/progress';
import { testStreams } from '../../helpers/streams';

describe('the progress bar', () => {
  it('shows done/total, then the rate and the time left once there is a rate to go by', () => {
    expect(progressText('Inviting', 0, 300, 0, { unicode: false })).toBe('Inviting  [--------------------]  0/300');
    expect(progressText('Inviting', 120, 300, 4, { unicode: false })).toBe('Inviting  [########------------]  120/300  30/s  ETA 6s');
    expect(progressText('Inviting', 3, 300, 2)).toBe('Inviting  [░░░░░░░░░░░░░░░░░░░░]  3/300  1.5/s  ETA 3m18s');
    expect(progressText('Inviting', 300, 300, 10)).toBe('Inviting  [████████████████████]  300/300  30/s');
  });

  it('never wraps: on a narrow terminal the rate goes first, then the bar is cut', () => {
    expect(progressText('Inviting', 120, 300, 4, { unicode: false, columns: 45 })).toBe('Inviting  [########------------]  120/300');
    expect(progressText('Inviting', 120, 300, 4, { unicode: false, columns: 20 })).toHaveLength(19);
  });

  it('is drawn in place on a terminal, at most every 80 ms but always at the end, and erased; nothing off a terminal', () => {
    let now = 0;
    const tty = testStreams({ tty: true });
    const bar = progressBar({ io: tty.io, options: { debug: false } }, 'Removing', { now: () => now, unicode: false });
    bar.update(1, 3);
    now = 10;
    bar.update(2, 3); // too soon: not drawn
    now = 20;
    bar.update(3, 3); // the last one always is
    bar.clear();
    expect(tty.stderr()).toBe('\r\u001b[2KRemoving  [#######-------------]  1/3\r\u001b[2KRemoving  [####################]  3/3\r\u001b[2K');

    const piped = testStreams({});
    const silent = progressBar({ io: piped.io, options: { debug: false } }, 'Removing');
    silent.update(1, 1);
    silent.clear();
    expect(piped.stderr()).toBe('');
    const debug = testStreams({ tty: true });
    progressBar({ io: debug.io, options: { debug: true } }, 'Removing').update(1, 1);
    expect(debug.stderr()).toBe('');
  });
});
