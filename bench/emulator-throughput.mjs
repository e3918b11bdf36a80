// pipes-emulator under load, each figure a ratio measured in this run:
// - invite POSTs and GET /actor per second with 8 requests in flight, against a bare node:http
//   server (its own process, answering a small JSON body) under the same load from this process;
// (listing a 50,000-member org against a 10,000-member one: emulator-listing.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'undici';
import { fmt, median, startEmulatorProcess, stopChild, verdict } from './lib.mjs';

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
  return { ...ready, stop: () => stopChild(child) };
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

export async function benchEmulator({ seconds = 1, rounds = 9 } = {}) {
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
    return results;
  } finally {
    await emulator.stop();
    await bare.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}


if (import.meta.url === `file://${process.argv[1]}`) await benchEmulator();
