// The bulk engines against pipes-emulator (in a child process), each figure with its goal:
// - --if-exists skip of 10 people into an org of 50,000: requests sent (from the emulator's
//   request log), goal ≤ 40;
// - one invitation under a steady 429 on POSTs (lookups unfaulted): POSTs sent and the exit
//   status, goal ≤ 6 POSTs and exit 1;
// - 300 new people under 20 ms of latency per request: `org apply` against `people invite
//   --from-file` of the same people, time ratio, goal ≤ 1.3.
// Alone: node bench/bulk.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, runPipesctl, startEmulatorProcess, verdict } from './lib.mjs';

export async function benchBulk({ orgSize = 50_000, skipInvites = 10, applyPeople = 300, latencyMs = 20, runs = 5 } = {}) {
  const emulator = await startEmulatorProcess();
  const dir = mkdtempSync(join(tmpdir(), 'pipesctl-bench-bulk-'));
  const env = { ...process.env, PIPESCTL_CONFIG_DIR: dir, PIPES_HOST: emulator.url, PIPES_TOKEN: emulator.token, PIPES_ORG: 'acme' };
  const requests = async () => (await emulator.control('GET', '/_emulator/requests')).items;
  // 204, no body: not through control(), which reads JSON.
  const clearRequests = async () => void (await fetch(`${emulator.url}/_emulator/requests`, { method: 'DELETE' })).arrayBuffer();
  const results = [];
  try {
    // 1. Targeted lookups: 10 invites, half of them already in a 50,000-member org.
    await emulator.control('POST', '/_emulator/reset');
    await emulator.control('POST', '/_emulator/orgs/acme/members', { count: orgSize, prefix: 'member' });
    const people = [
      ...Array.from({ length: skipInvites / 2 }, (_, i) => `member-${1 + i * 9_973}`),
      ...Array.from({ length: skipInvites - skipInvites / 2 }, (_, i) => `skip${i}@bulk.example`),
    ];
    await clearRequests();
    const skip = await runPipesctl(['people', 'invite', ...people, '--if-exists', 'skip', '--json'], env);
    if (skip.code !== 0) throw new Error(`skip run failed: exit ${skip.code} ${skip.stderr}`);
    const sent = (await requests()).length;
    console.log(`\n--if-exists skip: ${skipInvites} invites into an org of ${orgSize.toLocaleString('en-US')} (${JSON.stringify(JSON.parse(skip.stdout).summary)})`);
    console.log(`  ${sent} requests, ${fmt(skip.ms, 0)} ms   target ≤40 requests   ${verdict(sent <= 40)}`);
    results.push({ name: 'skip-invites requests', value: sent, ok: sent <= 40 });

    // 2. A steady 429 on invitations: the client alone retries, a few times.
    await emulator.control('POST', '/_emulator/reset');
    await emulator.control('POST', '/_emulator/faults', { rate: 1, statuses: [429], methods: ['POST'], retry_after_s: 0 });
    await clearRequests();
    const limited = await runPipesctl(['people', 'invite', 'steady@bulk.example'], env);
    await emulator.control('POST', '/_emulator/faults', {});
    const posts = (await requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/member/invite')).length;
    const named = /rate limit/i.test(limited.stderr);
    const ok429 = posts <= 6 && limited.code === 1 && named;
    console.log('\nOne invitation under a steady 429 on POSTs');
    console.log(`  ${posts} POSTs, exit ${limited.code}, message names the rate limit: ${named ? 'yes' : 'no'}, ${fmt(limited.ms, 0)} ms   target ≤6 POSTs, exit 1   ${verdict(ok429)}`);
    results.push({ name: 'steady-429 POSTs', value: posts, ok: ok429 });

    // 3. org apply against people invite, 300 new people, 20 ms per request.
    const emails = Array.from({ length: applyPeople }, (_, i) => `crew${i}@apply.example`);
    const csv = join(dir, 'people.csv');
    const yaml = join(dir, 'acme.yaml');
    writeFileSync(csv, `email\n${emails.join('\n')}\n`);
    writeFileSync(yaml, `org:\n  handle: acme\npeople:\n  - handle: demo\n    role: owner\n  - handle: jane\n  - handle: carol\n  - handle: bob\n  - email: dave@example.com\n${emails.map((e) => `  - email: ${e}\n`).join('')}`);
    const inviteTimes = [];
    const applyTimes = [];
    // The first round warms up and is not counted; the two commands alternate, so a busy moment weighs on both.
    for (let i = 0; i <= runs; i++) {
      await emulator.control('POST', '/_emulator/reset');
      await emulator.control('POST', '/_emulator/faults', { latency_ms: latencyMs });
      const invite = await runPipesctl(['people', 'invite', '--from-file', csv, '--json'], env);
      if (invite.code !== 0) throw new Error(`invite run failed: exit ${invite.code} ${invite.stderr}`);
      await emulator.control('POST', '/_emulator/reset');
      await emulator.control('POST', '/_emulator/faults', { latency_ms: latencyMs });
      const apply = await runPipesctl(['org', 'apply', '-f', yaml, '--yes', '--json'], env);
      if (apply.code !== 0) throw new Error(`apply run failed: exit ${apply.code} ${apply.stderr}`);
      const applied = JSON.parse(apply.stdout).results.filter((r) => r.outcome === 'applied').length;
      if (applied !== applyPeople) throw new Error(`apply applied ${applied} of ${applyPeople} changes`);
      if (i > 0) {
        inviteTimes.push(invite.ms);
        applyTimes.push(apply.ms);
      }
    }
    await emulator.control('POST', '/_emulator/faults', {});
    const ratio = median(applyTimes) / median(inviteTimes);
    console.log(`\n${applyPeople} new people under ${latencyMs} ms of latency (median of ${runs})`);
    console.log(`  people invite --from-file   ${fmt(median(inviteTimes), 0)} ms`);
    console.log(`  org apply                   ${fmt(median(applyTimes), 0)} ms`);
    console.log(`  apply / invite              ${fmt(ratio, 2)}   target ≤1.3   ${verdict(ratio <= 1.3)}`);
    results.push({ name: 'apply/invite ratio', value: ratio, ok: ratio <= 1.3 });
    return results;
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBulk();
