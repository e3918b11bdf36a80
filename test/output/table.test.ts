import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createColors } from '../../src/io/colors';
import { testStreams } from '../helpers/streams';
import { Printer } from '../../src/output/printer';
import { alignRows, renderPlainTable, renderTerminalTable, writeTerminalTable } from '../../src/output/table';

const plain = createColors(0);

describe('terminal tables', () => {
  it('lines up wide characters by display width', async () => {
    const text = await renderTerminalTable(
      { columns: [{ header: 'NAME' }, { header: 'ROLE' }], rows: [['世界', 'owner'], ['ab', 'member']] },
      { colors: plain },
    );
    expect(text).toBe('NAME  ROLE\n世界  owner\nab    member\n');
  });

  it('cuts the widest column to fit the terminal instead of wrapping, ending cut cells in …', async () => {
    const long = 'x'.repeat(60);
    const text = await renderTerminalTable(
      { columns: [{ header: 'HANDLE' }, { header: 'NAME' }, { header: 'ROLE' }], rows: [['jane', long, 'owner'], ['bob', 'Bob', 'member']] },
      { colors: plain, width: 40 },
    );
    const lines = text.trimEnd().split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    expect(lines[1]).toMatch(/^jane {4}x+… {2}owner$/);
    expect(lines[2]).toBe('bob     Bob                       member');
  });

  it('cuts wide characters whole', async () => {
    const text = await renderTerminalTable({ columns: [{ header: 'A' }, { header: 'B' }], rows: [['世界世界世界世界', 'x']] }, { colors: plain, width: 12 });
    expect(text.split('\n')[1]).toBe('世界世界…  x');
  });

  it('right-aligns where asked and never pads the last column', async () => {
    const lines = await alignRows(
      [
        ['a', '1'],
        ['bbb', '100'],
      ],
      { colors: plain, align: ['left', 'right'] },
    );
    expect(lines).toEqual(['a      1', 'bbb  100']);
  });

  it('writes a large table in chunks, every row once, in order', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`user-${i}`, i % 2 ? 'owner' : 'member']);
    const stream = new PassThrough();
    const chunks: string[] = [];
    stream.on('data', (d) => chunks.push(String(d)));
    await writeTerminalTable(stream, { columns: [{ header: 'HANDLE' }, { header: 'ROLE' }], rows }, { colors: plain, width: 80 });
    expect(chunks.length).toBeGreaterThan(1);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(5001);
    expect(lines[5000]).toBe('user-4999  owner');
  });
});

describe('plain tables', () => {
  it('leaves out empty trailing cells (no stray tab) and sanitises cells', () => {
    expect(renderPlainTable({ columns: [{ header: 'A' }, { header: 'B' }, { header: 'C' }], rows: [['a', '', ''], ['b\u001b[31m', '', 'c']] })).toBe(
      'a\nb^[[31m\t\tc\n',
    );
  });

  it('the printer cuts a terminal table to the terminal width', async () => {
    const t = testStreams({ tty: true });
    t.io.columns = 20;
    await new Printer({ io: t.io, json: false, colors: plain, errColors: plain }).table({
      columns: [{ header: 'HANDLE' }, { header: 'NAME' }],
      rows: [['jane', 'A very long display name indeed']],
    });
    expect(t.stdout()).toBe('HANDLE  NAME\njane    A very long…\n');
  });
});
