// Questions to the person at the terminal, behind an interface so commands never call
// inquirer directly and tests can script the answers (see test/helpers/scripted-prompter.ts).
import { CancelledError } from '../errors';
import { sanitize, sanitizeLine } from '../output/sanitize';
import type { IOStreams } from './streams';
import { withTerminalRestored } from './terminal';

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

/** Returns true when the answer is acceptable, or a message saying what is wrong with it. */
export type Validate = (value: string) => true | string;

export interface Prompter {
  input(q: { message: string; default?: string; validate?: Validate }): Promise<string>;
  password(q: { message: string; validate?: Validate }): Promise<string>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  select<T>(q: { message: string; choices: readonly Choice<T>[]; default?: T }): Promise<T>;
}

/**
 * The real prompter: @inquirer prompts, loaded on the first question, reading stdin and
 * drawing on stdout (prompts only happen when both are terminals). Ctrl-C becomes CancelledError.
 */
export function terminalPrompter(io: IOStreams): Prompter {
  // A getter: the process's stdin costs a few milliseconds to create, and most commands never ask.
  const context = {
    get input() {
      return io.stdin;
    },
    get output() {
      return io.stdout;
    },
  };
  // One package per kind of question, each loaded when first asked: the umbrella package would
  // also bring the editor prompt and its character-set converters, half a megabyte we never use.
  // Questions and choices name things that came from the network (org and display names):
  // sanitised like everything else shown to a person.
  const safeValidate = (validate?: Validate): Validate | undefined =>
    validate && ((value) => {
      const verdict = validate(value);
      return verdict === true ? true : sanitize(verdict);
    });
  // An answered question keeps a plain "?" instead of inquirer's green ✔: the outcome is the
  // command's to report (a typed confirmation may not match; a choice is followed by its "✓").
  const theme = { prefix: { done: '?' } };
  return {
    input: (q) =>
      asked(
        io,
        import('@inquirer/input').then((p) =>
          p.default({ message: sanitize(q.message), default: q.default, validate: safeValidate(q.validate), theme }, context),
        ),
      ),
    password: (q) =>
      asked(
        io,
        import('@inquirer/password').then((p) =>
          p.default({ message: sanitize(q.message), mask: '*', validate: safeValidate(q.validate), theme }, context),
        ),
      ),
    confirm: (q) =>
      asked(io, import('@inquirer/confirm').then((p) => p.default({ message: sanitize(q.message), default: q.default ?? false, theme }, context))),
    select: <T>(q: { message: string; choices: readonly Choice<T>[]; default?: T }) =>
      asked(
        io,
        import('@inquirer/select').then((p) =>
          p.default<T>(
            {
              message: sanitize(q.message),
              choices: q.choices.map((c) => ({
                ...c,
                name: sanitizeLine(c.name),
                description: c.description === undefined ? undefined : sanitizeLine(c.description),
              })),
              default: q.default,
              theme,
            },
            context,
          ),
        ),
      ),
  };
}

async function asked<T>(io: IOStreams, answer: Promise<T>): Promise<T> {
  try {
    // A signal while the prompt has the terminal in raw mode must not leave it that way.
    return await withTerminalRestored(io, answer);
  } catch (err) {
    // Ctrl-C or Ctrl-D at a prompt: the person chose not to answer.
    if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new CancelledError();
    throw err;
  }
}
