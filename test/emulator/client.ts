// A bare fetch client for the emulator's own tests: they check the wire (status, headers,
// JSON), so they do not go through the pipesctl client.
import { expect } from 'vitest';
import { validate, type Schema } from '../../src/api/schemas';

export interface WireResponse {
  status: number;
  headers: Headers;
  // Tests read arbitrary JSON and check it with schemas.
  body: any;
}

export interface CallOptions {
  /** Bearer token; null sends none. */
  token?: string | null;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the API of `target()` (read at each call), with its token unless told otherwise. */
export function apiClient(target: () => { url: string; token: string }) {
  return async function call(method: string, path: string, opts: CallOptions = {}): Promise<WireResponse> {
    const { url, token: defaultToken } = target();
    const token = opts.token === undefined ? defaultToken : opts.token;
    const headers: Record<string, string> = { ...opts.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${url}/api/v0${path}`, { method, headers, body });
    const text = await res.text();
    if (text) expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
}

/** Assert the status and that the body matches the schema, with the problems listed on failure. */
export function expectShape(res: WireResponse, status: number, schema: Schema): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(validate(schema, res.body)).toEqual([]);
}
