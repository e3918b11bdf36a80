// Paging depth: listing every member of a 50,000-member org against a 10,000-member one, as a
// ratio measured in this run (keyset paging makes it linear: 4.96× by pages, 5.00× by members).
//
// The emulator runs on a new file database; the lists are read by a child process of their own,
// so what this process did before (other figures, a heap of their garbage) does not weigh on
// them; and the two lists are read side by side, page by page in proportion, so that a busy
// moment of this shared machine weighs on both alike.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, startEmulatorProcess, verdict } from './lib.mjs';

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
 * least far along goes next), so that a busy moment of the machine weighs on all of them alike.
 * Returns each list's total time in ms and member count.
 */
async function listInterleaved(emulator, orgs, pagesOf) {
  const state = orgs.map((org) => ({ org, ms: 0, n: 0, pages: 0, next: undefined, done: false }));
  for (;;) {
    const open = state.filter((s) => !s.done);
    if (open.length === 0) return state;
    const s = open.reduce((a, b) => (a.pages / pagesOf[a.org] <= b.pages / pagesOf[b.org] ? a : b));
    const page = await readPage(emulator, s.org, s.next);
    s.ms += page.ms;
    s.n += page.n;
    s.pages++;
    s.next = page.next;
    s.done = !page.next;
  }
}

/** In the child: every round's two totals, as one JSON line. */
async function readRounds(emulator, rounds) {
  const pagesOf = { page10k: 101, page50k: 501 };
  await listInterleaved(emulator, ['page10k', 'page50k'], pagesOf); // warm
  const t10 = [];
  const t50 = [];
  for (let r = 0; r < rounds; r++) {
    const [ten, fifty] = await listInterleaved(emulator, ['page10k', 'page50k'], pagesOf);
    if (ten.n !== 10_001 || fifty.n !== 50_001) throw new Error(`listed ${ten.n} and ${fifty.n} members`);
    t10.push(ten.ms);
    t50.push(fifty.ms);
  }
  return { t10, t50 };
}

export async function benchListing({ rounds = 7 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pipes-emulator-listing-'));
  const emulator = await startEmulatorProcess(['--db', join(dir, 'paging.db')]);
  const json = { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' };
  try {
    // Members are named prefix-1, prefix-2, …: numbers up to 50,000 have 0.89 more digits on
    // average than numbers up to 10,000, and a record carries its handle three times, so the
    // 10k org's prefix is one character longer: both lists' records are the same size (7.74 MB
    // and 38.69 MB: 4.998×). The figure measures depth, not bytes.
    for (const [org, count, prefix] of [
      ['page10k', 10_000, 'page10kx'],
      ['page50k', 50_000, 'page50k'],
    ]) {
      const made = await fetch(`${emulator.url}/api/v0/org`, { method: 'POST', headers: json, body: JSON.stringify({ handle: org }) });
      if (made.status !== 201) throw new Error(`creating ${org}: ${made.status}`);
      await emulator.control('POST', `/_emulator/orgs/${org}/members`, { count, prefix });
    }
    const child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--read', emulator.url, emulator.token, String(rounds)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the listing child exited ${code}`);
    const { t10, t50 } = JSON.parse(out);
    // Each round's ratio (the two lists read side by side), then the median of those.
    const ratio = median(t50.map((t, i) => t / t10[i]));
    const ok = ratio <= 5;
    console.log(`\nListing every member, limit=100, on a new database (median of ${rounds} rounds; in each, the two lists are read side by side, page by page in proportion)`);
    console.log(
      `  10,001 members: ${fmt(median(t10), 0)} ms   50,001 members: ${fmt(median(t50), 0)} ms   ratio ${fmt(ratio, 2)} (target ≤5.0; linear: 4.96 by pages, 5.00 by members) ${verdict(ok)}`,
    );
    return [{ name: 'emulator list 50k/10k', ratio, target: 5, ok }];
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
