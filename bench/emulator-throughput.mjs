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

/** Requests per second: `count` requests made by `make(i)`, CONCURRENCY at a time over one pool. */
async function rate(url, count, make) {
  const pool = new Pool(url, { connections: CONCURRENCY, pipelining: 1 });
  try {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const res = await pool.request(make(i));
        await res.body.dump();
        if (res.statusCode >= 300) throw new Error(`${make(i).method} ${make(i).path} answered ${res.statusCode}`);
      }
    };
    const start = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return count / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await pool.close();
  }
}

/** Milliseconds to read every member of `org` with limit=100, page by page. */
async function listAll(emulator, org) {
  const start = process.hrtime.bigint();
  let next;
  let n = 0;
  do {
    const q = new URLSearchParams({ limit: '100', ...(next ? { next_token: next } : {}) });
    const res = await fetch(`${emulator.url}/api/v0/org/${org}/member?${q}`, { headers: { authorization: `Bearer ${emulator.token}` } });
    const page = await res.json();
    n += page.items.length;
    next = page.next_token;
  } while (next);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, n };
}

export async function benchEmulator({ posts = 3000, gets = 6000, rounds = 3 } = {}) {
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
    await rate(emulator.url, 500, invite);
    await rate(emulator.url, 1000, actor);
    await rate(bare.url, 1000, invite);
    for (let r = 0; r < rounds; r++) {
      batch++;
      rates.barePost.push(await rate(bare.url, posts, invite));
      rates.emuPost.push(await rate(emulator.url, posts, invite));
      rates.bareGet.push(await rate(bare.url, gets, actor));
      rates.emuGet.push(await rate(emulator.url, gets, actor));
    }
    const m = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)]));
    console.log(`\nEmulator throughput (${CONCURRENCY} requests in flight; median of ${rounds} rounds; ratio to a bare node:http server)`);
    console.log('request'.padEnd(34), 'emulator/s'.padStart(11), 'node:http/s'.padStart(12), 'ratio'.padStart(7), 'target'.padStart(7));
    for (const [name, e, b, target] of [
      ['POST /org/acme/member/invite', m.emuPost, m.barePost, 0.2],
      ['GET /actor', m.emuGet, m.bareGet, 0.6],
    ]) {
      const ratio = e / b;
      const ok = ratio >= target;
      console.log(name.padEnd(34), fmt(e, 0).padStart(11), fmt(b, 0).padStart(12), fmt(ratio, 3).padStart(7), `≥${target}`.padStart(7), verdict(ok));
      results.push({ name: `emulator ${name} vs node:http`, ratio, target, ok });
    }

    // Paging depth: a 50,000-member org against a 10,000-member one.
    for (const [org, count] of [
      ['page10k', 10_000],
      ['page50k', 50_000],
    ]) {
      const made = await fetch(`${emulator.url}/api/v0/org`, { method: 'POST', headers: json, body: JSON.stringify({ handle: org }) });
      if (made.status !== 201) throw new Error(`creating ${org}: ${made.status}`);
      await emulator.control('POST', `/_emulator/orgs/${org}/members`, { count, prefix: org });
    }
    await listAll(emulator, 'page10k'); // warm
    const t10 = [];
    const t50 = [];
    for (let r = 0; r < rounds; r++) {
      t10.push((await listAll(emulator, 'page10k')).ms);
      t50.push((await listAll(emulator, 'page50k')).ms);
    }
    const ratio = median(t50) / median(t10);
    const ok = ratio <= 5;
    console.log(`\nListing every member, limit=100 (median of ${rounds})`);
    console.log(`  10,001 members: ${fmt(median(t10), 0)} ms   50,001 members: ${fmt(median(t50), 0)} ms   ratio ${fmt(ratio, 2)} (target ≤5.0) ${verdict(ok)}`);
    results.push({ name: 'emulator list 50k/10k', ratio, target: 5, ok });
    return results;
  } finally {
    await emulator.stop();
    bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEmulator();
