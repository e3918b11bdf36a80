// What a web page, a hostile Host, a guessing script or a leaked token can do to the emulator:
// requests over loopback with crafted Origin, Host and Content-Type headers.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index';
import { apiClient } from '../helpers/api-client';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();
const api = apiClient(emu);
const dir = mkdtempSync(join(tmpdir(), 'pipes-emulator-security-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface RawAnswer {
  status: number;
  body: any;
  text: string;
}

/** One request with exactly these headers (fetch would not let a test set Host). */
function raw(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawAnswer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': Buffer.byteLength(body) }) }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const EVIL = 'http://evil.example';

describe('requests from web pages (Origin)', () => {
  it('refuses a cross-origin "simple" request to the controls: no owner is made, nothing is reset', async () => {
    const made = await raw(emu().url, 'POST', '/_emulator/users', { origin: EVIL, 'content-type': 'text/plain' }, JSON.stringify({ handle: 'mallory', org: 'acme', role: 'owner' }));
    expect(made.status).toBe(403);
    expect(made.body).toMatchObject({ status: 403, title: 'Forbidden', instance: '/_emulator/users' });
    expect(made.body.detail).toContain(EVIL);
    await api('PATCH', '/org/acme', { body: { display_name: 'Before reset' } });
    expect((await raw(emu().url, 'POST', '/_emulator/reset', { origin: EVIL })).status).toBe(403);
    expect((await api('GET', '/org/acme')).body.display_name).toBe('Before reset');
    expect((await api('GET', '/org/acme/member/mallory')).status).toBe(404);
  });

  it('refuses API requests from another origin, and from another port of localhost', async () => {
    const port = new URL(emu().url).port;
    const auth = { authorization: `Bearer ${emu().token}` };
    expect((await raw(emu().url, 'GET', '/api/v0/actor', { ...auth, origin: EVIL })).status).toBe(403);
    expect((await raw(emu().url, 'GET', '/api/v0/actor', { ...auth, origin: 'http://localhost:5173' })).status).toBe(403);
    expect((await raw(emu().url, 'GET', '/api/v0/actor', { ...auth, origin: 'null' })).status).toBe(403);
    // Its own origin, in any of its loopback names, is fine.
    expect((await raw(emu().url, 'GET', '/api/v0/actor', { ...auth, origin: emu().url })).status).toBe(200);
    expect((await raw(emu().url, 'GET', '/api/v0/actor', { ...auth, origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('lets the login page post its own form, and refuses the same post from another site', async () => {
    const made = await api('POST', '/login/token', { token: null });
    const id = made.body.id as string;
    const form = { origin: emu().url, 'content-type': 'application/x-www-form-urlencoded' };
    const foreign = await raw(emu().url, 'POST', `/login/token?r=${id}&as=demo`, { ...form, origin: EVIL }, '');
    expect(foreign.status).toBe(403);
    expect((await api('GET', `/login/token/${id}`, { token: null })).body.state).toBe('pending');
    const own = await raw(emu().url, 'POST', `/login/token?r=${id}&as=demo`, form, 'x=1');
    expect(own.status).toBe(200);
    expect(own.text).toMatch(/id="code">\d{6}</);
  });
});

describe('DNS rebinding (Host)', () => {
  it('answers 421 to a Host that is not its own, for the controls, the API and the login page', async () => {
    const port = new URL(emu().url).port;
    const evilHost = { host: `evil.example:${port}` };
    const log = await raw(emu().url, 'GET', '/_emulator/requests', evilHost);
    expect(log.status).toBe(421);
    expect(log.body).toMatchObject({ status: 421, instance: '/_emulator/requests' });
    expect((await raw(emu().url, 'GET', '/api/v0/org/acme', { ...evilHost, authorization: `Bearer ${emu().token}` })).status).toBe(421);
    expect((await raw(emu().url, 'GET', '/login/token?r=x', evilHost)).status).toBe(421);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `127.1.2.3:${port}`]) {
      expect((await raw(emu().url, 'GET', '/_emulator/faults', { host })).status).toBe(200);
    }
  });

  it('builds the URLs it hands out from its own address, never from Host', async () => {
    const port = new URL(emu().url).port;
    const org = await raw(emu().url, 'GET', '/api/v0/org/acme', { host: `localhost:${port}`, authorization: `Bearer ${emu().token}` });
    expect(org.status).toBe(200);
    expect(org.body.avatar_url.startsWith(`${emu().url}/_emulator/avatars/`)).toBe(true);
    const invoices = await raw(emu().url, 'GET', '/api/v0/org/acme/billing/invoice', { host: `localhost:${port}`, authorization: `Bearer ${emu().token}` });
    expect(invoices.body.items.length).toBeGreaterThan(0);
    for (const invoice of invoices.body.items) expect(invoice.hosted_invoice_url.startsWith(`${emu().url}/`)).toBe(true);
  });

  it('with a public URL, hands out URLs under it and accepts its host', async () => {
    const emulator = await startEmulator({ publicUrl: 'http://devbox.internal:8080' });
    try {
      const res = await raw(emulator.url, 'GET', '/api/v0/org/acme', { host: 'devbox.internal:8080', authorization: `Bearer ${emulator.token}`, origin: 'http://devbox.internal:8080' });
      expect(res.status).toBe(200);
      expect(res.body.avatar_url.startsWith('http://devbox.internal:8080/_emulator/avatars/')).toBe(true);
      expect((await raw(emulator.url, 'GET', '/api/v0/actor', { host: 'other.internal:8080' })).status).toBe(421);
    } finally {
      await emulator.close();
    }
  });
});

describe('Content-Type', () => {
  it('refuses API and control bodies that are not JSON (415), before doing anything', async () => {
    const auth = { authorization: `Bearer ${emu().token}` };
    const plain = await raw(emu().url, 'POST', '/api/v0/org', { ...auth, 'content-type': 'text/plain' }, JSON.stringify({ handle: 'plainly' }));
    expect(plain.status).toBe(415);
    expect(plain.body).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    expect((await raw(emu().url, 'POST', '/api/v0/org', auth, JSON.stringify({ handle: 'plainly' }))).status).toBe(415);
    const form = await raw(emu().url, 'POST', '/_emulator/users', { 'content-type': 'application/x-www-form-urlencoded' }, 'handle=mallory');
    expect(form.status).toBe(415);
    expect((await api('GET', '/org/plainly')).status).toBe(404);
    const json = await raw(emu().url, 'POST', '/api/v0/org', { ...auth, 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ handle: 'plainly' }));
    expect(json.status).toBe(201);
  });
});

describe('controls and binding', () => {
  it('--no-controls: /_emulator/* is off, while avatars (linked from records) are still served', async () => {
    const emulator = await startEmulator({ controls: false });
    try {
      for (const [method, path] of [['POST', '/_emulator/reset'], ['GET', '/_emulator/seed'], ['GET', '/_emulator/requests'], ['POST', '/_emulator/faults']] as const) {
        const res = await raw(emulator.url, method, path);
        expect(res.status).toBe(404);
        expect(res.body.detail).toMatch(/controls are turned off/);
      }
      const org = await raw(emulator.url, 'GET', '/api/v0/org/acme', { authorization: `Bearer ${emulator.token}` });
      expect((await fetch(org.body.avatar_url)).status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('refuses a non-loopback bind unless public', async () => {
    await expect(startEmulator({ bind: '0.0.0.0' })).rejects.toThrow(/not a loopback address.*--public/);
  });
});

describe('login codes', () => {
  async function confirmedRequest() {
    const id = (await api('POST', '/login/token', { token: null })).body.id as string;
    const confirmed = await api('PATCH', `/login/token/${id}`, { body: { state: 'confirmed' } });
    return { id, code: confirmed.body.code as string };
  }

  it('voids a request after 5 wrong codes: expired, and the right code is then refused', async () => {
    const { id, code } = await confirmedRequest();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await api('GET', `/login/token/${id}?code=${wrong}`, { token: null });
      expect(res.status).toBe(400);
    }
    // `expired` is the emulator's state for a void request; the document lists only pending and confirmed.
    expect((await api('GET', `/login/token/${id}`, { token: null, unchecked: true })).body.state).toBe('expired');
    const late = await api('GET', `/login/token/${id}?code=${code}`, { token: null });
    expect(late.status).toBe(400);
    expect(late.body.token).toBeUndefined();
    expect(late.body.detail).toMatch(/void/);
  });

  it('a code redeems once, and the request log masks it', async () => {
    const { id, code } = await confirmedRequest();
    const first = await api('GET', `/login/token/${id}?code=${code}`, { token: null });
    expect(first.status).toBe(200);
    expect(first.body.token).toMatch(/^tpt_/);
    const second = await api('GET', `/login/token/${id}?code=${code}`, { token: null });
    expect(second.status).toBe(400);
    expect(second.body.token).toBeUndefined();
    const log = JSON.stringify(await emu().requests());
    expect(log).not.toContain(code);
    expect(log).toContain(`/api/v0/login/token/${id}?code=******`);
  });
});

describe('reset-auth cannot be escaped with a token issued before it', () => {
  /** A token of demo's, issued before acme's token_min_issued_at is set to now. */
  async function resetAcme(): Promise<void> {
    const clock = await api('GET', '/actor');
    expect(clock.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await api('PATCH', '/org/acme', { body: { token_min_issued_at: new Date().toISOString() } })).status).toBe(200);
    // The seed token is now too old for acme, but still a valid token of demo's.
    expect((await api('GET', '/org/acme')).status).toBe(401);
  }

  it('minting: a token made with an old token is refused by the org as well', async () => {
    await resetAcme();
    const minted = await api('POST', '/user/demo/token', { body: { title: 'escape' } });
    expect(minted.status).toBe(201);
    expect((await api('GET', '/org/acme', { token: minted.body.token })).status).toBe(401);
    // It still works where no reset applies.
    expect((await api('GET', '/org/hobby', { token: minted.body.token })).status).toBe(200);
  });

  it('PATCH token: changing the old token does not renew it', async () => {
    const tokens = await api('GET', '/user/demo/token');
    const own = tokens.body.items.find((t: { title?: string }) => t.title === 'demo');
    await resetAcme();
    expect((await api('PATCH', `/user/demo/token/${own.id}`, { body: { status: 'active', title: 'renamed' } })).status).toBe(200);
    expect((await api('GET', '/org/acme')).status).toBe(401);
  });

  it('login: confirming a login with the old token gives a token the org refuses', async () => {
    await resetAcme();
    const id = (await api('POST', '/login/token', { token: null })).body.id as string;
    const confirmed = await api('PATCH', `/login/token/${id}`, { body: { state: 'confirmed' } });
    const redeemed = await api('GET', `/login/token/${id}?code=${confirmed.body.code}`, { token: null });
    expect(redeemed.status).toBe(200);
    expect((await api('GET', '/org/acme', { token: redeemed.body.token })).status).toBe(401);
    // A login confirmed in the browser (a fresh sign-in) is accepted.
    const fresh = (await api('POST', '/login/token', { token: null })).body.id as string;
    const page = await fetch(`${emu().url}/login/token?r=${fresh}&as=demo`, { method: 'POST' });
    const code = /id="code">(\d{6})</.exec(await page.text())![1]!;
    const newer = await api('GET', `/login/token/${fresh}?code=${code}`, { token: null });
    expect((await api('GET', '/org/acme', { token: newer.body.token })).status).toBe(200);
  });
});

describe('stored secrets and files', () => {
  it('keeps only SHA-256 hashes of tokens, in files only their owner can read', async () => {
    const db = join(dir, 'secrets.db');
    const emulator = await startEmulator({ db });
    let minted: string;
    try {
      const res = await fetch(`${emulator.url}/api/v0/user/demo/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      minted = ((await res.json()) as { token: string }).token;
      for (const file of [db, `${db}-wal`, `${db}-shm`]) expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    } finally {
      await emulator.close();
    }
    const sqlite = new Database(db, { readonly: true });
    try {
      const rows = sqlite.prepare('SELECT * FROM tokens').all() as Array<Record<string, unknown>>;
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(minted);
      const hashes = rows.map((r) => r.secret_hash);
      expect(hashes).toContain(createHash('sha256').update(minted).digest('hex'));
      expect(hashes).toContain(createHash('sha256').update(emulator.token).digest('hex'));
    } finally {
      sqlite.close();
    }
  });
});

describe('hostile field values', () => {
  it('checks an email by its length first: a 150 KB pathological address is a quick 400 naming the limit', async () => {
    const email = `a@${'.'.repeat(150_000)}@`;
    const res = await api('POST', '/org/acme/member/invite', { body: { email, role: 'member' } });
    expect(res.status).toBe(400);
    expect(res.body.validation_errors[0]).toMatchObject({ location: 'body.email' });
    expect(res.body.detail).toMatch(/at most 254/);
  });

  it('refuses control characters and implausible values in emails, handles, display names, URLs and token titles', async () => {
    const cases: Array<[string, string, object]> = [
      ['POST', '/org/acme/member/invite', { email: 'x\u001b[31m@e.com', role: 'member' }],
      ['POST', '/org/acme/member/invite', { handle: 'ja\u0007ne', role: 'member' }],
      ['PATCH', '/org/acme', { display_name: 'Evil\u001b]0;pwned\u0007' }],
      ['PATCH', '/org/acme', { display_name: 'abc\u202eoops' }],
      ['PATCH', '/org/acme', { display_name: 'x'.repeat(5000) }],
      ['POST', '/org', { handle: 'ctl', display_name: 'a\u0085b' }],
      ['PATCH', '/org/acme', { url: 'javascript:alert(1)' }],
      ['PATCH', '/org/acme', { url: 'https://acme.example.com/\u001b[2J' }],
      ['POST', '/user/demo/token', { title: 'ring\u0007' }],
    ];
    for (const [method, path, body] of cases) {
      const res = await api(method, path, { body });
      expect({ path, body, status: res.status }).toMatchObject({ status: 400 });
      expect(res.body.validation_errors?.length).toBe(1);
    }
    expect((await api('GET', '/org/ctl')).status).toBe(404);
    // Clearing the URL and ordinary non-ASCII names are fine.
    expect((await api('PATCH', '/org/acme', { body: { url: '', display_name: 'Acme Ünïcode 株式会社' } })).status).toBe(200);
  });
});

describe('faults by method', () => {
  it('faults only the methods named', async () => {
    await emu().setFaults({ rate: 1, statuses: [429], methods: ['POST'] });
    expect((await api('GET', '/actor')).status).toBe(200);
    expect((await api('GET', '/org/acme/member')).status).toBe(200);
    expect((await api('POST', '/org', { body: { handle: 'faulted' } })).status).toBe(429);
    const bad = await fetch(`${emu().url}/_emulator/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate: 1, methods: ['FETCH'] }) });
    expect(bad.status).toBe(400);
  });
});
