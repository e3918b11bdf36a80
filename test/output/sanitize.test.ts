import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeLine, sanitizeStyled } from '../../src/output/sanitize';

describe('sanitize', () => {
  it('shows C0 and C1 controls in caret notation and bidi controls by name, keeping tab, newline and everything else', () => {
    expect(sanitize('a\u001b]0;t\u0007b')).toBe('a^[]0;t^Gb');
    expect(sanitize('\u009b31m \u0085 \u007f \r')).toBe('^[[31m ^[E ^? ^M');
    expect(sanitize('x\u202ey \u2066z\u2069 \u200f')).toBe('x<U+202E>y <U+2066>z<U+2069> <U+200F>');
    expect(sanitize('tab\there\nnext — 世界 ✓ Zoë')).toBe('tab\there\nnext — 世界 ✓ Zoë');
  });

  it('sanitizeLine also turns tabs and line breaks into spaces', () => {
    expect(sanitizeLine('a\tb\r\nc\u001b')).toBe('a b c^[');
  });

  it('sanitizeStyled keeps colour codes but nothing else', () => {
    expect(sanitizeStyled('\u001b[32m✓\u001b[39m done \u001b]0;x\u0007 \u001b[2J')).toBe('\u001b[32m✓\u001b[39m done ^[]0;x^G ^[[2J');
  });
});

describe('the printer', () => {
  it('keeps colour codes only where colour is on: without colour, none from data survive either', async () => {
    const { createColors } = await import('../../src/io/colors');
    const { Printer } = await import('../../src/output/printer');
    const { testStreams } = await import('../helpers/streams');
    const t = testStreams({ tty: true });
    const plain = createColors(0);
    new Printer({ io: t.io, json: false, colors: plain, errColors: plain }).line('name: \u001b[31mRED\u001b]0;x\u0007');
    expect(t.stdout()).toBe('name: ^[[31mRED^[]0;x^G\n');
  });
});
