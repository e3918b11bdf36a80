import { describe, expect, it } from 'vitest';
import { select } from '../../src/core/lists';

/** 1..n as an async list that records how far it was read and whether it was returned early. */
function numbers(n: number) {
  const seen = { read: 0, returned: false };
  async function* gen() {
    try {
      for (let i = 1; i <= n; i++) {
        seen.read = i;
        yield i;
      }
    } finally {
      if (seen.read < n) seen.returned = true;
    }
  }
  return { items: gen(), seen };
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('select', () => {
  it('keeps what is wanted, in order, and reads the whole list when nothing ends it', async () => {
    const { items, seen } = numbers(10);
    expect(await all(select(items, { wanted: (i) => i % 2 === 0 }))).toEqual([2, 4, 6, 8, 10]);
    expect(seen).toEqual({ read: 10, returned: false });
  });

  it('stops reading at the limit of wanted items', async () => {
    const { items, seen } = numbers(100);
    expect(await all(select(items, { wanted: (i) => i % 3 === 0, limit: 2 }))).toEqual([3, 6]);
    expect(seen).toEqual({ read: 6, returned: true });
  });

  it('ends an ordered list at the first item past its end', async () => {
    const { items, seen } = numbers(100);
    expect(await all(select(items, { endsAt: (i) => i > 4 }))).toEqual([1, 2, 3, 4]);
    expect(seen).toEqual({ read: 5, returned: true });
  });
});
