// Where a command's output goes. Results on stdout; notices and warnings on stderr. With
// --json, stdout carries exactly one JSON document and human lines are not printed at all.
// Everything printed for a person passes the sanitiser (sanitize.ts): table cells one by one,
// lines as a whole (keeping pipesctl's own colours); JSON is written exactly as it is.
import type { Colors } from '../io/colors';
import type { IOStreams } from '../io/streams';
import { sanitizeStyled } from './sanitize';
import { alignRows, writePlainTable, writeTerminalTable, type Table } from './table';

export interface PrinterOptions {
  io: IOStreams;
  json: boolean;
  /** Colours for stdout and for stderr: each is plain unless its own stream is a terminal. */
  colors: Colors;
  errColors: Colors;
}

export class Printer {
  readonly #io: IOStreams;
  readonly #colors: Colors;
  readonly #errColors: Colors;
  readonly isJson: boolean;

  constructor(opts: PrinterOptions) {
    this.#io = opts.io;
    this.isJson = opts.json;
    this.#colors = opts.colors;
    this.#errColors = opts.errColors;
  }

  /** Colours for text about to be written to stdout. */
  get colors(): Colors {
    return this.#colors;
  }

  /** Colours for text about to be written to stderr. */
  get errColors(): Colors {
    return this.#errColors;
  }

  /** The machine-readable result: pretty JSON on stdout. */
  json(value: unknown): void {
    this.#io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A line of human output on stdout; not printed in --json mode. */
  line(text = ''): void {
    if (!this.isJson) this.#io.stdout.write(`${sanitizeStyled(text)}\n`);
  }

  /**
   * A table on stdout (aligned under a header and cut to the terminal's width on a terminal,
   * tab-separated otherwise); not printed in --json mode.
   */
  async table(table: Table): Promise<void> {
    if (this.isJson) return;
    if (this.#io.stdoutIsTTY) await writeTerminalTable(this.#io.stdout, table, { colors: this.#colors, width: this.#io.columns });
    else await writePlainTable(this.#io.stdout, table);
  }

  /**
   * Label/value lines (or any rows of cells) with the columns aligned by display width, on a
   * terminal or not; `style` colours a cell. Not printed in --json mode.
   */
  async aligned(
    rows: readonly (readonly string[])[],
    opts: { indent?: number; gap?: number; align?: readonly ('left' | 'right')[]; style?: Table['style'] } = {},
  ): Promise<void> {
    if (this.isJson) return;
    for (const line of await alignRows(rows, { colors: this.#colors, ...opts })) this.#io.stdout.write(`${line}\n`);
  }

  /**
   * The outcome of a command that changes something: "✓ message" for people, or with --json
   * the given record (when there is none, the message goes to stderr so stdout stays empty).
   */
  success(message: string, jsonValue?: unknown): void {
    if (this.isJson) {
      if (jsonValue !== undefined) this.json(jsonValue);
      else this.notice(message);
      return;
    }
    const icon = this.#io.stdoutIsTTY ? `${this.#colors.green('✓')} ` : '';
    this.#io.stdout.write(`${icon}${sanitizeStyled(message)}\n`);
  }

  /** Information about what is happening, on stderr (never mixes with results). */
  notice(message: string): void {
    this.#io.stderr.write(`${sanitizeStyled(message)}\n`);
  }

  /** Something the person should know about but that does not stop the command, on stderr. */
  warn(message: string): void {
    this.#io.stderr.write(`${this.#errColors.yellow('!')} ${sanitizeStyled(message)}\n`);
  }
}
