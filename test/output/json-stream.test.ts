import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { JsonArrayWriter } from '../../src/output/json-stream';

/** A slow stream; text() ends it and resolves to everything written. */
function sink(opts: { highWaterMark?: number } = {}): { stream: Writable; text(): Promise<string> } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: opts.highWaterMark,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      setImmediate(done); // asynchronous, so a small buffer fills and must drain
    },
  });
  return { stream, text: () => new Promise((resolve) => stream.end(() => resolve(chunks.join('')))) };
}

describe('JsonArrayWriter', () => {
  it('writes exactly what JSON.stringify(array, null, 2) would, item by item', async () => {
    const items = [{ a: 1, nested: { list: [1, 2], text: 'line\nbreak' } }, 'two', null, [], {}];
    const out = sink();
    const writer = new JsonArrayWriter(out.stream);
    for (const item of items) await writer.write(item);
    await writer.close();
    expect(await out.text()).toBe(`${JSON.stringify(items, null, 2)}\n`);
    expect(writer.count).toBe(5);
  });

  it('writes [] for an empty list, and closing twice writes once', async () => {
    const out = sink();
    const writer = new JsonArrayWriter(out.stream);
    await writer.close();
    await writer.close();
    expect(await out.text()).toBe('[]\n');
  });

  it('waits for a full stream to drain and loses nothing', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ i, pad: 'x'.repeat(50) }));
    const out = sink({ highWaterMark: 64 });
    const writer = new JsonArrayWriter(out.stream);
    for (const item of items) await writer.write(item);
    await writer.close();
    expect(JSON.parse(await out.text())).toEqual(items);
  });
});
