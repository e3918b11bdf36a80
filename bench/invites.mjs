// Bulk invites and big member lists against pipes-emulator (in a child process):
// - 1,000 invites from a CSV file: pipesctl's wall time, and its throughput as a ratio to a
//   plain undici loop (bench/undici-invite-loop.mjs) sending the same invites at the same
//   concurrency in the same run — both timed as whole processes, start-up included;
// - the same invite run under 20% injected faults at 300 rows: every row invited exactly once;
// - `people list --json` over 10,000 members: time and peak memory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, peakMemoryMb, root, runNode, runPipesctl, startEmulatorProcess, verdict } from './lib.mjs';

const CONCURRENCY = 8;

async function membersOf(emulator) {
  const all = [];
  let next;
  do {
    const q = new URLSearchParams({ limit: '100', ...(next ? { next_token: next } : {}) });
    const res = await fetch(`${emulator.url}/api/v0/org/acme/member?${q}`, { headers: { authorization: `Bearer ${emulator.token}` } });
    const page = await res.json();
    all.push(...(page.items ?? []));
    next = page.next_token;
  } while (next);
  return all;
}

export async function benchInvites({ invites = 1000, faultRows = 300, members = 10_000, runs = 3 } = {}) {
  const emulator = await startEmulatorProcess();
  const dir = mkdtempSync(join(tmpdir(), 'pipesctl-bench-'));
  const env = { ...process.env, PIPESCTL_CONFIG_DIR: dir, PIPES_HOST: emulator.url, PIPES_TOKEN: emulator.token, PIPES_ORG: 'acme' };
  const results = [];
  try {
    // 1. Throughput: pipesctl (whole process, from the file) vs a plain undici loop.
    const emails = Array.from({ length: invites }, (_, i) => `bench${i + 1}@invites.example`);
    const csv = join(dir, 'invites.csv');
    writeFileSync(csv, `email,role\n${emails.map((e) => `${e},member`).join('\n')}\n`);
    const ours = [];
    const baseline = [];
    // The first round warms the emulator and the file cache; it is not counted.
    for (let i = 0; i <= runs; i++) {
      await emulator.control('POST', '/_emulator/reset');
      const run = await runPipesctl(['people', 'invite', '--from-file', csv, '--concurrency', String(CONCURRENCY), '--json'], env);
      const summary = JSON.parse(run.stdout).summary;
      if (run.code !== 0 || summary.invited !== invites) throw new Error(`pipesctl invite run failed: exit ${run.code}, ${JSON.stringify(summary)} ${run.stderr}`);
      await emulator.control('POST', '/_emulator/reset');
      const loop = await runNode([`${root}bench/undici-invite-loop.mjs`, emulator.url, 'acme', csv, String(CONCURRENCY)], env);
      if (loop.code !== 0) throw new Error(`undici loop failed: ${loop.stderr}`);
      if (i > 0) {
        ours.push(run.ms);
        baseline.push(loop.ms);
      }
    }
    const oursMs = median(ours);
    const baseMs = median(baseline);
    const ratio = baseMs / oursMs;
    console.log(`\nBulk invites (${invites} from a CSV file, concurrency ${CONCURRENCY}, median of ${runs})`);
    console.log(`  pipesctl people invite --from-file   ${fmt(oursMs, 0)} ms   ${fmt((invites / oursMs) * 1000, 0)} invites/s (whole process)`);
    console.log(`  plain undici loop (baseline)         ${fmt(baseMs, 0)} ms   ${fmt((invites / baseMs) * 1000, 0)} invites/s (whole process)`);
    console.log(`  throughput ratio to baseline         ${fmt(ratio, 2)}   target ≥0.6   ${verdict(ratio >= 0.6)}`);
    results.push({ name: 'invite throughput ratio', value: ratio, ok: ratio >= 0.6 });

    // 2. Correctness under faults: 20% of API requests fail (429, 503, dropped connections),
    //    half of the 5xx/dropped ones after the invite was processed.
    await emulator.control('POST', '/_emulator/reset');
    const faultEmails = emails.slice(0, faultRows);
    const faultCsv = join(dir, 'faults.csv');
    writeFileSync(faultCsv, `email\n${faultEmails.join('\n')}\n`);
    await emulator.control('POST', '/_emulator/faults', { rate: 0.2, statuses: [429, 503], reset_connections: true, retry_after_s: 0, processed_rate: 0.5, seed: 7 });
    const retryCsv = join(dir, 'retry.csv');
    const faulted = await runPipesctl(['people', 'invite', '--from-file', faultCsv, '--failed-to', retryCsv, '--json'], env);
    await emulator.control('POST', '/_emulator/faults', {});
    const log = (await emulator.control('GET', '/_emulator/requests')).items;
    const faultedRequests = log.filter((r) => r.status === 0 || r.status === 429 || r.status === 503).length;
    const summary = JSON.parse(faulted.stdout).summary;
    // The engine adds no retry loop of its own: whoever the client could not get through is
    // failed and listed in --failed-to; a retry of that file (no faults) invites the rest.
    const retried = summary.failed > 0 ? JSON.parse((await runPipesctl(['people', 'invite', '--from-file', retryCsv, '--if-exists', 'skip', '--json'], env)).stdout).summary : undefined;
    const listed = (await membersOf(emulator)).map((m) => (m.user?.display_name ?? m.user_handle).toLowerCase());
    const counts = faultEmails.map((e) => listed.filter((n) => n === e).length);
    const exactlyOnce = counts.every((c) => c === 1);
    console.log(`\nInvites under faults (${faultRows} rows; 20% of requests answered 429/503 or dropped, half of those after processing)`);
    console.log(`  exit ${faulted.code}, ${summary.invited} invited, ${summary.failed} failed (listed in --failed-to); ${faultedRequests} requests faulted`);
    if (retried) console.log(`  retry of --failed-to: ${retried.invited} invited, ${retried.skipped} skipped, ${retried.failed} failed`);
    console.log(`  in the org: ${counts.filter((c) => c === 1).length} exactly once, ${counts.filter((c) => c === 0).length} missing, ${counts.filter((c) => c > 1).length} duplicated   ${verdict(exactlyOnce)}`);
    results.push({ name: 'invites under faults', value: counts.filter((c) => c === 1).length, ok: exactlyOnce });

    // 3. people list --json over 10,000 members.
    await emulator.control('POST', '/_emulator/reset');
    await emulator.control('POST', '/_emulator/orgs/acme/members', { count: members, prefix: 'member' });
    const listArgs = [`${root}bin/pipesctl.js`, 'people', 'list', '--json'];
    const times = [];
    for (let i = 0; i < runs; i++) {
      const run = await runPipesctl(listArgs.slice(1), env);
      if (run.code !== 0) throw new Error(`people list failed: ${run.stderr}`);
      if (i === 0) {
        const count = JSON.parse(run.stdout).length;
        if (count < members) throw new Error(`people list returned ${count} members`);
      }
      times.push(run.ms);
    }
    // Synchronous, which is fine: the emulator answers from its own process.
    const mem = peakMemoryMb(process.execPath, listArgs, env);
    console.log(`\npeople list --json over ${members.toLocaleString('en-US')}+ members (median of ${runs})`);
    console.log(`  ${fmt(median(times), 0)} ms, peak memory ${fmt(mem)} MB   target ≤150 MB   ${verdict(mem !== null && mem <= 150)}`);
    results.push({ name: 'people list peak MB', value: mem, ok: mem !== null && mem <= 150 });
    return results;
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
