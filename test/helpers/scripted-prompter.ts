// A Prompter for tests: answers come from a script, in order. A question the script does not
// expect is recorded (and thrown), so the test helper can fail the test even when the command
// swallows the error.
import { CancelledError } from '../../src/errors';
import type { Choice, Prompter, Validate } from '../../src/io/prompter';

export type PromptKind = 'input' | 'password' | 'confirm' | 'select';

export interface AskedQuestion {
  kind: PromptKind;
  message: string;
  choices?: readonly Choice<unknown>[];
  default?: unknown;
  validate?: Validate;
}

/** An answer, or a function computing it from the question (it may be async). */
export type Answer<T> = T | typeof CANCEL | ((q: AskedQuestion) => T | typeof CANCEL | Promise<T | typeof CANCEL>);

/** Answer with this to act like Ctrl-C at the prompt. */
export const CANCEL = Symbol('cancel');

interface Step {
  kind: PromptKind;
  message: string | RegExp;
  answer: Answer<unknown>;
}

export class UnexpectedPromptError extends Error {
  override name = 'UnexpectedPromptError';
}

export class ScriptedPrompter implements Prompter {
  readonly #steps: Step[] = [];
  /** Every question asked, expected or not. */
  readonly asked: AskedQuestion[] = [];
  /** Questions that did not match the script. */
  readonly failures: UnexpectedPromptError[] = [];

  expectInput(message: string | RegExp, answer: Answer<string>): this {
    return this.#expect('input', message, answer);
  }
  expectPassword(message: string | RegExp, answer: Answer<string>): this {
    return this.#expect('password', message, answer);
  }
  expectConfirm(message: string | RegExp, answer: Answer<boolean>): this {
    return this.#expect('confirm', message, answer);
  }
  /** `answer` is the chosen choice's value. */
  expectSelect<T>(message: string | RegExp, answer: Answer<T>): this {
    return this.#expect('select', message, answer);
  }

  /** Questions still waiting in the script. */
  get pending(): number {
    return this.#steps.length;
  }

  /** Throws unless every scripted question was asked and nothing unexpected was. */
  assertDone(): void {
    if (this.failures.length > 0) throw this.failures[0];
    if (this.#steps.length > 0) {
      throw new Error(`scripted prompts never asked: ${this.#steps.map((s) => `${s.kind} ${String(s.message)}`).join('; ')}`);
    }
  }

  input(q: { message: string; default?: string; validate?: Validate }): Promise<string> {
    return this.#answer<string>({ kind: 'input', ...q });
  }
  password(q: { message: string; validate?: Validate }): Promise<string> {
    return this.#answer<string>({ kind: 'password', ...q });
  }
  confirm(q: { message: string; default?: boolean }): Promise<boolean> {
    return this.#answer<boolean>({ kind: 'confirm', ...q });
  }
  async select<T>(q: { message: string; choices: readonly Choice<T>[]; default?: T }): Promise<T> {
    const value = await this.#answer<T>({ kind: 'select', ...q });
    if (!q.choices.some((c) => c.value === value)) {
      throw this.#fail(`select "${q.message}" was answered with ${JSON.stringify(value)}, which is not one of its choices`);
    }
    return value;
  }

  #expect(kind: PromptKind, message: string | RegExp, answer: Answer<unknown>): this {
    this.#steps.push({ kind, message, answer });
    return this;
  }

  async #answer<T>(q: AskedQuestion): Promise<T> {
    this.asked.push(q);
    const step = this.#steps[0];
    if (!step) throw this.#fail(`unexpected ${q.kind} prompt "${q.message}"`);
    const matches = typeof step.message === 'string' ? q.message.includes(step.message) : step.message.test(q.message);
    if (step.kind !== q.kind || !matches) {
      throw this.#fail(`expected ${step.kind} prompt matching ${String(step.message)}, got ${q.kind} "${q.message}"`);
    }
    this.#steps.shift();
    const answer = typeof step.answer === 'function' ? await (step.answer as (q: AskedQuestion) => unknown)(q) : step.answer;
    if (answer === CANCEL) throw new CancelledError();
    return answer as T;
  }

  #fail(message: string): UnexpectedPromptError {
    const err = new UnexpectedPromptError(message);
    this.failures.push(err);
    return err;
  }
}
