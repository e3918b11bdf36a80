// Keyset paging: a page is fetched with `limit + 1` rows after the last key of the previous
// page; the extra row only tells whether another page exists.

export type PageKey = Array<string | number>;

export interface PageQuery {
  limit: number;
  /** The sort key of the last row of the previous page, or null for the first page. */
  after: PageKey | null;
}

export interface Page<T> {
  rows: T[];
  /** The key to continue after, present only when there are more rows. */
  next: PageKey | null;
}

export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => PageKey): Page<T> {
  if (rows.length <= limit) return { rows, next: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: keyOf(kept[kept.length - 1]!) };
}
