// The invitation engine when answers are lost: a POST that reached the emulator and took
// effect, but whose answer never came back. The client below is the real one against a real
// emulator; only the answer to chosen invitations is replaced by the error a lost answer gives.
import { afterEach, describe, expect, it } from 'vitest';
import type { MembersApi } from '../../../src/api/api';
import { ApiError, NetworkError } from '../../../src/api/errors';
import { createPipesApi } from '../../../src/api/index';
import type { InviteOrgUserRequest } from '../../../src/api/types';
import type { InviteRequest } from '../../../src/core/people/invite-input';
import { inviteAll } from '../../../src/core/people/inviter';
import { memberNames, membersOf, usePeopleTests } from '../../commands/people/helpers';

const kit = usePeopleTests();
const clients: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const INVITE_PATH = '/api/v0/org/acme/member/invite';

function realMembers(): MembersApi {
  const api = createPipesApi({ baseUrl: `${kit.emu().url}/api/v0`, token: kit.emu().token, userAgent: 'test', sleep: async () => undefined });
  clients.push(api);
  return api.members;
}

type Fault = 'lost-answer' | 'not-landed' | 'rate-limited';

/** The real members API, but the first invitations of each person meet the scripted faults. */
function withFaults(members: MembersApi, script: Record<string, Fault[]>): MembersApi {
  const pending = new Map(Object.entries(script).map(([k, v]) => [k, [...v]]));
  const request = { method: 'POST', path: '/org/acme/member/invite' };
  return {
    ...members,
    async invite(org: string, body: InviteOrgUserRequest) {
      const fault = pending.get((body.email ?? body.handle)!)?.shift();
      if (fault === 'lost-answer') {
        await members.invite(org, body);
        throw new NetworkError('the connection was closed before it answered', request, { maybeProcessed: true });
      }
      if (fault === 'not-landed') throw new ApiError(503, request, undefined, { maybeProcessed: true, statusText: 'Service Unavailable' });
      if (fault === 'rate-limited') throw new ApiError(429, request, undefined, { statusText: 'Too Many Requests' });
      return members.invite(org, body);
    },
  };
}

function request(input: string): InviteRequest {
  return input.includes('@') ? { input, invitee: { email: input }, role: 'member', where: 'test' } : { input, invitee: { handle: input }, role: 'member', where: 'test' };
}

describe('inviting when answers are lost', () => {
  it('finds an invitation that landed (by email and by handle) instead of sending it again', async () => {
    await kit.emu().makeUser('zoe');
    const members = withFaults(realMembers(), { 'lost@example.com': ['lost-answer'], zoe: ['lost-answer'] });
    const outcomes = await inviteAll(members, 'acme', [request('lost@example.com'), request('zoe')], { ifExists: 'fail', concurrency: 2 });
    expect(outcomes.map((o) => [o.result.input, o.result.outcome, o.result.member?.status])).toEqual([
      ['lost@example.com', 'invited', 'invited'],
      ['zoe', 'invited', 'invited'],
    ]);
    const log = await kit.emu().requests();
    expect(log.filter((r) => r.method === 'POST').map((r) => `${r.path} ${r.status}`)).toEqual([`${INVITE_PATH} 201`, `${INVITE_PATH} 201`]);
    expect(log.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /api/v0/org/acme/member?q=lost%40example.com&limit=100', 'GET /api/v0/org/acme/member/zoe']),
    );
    expect(memberNames(await membersOf(kit.emu())).filter((n) => n === 'lost@example.com')).toHaveLength(1);
  });

  it('counts a 409 after an uncertain attempt as its own invitation, even with --if-exists skip', async () => {
    // zed is a registered user: invited by email, the member shows zed's handle and name, not the address.
    await kit.emu().makeUser('zed', { email: 'zed@corp.example' });
    const members = withFaults(realMembers(), { 'zed@corp.example': ['lost-answer'] });
    const outcomes = await inviteAll(members, 'acme', [request('zed@corp.example')], { ifExists: 'skip', concurrency: 1 });
    expect(outcomes[0]!.result).toMatchObject({ input: 'zed@corp.example', outcome: 'invited' });
    const posts = (await kit.emu().requests()).filter((r) => r.method === 'POST');
    expect(posts.map((p) => p.status)).toEqual([201, 409]);
  });

  it('sends once more after a lookup shows the uncertain attempt did not land; a 429 the client gave up on is not sent again', async () => {
    const members = withFaults(realMembers(), { 'a@example.com': ['not-landed'], 'b@example.com': ['rate-limited'] });
    const outcomes = await inviteAll(members, 'acme', [request('a@example.com'), request('b@example.com')], { ifExists: 'fail', concurrency: 1 });
    expect(outcomes.map((o) => o.result.outcome)).toEqual(['invited', 'failed']);
    expect(outcomes[1]!.result.error).toMatchObject({ status: 429 });
    const log = await kit.emu().requests();
    expect(log.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201]);
    expect(log.filter((r) => r.path.includes('q=a%40example.com'))).toHaveLength(1); // one lookup before sending again
    expect(log.filter((r) => r.path.includes('q=b%40example.com'))).toHaveLength(0); // a 429 was not processed: nothing to look up
  });

  it('adds no retry loop of its own: after two uncertain answers with nothing landed, the person is failed', async () => {
    const sends: string[] = [];
    const faulty = withFaults(realMembers(), { 'x@example.com': Array(10).fill('not-landed') });
    const members: MembersApi = {
      ...faulty,
      invite: (org, body) => {
        sends.push(body.email!);
        return faulty.invite(org, body);
      },
    };
    const outcomes = await inviteAll(members, 'acme', [request('x@example.com')], { ifExists: 'fail', concurrency: 1 });
    expect(outcomes[0]!.result).toMatchObject({ outcome: 'failed', error: { code: 'server_error', status: 503 } });
    expect(sends).toHaveLength(2);
    expect((await kit.emu().requests()).filter((r) => r.path.includes('q=x%40example.com'))).toHaveLength(2);
    expect(memberNames(await membersOf(kit.emu()))).not.toContain('x@example.com');
  });

  it('reports results in input order whatever order they finish in', async () => {
    const inputs = Array.from({ length: 12 }, (_, i) => `order${i}@example.com`);
    const script = Object.fromEntries(inputs.filter((_, i) => i % 3 === 0).map((e) => [e, ['not-landed' as Fault]]));
    const outcomes = await inviteAll(withFaults(realMembers(), script), 'acme', inputs.map(request), { ifExists: 'fail', concurrency: 5 });
    expect(outcomes.map((o) => o.result.input)).toEqual(inputs);
    expect(outcomes.map((o) => o.result.member?.user?.display_name)).toEqual(inputs);
  });
});
