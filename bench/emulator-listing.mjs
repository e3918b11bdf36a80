// Paging depth: listing every member of a 50,000-member org against a 10,000-member one, as a
// ratio measured in this run. Goal ≤ 5.0.
//
// The figure with the goal is `pipesctl people list --json` run as a whole process, as a user
// runs it: the list's cost with its fixed part (start-up, the first request) included, which is
// why linear paging comes out under 5 and paging that slows with depth over it. (On this 2-core
// machine: 3.4–3.9 with keyset paging on the (org_id, created_at, id) index; 5.6–6.6 with the
// earlier `created_at > @at OR (created_at = @at AND id > @id)` condition.)
//
// Beside it, without goals: the member pages alone over HTTP (linear: 4.96× by pages, 5.00× by
// members), and a page at the end of the 50,000 against a page at its start (flat: 1.0×).
//
// The emulator runs on a new file database; the pages are read by a child process of their own,
// so what this process did before (other figures, a heap of their garbage) does not weigh on
// them; and the two lists are read side by side, so that a busy moment of this shared machine
// weighs on both alike.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, root, startEmulatorProcess, timeOnce, verdict } from './lib.mjs';

const ORGS = ['page10k', 'page50k'];
const PAGES = { page10k: 101, page50k: 501 };

/** One page of `org`'s members after `next`: its time in ms, its items and the next token. */
async function readPage(emulator, org, next) {
  const start = process.hrtime.bigint();
  const q = new URLSearchParams({ limit: '100', ...(next ? { next_token: next } : {}) });
  const res = await fetch(`${emulator.url}/api/v0/org/${org}/member?${q}`, { headers: { authorization: `Bearer ${emulator.token}` } });
  const page = await res.json();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, n: page.items.length, next: page.next_token };
}

/**
 * Reads every member of each org, page by page, the lists interleaved in proportion (the one
 * least far along goes next). Returns each list's page times in ms and member count.
 */
async function listInterleaved(emulator) {
  const state = ORGS.map((org) => ({ org, times: [], n: 0, next: undefined, done: false }));
  for (;;) {
    const open = state.filter((s) => !s.done);
    if (open.length === 0) return state;
    const s = open.reduce((a, b) => (a.times.length / PAGES[a.org] <= b.times.length / PAGES[b.org] ? a : b));
    const page = await readPage(emulator, s.org, s.next);
    s.times.push(page.ms);
    s.n += page.n;
    s.next = page.next;
    s.done = !page.next;
  }
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

/** In the child: each round's two totals and the 50k list's first and last 50 full pages, as one JSON line. */
async function readRounds(emulator, rounds) {
  await listInterleaved(emulator); // warm
  const out = { t10: [], t50: [], first: [], last: [] };
  for (let r = 0; r < rounds; r++) {
    const [ten, fifty] = await listInterleaved(emulator);
    if (ten.n !== 10_001 || fifty.n !== 50_001) throw new Error(`listed ${ten.n} and ${fifty.n} members`);
    out.t10.push(sum(ten.times));
    out.t50.push(sum(fifty.times));
    out.first.push(sum(fifty.times.slice(0, 50)));
    out.last.push(sum(fifty.times.slice(450, 500)));
  }
  return out;
}

/** The pages alone, read by a child process: per-round ratios' medians. */
async function pagesAlone(emulator, rounds) {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--read', emulator.url, emulator.token, String(rounds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`the listing child exited ${code}`);
  const { t10, t50, first, last } = JSON.parse(out);
  return {
    ms10: median(t10),
    ms50: median(t50),
    ratio: median(t50.map((t, i) => t / t10[i])),
    depth: median(last.map((t, i) => t / first[i])),
  };
}

/** `pipesctl people list --json` of each org, run after run in turn: each run's two wall times. */
function commandRuns(emulator, dir, rounds) {
  const env = { ...process.env, PIPESCTL_CONFIG_DIR: dir, PIPES_HOST: emulator.url, PIPES_TOKEN: emulator.token };
  const run = (org) => timeOnce(process.execPath, [`${root}bin/pipesctl.js`, 'people', 'list', '--org', org, '--json'], env);
  ORGS.forEach(run); // warm
  const t10 = [];
  const t50 = [];
  for (let r = 0; r < rounds; r++) {
    t10.push(run('page10k'));
    t50.push(run('page50k'));
  }
  return { ms10: median(t10), ms50: median(t50), ratio: median(t50.map((t, i) => t / t10[i])) };
}

export async function benchListing({ rounds = 7 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pipes-emulator-listing-'));
  const emulator = await startEmulatorProcess(['--db', join(dir, 'paging.db')]);
  const json = { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' };
  try {
    // Members are named prefix-1, prefix-2, …: numbers up to 50,000 have 0.89 more digits on
    // average than numbers up to 10,000, and a record carries its handle three times, so the
    // 10k org's prefix is one character longer: both lists' records are the same size (7.74 MB
    // and 38.69 MB: 4.998×). The figures measure depth, not bytes.
    for (const [org, count, prefix] of [
      ['page10k', 10_000, 'page10kx'],
      ['page50k', 50_000, 'page50k'],
    ]) {
      const made = await fetch(`${emulator.url}/api/v0/org`, { method: 'POST', headers: json, body: JSON.stringify({ handle: org }) });
      if (made.status !== 201) throw new Error(`creating ${org}: ${made.status}`);
      await emulator.control('POST', `/_emulator/orgs/${org}/members`, { count, prefix });
    }
    const pages = await pagesAlone(emulator, rounds);
    const command = commandRuns(emulator, dir, rounds);
    const ok = command.ratio <= 5;
    console.log(`\nListing every member on a new database, 10,001 against 50,001 members (median of ${rounds} rounds, the two read in turn)`);
    console.log(
      `  pipesctl people list --json: ${fmt(command.ms10, 0)} ms and ${fmt(command.ms50, 0)} ms   ratio ${fmt(command.ratio, 2)} (target ≤5.0) ${verdict(ok)}`,
    );
    console.log(
      `  the pages alone (limit=100): ${fmt(pages.ms10, 0)} ms and ${fmt(pages.ms50, 0)} ms   ratio ${fmt(pages.ratio, 2)} (linear: 4.96 by pages, 5.00 by members)`,
    );
    console.log(`  the last 50 pages of the 50,001 against its first 50: ${fmt(pages.depth, 2)}× (flat: 1.0)`);
    return [{ name: 'emulator list 50k/10k', ratio: command.ratio, target: 5, ok }];
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--read') {
  const [url, token, rounds] = process.argv.slice(3);
  console.log(JSON.stringify(await readRounds({ url, token }, Number(rounds))));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  await benchListing();
}
