import { describe, expect, it } from 'vitest';
import { ApiError, InvalidInputError, NetworkError, NotPipesApiError, RateLimitError, TimeoutError } from '../../src/api/errors';
import { describeError, escapeJsonText, exitCodeFor, safeText } from '../../src/cli/errors';
import { errorJson, failsEveryRequest, mayHaveBeenProcessed } from '../../src/errors';
import { AuthError, CancelledError, PartialFailure, UsageError } from '../../src/errors';

const request = { method: 'POST', path: '/org/acme/member/invite' };
const conflict = new ApiError(409, request, { type: 'x', title: 'Conflict', status: 409, instance: 'i', detail: "'dave' already has an invitation to 'acme'" });

describe('exitCodeFor', () => {
  it.each([
    ['a usage error', new UsageError('bad'), 2],
    ['an input error of the client (nothing sent)', new InvalidInputError('bad host', { code: 'invalid_host' }), 2],
    ['a cancelled prompt', new CancelledError(), 3],
    ['no token', new AuthError('not logged in'), 4],
    ['a 401 from the API', new ApiError(401, request), 4],
    ['a 409 from the API', conflict, 1],
    ['a steady 429', new RateLimitError(request, undefined, { host: 'h', attempts: 6 }), 1],
    ['a network failure', new NetworkError('refused', request, { reason: 'refused' }), 1],
    ['a partial failure', new PartialFailure('1 of 2 failed'), 5],
    ['anything else', new TypeError('x is undefined'), 1],
  ])('%s → %i', (_what, err, code) => {
    expect(exitCodeFor(err)).toBe(code);
  });
});

describe('errorJson', () => {
  it('gives the API error without its HTTP framing, with code and status', () => {
    expect(errorJson(conflict)).toEqual({ code: 'conflict', message: "'dave' already has an invitation to 'acme'", status: 409 });
  });

  it('reads status from the base class of both families, null when there was no answer', () => {
    expect(errorJson(new UsageError('bad', { code: 'invalid_email' }))).toEqual({ code: 'invalid_email', message: 'bad', status: null });
    expect(errorJson(new AuthError('rejected', { status: 401 })).status).toBe(401);
    expect(errorJson(new NetworkError('refused', request)).status).toBeNull();
  });

  it('says when the request may have been processed, and carries the request id and details', () => {
    const err = new ApiError(503, request, { type: 'x', title: 'Service Unavailable', status: 503, instance: 'i', validation_errors: [{ location: 'body', message: 'm' }] }, {
      maybeProcessed: true,
      requestId: 'req_1',
    });
    expect(errorJson(err)).toEqual({
      code: 'server_error',
      message: 'Service Unavailable',
      status: 503,
      details: [{ location: 'body', message: 'm' }],
      maybe_processed: true,
      request_id: 'req_1',
    });
    expect(mayHaveBeenProcessed(err)).toBe(true);
    expect(mayHaveBeenProcessed(new TimeoutError('slow', request, { maybeProcessed: true }))).toBe(true);
  });

  it('reports an unexpected error as internal_error', () => {
    expect(errorJson(new Error('boom'))).toEqual({ code: 'internal_error', message: 'boom', status: null });
  });
});

describe('describeError', () => {
  const host = (source: 'flag' | 'env' | 'default', given?: string) => ({ host: { key: '127.0.0.1:7070', hostname: '127.0.0.1', source, given } });

  it('turns a TLS handshake with a plain-http server into one sentence with the fix', () => {
    const err = new NetworkError('tls failed', { method: 'GET', path: '/actor' }, { reason: 'not_tls', host: '127.0.0.1:7070' });
    expect(describeError(err, host('flag', '127.0.0.1:7070'))).toEqual({
      message: 'TLS failed with 127.0.0.1:7070: is it a plain-http server? Use --host http://127.0.0.1:7070',
    });
    expect(describeError(err, host('env', '127.0.0.1:7070')).message).toContain('Use PIPES_HOST=http://127.0.0.1:7070');
  });

  it('points a refused connection at the host setting and the emulator', () => {
    const err = new NetworkError('could not connect to 127.0.0.1:7070: connection refused', request, { reason: 'refused' });
    expect(describeError(err, host('env', 'http://127.0.0.1:7070')).hint).toBe(
      'Is pipes-emulator (or the server) running? Check PIPES_HOST (http://127.0.0.1:7070), or unset it to use the default host.',
    );
    expect(describeError(err, host('flag', 'http://127.0.0.1:7070')).hint).toContain('Check --host http://127.0.0.1:7070.');
    expect(failsEveryRequest(err)).toBe(true);
  });

  it('names a host that is not a Pipes API once, with where it came from', () => {
    const err = new NotPipesApiError('127.0.0.1:7070', 'HTTP 404 and a web page', 404, { method: 'GET', path: '/actor' });
    const words = describeError(err, host('env', 'http://127.0.0.1:7070'));
    expect(words.message).toBe('127.0.0.1:7070 does not look like a Pipes API (from PIPES_HOST): it answered GET /actor with HTTP 404 and a web page');
    expect(words.hint).toContain('PIPES_HOST');
    expect(failsEveryRequest(err)).toBe(true);
  });

  it('says a rate limit is a rate limit', () => {
    const err = new RateLimitError(request, undefined, { host: 'pipes.example.com', attempts: 6, retryAfterMs: 30_000 });
    expect(describeError(err).message).toBe(
      'rate limited: pipes.example.com refused POST /org/acme/member/invite with HTTP 429 Too Many Requests 6 times; it asked to wait 30s',
    );
  });

  it('keeps server text from controlling the terminal', () => {
    const err = new ApiError(400, request, { type: 'x', title: 'Bad Request', status: 400, instance: 'i', detail: 'Evil\u001b]0;pwned\u0007\u001b[31mRED\u009b\u202eoops\nnext' });
    const { message } = describeError(err);
    expect(message).toBe('Bad Request: Evil^[]0;pwned^G^[[31mRED^[[<U+202E>oops next');
    expect(safeText('tab\there')).toBe('tab here');
  });

  it('leaves JSON exact but escapes what JSON.stringify lets through raw', () => {
    const text = escapeJsonText(JSON.stringify({ m: 'a\u009bb\u202ec' }));
    expect(text).toBe('{"m":"a\\u009bb\\u202ec"}');
    expect(JSON.parse(text)).toEqual({ m: 'a\u009bb\u202ec' });
  });
});
