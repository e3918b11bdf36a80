// What a command gets (gh's Factory): streams and terminal facts, the environment, the
// prompter, the config store, a clock, and lazily built helpers — the host, the token, API
// clients, the org to act on, confirmations. Built once the command line is parsed (the
// global options are part of it) and never changed after. Tests build one over buffers, a
// scripted prompter, a fixed clock and a temporary config dir (test/helpers/context.ts).
import type { PipesApi } from '../api/api';
import { resolveHost, type HostTarget } from '../api/host';
import { createPipesApi } from '../api/index';
import { isHandle } from '../api/rules';
import type { ConfigStore, TokenKind } from '../config/store';
import { readTurbotCliToken, turbotCliTokenPath } from '../config/turbot-cli';
import { AuthError, CancelledError, UsageError } from '../errors';
import { colorLevel, createColors, type Colors } from '../io/colors';
import type { Prompter } from '../io/prompter';
import { withSpinner } from '../io/spinner';
import type { IOStreams } from '../io/streams';
import { StopSignal } from '../core/stop';
import { processInterrupts, type Interrupts } from './interrupts';
import { Printer } from '../output/printer';
import { sanitize } from '../output/sanitize';
import { VERSION } from '../version';

export type Env = Readonly<Record<string, string | undefined>>;

export interface Clock {
  now(): Date;
}

/** The options every command accepts, parsed by the root command. */
export interface GlobalOptions {
  host?: string;
  org?: string;
  json: boolean;
  debug: boolean;
  /** False with --no-color. */
  color: boolean;
}

export const DEFAULT_GLOBAL_OPTIONS: GlobalOptions = { json: false, debug: false, color: true };

export type ApiClient = PipesApi & { close(): Promise<void> };
export type ApiFactory = (opts: Parameters<typeof createPipesApi>[0]) => ApiClient;

export interface ContextDeps {
  io: IOStreams;
  env: Env;
  prompter: Prompter;
  store: ConfigStore;
  clock: Clock;
  /** The home directory, where Turbot's CLIs keep their login (~/.pipes/internal). */
  homeDir: string;
  /** Shows a URL in the browser; rejects when no browser was opened (callers treat it as best effort). */
  openBrowser(url: string): Promise<void>;
  /** Builds API clients; the real HTTP client unless a test says otherwise. */
  createApi?: ApiFactory;
  /** Ctrl-C as bulk commands see it; the process's SIGINT unless a test says otherwise. */
  interrupts?: Interrupts;
}

/**
 * How a command reaches its Context: commands are declared before the command line is
 * parsed, and their actions run after, once the Context exists.
 */
export type GetContext = () => Context;

export type TokenSource = 'env' | 'config' | 'turbot-cli';

export interface Credentials {
  token: string;
  source: TokenSource;
  kind?: TokenKind;
}

export interface ConfirmByTypingOptions {
  /** What must be typed, e.g. the org handle. */
  target: string;
  /** The value given with --confirm, if any. */
  confirmFlag: string | undefined;
  /** What is about to happen, shown before the prompt: "delete the org acme and everything in it". */
  action: string;
}

export interface ConfirmYesNoOptions {
  question: string;
  /** The answering flag was given. */
  yes: boolean;
  /** The flag named in the error without a terminal. */
  flag?: string;
}

export class Context {
  readonly io: IOStreams;
  readonly env: Env;
  readonly prompter: Prompter;
  readonly store: ConfigStore;
  readonly clock: Clock;
  readonly homeDir: string;
  readonly #deps: ContextDeps;
  readonly #options: Readonly<GlobalOptions>;
  #host?: HostTarget;
  #out?: Printer;
  #colors?: { out: Colors; err: Colors };
  #api?: ApiClient;
  #anonymousApi?: ApiClient;
  readonly #clients: ApiClient[] = [];

  constructor(deps: ContextDeps, options: Partial<GlobalOptions> = {}) {
    this.#deps = deps;
    this.io = deps.io;
    this.env = deps.env;
    this.prompter = deps.prompter;
    this.store = deps.store;
    this.clock = deps.clock;
    this.homeDir = deps.homeDir;
    this.#options = { ...DEFAULT_GLOBAL_OPTIONS, ...stripUndefined(options) };
    // What is wrong with the config is said like any other warning (with --json, in the document).
    deps.store.reportWarningsTo((message) => this.out.warn(message));
  }

  get options(): Readonly<GlobalOptions> {
    return this.#options;
  }

  get out(): Printer {
    this.#out ??= new Printer({ io: this.io, json: this.#options.json, colors: this.#palette().out, errColors: this.#palette().err });
    return this.#out;
  }

  /** Colours for stdout; plain unless stdout is a terminal (or FORCE_COLOR says otherwise). */
  get colors(): Colors {
    return this.#palette().out;
  }

  /** Colours for stderr. */
  get errColors(): Colors {
    return this.#palette().err;
  }

  /** The Pipes host from --host or PIPES_HOST (a UsageError for a bad or insecure one; nothing is sent). */
  host(): HostTarget {
    this.#host ??= resolveHost(this.#options.host ?? this.env.PIPES_HOST);
    return this.#host;
  }

  /** Where the host came from: --host, PIPES_HOST, or the default. */
  hostSource(): 'flag' | 'env' | 'default' {
    if (this.#options.host?.trim()) return 'flag';
    if (this.env.PIPES_HOST?.trim()) return 'env';
    return 'default';
  }

  /** The token to use: PIPES_TOKEN > the stored login for the host > Turbot CLI's login file. */
  credentials(): Credentials | undefined {
    const fromEnv = this.env.PIPES_TOKEN?.trim();
    if (fromEnv) return { token: fromEnv, source: 'env' };
    const host = this.host();
    const stored = this.store.getHost(host.key);
    if (stored?.token) {
      // As ssh does: a login another user could have written is not sent anywhere.
      const unsafe = this.store.unsafe();
      if (unsafe.length > 0) {
        throw new AuthError(`refusing to send the token stored in ${this.store.path}: ${unsafe[0]!.problem}`, {
          code: 'config_unsafe',
          hint: `Fix it with \`${unsafe.map((u) => u.fix).join(' && ')}\` (then check its logins with \`pipesctl auth status\`), or set PIPES_TOKEN.`,
        });
      }
      return { token: stored.token, source: 'config', kind: stored.token_kind };
    }
    const turbot = readTurbotCliToken(this.homeDir, host.key);
    if (turbot) return { token: turbot, source: 'turbot-cli', kind: 'temporary' };
    return undefined;
  }

  /** Where a token came from, in words: "PIPES_TOKEN", "~/.config/pipesctl/config.json". */
  describeTokenSource(source: TokenSource): string {
    switch (source) {
      case 'env':
        return 'PIPES_TOKEN';
      case 'config':
        return this.store.path;
      case 'turbot-cli':
        return turbotCliTokenPath(this.homeDir, this.host().key);
    }
  }

  /** How to get past "not logged in" or "token rejected", given where the token came from. */
  loginHint(source?: TokenSource): string {
    if (source === 'env') return 'PIPES_TOKEN is set but was not accepted: set a valid token, or unset it and run `pipesctl login`.';
    return `Run \`pipesctl login\`${this.#hostFlag()} (or set PIPES_TOKEN).`;
  }

  /** The authenticated client; AuthError (exit 4) when there is no token at all. */
  api(): PipesApi {
    if (this.#api) return this.#api;
    const creds = this.credentials();
    if (!creds) {
      throw new AuthError(`not logged in to ${this.host().key} — run \`pipesctl login\` or set PIPES_TOKEN`);
    }
    this.#api = this.#createClient(creds.token);
    return this.#api;
  }

  /** A client without a token, for the login endpoints. */
  anonymousApi(): PipesApi {
    this.#anonymousApi ??= this.#createClient(undefined);
    return this.#anonymousApi;
  }

  /** A client for a token that is not stored yet (to check it before saving it). */
  apiWithToken(token: string): PipesApi {
    return this.#createClient(token);
  }

  /**
   * The org to act on: the argument or --org, else PIPES_ORG, else the default set by
   * `org switch` for this host. UsageError when there is none or it is not a valid handle.
   */
  resolveOrg(explicit?: string): string {
    const org = this.currentOrg(explicit);
    if (!org) {
      throw new UsageError('no org given: pass --org <handle>, set PIPES_ORG, or choose a default with `pipesctl org switch <handle>`', {
        code: 'org_required',
      });
    }
    if (!isHandle(org)) {
      throw new UsageError(`"${org}" is not a valid org handle (lowercase letters, digits and single hyphens)`, { code: 'invalid_handle' });
    }
    return org;
  }

  /** The org commands would act on, without complaining when there is none (for "current" markers). */
  currentOrg(explicit?: string): string | undefined {
    return explicit || this.#options.org || this.env.PIPES_ORG || this.store.getHost(this.host().key)?.org || undefined;
  }

  /** Prompts happen only when a person is there to answer: stdin and stdout are terminals. */
  canPrompt(): boolean {
    return this.io.stdinIsTTY && this.io.stdoutIsTTY;
  }

  /** Runs `work` under a spinner on stderr (terminal only; never with --debug, whose trace goes there too). */
  spin<T>(label: string, work: () => Promise<T>): Promise<T> {
    return withSpinner(label, work, {
      // With --json, stderr carries a JSON error or nothing at all.
      enabled: this.io.stderrIsTTY && !this.#options.debug && !this.#options.json,
      stream: this.io.stderr,
      color: this.errColors.level > 0,
    });
  }

  /**
   * For what cannot be undone: `--confirm <target>` must name the target exactly; otherwise a
   * person types it at a prompt. Mismatch → UsageError (nothing sent); wrong answer →
   * CancelledError; no terminal and no flag → UsageError naming the flag.
   */
  async confirmByTyping({ target, confirmFlag, action }: ConfirmByTypingOptions): Promise<void> {
    if (confirmFlag !== undefined) {
      if (confirmFlag === target) return;
      throw new UsageError(`--confirm "${confirmFlag}" does not match "${target}"; nothing was changed`, { code: 'confirmation_mismatch' });
    }
    if (!this.canPrompt()) {
      throw new UsageError(`--confirm ${target} required when not running interactively: it confirms that you mean to ${action}`, {
        code: 'confirmation_required',
      });
    }
    this.out.warn(`This will ${action}.`);
    const answer = await this.prompter.input({ message: `Type ${target} to confirm:` });
    if (answer.trim() !== target) throw new CancelledError(`"${answer.trim()}" does not match "${target}"; nothing was changed.`);
  }

  /** y/N for what is serious but routine; `flag` (default --yes) answers it in scripts. */
  async confirmYesNo({ question, yes, flag = '--yes' }: ConfirmYesNoOptions): Promise<void> {
    if (yes) return;
    if (!this.canPrompt()) {
      throw new UsageError(`${flag} required when not running interactively: it answers "${question}"`, { code: 'confirmation_required' });
    }
    if (!(await this.prompter.confirm({ message: question, default: false }))) throw new CancelledError();
  }

  /**
   * Runs `work` with Ctrl-C turned into its StopSignal (the first asks to start nothing new,
   * the second to stop waiting for what is in flight); `onInterrupt` hears which, to say so.
   */
  async interruptible<T>(work: (signal: StopSignal) => Promise<T>, onInterrupt?: (what: 'stop' | 'abandon') => void): Promise<T> {
    const signal = new StopSignal();
    const interrupts = this.#deps.interrupts ?? processInterrupts();
    const stopListening = interrupts.listen(() => onInterrupt?.(signal.request()));
    try {
      return await work(signal);
    } finally {
      stopListening();
    }
  }

  /** Best effort: a browser that cannot be opened is not an error (the URL is printed anyway). */
  async openBrowser(url: string): Promise<boolean> {
    try {
      await this.#deps.openBrowser(url);
      return true;
    } catch {
      return false;
    }
  }

  /** Every token this context might send, so error output can be scrubbed of them. */
  knownSecrets(): string[] {
    const secrets = [this.env.PIPES_TOKEN?.trim()];
    try {
      secrets.push(this.credentials()?.token);
    } catch {
      // an invalid host: nothing stored to protect
    }
    return secrets.filter((s): s is string => Boolean(s));
  }

  /** Releases the clients' connection pools so the process can exit. */
  async close(): Promise<void> {
    const clients = this.#clients.splice(0);
    this.#api = undefined;
    this.#anonymousApi = undefined;
    await Promise.allSettled(clients.map((c) => c.close()));
  }

  #createClient(token: string | undefined): ApiClient {
    const create = this.#deps.createApi ?? createPipesApi;
    const client = create({
      baseUrl: this.host().apiBase,
      token,
      userAgent: `pipesctl/${VERSION}`,
      debug: this.#options.debug ? (line) => this.io.stderr.write(sanitize(line.endsWith('\n') ? line : `${line}\n`)) : undefined,
    });
    this.#clients.push(client);
    return client;
  }

  #palette(): { out: Colors; err: Colors } {
    const facts = { noColorFlag: !this.#options.color, env: this.env };
    this.#colors ??= {
      out: createColors(colorLevel({ ...facts, isTTY: this.io.stdoutIsTTY })),
      err: createColors(colorLevel({ ...facts, isTTY: this.io.stderrIsTTY })),
    };
    return this.#colors;
  }

  /** " --host X" when the host was chosen on the command line, so the hint can be pasted as is. */
  #hostFlag(): string {
    return this.#options.host ? ` --host ${this.#options.host}` : '';
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
