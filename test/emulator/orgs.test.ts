import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await useEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.reset();
});

async function api(method: string, path: string, opts: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
  const token = opts.token === undefined ? emu.token : opts.token;
  const headers: Record<string, string> = { ...opts.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${emu.url}/api/v0${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

describe('orgs', () => {
  it('creates an org with the caller as owner and frees the handle on delete', async () => {
    const made = await api('POST', '/org', { body: { handle: 'newco', display_name: 'New Co' } });
    expect(made.status).toBe(201);
    expect(made.body.handle).toBe('newco');
    expect(made.body.id).toMatch(/^o_[0-9a-v]{20}$/);
    expect((await api('POST', '/org', { body: { handle: 'newco' } })).status).toBe(409);
    expect((await api('POST', '/org', { body: { handle: 'jane' } })).status).toBe(409);
    const deleted = await api('DELETE', '/org/newco');
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted_at).toBeTruthy();
    expect((await api('GET', '/org/newco')).status).toBe(404);
    expect((await api('POST', '/org', { body: { handle: 'newco' } })).status).toBe(201);
  });

  it('enforces roles: members read, owners change, others see nothing', async () => {
    expect((await api('GET', '/org/acme', { token: emu.janeToken })).status).toBe(200);
    const denied = await api('PATCH', '/org/acme', { token: emu.janeToken, body: { display_name: 'x' } });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toMatch(/owner role is required/);
    const { token } = await emu.makeUser('stranger');
    expect((await api('GET', '/org/acme', { token })).status).toBe(404);
    expect((await api('GET', '/org/acme', { token: null })).status).toBe(401);
  });

  it('checks If-Match and bumps version_id on every change', async () => {
    const before = (await api('GET', '/org/acme')).body;
    const stale = await api('PATCH', '/org/acme', { body: { display_name: 'A' }, headers: { 'if-match': String(before.version_id - 1) } });
    expect(stale.status).toBe(412);
    const updated = await api('PATCH', '/org/acme', { body: { display_name: 'A' }, headers: { 'if-match': String(before.version_id) } });
    expect(updated.status).toBe(200);
    expect(updated.body.version_id).toBe(before.version_id + 1);
  });
});
