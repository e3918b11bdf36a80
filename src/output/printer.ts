// Where a command's output goes. Results on stdout; notices and warnings on stderr. With
// --json, stdout carries exactly one JSON document, human lines are not printed at all, and
// stderr holds a JSON error or nothing: notices and warnings become the document's "notices".
// Everything printed for a person passes the sanitiser (sanitize.ts): table cells one by one,
// lines as a whole (keeping pipesctl's own colours); JSON is written exactly as it is.
import type { Colors } from '../io/colors';
import type { IOStreams } from '../io/streams';
import { JsonArrayWriter } from './json-stream';
import { sanitize, sanitizeStyled } from './sanitize';
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
  /** With --json: the document and the notices that join it, held until finish(). */
  #document: { value: unknown } | undefined;
  readonly #notices: string[] = [];
  #streamed = false;

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

  /**
   * The machine-readable result: pretty JSON on stdout. With --json it is written when the
   * command ends (finish(), called by the runner), an object carrying the command's notices
   * and warnings as its `"notices": [...]` member, whenever they were given.
   */
  json(value: unknown): void {
    if (this.isJson) this.#document = { value };
    else this.#write(value);
  }

  /** A JSON array written item by item (a long list); it is the command's document, so notices are not added. */
  jsonArray(): JsonArrayWriter {
    this.#streamed = true;
    return new JsonArrayWriter(this.#io.stdout);
  }

  /**
   * Ends the command's output; called once by the runner, on failure too (a bulk command's
   * results come before its error). With --json: writes the document (with its notices), or
   * `{"notices": [...]}` for a command that succeeded with notices and no document.
   */
  finish(opts: { failed?: boolean } = {}): void {
    const doc = this.#document;
    const notices = this.#notices.splice(0);
    this.#document = undefined;
    if (!this.isJson) return;
    if (doc) {
      const { value } = doc;
      const isRecord = typeof value === 'object' && value !== null && !Array.isArray(value);
      this.#write(isRecord && notices.length > 0 ? { ...value, notices } : value);
    } else if (notices.length > 0 && !opts.failed && !this.#streamed) {
      this.#write({ notices });
    }
  }

  #write(value: unknown): void {
    this.#io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** A line of human output on stdout; not printed in --json mode. */
  line(text = ''): void {
    if (!this.isJson) this.#io.stdout.write(`${this.#safe(text, this.#colors)}\n`);
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
    this.#io.stdout.write(`${icon}${this.#safe(message, this.#colors)}\n`);
  }

  /** Information about what is happening, on stderr (never mixes with results); with --json, a notice in the document. */
  notice(message: string): void {
    if (this.isJson) this.#notices.push(stripStyle(message));
    else this.#io.stderr.write(`${this.#safe(message, this.#errColors)}\n`);
  }

  /** Something the person should know about but that does not stop the command, on stderr; with --json, a notice. */
  warn(message: string): void {
    if (this.isJson) this.#notices.push(stripStyle(message));
    else this.#io.stderr.write(`${this.#errColors.yellow('!')} ${this.#safe(message, this.#errColors)}\n`);
  }

  /**
   * For the person at the terminal, just before a question (a plan, what will change): on
   * stderr even with --json, since a prompt only happens when someone is there to read it.
   */
  aside(message: string): void {
    this.#io.stderr.write(`${this.#safe(message, this.#errColors)}\n`);
  }

  /** Sanitised for a person; colour codes survive only where colour is on (so none from data when it is off). */
  #safe(text: string, colors: Colors): string {
    return colors.level > 0 ? sanitizeStyled(text) : sanitize(text);
  }
}

/** Text for JSON: pipesctl's own colour codes removed (JSON escapes the rest). */
function stripStyle(text: string): string {
  return text.replace(/\u001b\[[0-9;]{0,32}m/g, '');
}
