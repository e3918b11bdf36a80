// The check every emulator-backed test file runs after its tests (useFileEmulator): each
// request pipesctl sent, told by its User-Agent, must be one the API document allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipesctlRequestProblems, useEmulator, type TestEmulator } from '../helpers/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await useEmulator();
});
afterAll(() => emu.close());

async function send(method: string, path: string, body: unknown, userAgent: string): Promise<number> {
  const res = await fetch(`${emu.url}/api/v0${path}`, {
    method,
    headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json', 'user-agent': userAgent },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('request check', () => {
  it('logs bodies and user agents, and reports only pipesctl requests off the document', async () => {
    await emu.clearRequests();
    await send('PATCH', '/org/acme', { display_name: 'Acme' }, 'pipesctl/0.1.0');
    await send('PATCH', '/org/acme', { usage_user_threshold: 'lots' }, 'pipesctl/0.1.0');
    await send('GET', '/org/acme/member?limit=100&page=2', undefined, 'pipesctl/0.1.0');
    await send('PATCH', '/org/acme', { usage_user_threshold: 'lots' }, 'a-test/1');
    const log = await emu.sentRequests();
    expect(log[0]).toMatchObject({ method: 'PATCH', path: '/api/v0/org/acme', body: { display_name: 'Acme' }, userAgent: 'pipesctl/0.1.0' });
    expect(await pipesctlRequestProblems(emu)).toEqual([
      'PATCH /api/v0/org/acme body/usage_user_threshold: must be integer',
      'GET /api/v0/org/acme/member query: must NOT have additional properties (page)',
    ]);
  });
});
