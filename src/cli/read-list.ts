// How a command reads a long list from the API: with --json each record is written as it
// arrives (never held whole), otherwise only what the table shows is kept, under a spinner.
import type { Context } from './context';

/**
 * With --json: writes each item of `items` to a JSON array on stdout and returns undefined.
 * Otherwise: returns `row(item)` of each. A spinner turns on stderr while the pages arrive,
 * except with --json on a terminal, where it would be drawn through the JSON.
 */
export async function readList<T, R>(ctx: Context, label: string, items: AsyncIterable<T>, row: (item: T) => R): Promise<R[] | undefined> {
  if (ctx.out.isJson) {
    const writer = ctx.out.jsonArray();
    const stream = async () => {
      for await (const item of items) await writer.write(item);
    };
    await (ctx.io.stdoutIsTTY ? stream() : ctx.spin(label, stream));
    await writer.close();
    return undefined;
  }
  const rows: R[] = [];
  await ctx.spin(label, async () => {
    for await (const item of items) rows.push(row(item));
  });
  return rows;
}
