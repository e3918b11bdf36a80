// The browser half of the login flow, end to end over HTTP: open the page the CLI prints,
// press Verify, read the code, redeem it, use the token.
import { describe, expect, it } from 'vitest';
import { useFileEmulator } from '../helpers/emulator';

const emu = useFileEmulator();

async function startLogin(): Promise<string> {
  const res = await fetch(`${emu().url}/api/v0/login/token`, { method: 'POST' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** Fetch the page, submit its form as a browser would, and return the code it then shows. */
async function verifyInBrowser(pageUrl: string): Promise<string> {
  const page = await fetch(pageUrl);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toMatch(/<button[^>]*>Verify<\/button>/);
  const form = /<form method="post" action="([^"]+)"/.exec(html);
  expect(form).not.toBeNull();
  const action = form![1]!.replace(/&#38;/g, '&');
  const submitted = await fetch(new URL(action, pageUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  expect(submitted.status).toBe(200);
  const code = /id="code">(\d{6})</.exec(await submitted.text());
  expect(code).not.toBeNull();
  return code![1]!;
}

async function redeem(id: string, code: string) {
  const res = await fetch(`${emu().url}/api/v0/login/token/${id}?code=${code}`);
  return { status: res.status, body: (await res.json()) as { token?: string; state: string } };
}

describe('login page', () => {
  it('signs in as demo: Verify shows the code, and the code redeems a token that works on /actor', async () => {
    const id = await startLogin();
    expect((await redeem(id, '123456')).status).toBe(400);
    const code = await verifyInBrowser(`${emu().url}/login/token?r=${id}`);
    const state = await fetch(`${emu().url}/api/v0/login/token/${id}`);
    expect(((await state.json()) as { state: string }).state).toBe('confirmed');
    const redeemed = await redeem(id, code);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.token).toMatch(/^tpt_/);
    const actor = await fetch(`${emu().url}/api/v0/actor`, { headers: { authorization: `Bearer ${redeemed.body.token}` } });
    expect(actor.status).toBe(200);
    expect(((await actor.json()) as { handle: string }).handle).toBe('demo');
  });

  it('signs in as another user with ?as=, and shows the same code when reopened', async () => {
    const id = await startLogin();
    const code = await verifyInBrowser(`${emu().url}/login/token?r=${id}&as=jane`);
    const reopened = await (await fetch(`${emu().url}/login/token?r=${id}&as=jane`)).text();
    expect(reopened).toContain(`id="code">${code}<`);
    const { body } = await redeem(id, code);
    const actor = await fetch(`${emu().url}/api/v0/actor`, { headers: { authorization: `Bearer ${body.token}` } });
    expect(((await actor.json()) as { handle: string }).handle).toBe('jane');
  });

  it('answers 404 pages for unknown requests and users', async () => {
    expect((await fetch(`${emu().url}/login/token?r=spttr_nope`)).status).toBe(404);
    expect((await fetch(`${emu().url}/login/token`)).status).toBe(404);
    const id = await startLogin();
    expect((await fetch(`${emu().url}/login/token?r=${id}&as=nobody`)).status).toBe(404);
  });
});
