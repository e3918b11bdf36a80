// Walks a list endpoint page by page (`limit=100`, then `next_token`) as one async iterator.
// Nothing is fetched until the caller starts iterating, and a caller that stops early stops the paging.
import { InvalidResponseError, PagingError } from './errors';
import type { ListResponse } from './types';
import { LIST_LIMIT_MAX } from './types';

export type PageQuery = Record<string, string | number | undefined>;

/** A list that reaches this many items (pages × page size) is not a real list: stop. */
export const MAX_LIST_ITEMS = 1_000_000;

export async function* paginate<T>(
  fetchPage: (query: PageQuery) => Promise<ListResponse<T>>,
  path: string,
  query: PageQuery = {},
  opts: { max?: number; host?: string; maxListItems?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const max = opts.max ?? Infinity;
  const cap = opts.maxListItems ?? MAX_LIST_ITEMS;
  const info = { method: 'GET', path };
  const stop = (why: string) =>
    new PagingError(`stopped reading the list GET ${path}${opts.host ? ` from ${opts.host}` : ''}: ${why}`, info);
  let yielded = 0;
  let pages = 0;
  let nextToken: string | undefined;
  const seen = new Set<string>();
  if (max <= 0) return;

  for (;;) {
    const pageQuery: PageQuery = { ...query, limit: LIST_LIMIT_MAX, next_token: nextToken };
    const page = await fetchPage(pageQuery);
    pages++;
    if (page.items !== undefined && !Array.isArray(page.items)) {
      throw new InvalidResponseError(`expected a list from GET ${path}, but "items" is not an array`, 200, info);
    }
    const items = page.items ?? [];
    for (const item of items) {
      yield item;
      if (++yielded >= max) return;
    }

    const token = page.next_token;
    if (token === undefined || token === null || token === '') return;
    if (typeof token !== 'string') {
      throw new InvalidResponseError(`expected a string next_token from GET ${path}, got ${typeof token}`, 200, info);
    }
    // A server that hands back a cursor it already gave, or pages without items, would page forever.
    if (seen.has(token)) throw stop('the server repeated a next_token it had already returned (the list would never end)');
    if (items.length === 0) throw stop('the server sent an empty page that still has a next_token (the list would never end)');
    if (pages * LIST_LIMIT_MAX >= cap) throw stop(`the list goes past ${cap.toLocaleString('en-US')} items, more than any real list holds`);
    seen.add(token);
    nextToken = token;
  }
}
