// What a user sees when the host is wrong: https against a plain-http server, a server that is
// not a Pipes API, nothing listening, and a server whose messages try to drive the terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, reply, startTestServer, type TestServer } from '../helpers/http-server';
import { useTestContexts } from '../helpers/context';

const make = useTestContexts();
const TOKEN = 'tpt_wronghost0000000000000000000000';

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer();
  key = server.url.slice('http://'.length);
});
afterAll(() => server.close());

/** What `python3 -m http.server` answers: web pages, 404 for GET of API paths, 501 for other methods. */
function staticFileServer(): void {
  server.setHandler((req) =>
    reply.raw(req.method === 'GET' ? 404 : 501, '<!DOCTYPE HTML><html><body><h1>Error response</h1></body></html>', {
      'content-type': 'text/html;charset=utf-8',
    }),
  );
}

describe('a bare host:port at a plain-http server', () => {
  it('says in one sentence that TLS failed and how to write the host', async () => {
    server.setHandler(() => reply.json(200, {}));
    const t = make({ env: { PIPES_TOKEN: TOKEN } });
    expect(await t.run(['--host', key, 'org', 'list'])).toBe(1);
    expect(t.stderr()).toBe(`TLS failed with ${key}: is it a plain-http server? Use --host http://${key}\n`);
  });

  it('names PIPES_HOST when that is where the host came from', async () => {
    const t = make({ env: { PIPES_TOKEN: TOKEN, PIPES_HOST: key } });
    expect(await t.run(['org', 'list'])).toBe(1);
    expect(t.stderr()).toBe(`TLS failed with ${key}: is it a plain-http server? Use PIPES_HOST=http://${key}\n`);
  });
});

describe('a host that is not a Pipes API', () => {
  it.each([
    ['org list', ['org', 'list']],
    ['people invite', ['people', 'invite', 'ana@example.com', 'ben@example.com', '--org', 'acme']],
    ['org delete', ['org', 'delete', 'acme', '--confirm', 'acme']],
  ])('%s says so once, naming the host and where it came from', async (_name, argv) => {
    staticFileServer();
    const t = make({ env: { PIPES_TOKEN: TOKEN, PIPES_HOST: server.url } });
    expect(await t.run(argv)).toBe(1);
    const lines = t.stderr().trimEnd().split('\n');
    const said = lines.filter((l) => l.includes('does not look like a Pipes API'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(new RegExp(`^${key.replace(/[.]/g, '\\.')} does not look like a Pipes API \\(from PIPES_HOST\\): it answered `));
    expect(t.stderr()).toContain(`Check PIPES_HOST (${server.url})`);
    expect(t.stderr()).not.toMatch(/not found|proxy or load balancer|may have carried out/);
  });

  it('--json gives code not_pipes_api', async () => {
    staticFileServer();
    const t = make({ env: { PIPES_TOKEN: TOKEN } });
    expect(await t.run(['--host', server.url, 'org', 'list', '--json'])).toBe(1);
    expect(JSON.parse(t.stderr())).toMatchObject({ error: { code: 'not_pipes_api', status: 404, details: [] } });
  });
});

describe('nothing listening', () => {
  it('hints at the host setting and the emulator', async () => {
    const port = await closedPort();
    const t = make({ env: { PIPES_TOKEN: TOKEN } });
    expect(await t.run(['--host', `http://127.0.0.1:${port}`, 'org', 'list'])).toBe(1);
    expect(t.stderr()).toBe(
      `could not connect to 127.0.0.1:${port}: connection refused\nIs pipes-emulator (or the server) running? Check --host http://127.0.0.1:${port}.\n`,
    );
  });

  it('hints at the host setting for a name that does not resolve', async () => {
    const t = make({ env: { PIPES_TOKEN: TOKEN, PIPES_HOST: 'pipes.invalid' } });
    expect(await t.run(['org', 'list'])).toBe(1);
    expect(t.stderr()).toContain('could not connect to pipes.invalid: the host name could not be resolved\n');
    expect(t.stderr()).toContain('Check PIPES_HOST (pipes.invalid), or unset it to use the default host.');
  });
});

describe('server text in errors', () => {
  it('reaches the terminal without its control characters, and --json keeps it exact', async () => {
    const detail = 'Evil\u001b]0;pwned\u0007\u001b[31mRED\u001b[0m\u202eoops';
    server.setHandler(() => reply.errorModel(400, 'Bad Request', detail));
    const t = make({ env: { PIPES_TOKEN: TOKEN, PIPES_HOST: server.url } });
    expect(await t.run(['org', 'list'])).toBe(1);
    expect(t.stderr()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(t.stderr()).toContain('Evil^[]0;pwned^G^[[31mRED^[[0m<U+202E>oops');

    expect(await t.run(['org', 'list', '--json'])).toBe(1);
    expect(t.stderr()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(t.stderr()).error.message).toBe(detail);
  });
});
