import { describe, expect, it } from 'vitest';
import { colorLevel, createColors } from '../../src/io/colors';

describe('colorLevel', () => {
  const tty = { noColorFlag: false, isTTY: true };
  it('colours a terminal and nothing else by default', () => {
    expect(colorLevel({ ...tty, env: { TERM: 'xterm' } })).toBe(1);
    expect(colorLevel({ ...tty, env: { TERM: 'xterm-256color' } })).toBe(2);
    expect(colorLevel({ ...tty, env: { COLORTERM: 'truecolor' } })).toBe(3);
    expect(colorLevel({ ...tty, env: { TERM: 'dumb' } })).toBe(0);
    expect(colorLevel({ ...tty, isTTY: false, env: {} })).toBe(0);
  });

  it('turns colour off for --no-color, even when FORCE_COLOR is set', () => {
    expect(colorLevel({ noColorFlag: true, isTTY: true, env: { FORCE_COLOR: '3' } })).toBe(0);
  });

  it('honours NO_COLOR when it is not empty', () => {
    expect(colorLevel({ ...tty, env: { NO_COLOR: '1' } })).toBe(0);
    expect(colorLevel({ ...tty, env: { NO_COLOR: '' } })).toBe(1);
  });

  it('reads FORCE_COLOR as chalk does, even off a terminal', () => {
    const off = { noColorFlag: false, isTTY: false };
    expect(colorLevel({ ...off, env: { FORCE_COLOR: '' } })).toBe(1);
    expect(colorLevel({ ...off, env: { FORCE_COLOR: 'true' } })).toBe(1);
    expect(colorLevel({ ...off, env: { FORCE_COLOR: '2' } })).toBe(2);
    expect(colorLevel({ ...off, env: { FORCE_COLOR: '9' } })).toBe(3);
    expect(colorLevel({ ...tty, env: { FORCE_COLOR: '0' } })).toBe(0);
    expect(colorLevel({ ...tty, env: { FORCE_COLOR: 'false' } })).toBe(0);
  });

  it('produces escape codes only at a level above 0', () => {
    expect(createColors(0).red('x')).toBe('x');
    expect(createColors(1).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});
