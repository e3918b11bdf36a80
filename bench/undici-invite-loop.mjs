// The baseline of the bulk-invite benchmark: the same invitations as a plain undici loop,
// <concurrency> at a time, as a process of its own (so it is timed like pipesctl, start-up
// included). Usage: node bench/undici-invite-loop.mjs <api url> <org> <emails file> <concurrency>
// with the token in PIPES_TOKEN. Exits 1 if any invitation was not created.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [url, org, file, concurrency] = process.argv.slice(2);
const emails = readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]);
const agent = new Agent({ connections: Number(concurrency) });
let next = 0;
let failed = 0;
async function worker() {
  while (next < emails.length) {
    const email = emails[next++];
    const res = await request(`${url}/api/v0/org/${org}/member/invite`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: `Bearer ${process.env.PIPES_TOKEN}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, role: 'member' }),
    });
    await res.body.text();
    if (res.statusCode !== 201) failed++;
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
await agent.close();
process.exitCode = failed ? 1 : 0;
