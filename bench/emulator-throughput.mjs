// pipes-emulator under load, each figure a ratio measured in this run:
// - invite POSTs and GET /actor per second with 8 requests in flight, against a bare node:http
//   server (its own process, answering a small JSON body) under the same load from this process;
// - listing every member of a 50,000-member org, against a 10,000-member one (keyset paging
//   should make it linear: ~5×).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { fmt, median, startEmulatorProcess, verdict } from './lib.mjs';

const CONCURRENCY = 8;

/** A bare node:http server in a child process: reads the body, answers a small JSON object. */
async function startBareServer() {
  const source = `
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.stringify({ id: 'm_0123456789abcdefghij', method: req.method, bytes: Buffer.concat(chunks).length });
        res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 10000;
    server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: 'http://127.0.0.1:' + server.address().port })));
  `;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  });
  return { ...ready, stop: () => child.kill('SIGTERM') };
}

/**
 * Requests per second over `seconds`: requests made by `make(i)`, CONCURRENCY at a time over one
 * pool. A fixed time rather than a fixed count: both servers are measured over the same window.
 */
async function rate(url, seconds, make) {
  const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 });
  try {
    let next = 0;
    let done = 0;
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(seconds * 1e9));
    const worker = async () => {
      while (process.hrtime.bigint() < end) {
        const req = make(next++);
        const res = await pool.request(req);
        await res.body.dump();
        if (res.statusCode >= 300) throw new Error(`${req.method} ${req.path} answered ${res.statusCode}`);
        done++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return done / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await pool.close();
  }
}

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

export async function benchEmulator({ seconds = 1, rounds = 5, listRounds = 7 } = {}) {
  // A file database, as a developer runs it (WAL, a commit per write).
  const dir = mkdtempSync(join(tmpdir(), 'pipes-emulator-bench-'));
  const emulator = await startEmulatorProcess(['--db', join(dir, 'bench.db')]);
  const bare = await startBareServer();
  const auth = { authorization: `Bearer ${emulator.token}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const results = [];
  try {
    // Throughput: the emulator and the bare server take turns, round by round, after a warm-up.
    let batch = 0;
    const invite = (i) => ({
      method: 'POST',
      path: '/api/v0/org/acme/member/invite',
      headers: json,
      body: JSON.stringify({ email: `load${batch}-${i}@throughput.example`, role: 'member' }),
    });
    const actor = () => ({ method: 'GET', path: '/api/v0/actor', headers: auth });
    const rates = { emuPost: [], barePost: [], emuGet: [], bareGet: [] };
    batch++;
    await rate(emulator.url, 0.5, invite);
    await rate(emulator.url, 0.5, actor);
    await rate(bare.url, 0.5, invite);
    await rate(bare.url, 0.5, actor);
    for (let r = 0; r < rounds; r++) {
      batch++;
      rates.barePost.push(await rate(bare.url, seconds, invite));
      rates.emuPost.push(await rate(emulator.url, seconds, invite));
      rates.bareGet.push(await rate(bare.url, seconds, actor));
      rates.emuGet.push(await rate(emulator.url, seconds, actor));
    }
    const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)]));
    // Each round's two figures were taken one after the other: their ratio, then the median of those.
    const ratios = (e, b) => median(e.map((x, i) => x / b[i]));
    console.log(`\nEmulator throughput (${CONCURRENCY} requests in flight, ${seconds} s each; median of ${rounds} rounds; ratio to a bare node:http server in the same round)`);
    console.log('request'.padEnd(34), 'emulator/s'.padStart(11), 'node:http/s'.padStart(12), 'ratio'.padStart(7), 'target'.padStart(7));
    for (const [name, e, b, ratio, target] of [
      ['POST /org/acme/member/invite', m.emuPost, m.barePost, ratios(rates.emuPost, rates.barePost), 0.2],
      ['GET /actor', m.emuGet, m.bareGet, ratios(rates.emuGet, rates.bareGet), 0.6],
    ]) {
      const ok = ratio >= target;
      console.log(name.padEnd(34), fmt(e, 0).padStart(11), fmt(b, 0).padStart(12), fmt(ratio, 3).padStart(7), `≥${target}`.padStart(7), verdict(ok));
      results.push({ name: `emulator ${name} vs node:http`, ratio, target, ok });
    }

    await emulator.stop();
    bare.stop();
    results.push(await benchListing(dir, listRounds));
    return results;
  } finally {
    await emulator.stop();
    bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Paging depth: listing a 50,000-member org against a 10,000-member one, on an emulator of its
 * own (a new file database, so the throughput rounds' rows and WAL do not weigh on it).
 */
async function benchListing(dir, listRounds) {
  const emulator = await startEmulatorProcess(['--db', join(dir, 'paging.db')]);
  const json = { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' };
  try {
    // Members are named prefix-1, prefix-2, …: numbers up to 50,000 have 0.89 more digits on
    // average than numbers up to 10,000, so the 10k org's prefix is one character longer and the
    // two orgs' records are the same size (to 0.1 character): the figure measures depth, not bytes.
    for (const [org, count, prefix] of [
      ['page10k', 10_000, 'page10kx'],
      ['page50k', 50_000, 'page50k'],
    ]) {
      const made = await fetch(`${emulator.url}/api/v0/org`, { method: 'POST', headers: json, body: JSON.stringify({ handle: org }) });
      if (made.status !== 201) throw new Error(`creating ${org}: ${made.status}`);
      await emulator.control('POST', `/_emulator/orgs/${org}/members`, { count, prefix });
    }
    const pagesOf = { page10k: 101, page50k: 501 };
    await listInterleaved(emulator, ['page10k', 'page50k'], pagesOf); // warm
    const t10 = [];
    const t50 = [];
    for (let r = 0; r < listRounds; r++) {
      const [ten, fifty] = await listInterleaved(emulator, ['page10k', 'page50k'], pagesOf);
      if (ten.n !== 10_001 || fifty.n !== 50_001) throw new Error(`listed ${ten.n} and ${fifty.n} members`);
      t10.push(ten.ms);
      t50.push(fifty.ms);
    }
    // Each round's ratio (the two lists read side by side), then the median of those.
    const ratio = median(t50.map((t, i) => t / t10[i]));
    const ok = ratio <= 5;
    console.log(`\nListing every member, limit=100, on a new database (median of ${listRounds} rounds; in each, the two lists are read side by side, page by page in proportion)`);
    console.log(
      `  10,001 members: ${fmt(median(t10), 0)} ms   50,001 members: ${fmt(median(t50), 0)} ms   ratio ${fmt(ratio, 2)} (target ≤5.0; linear: 4.96 by pages, 5.00 by members) ${verdict(ok)}`,
    );
    return { name: 'emulator list 50k/10k', ratio, target: 5, ok };
  } finally {
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEmulator();
