// Two things the emulator does for speed, and what must still hold:
// - API writes that arrive together are committed together (one transaction): every answer
//   comes after its write is saved, and one failing request undoes only itself, whether it
//   failed before writing or after.
// - The caller behind a token, and a caller's access to an org, are remembered between requests:
//   a token deleted, deactivated or expired, a user changed, a member removed or given another
//   role, an org renamed or deleted, by the API or by another connection to the file, is seen
//   at the next request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index';
import { apiClient } from '../helpers/api-client';

const dir = mkdtempSync(join(tmpdir(), 'pipes-emulator-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let emu: RunningEmulator;
let db: Database.Database;
let now = Date.parse('2026-06-01T12:00:00Z');
let n = 0;
const api = apiClient(() => emu);

beforeEach(async () => {
  const file = join(dir, `emulator-${++n}.db`);
  emu = await startEmulator({ port: 0, db: file, clock: () => new Date(now) });
  // Another connection to the same file, as a second process or a person with sqlite3 would have.
  db = new Database(file, { readonly: false });
  db.pragma('busy_timeout = 5000');
});
afterEach(async () => {
  db.close();
  await emu.close();
});

const invitesAudited = () =>
  (db.prepare("SELECT count(*) AS n FROM audit_log WHERE action_type = 'org.member.invite'").get() as { n: number }).n;

const invite = (email: string) =>
  fetch(`${emu.url}/api/v0/org/acme/member/invite`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, role: 'member' }),
  });

describe('writes that arrive together', () => {
  it('are answered only once saved: each of 40 invites sent at once is in the file when its answer arrives', async () => {
    const saved = db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM org_members m JOIN users u ON u.id = m.user_id JOIN orgs o ON o.id = m.org_id
       WHERE o.handle = 'acme' AND u.email = ?`,
    );
    const auditedBefore = invitesAudited();
    const emails = Array.from({ length: 40 }, (_, i) => `together-${i}@example.com`);
    const seen = await Promise.all(
      emails.map(async (email) => {
        const res = await invite(email);
        // Read by the other connection the moment the answer is in: committed, not just written.
        const inFile = saved.get(email)!.n;
        await res.arrayBuffer();
        return { status: res.status, inFile };
      }),
    );
    expect(seen).toEqual(emails.map(() => ({ status: 201, inFile: 1 })));
    expect(invitesAudited() - auditedBefore).toBe(40);
  });

  it('undo only themselves when they fail: a conflict among concurrent invites leaves the others saved', async () => {
    const auditedBefore = invitesAudited();
    const emails = ['one@example.com', 'two@example.com', 'one@example.com', 'three@example.com', 'bad address'];
    const statuses = await Promise.all(emails.map(async (e) => (await invite(e)).status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    expect(statuses[4]).toBe(400);
    const members = await api('GET', '/org/acme/member?limit=100');
    const invited = members.body.items.filter((m: { status: string }) => m.status === 'invited').map((m: { user: { display_name: string } }) => m.user.display_name);
    expect(invited.filter((name: string) => /^(one|two|three)@example\.com$/.test(name)).sort()).toEqual([
      'one@example.com',
      'three@example.com',
      'two@example.com',
    ]);
    // One audit record per invitation made, none for the refused requests.
    expect(invitesAudited() - auditedBefore).toBe(3);
  });

  it('undo only themselves when they fail after writing: the others of their batch are saved, nothing of theirs is', async () => {
    // A failure after the invitee and the membership are written: the audit record is refused.
    db.exec(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log WHEN NEW.data LIKE '%refused@%'
             BEGIN SELECT RAISE(ABORT, 'audit refused'); END`);
    const auditedBefore = invitesAudited();
    const emails = ['kept-1@example.com', 'refused@example.com', 'kept-2@example.com', 'kept-3@example.com'];
    const statuses = await Promise.all(emails.map(async (e) => (await invite(e)).status));
    expect(statuses).toEqual([201, 500, 201, 201]);
    const users = db.prepare<[], { email: string }>("SELECT email FROM users WHERE email LIKE 'kept-%' OR email LIKE 'refused@%'").all();
    expect(users.map((u) => u.email).sort()).toEqual(['kept-1@example.com', 'kept-2@example.com', 'kept-3@example.com']);
    expect(invitesAudited() - auditedBefore).toBe(3);
    // And after it, batches run as before.
    expect((await invite('kept-4@example.com')).status).toBe(201);
  });
});

describe('who a token belongs to', () => {
  it('a token deleted through the API is refused at the next request, after reads that used it', async () => {
    const made = await api('POST', '/user/demo/token', { body: {} });
    expect(made.status).toBe(201);
    const second = made.body.token as string;
    for (let i = 0; i < 3; i++) expect((await api('GET', '/actor', { token: second })).status).toBe(200);
    expect((await api('DELETE', `/user/demo/token/${made.body.id}`)).status).toBe(200);
    expect((await api('GET', '/actor', { token: second })).status).toBe(401);
    expect((await api('GET', '/actor')).status).toBe(200);
  });

  it('a token made inactive through the API is refused at the next request', async () => {
    const made = await api('POST', '/user/demo/token', { body: {} });
    const second = made.body.token as string;
    expect((await api('GET', '/actor', { token: second })).status).toBe(200);
    expect((await api('PATCH', `/user/demo/token/${made.body.id}`, { body: { status: 'inactive' } })).status).toBe(200);
    expect((await api('GET', '/actor', { token: second })).status).toBe(401);
  });

  it('a change to the user or the token by another connection to the file is seen at the next request', async () => {
    expect((await api('GET', '/actor')).body.display_name).toBe('Demo User');
    expect((await api('GET', '/actor')).body.display_name).toBe('Demo User');
    db.prepare("UPDATE users SET display_name = 'Renamed Elsewhere' WHERE handle = 'demo'").run();
    expect((await api('GET', '/actor')).body.display_name).toBe('Renamed Elsewhere');
    db.prepare("UPDATE tokens SET status = 'inactive' WHERE user_id = (SELECT id FROM users WHERE handle = 'demo')").run();
    expect((await api('GET', '/actor')).status).toBe(401);
  });

  it('a token past its expiry is refused although nothing in the database changed', async () => {
    db.prepare("UPDATE tokens SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE handle = 'demo')").run(now + 60_000);
    expect((await api('GET', '/actor')).status).toBe(200);
    expect((await api('GET', '/actor')).status).toBe(200);
    now += 61_000;
    expect((await api('GET', '/actor')).status).toBe(401);
  });
});

describe("a caller's access to an org", () => {
  const makeUser = async (handle: string, org: string, role: string) => {
    const res = await fetch(`${emu.url}/_emulator/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ handle, org, role }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };

  it('follows a removal and a change of role made through the API', async () => {
    const olive = await makeUser('olive', 'acme', 'owner');
    const asOlive = { token: olive };
    expect((await api('POST', '/org/acme/member/invite', { ...asOlive, body: { email: 'o1@example.com', role: 'member' } })).status).toBe(201);
    expect((await api('PATCH', '/org/acme/member/olive', { body: { role: 'member' } })).status).toBe(200);
    expect((await api('POST', '/org/acme/member/invite', { ...asOlive, body: { email: 'o2@example.com', role: 'member' } })).status).toBe(403);
    expect((await api('GET', '/org/acme', asOlive)).status).toBe(200);
    expect((await api('DELETE', '/org/acme/member/olive')).status).toBe(200);
    expect((await api('GET', '/org/acme', asOlive)).status).toBe(404);
  });

  it('follows a rename and a deletion of the org', async () => {
    expect((await api('GET', '/org/acme')).status).toBe(200);
    expect((await api('PATCH', '/org/acme', { body: { handle: 'acme-renamed' } })).status).toBe(200);
    expect((await api('GET', '/org/acme')).status).toBe(404);
    expect((await api('GET', '/org/acme-renamed')).status).toBe(200);
    expect((await api('DELETE', '/org/acme-renamed')).status).toBe(200);
    expect((await api('GET', '/org/acme-renamed')).status).toBe(404);
  });

  it('follows a change of role or a removal made by another connection to the file', async () => {
    const pete = await makeUser('pete', 'acme', 'owner');
    const invite = (email: string) => api('POST', '/org/acme/member/invite', { token: pete, body: { email, role: 'member' } });
    expect((await invite('p1@example.com')).status).toBe(201);
    db.prepare("UPDATE org_members SET role = 'member' WHERE user_id = (SELECT id FROM users WHERE handle = 'pete')").run();
    expect((await invite('p2@example.com')).status).toBe(403);
    db.prepare("DELETE FROM org_members WHERE user_id = (SELECT id FROM users WHERE handle = 'pete')").run();
    expect((await api('GET', '/org/acme', { token: pete })).status).toBe(404);
  });

  it('a caller invited to an org reads it once they have accepted, not before', async () => {
    const quinn = await makeUser('quinn', 'hobby', 'owner');
    expect((await api('GET', '/org/acme', { token: quinn })).status).toBe(404);
    const invited = await api('POST', '/org/acme/member/invite', { body: { handle: 'quinn', role: 'member' } });
    expect(invited.status).toBe(201);
    expect((await api('GET', '/org/acme', { token: quinn })).status).toBe(404);
    const confirmed = await api('GET', `/org/acme/member/invite/confirm?t=${invited.body.id}`, { token: quinn });
    expect(confirmed.status).toBe(201);
    expect((await api('GET', '/org/acme', { token: quinn })).status).toBe(200);
  });
});
