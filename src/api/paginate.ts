// Walks a list endpoint page by page (`limit=100`, then `next_token`) as one async iterator.
// Nothing is fetched until the caller starts iterating, and a caller that stops early stops the paging.
import { InvalidResponseError } from './errors';
import type { ListResponse } from './types';
import { LIST_LIMIT_MAX } from './types';

export type PageQuery = Record<string, string | number | undefined>;

export async function* paginate<T>(
  fetchPage: (query: PageQuery) => Promise<ListResponse<T>>,
  path: string,
  query: PageQuery = {},
  opts: { max?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const max = opts.max ?? Infinity;
  let yielded = 0;
  let nextToken: string | undefined;
  const seen = new Set<string>();
  if (max <= 0) return;

  for (;;) {
    const pageQuery: PageQuery = { ...query, limit: LIST_LIMIT_MAX, next_token: nextToken };
    const page = await fetchPage(pageQuery);
    const info = { method: 'GET', path };
    if (page.items !== undefined && !Array.isArray(page.items)) {
      throw new InvalidResponseError(`expected a list from GET ${path}, but "items" is not an array`, 200, info);
    }
    for (const item of page.items ?? []) {
      yield item;
      if (++yielded >= max) return;
    }

    const token = page.next_token;
    if (token === undefined || token === null || token === '') return;
    if (typeof token !== 'string') {
      throw new InvalidResponseError(`expected a string next_token from GET ${path}, got ${typeof token}`, 200, info);
    }
    // A server that hands back a cursor it already gave would page forever.
    if (seen.has(token)) {
      throw new InvalidResponseError(`GET ${path} repeated a next_token it had already returned; stopped paging to avoid a loop`, 200, info);
    }
    seen.add(token);
    nextToken = token;
  }
}
