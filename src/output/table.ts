// Tables: aligned columns under a bold header on a terminal (cli-table3, loaded only here);
// off a terminal, one row per line, tab-separated, no header, nothing decorative — the
// columns stay the same from release to release so `cut -f1` keeps working (as gh does).
import type { Colors } from '../io/colors';

export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

export interface Table {
  columns: readonly TableColumn[];
  /** Plain cell text; colour, if any, is added by `style`. */
  rows: readonly (readonly string[])[];
  /** Colours a cell on a terminal (e.g. dim a role, highlight the current row). */
  style?: (cell: string, row: number, column: number) => string;
}

/** Tab-separated lines, no header; tabs and newlines inside cells become spaces. */
export function renderPlainTable(table: Table): string {
  return table.rows.map((row) => row.map(cleanCell).join('\t') + '\n').join('');
}

export async function renderTerminalTable(table: Table, colors: Colors): Promise<string> {
  const { default: CliTable } = await import('cli-table3');
  const noBorders = Object.fromEntries(
    ['top', 'top-mid', 'top-left', 'top-right', 'bottom', 'bottom-mid', 'bottom-left', 'bottom-right', 'left', 'left-mid', 'mid', 'mid-mid', 'right', 'right-mid', 'middle'].map((c) => [c, '']),
  );
  const t = new CliTable({
    head: table.columns.map((c) => colors.bold(c.header)),
    colAligns: table.columns.map((c) => c.align ?? 'left'),
    chars: { ...noBorders, middle: '  ' },
    style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [], compact: true },
    wordWrap: false,
  });
  table.rows.forEach((row, r) => t.push(row.map((cell, c) => (table.style ? table.style(cleanCell(cell), r, c) : cleanCell(cell)))));
  // cli-table3 pads the last column too; terminals do not need trailing spaces.
  return t.toString().split('\n').map((line) => line.trimEnd()).join('\n') + '\n';
}

function cleanCell(cell: string): string {
  return cell.replace(/[\t\r\n]+/g, ' ');
}
