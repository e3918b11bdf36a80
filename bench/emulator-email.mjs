// One hostile request must not stall pipes-emulator: the time to answer an invite whose email
// is 150 KB of a pattern that once made the email check quadratic ("a@" + "."×150,000 + "@"),
// as a ratio to a `node -e 0` start-up measured in the same run.
import { fmt, median, medians, startEmulatorProcess, verdict } from './lib.mjs';

const TARGET = 5;

export async function benchEmail({ runs = 5 } = {}) {
  const emulator = await startEmulatorProcess();
  try {
    const email = `a@${'.'.repeat(150_000)}@`;
    const body = JSON.stringify({ email, role: 'member' });
    const headers = { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' };
    const once = async () => {
      const start = process.hrtime.bigint();
      const res = await fetch(`${emulator.url}/api/v0/org/acme/member/invite`, { method: 'POST', headers, body });
      await res.arrayBuffer();
      if (res.status !== 400) throw new Error(`the pathological email was answered ${res.status}, not 400`);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    await once(); // warm
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await once());
    const [node] = medians([{ cmd: process.execPath, args: ['-e', '0'] }], runs);
    const ms = median(times);
    const ratio = ms / node;
    const ok = ratio <= TARGET;
    console.log(`\nPathological email (150 KB) POSTed to the emulator (median of ${runs}; ratio to node -e 0 in this run)`);
    console.log(`  answered 400 in ${fmt(ms)} ms; node -e 0: ${fmt(node)} ms; ratio ${fmt(ratio, 2)} (target ≤${TARGET}) ${verdict(ok)}`);
    return [{ name: 'emulator pathological email vs node -e 0', ms, ratio, target: TARGET, ok }];
  } finally {
    await emulator.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchEmail();
