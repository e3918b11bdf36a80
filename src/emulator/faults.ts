// Fault injection for API requests: a fraction of them is answered with an error status
// (or has its connection dropped) — without being processed, or, for a share of them, after
// being processed, as when a server's answer is lost on the way. Deterministic: a seeded PRNG.
import { Validation } from './errors';

export interface FaultConfig {
  /** Fraction of API requests to fault, 0..1. */
  rate: number;
  /** Statuses to answer faulted requests with, picked at random; default [503]. */
  statuses: number[];
  /** Delay added before every API request is handled. */
  latency_ms: number;
  /** Sent as `Retry-After` on faulted 429 answers when set. */
  retry_after_s?: number;
  /** Drop the connection of faulted requests (half of them when statuses are also given). */
  reset_connections: boolean;
  /**
   * Share (0..1) of faulted 5xx answers and dropped connections that come after the request
   * was processed: the change is made, the client never hears of it. 429s are never processed.
   */
  processed_rate: number;
  /** PRNG seed, so a test sees the same sequence of faults on every run. */
  seed: number;
  /** Only requests with these methods are faulted (and delayed); absent: every method. */
  methods?: string[];
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'status'; status: number; retryAfterS?: number; afterProcessing: boolean }
  | { kind: 'reset'; afterProcessing: boolean };

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);

const OFF: FaultConfig = { rate: 0, statuses: [], latency_ms: 0, reset_connections: false, processed_rate: 0, seed: 1 };

/** mulberry32: small, fast and good enough to spread faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private current: FaultConfig = OFF;
  private random: () => number = prng(OFF.seed);

  /** Validate and apply a POST /_emulator/faults body; `{}` turns faults off. */
  configure(body: Record<string, unknown>): FaultConfig {
    const config: FaultConfig = { ...OFF };
    if (body.rate !== undefined) {
      if (typeof body.rate !== 'number' || body.rate < 0 || body.rate > 1) throw new Validation('body.rate', 'must be a number from 0 to 1');
      config.rate = body.rate;
    }
    if (body.statuses !== undefined) {
      const ok = Array.isArray(body.statuses) && body.statuses.every((s) => Number.isInteger(s) && s >= 400 && s <= 599);
      if (!ok) throw new Validation('body.statuses', 'must be an array of HTTP error statuses (400..599)');
      config.statuses = body.statuses as number[];
    }
    if (body.latency_ms !== undefined) {
      if (!Number.isInteger(body.latency_ms) || (body.latency_ms as number) < 0) throw new Validation('body.latency_ms', 'must be a non-negative integer');
      config.latency_ms = body.latency_ms as number;
    }
    if (body.retry_after_s !== undefined) {
      if (!Number.isInteger(body.retry_after_s) || (body.retry_after_s as number) < 0) throw new Validation('body.retry_after_s', 'must be a non-negative integer');
      config.retry_after_s = body.retry_after_s as number;
    }
    if (body.reset_connections !== undefined) {
      if (typeof body.reset_connections !== 'boolean') throw new Validation('body.reset_connections', 'must be a boolean');
      config.reset_connections = body.reset_connections;
    }
    if (body.processed_rate !== undefined) {
      const rate = body.processed_rate;
      if (typeof rate !== 'number' || rate < 0 || rate > 1) throw new Validation('body.processed_rate', 'must be a number from 0 to 1');
      config.processed_rate = rate;
    }
    if (body.methods !== undefined) {
      const ok = Array.isArray(body.methods) && body.methods.length > 0 && body.methods.every((m) => typeof m === 'string' && METHODS.has(m.toUpperCase()));
      if (!ok) throw new Validation('body.methods', `must be a non-empty array of HTTP methods (${[...METHODS].join(', ')})`);
      config.methods = [...new Set((body.methods as string[]).map((m) => m.toUpperCase()))];
    }
    if (body.seed !== undefined) {
      if (!Number.isInteger(body.seed)) throw new Validation('body.seed', 'must be an integer');
      config.seed = body.seed as number;
    }
    if (config.rate > 0 && config.statuses.length === 0 && !config.reset_connections) config.statuses = [503];
    this.current = config;
    this.random = prng(config.seed);
    return config;
  }

  off(): void {
    this.current = OFF;
    this.random = prng(OFF.seed);
  }

  config(): FaultConfig {
    return this.current;
  }

  /** Whether faults (and latency) apply to a request with this method. */
  applies(method: string): boolean {
    const { methods } = this.current;
    return methods === undefined || methods.includes(method);
  }

  get latencyMs(): number {
    return this.current.latency_ms;
  }

  /** Whether (and how) to fault the next API request. */
  decide(): FaultDecision {
    const { rate, statuses, reset_connections, retry_after_s, processed_rate } = this.current;
    if (rate <= 0 || this.random() >= rate) return { kind: 'none' };
    const afterProcessing = processed_rate > 0 && this.random() < processed_rate;
    if (reset_connections && (statuses.length === 0 || this.random() < 0.5)) return { kind: 'reset', afterProcessing };
    const status = statuses[Math.floor(this.random() * statuses.length)]!;
    if (status === 429) return retry_after_s !== undefined ? { kind: 'status', status, retryAfterS: retry_after_s, afterProcessing: false } : { kind: 'status', status, afterProcessing: false };
    return { kind: 'status', status, afterProcessing: afterProcessing && status >= 500 };
  }
}
