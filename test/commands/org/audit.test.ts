import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../src/api/types';
import { useCommandTests } from '../../helpers/command-tests';
import { schemaProblems } from '../../helpers/openapi';

// The emulator stamps audit records with its own (real) clock: each command's clock agrees.
const { api, emu, make, sent } = useCommandTests({ org: 'acme', now: () => new Date() });

async function auditJson(args: string[] = []): Promise<AuditRecord[]> {
  const t = make();
  expect(await t.run(['org', 'audit', '--json', ...args])).toBe(0);
  return JSON.parse(t.stdout()) as AuditRecord[];
}

describe('org audit', () => {
  it('--json lists a profile change and an invite, newest first, with the actor', async () => {
    const t = make();
    expect(await t.run(['org', 'profile', '--display-name', 'Acme Audited'])).toBe(0);
    expect(await t.run(['people', 'invite', 'new.person@example.com'])).toBe(0);
    const records = await auditJson();
    expect(records.slice(0, 2)).toMatchObject([
      { action_type: 'org.member.invite', actor_handle: 'demo', target_handle: 'new-person', identity_handle: 'acme' },
      { action_type: 'org.update', actor_handle: 'demo', data: { display_name: 'Acme Audited' } },
    ]);
    for (const r of records) expect(schemaProblems('AuditRecord', r)).toEqual([]);
    const times = records.map((r) => r.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('the raw audit log answer validates as ListAuditLogsResponse', async () => {
    await api('PATCH', '/org/acme', { body: { display_name: 'Raw' } });
    const res = await api('GET', '/org/acme/audit_log');
    expect(res.status).toBe(200);
    expect(schemaProblems('ListAuditLogsResponse', res.body)).toEqual([]);
  });

  it('reads every page, and filters by actor and action (families too) with --limit', async () => {
    // 150 invitations by demo, then jane (made an owner) changes the profile.
    for (let i = 0; i < 150; i++) await api('POST', '/org/acme/member/invite', { body: { email: `p${i}@example.com`, role: 'member' } });
    await api('PATCH', '/org/acme/member/jane', { body: { role: 'owner' } });
    await api('PATCH', '/org/acme', { body: { url: 'https://jane.example.com' }, token: emu().janeToken });
    const all = await auditJson();
    expect(all.filter((r) => r.action_type === 'org.member.invite').length).toBeGreaterThanOrEqual(150);
    expect((await sent((r) => r.path.includes('/audit_log'))).length).toBeGreaterThanOrEqual(2);

    expect(await auditJson(['--actor', 'jane'])).toMatchObject([{ action_type: 'org.update', actor_handle: 'jane' }]);
    const members = await auditJson(['--action', 'org.member', '--limit', '3']);
    expect(members.map((r) => r.action_type)).toEqual(['org.member.update', 'org.member.invite', 'org.member.invite']);
    expect((await auditJson(['--action', 'org.member.invite'])).every((r) => r.action_type === 'org.member.invite')).toBe(true);

    // --since: the newest page holds everything since; the walk stops there, at the first older entry.
    await emu().clearRequests();
    const recent = await auditJson(['--since', all[1]!.created_at]);
    expect(recent.map((r) => r.action_type)).toEqual(all.filter((r) => r.created_at >= all[1]!.created_at).map((r) => r.action_type));
    expect(await sent((r) => r.path.includes('/audit_log'))).toHaveLength(1);
  });

  it('--since keeps newer entries and stops paging at the first older one', async () => {
    const before = await auditJson();
    expect(before.length).toBeGreaterThan(0);
    const t = make();
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await t.run(['org', 'audit', '--since', future])).toBe(2);
    expect(t.stderr()).toMatch(/in the future/);
    const cut = new Date(Date.parse(before[0]!.created_at) + 1).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await api('PATCH', '/org/acme', { body: { display_name: 'After the cut' } });
    expect(await auditJson(['--since', cut])).toMatchObject([{ action_type: 'org.update', data: { display_name: 'After the cut' } }]);
  });

  it('prints a table on a terminal and tab-separated rows off one', async () => {
    await api('PATCH', '/org/acme/member/jane', { body: { role: 'owner' } });
    const tty = make({ tty: true });
    expect(await tty.run(['org', 'audit', '--limit', '1'])).toBe(0);
    const lines = stripVTControlCharacters(tty.stdout()).trimEnd().split('\n');
    expect(lines[0]).toMatch(/WHEN\s+ACTOR\s+ACTION\s+TARGET/);
    expect(lines[1]).toMatch(/ago\s+demo\s+org\.member\.update\s+jane/);
    const plain = make();
    expect(await plain.run(['org', 'audit', '--limit', '1'])).toBe(0);
    expect(plain.stdout().trimEnd().split('\t')).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'demo', 'org.member.update', 'jane']);
  });

  it('says when nothing matches, refuses bad filters before sending, and explains a non-owner 403', async () => {
    const none = make();
    expect(await none.run(['org', 'audit', '--actor', 'nobody'])).toBe(0);
    expect(none.stderr()).toMatch(/No entries in the audit log of acme match --actor nobody/);
    const bad = make();
    expect(await bad.run(['org', 'audit', '--action', 'org member; drop'])).toBe(2);
    expect(await bad.run(['org', 'audit', '--actor', 'Jane Doe'])).toBe(2);
    expect(await sent((r) => r.path.includes('/audit_log'))).toHaveLength(1);
    const jane = make({ env: { PIPES_TOKEN: emu().janeToken } });
    expect(await jane.run(['org', 'audit'])).toBe(1);
    expect(jane.stderr()).toMatch(/owner/);
  });
});
