// Reading a list the API does not filter: the items a command wants, at most a limit, and the
// paging stopped as soon as nothing later can be wanted. Leaving the loop early (a limit, an
// ordered list's end) returns the source iterator, which stops asking for pages.

export interface Selection<T> {
  /** Items to keep; all when left out. */
  wanted?: (item: T) => boolean;
  /** For an ordered list: the first item for which this holds ends the list. */
  endsAt?: (item: T) => boolean;
  /** At most this many items. */
  limit?: number;
}

/** The items of `items` that `selection` keeps, in order, as they arrive. */
export async function* select<T>(items: AsyncIterable<T>, { wanted, endsAt, limit = Infinity }: Selection<T>): AsyncGenerator<T, void, undefined> {
  let count = 0;
  for await (const item of items) {
    if (endsAt?.(item)) return;
    if (wanted && !wanted(item)) continue;
    yield item;
    if (++count >= limit) return;
  }
}
