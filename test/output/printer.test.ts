import { describe, expect, it } from 'vitest';
import { createColors } from '../../src/io/colors';
import { testStreams } from '../helpers/streams';
import { Printer } from '../../src/output/printer';
import { renderPlainTable } from '../../src/output/table';

function printer(opts: { json?: boolean; tty?: boolean; color?: boolean } = {}) {
  const t = testStreams({ tty: opts.tty });
  const colors = createColors(opts.color ? 1 : 0);
  return { t, out: new Printer({ io: t.io, json: opts.json ?? false, colors, errColors: colors }) };
}

const table = {
  columns: [{ header: 'HANDLE' }, { header: 'ROLE' }],
  rows: [
    ['acme', 'owner'],
    ['beta\tco', 'mem\nber'],
  ],
};

describe('Printer', () => {
  it('in --json mode prints exactly one JSON document on stdout and no human lines', async () => {
    const { t, out } = printer({ json: true });
    out.line('hello');
    await out.table(table);
    out.json([{ handle: 'acme' }]);
    out.notice('fetched 1 org');
    out.finish();
    expect(JSON.parse(t.stdout())).toEqual([{ handle: 'acme' }]);
    expect(t.stderr()).toBe('');
  });

  it('in --json mode notices given after the result still join it; a streamed array gets no second document', async () => {
    const { t, out } = printer({ json: true });
    out.json({ handle: 'acme' });
    out.warn('PIPES_ORG still names acme');
    out.finish();
    expect(JSON.parse(t.stdout())).toEqual({ handle: 'acme', notices: ['PIPES_ORG still names acme'] });
    const streamed = printer({ json: true });
    const writer = streamed.out.jsonArray();
    await writer.write({ handle: 'acme' });
    await writer.close();
    streamed.out.notice('fetched 1');
    streamed.out.finish();
    expect(JSON.parse(streamed.t.stdout())).toEqual([{ handle: 'acme' }]);
  });

  it('in --json mode notices and warnings join the document, and stderr stays empty', () => {
    const { t, out } = printer({ json: true, color: true });
    out.warn('PIPES_ORG still names acme');
    out.notice(out.colors.bold('acme already exists'));
    out.json({ handle: 'acme' });
    out.finish();
    expect(JSON.parse(t.stdout())).toEqual({ handle: 'acme', notices: ['PIPES_ORG still names acme', 'acme already exists'] });
    expect(t.stderr()).toBe('');
    const alone = printer({ json: true });
    alone.out.notice('nothing to do');
    alone.out.finish();
    expect(JSON.parse(alone.t.stdout())).toEqual({ notices: ['nothing to do'] });
    const failed = printer({ json: true });
    failed.out.notice('nothing to do');
    failed.out.finish({ failed: true });
    expect(failed.t.stdout()).toBe('');
  });

  it('success prints the record with --json, the message for people, and the message on stderr when there is no record', () => {
    const json = printer({ json: true });
    json.out.success('Switched to acme', { handle: 'acme' });
    json.out.finish();
    expect(JSON.parse(json.t.stdout())).toEqual({ handle: 'acme' });
    const noRecord = printer({ json: true });
    noRecord.out.success('Done');
    noRecord.out.finish();
    expect(JSON.parse(noRecord.t.stdout())).toEqual({ notices: ['Done'] });
    expect(noRecord.t.stderr()).toBe('');
    const human = printer();
    human.out.success('Switched to acme', { handle: 'acme' });
    expect(human.t.stdout()).toBe('Switched to acme\n');
    const tty = printer({ tty: true });
    tty.out.success('Switched to acme');
    expect(tty.t.stdout()).toBe('✓ Switched to acme\n');
  });

  it('keeps warnings and notices off stdout', () => {
    const { t, out } = printer();
    out.warn('PIPES_TOKEN is set');
    out.notice('Opening the browser');
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toBe('! PIPES_TOKEN is set\nOpening the browser\n');
  });

  it('prints tab-separated rows without a header off a terminal', async () => {
    const { t, out } = printer();
    await out.table(table);
    expect(t.stdout()).toBe('acme\towner\nbeta co\tmem ber\n');
    expect(renderPlainTable(table)).toBe(t.stdout());
  });

  it('prints aligned columns under a header on a terminal, coloured only when colour is on', async () => {
    const plain = printer({ tty: true });
    await plain.out.table(table);
    expect(plain.t.stdout()).toBe('HANDLE   ROLE\nacme     owner\nbeta co  mem ber\n');
    const coloured = printer({ tty: true, color: true });
    await coloured.out.table({ ...table, style: (cell, row) => (row === 0 ? coloured.out.colors.green(cell) : cell) });
    expect(coloured.t.stdout()).toContain('\u001b[1mHANDLE\u001b[22m');
    expect(coloured.t.stdout()).toContain('\u001b[32macme\u001b[39m');
  });
});
