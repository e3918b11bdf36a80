import { describe, expect, it } from 'vitest';
import { ApiError, InvalidResponseError, NetworkError, NotPipesApiError, RateLimitError } from '../../src/api/errors';
import { closedPort, reply, sequence, type Handler } from '../helpers/http-server';
import type { ClientOptions } from '../../src/api/client';
import { failure, TEST_TOKEN, type TestClient, useClientServer } from './support';

const setup = useClientServer();
let t: TestClient;

function use(handler: Handler, overrides: Partial<ClientOptions> = {}): TestClient {
  setup.server.setHandler(handler);
  t = setup.connect(overrides);
  return t;
}

describe('requests', () => {
  it('sends the bearer token, user agent and accept header, and the query without undefined values', async () => {
    use(() => reply.json(200, { handle: 'demo' }));
    const user = await t.client.request<{ handle: string }>({ method: 'GET', path: '/actor', query: { limit: 100, where: "a = 'b c'", skip: undefined } });

    expect(user).toEqual({ handle: 'demo' });
    const [req] = setup.server.requests;
    expect(req!.path).toBe('/api/v0/actor');
    expect(Object.fromEntries(req!.query)).toEqual({ limit: '100', where: "a = 'b c'" });
    expect(req!.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
    expect(req!.headers['user-agent']).toBe('pipesctl/test');
    expect(req!.headers.accept).toBe('application/json');
  });

  it('leaves the token off when auth is false', async () => {
    use(() => reply.json(201, { id: 'r1' }));
    await t.client.request({ method: 'POST', path: '/login/token', auth: false });
    expect(setup.server.requests[0]!.headers.authorization).toBeUndefined();
    expect(setup.server.requests[0]!.headers['content-type']).toBeUndefined();
  });

  it('sends JSON bodies with their content type, and extra headers such as If-Match', async () => {
    use(() => reply.json(200, { handle: 'acme' }));
    await t.client.request({ method: 'PATCH', path: '/org/acme', body: { display_name: 'Acme' }, headers: { 'If-Match': '3' } });
    const [req] = setup.server.requests;
    expect(req!.method).toBe('PATCH');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.headers['if-match']).toBe('3');
    expect(JSON.parse(req!.body.toString())).toEqual({ display_name: 'Acme' });
  });

  it('reuses keep-alive connections for consecutive requests', async () => {
    use(() => reply.json(200, {}));
    for (let i = 0; i < 6; i++) await t.client.request({ method: 'GET', path: '/actor' });
    // undici may open a second socket while the first is being released; never one per request.
    expect(new Set(setup.server.requests.map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
  });
});

describe('answers that are not what the contract promises', () => {
  it('turns an ErrorModel into an ApiError with status, code, detail and validation errors', async () => {
    const body = { type: 'x', title: 'Bad Request', status: 400, instance: 'i', detail: 'handle is invalid', validation_errors: [{ location: 'body.handle', message: 'bad' }] };
    use(() => reply.json(400, body));
    const err = await failure(t.client.request({ method: 'POST', path: '/org', body: { handle: 'A' } }));

    expect(err).toBeInstanceOf(ApiError);
    const api = err as ApiError;
    expect(api.status).toBe(400);
    expect(api.code).toBe('bad_request');
    expect(api.message).toBe('Bad Request: handle is invalid');
    expect(api.validationErrors).toEqual(body.validation_errors);
    expect(api.request).toEqual({ method: 'POST', path: '/org' });
    expect(api.maybeProcessed).toBe(false);
  });

  it('still gives an ApiError named by its status line for an HTML error page', async () => {
    use(() => reply.html(502));
    const err = await failure(t.client.request({ method: 'POST', path: '/org', body: {} }));

    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('HTTP 502 Bad Gateway');
    expect((err as ApiError).code).toBe('server_error');
    expect((err as ApiError).body).toBeUndefined();
  });

  it('does not follow a redirect, and says where it pointed', async () => {
    use(() => reply.raw(301, '', { location: 'https://pipes.example.com/api/v0/actor' }));
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('HTTP 301 Moved Permanently');
    expect(err.hint).toContain('redirected to https://pipes.example.com/api/v0/actor');
    expect(setup.server.requests).toHaveLength(1);
  });

  it('takes an HTML page answered with 200 as a sign that the host is not a Pipes API', async () => {
    use(() => reply.html(200, 'Sign in to the Wi-Fi'));
    const err = await failure(t.client.request({ method: 'GET', path: '/org', query: { limit: 100 } }));

    expect(err).toBeInstanceOf(NotPipesApiError);
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toBe(`${setup.server.url.slice(7)} does not look like a Pipes API: GET /org?limit=100 was answered with HTTP 200 and a web page`);
    expect((err as InvalidResponseError).status).toBe(200);
  });

  it('rejects truncated JSON', async () => {
    use(() => reply.raw(200, '{"items":[{"id":"o_1","handle":"ac', { 'content-type': 'application/json' }));
    const err = await failure(t.client.request({ method: 'GET', path: '/org' }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toMatch(/^the JSON from GET \/org is malformed or cut short \(HTTP 200, 34 bytes\)$/);
  });

  it('rejects JSON sent with a content type that is not JSON', async () => {
    use(() => reply.raw(200, '{"handle":"demo"}', { 'content-type': 'text/plain' }));
    const err = await failure(t.client.request({ method: 'GET', path: '/actor' }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.message).toContain('got text/plain');
  });

  it('accepts JSON with a charset or a +json type', async () => {
    use(sequence(reply.raw(200, '{"a":1}', { 'content-type': 'application/json; charset=utf-8' }), reply.raw(200, '{"b":2}', { 'content-type': 'application/problem+json' })));
    expect(await t.client.request({ method: 'GET', path: '/x' })).toEqual({ a: 1 });
    expect(await t.client.request({ method: 'GET', path: '/x' })).toEqual({ b: 2 });
  });

  it('rejects an empty body where a record is expected, and a JSON value that is not an object', async () => {
    use(sequence(reply.raw(200, ''), reply.json(200, [1, 2])));
    const empty = await failure(t.client.request({ method: 'GET', path: '/actor' }));
    expect(empty).toBeInstanceOf(InvalidResponseError);
    expect(empty.message).toBe('expected JSON from GET /actor, got an empty body (HTTP 200)');
    const array = await failure(t.client.request({ method: 'GET', path: '/actor' }));
    expect(array.message).toBe('expected a JSON object from GET /actor, got an array (HTTP 200)');
  });

  it('resolves to undefined for a 204 or an empty body where the contract allows it', async () => {
    use(sequence(reply.empty(204), reply.raw(200, '')));
    expect(await t.client.request({ method: 'DELETE', path: '/org/acme', allowEmpty: true })).toBeUndefined();
    expect(await t.client.request({ method: 'DELETE', path: '/org/acme', allowEmpty: true })).toBeUndefined();
    expect(setup.server.requests).toHaveLength(2);
  });

  it('marks a mutation answered 2xx with a bad body as possibly processed', async () => {
    use(() => reply.html(201));
    const err = (await failure(t.client.request({ method: 'POST', path: '/org', body: {} }))) as InvalidResponseError;
    expect(err.maybeProcessed).toBe(true);
  });
});

describe('retries', () => {
  it('waits out Retry-After seconds on a 429, even for a POST', async () => {
    use(sequence(reply.errorModel(429, 'Too Many Requests', undefined, { 'retry-after': '2' }), reply.json(201, { handle: 'acme' })));
    const org = await t.client.request({ method: 'POST', path: '/org', body: { handle: 'acme' } });

    expect(org).toEqual({ handle: 'acme' });
    expect(setup.server.requests).toHaveLength(2);
    expect(setup.server.requests.map((r) => r.body.toString())).toEqual(['{"handle":"acme"}', '{"handle":"acme"}']);
    expect(t.sleeps).toEqual([2000]);
  });

  it('understands Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 3000).toUTCString();
    use(sequence(reply.errorModel(429, 'Too Many Requests', undefined, { 'retry-after': at }), reply.json(200, {})));
    await t.client.request({ method: 'GET', path: '/actor' });
    expect(t.sleeps).toHaveLength(1);
    expect(t.sleeps[0]).toBeGreaterThan(1000);
    expect(t.sleeps[0]).toBeLessThanOrEqual(3000);
  });

  it('does not wait for a Retry-After that ends past the deadline: a rate-limit error at once', async () => {
    use(sequence(reply.errorModel(429, 'Too Many Requests', undefined, { 'retry-after': '3600' }), reply.json(200, {})));
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterMs).toBe(3_600_000);
    expect(err.message).toBe(`rate limited: ${setup.server.url.slice(7)} refused GET /actor with HTTP 429 Too Many Requests once; it asked to wait 3600s`);
    expect(t.sleeps).toEqual([]);
    expect(setup.server.requests).toHaveLength(1);
  });

  it('waits a Retry-After that fits in the deadline', async () => {
    use(sequence(reply.errorModel(429, 'Too Many Requests', undefined, { 'retry-after': '45' }), reply.json(200, {})));
    await t.client.request({ method: 'GET', path: '/actor' });
    expect(t.sleeps).toEqual([45_000]);
  });

  it('backs off exponentially with full jitter, then gives up with the last error', async () => {
    use(() => reply.errorModel(503, 'Service Unavailable'));
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as ApiError;

    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(err.maybeProcessed).toBe(false);
    expect(setup.server.requests).toHaveLength(6);
    // random() is 0.5: half of 200, 400, 800, 1600, 3200 ms.
    expect(t.sleeps).toEqual([100, 200, 400, 800, 1600]);
  });

  it('doubles the backoff ceiling up to the last of 6 sends', async () => {
    use(() => reply.errorModel(503, 'Service Unavailable'), { maxRetries: 9, random: () => 0.999 });
    await failure(t.client.request({ method: 'GET', path: '/actor' }));
    expect(setup.server.requests).toHaveLength(6);
    expect(t.sleeps).toEqual([200, 400, 799, 1598, 3197]);
  });

  it('sends a request exactly 6 times under a steady 429 by default, then says it was rate-limited', async () => {
    use(() => reply.errorModel(429, 'Too Many Requests'));
    const err = await failure(t.client.request({ method: 'POST', path: '/org/acme/member/invite', body: { handle: 'x', role: 'member' } }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(setup.server.requests).toHaveLength(6);
    expect(t.sleeps).toHaveLength(5);
  });

  it('sends a request at most 6 times under a steady 429, however many retries are asked for, then says it was rate-limited', async () => {
    use(() => reply.errorModel(429, 'Too Many Requests', 'slow down'), { maxRetries: 50 });
    const err = (await failure(t.client.request({ method: 'POST', path: '/org/acme/member/invite', body: { handle: 'x', role: 'member' } }))) as RateLimitError;

    expect(setup.server.requests).toHaveLength(6);
    expect(setup.server.requests.every((r) => r.method === 'POST')).toBe(true);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limited');
    expect(err.attempts).toBe(6);
    expect(err.maybeProcessed).toBe(false);
    expect(err.message).toMatch(/^rate limited: .* refused POST \/org\/acme\/member\/invite with HTTP 429 Too Many Requests 6 times$/);
  });

  it('gives up when the next wait would pass the request deadline', async () => {
    let clock = 0;
    use(() => reply.errorModel(429, 'Too Many Requests', undefined, { 'retry-after': '20' }), {
      deadlineMs: 50_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
        t.sleeps.push(ms);
      },
    });
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as RateLimitError;
    expect(err).toBeInstanceOf(RateLimitError);
    // 0 s, 20 s and 40 s fit; a third wait would end at 60 s, past the 50 s deadline.
    expect(setup.server.requests).toHaveLength(3);
    expect(t.sleeps).toEqual([20_000, 20_000]);
  });

  it('carries the server request id on its errors', async () => {
    use(() => reply.errorModel(404, 'Not Found', 'no such org', { 'x-request-id': 'req_42' }));
    const err = (await failure(t.client.request({ method: 'GET', path: '/org/zz' }))) as ApiError;
    expect(err.requestId).toBe('req_42');
  });

  it.each(['GET', 'PATCH', 'DELETE'] as const)('retries %s after 503 and succeeds', async (method) => {
    use(sequence(reply.errorModel(503, 'Service Unavailable'), reply.json(200, { ok: true })));
    expect(await t.client.request({ method, path: '/org/acme' })).toEqual({ ok: true });
    expect(setup.server.requests.map((r) => r.method)).toEqual([method, method]);
  });

  it('never replays a POST after a 503, and says it may have been processed', async () => {
    use(sequence(reply.errorModel(503, 'Service Unavailable'), reply.json(201, {})));
    const err = (await failure(t.client.request({ method: 'POST', path: '/org/acme/member/invite', body: { handle: 'x', role: 'member' } }))) as ApiError;

    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(503);
    expect(err.maybeProcessed).toBe(true);
    expect(err.hint).toMatch(/may have carried out/);
    expect(setup.server.requests).toHaveLength(1);
    expect(t.sleeps).toEqual([]);
  });

  it('does not retry a 500 or a 4xx', async () => {
    use(sequence(reply.errorModel(500, 'Internal Server Error'), reply.errorModel(404, 'Not Found'), reply.json(200, {})));
    expect(((await failure(t.client.request({ method: 'GET', path: '/a' }))) as ApiError).status).toBe(500);
    expect(((await failure(t.client.request({ method: 'GET', path: '/a' }))) as ApiError).status).toBe(404);
    expect(setup.server.requests).toHaveLength(2);
  });

  it('retries a GET whose connection was reset before an answer', async () => {
    use(sequence(reply.reset(), reply.hangup(), reply.json(200, { handle: 'demo' })));
    expect(await t.client.request({ method: 'GET', path: '/actor' })).toEqual({ handle: 'demo' });
    expect(setup.server.requests).toHaveLength(3);
    expect(t.sleeps).toHaveLength(2);
  });

  it.each([
    ['reset', reply.reset()],
    ['closed', reply.hangup()],
  ])('never replays a POST whose connection was %s, and says it may have been processed', async (_name, first) => {
    use(sequence(first, reply.json(201, {})));
    const err = (await failure(t.client.request({ method: 'POST', path: '/org', body: { handle: 'acme' } }))) as NetworkError;

    expect(err).toBeInstanceOf(NetworkError);
    expect(err.code).toBe('network_error');
    expect(err.maybeProcessed).toBe(true);
    expect(err.message).toBe(`the connection to ${setup.server.url.slice(7)} was closed before it answered POST /org (connection reset)`);
    expect(setup.server.requests).toHaveLength(1);
  });
});

describe('network failures', () => {
  it('names the host when the connection is refused; on this machine it fails at once', async () => {
    const port = await closedPort();
    t = setup.connect({}, `http://127.0.0.1:${port}`);
    const get = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as NetworkError;
    expect(get).toBeInstanceOf(NetworkError);
    expect(get.reason).toBe('refused');
    expect(get.message).toBe(`could not connect to 127.0.0.1:${port}: connection refused`);
    expect(get.maybeProcessed).toBe(false);
    expect(t.sleeps).toHaveLength(0);

    const post = (await failure(t.client.request({ method: 'POST', path: '/org', body: {} }))) as NetworkError;
    expect(post.message).toBe(`could not connect to 127.0.0.1:${port}: connection refused`);
    expect(post.maybeProcessed).toBe(false);
    expect(t.sleeps).toHaveLength(0);
  });

  it('times out a slow answer with code timeout, without retrying', async () => {
    use(() => reply.slow(5000, reply.json(200, {})), { timeoutMs: 150 });
    const err = (await failure(t.client.request({ method: 'GET', path: '/actor' }))) as NetworkError;
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.code).toBe('timeout');
    expect(err.message).toBe(`${setup.server.url.slice(7)} did not answer GET /actor within 150ms`);
    expect(err.maybeProcessed).toBe(false);
    expect(setup.server.requests).toHaveLength(1);
  });

  it('times out a body that stalls half way, and marks a timed-out POST as possibly processed', async () => {
    use(() => ({ ...reply.json(201, { handle: 'acme', display_name: 'Acme Corporation' }), stallBodyMs: 5000 }), { timeoutMs: 150 });
    const err = (await failure(t.client.request({ method: 'POST', path: '/org', body: { handle: 'acme' } }))) as NetworkError;
    expect(err.code).toBe('timeout');
    expect(err.maybeProcessed).toBe(true);
    expect(setup.server.requests).toHaveLength(1);
  });
});
