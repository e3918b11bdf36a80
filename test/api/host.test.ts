import { describe, expect, it } from 'vitest';
import { isLoopback, resolveHost } from '../../src/api/host';
import { InvalidInputError } from '../../src/api/errors';
import { exitCodeFor } from '../../src/cli/errors';

describe('resolveHost', () => {
  it.each([
    [undefined, 'pipes.turbot.com', 'https://pipes.turbot.com/api/v0', 'https://pipes.turbot.com'],
    ['', 'pipes.turbot.com', 'https://pipes.turbot.com/api/v0', 'https://pipes.turbot.com'],
    ['pipes.turbot.com', 'pipes.turbot.com', 'https://pipes.turbot.com/api/v0', 'https://pipes.turbot.com'],
    ['  Pipes.Example.COM ', 'pipes.example.com', 'https://pipes.example.com/api/v0', 'https://pipes.example.com'],
    ['pipes.example.com:8443', 'pipes.example.com:8443', 'https://pipes.example.com:8443/api/v0', 'https://pipes.example.com:8443'],
    ['https://pipes.turbot.com/', 'pipes.turbot.com', 'https://pipes.turbot.com/api/v0', 'https://pipes.turbot.com'],
    ['https://gw.example.com/pipes/', 'gw.example.com', 'https://gw.example.com/pipes/api/v0', 'https://gw.example.com/pipes'],
    ['http://127.0.0.1:7070', '127.0.0.1:7070', 'http://127.0.0.1:7070/api/v0', 'http://127.0.0.1:7070'],
    ['http://127.0.0.1:7070/', '127.0.0.1:7070', 'http://127.0.0.1:7070/api/v0', 'http://127.0.0.1:7070'],
    ['http://127.0.0.1:7070/api/v0', '127.0.0.1:7070', 'http://127.0.0.1:7070/api/v0', 'http://127.0.0.1:7070'],
    ['http://127.0.0.5:1', '127.0.0.5:1', 'http://127.0.0.5:1/api/v0', 'http://127.0.0.5:1'],
    ['http://[::1]:7', '[::1]:7', 'http://[::1]:7/api/v0', 'http://[::1]:7'],
    ['http://localhost:9', 'localhost:9', 'http://localhost:9/api/v0', 'http://localhost:9'],
  ])('%j → key %s, %s', (input, key, apiBase, webBase) => {
    expect(resolveHost(input)).toMatchObject({ key, apiBase, webBase });
  });

  it('takes only localhost, 127.0.0.0/8 and ::1 as loopback', () => {
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('127.255.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('localhost.')).toBe(false);
    expect(isLoopback('127.0.0.1.')).toBe(false);
    expect(isLoopback('127.0.0.256')).toBe(false);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });

  it('gives the bare host name without port or brackets', () => {
    expect(resolveHost('http://[::1]:7').hostname).toBe('::1');
    expect(resolveHost('http://127.0.0.1:7070').hostname).toBe('127.0.0.1');
  });

  it.each(['http://example.com', 'http://pipes.turbot.com:80/', 'http://127.0.0.1.nip.io:7070', 'http://10.0.0.1', 'http://[::2]', 'http://localhost.:7070', 'http://LOCALHOST.', 'http://localhost.localdomain', 'http://sub.localhost'])(
    'refuses plain http to %s, saying why',
    (input) => {
      let err: unknown;
      try {
        resolveHost(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidInputError);
      expect((err as InvalidInputError).code).toBe('insecure_host');
      expect((err as InvalidInputError).message).toMatch(/https is required so the token is never sent unencrypted/);
      expect(exitCodeFor(err)).toBe(2);
    },
  );

  it.each(['ftp://example.com', 'exa mple.com', 'http://', 'example.com/path', 'https://example.com/?x=1', ':::'])('rejects malformed %j', (input) => {
    expect(() => resolveHost(input)).toThrowError(expect.objectContaining({ code: 'invalid_host' }));
  });

  it('does not echo credentials given in the host', () => {
    let message = '';
    try {
      resolveHost('https://jane:hunter2@pipes.example.com');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/credentials/);
    expect(message).not.toContain('hunter2');
  });
});
