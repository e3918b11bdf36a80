// A bare fetch client for the API of an emulator, for tests that check the wire (status,
// headers, JSON) or set up and read state without going through the pipesctl client. Every
// answer is checked against the API document (test/helpers/openapi.ts): its status must be
// one the operation lists and its body must match that status's schema.
//
//   const api = apiClient(() => emu);                 // emu's token unless told otherwise
//   const res = await api('PATCH', '/org/acme', { body: { display_name: 'X' }, token: janeToken });
//   expect(res.status).toBe(200);
import { expect } from 'vitest';
import { responseProblems, schemaProblems } from './openapi';

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
  /** Skip the check against the API document (answers of injected faults, which no operation lists). */
  unchecked?: boolean;
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
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!opts.unchecked) expect(responseProblems(method, `/api/v0${path}`, res.status, parsed)).toEqual([]);
    return { status: res.status, headers: res.headers, body: parsed };
  };
}

export type ApiCall = ReturnType<typeof apiClient>;

/** Assert the status and that the body is the document's schema `name`, with the problems listed on failure. */
export function expectShape(res: WireResponse, status: number, name: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
  expect(schemaProblems(name, res.body)).toEqual([]);
}
