// Tables: aligned columns under a bold header on a terminal; off a terminal, one row per line,
// tab-separated, no header, nothing decorative — the columns stay the same from release to
// release so `cut -f1` keeps working (as gh does).
//
// Every cell is data (from the network or a file), so every cell is sanitised here, before any
// colour is added. On a terminal the column widths come from one pass over the rows (display
// width, so wide characters line up), the table is narrowed to the terminal's width by cutting
// the widest columns (a cell that does not fit ends in "…" instead of wrapping), and the lines
// are written in chunks: time is linear in the rows and nothing but the rows is held.
import type { Writable } from 'node:stream';
import type { Colors } from '../io/colors';
import { sanitizeLine } from './sanitize';
import { loadMeasure, truncateToWidth, type Measure } from './width';

export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

export interface Table {
  columns: readonly TableColumn[];
  /** Plain cell text; colour, if any, is added by `style`. */
  rows: readonly (readonly string[])[];
  /** Colours a cell on a terminal (e.g. dim a role, highlight the current row); gets the sanitised, fitted text. */
  style?: (cell: string, row: number, column: number) => string;
}

export interface LayoutOptions {
  colors: Colors;
  /** The terminal's width; the table is cut to fit it. None (or 0): never cut. */
  width?: number;
  /** Print the header line (default true). */
  header?: boolean;
  /** Spaces before every line. */
  indent?: number;
  /** Spaces between columns (default 2). */
  gap?: number;
}

const GAP = 2;
/** Columns are never cut narrower than this (or their header, or their widest cell when smaller). */
const MIN_WIDTH = 6;
const CHUNK_ROWS = 500;

/** Tab-separated lines, no header; tabs and newlines inside cells become spaces, empty trailing cells are left out. */
export function renderPlainTable(table: Table): string {
  let text = '';
  for (const line of plainLines(table)) text += line;
  return text;
}

function* plainLines(table: Table): Generator<string> {
  for (const row of table.rows) {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    let line = '';
    for (let c = 0; c < end; c++) line += (c > 0 ? '\t' : '') + sanitizeLine(row[c]!);
    yield `${line}\n`;
  }
}

/** The aligned table as one string (for small tables and tests; printers stream it with writeTerminalTable). */
export async function renderTerminalTable(table: Table, opts: LayoutOptions): Promise<string> {
  const measure = await loadMeasure();
  let text = '';
  for (const line of terminalLines(table, opts, measure)) text += line;
  return text;
}

/** Writes the table to a terminal stream, a chunk of lines at a time. */
export async function writeTerminalTable(stream: Writable, table: Table, opts: LayoutOptions): Promise<void> {
  const measure = await loadMeasure();
  await writeChunks(stream, terminalLines(table, opts, measure));
}

/** Writes the tab-separated table, a chunk of lines at a time. */
export async function writePlainTable(stream: Writable, table: Table): Promise<void> {
  await writeChunks(stream, plainLines(table));
}

/** The column widths: the widest cell (or header) of each column, then narrowed to fit `width`. */
export function columnWidths(table: Table, opts: Pick<LayoutOptions, 'width' | 'header' | 'indent' | 'gap'>, measure: Measure): number[] {
  const showHeader = opts.header ?? true;
  const headerWidths = table.columns.map((c) => (showHeader ? measure(c.header) : 0));
  const widths = [...headerWidths];
  for (const row of table.rows) {
    for (let c = 0; c < widths.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const w = measure(sanitizeLine(cell));
      if (w > widths[c]!) widths[c] = w;
    }
  }
  if (!opts.width) return widths;
  const available = opts.width - (opts.indent ?? 0) - (opts.gap ?? GAP) * (widths.length - 1);
  const floors = widths.map((w, c) => Math.min(w, Math.max(MIN_WIDTH, headerWidths[c]!)));
  return fitWidths(widths, floors, available);
}

/**
 * Cuts the widest columns first: every column wider than some cap is brought down to it (never
 * under its floor), the cap being the largest one under which the columns fit.
 */
function fitWidths(widths: number[], floors: number[], available: number): number[] {
  const total = (cap: number) => widths.reduce((sum, w, c) => sum + Math.max(floors[c]!, Math.min(w, cap)), 0);
  if (total(Infinity) <= available) return widths;
  let low = 0;
  let high = Math.max(...widths);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (total(mid) <= available) low = mid;
    else high = mid - 1;
  }
  return widths.map((w, c) => Math.max(floors[c]!, Math.min(w, low)));
}

function* terminalLines(table: Table, opts: LayoutOptions, measure: Measure): Generator<string> {
  const widths = columnWidths(table, opts, measure);
  const indent = ' '.repeat(opts.indent ?? 0);
  const gap = ' '.repeat(opts.gap ?? GAP);
  const last = widths.length - 1;
  const line = (cells: readonly string[], paint: (text: string, column: number) => string): string => {
    let text = indent;
    for (let c = 0; c <= last; c++) {
      const fitted = truncateToWidth(sanitizeLine(cells[c] ?? ''), widths[c]!, measure);
      const styled = fitted === '' ? '' : paint(fitted, c);
      const align = table.columns[c]?.align ?? 'left';
      // The last column is not padded: terminals need no trailing spaces.
      const padded = c === last && align === 'left' ? styled : padStyled(styled, fitted, widths[c]!, measure, align);
      text += (c > 0 ? gap : '') + padded;
    }
    return `${text.trimEnd()}\n`;
  };
  if (opts.header ?? true) yield line(table.columns.map((c) => c.header), (text) => opts.colors.bold(text));
  const { style } = table;
  for (let r = 0; r < table.rows.length; r++) yield line(table.rows[r]!, style ? (text, c) => style(text, r, c) : (text) => text);
}

/** Pads a styled cell by the width of its plain text (the colour codes take no columns). */
function padStyled(styled: string, plain: string, width: number, measure: Measure, align: 'left' | 'right'): string {
  const gap = width - measure(plain);
  if (gap <= 0) return styled;
  return align === 'right' ? ' '.repeat(gap) + styled : styled + ' '.repeat(gap);
}

async function writeChunks(stream: Writable, lines: Iterable<string>): Promise<void> {
  let chunk = '';
  let count = 0;
  for (const line of lines) {
    chunk += line;
    if (++count % CHUNK_ROWS === 0) {
      if (!stream.write(chunk)) await drained(stream);
      chunk = '';
    }
  }
  if (chunk && !stream.write(chunk)) await drained(stream);
}

function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
    stream.once('error', done);
  });
}

/**
 * Rows of cells as aligned lines without a header and never cut (label/value screens such as
 * `org profile`, billing, usage): the same measuring and sanitising as tables, as strings for
 * the caller to print.
 */
export async function alignRows(
  rows: readonly (readonly string[])[],
  opts: { colors: Colors; indent?: number; gap?: number; align?: readonly ('left' | 'right')[]; style?: Table['style'] },
): Promise<string[]> {
  const measure = await loadMeasure();
  const count = rows.reduce((n, row) => Math.max(n, row.length), 0);
  const columns = Array.from({ length: count }, (_, c) => ({ header: '', align: opts.align?.[c] }));
  const table: Table = { columns, rows, style: opts.style };
  return [...terminalLines(table, { colors: opts.colors, header: false, indent: opts.indent, gap: opts.gap }, measure)].map((l) => l.slice(0, -1));
}
