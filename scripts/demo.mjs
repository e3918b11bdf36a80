// `npm run demo`: starts pipes-emulator on a free port, runs a real pipesctl session against it
// with a throw-away config directory, prints each command and its output, and stops the emulator.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const configDir = mkdtempSync(join(tmpdir(), 'pipesctl-demo-'));
const emulator = spawn(process.execPath, [join(root, 'bin/pipes-emulator.js'), '--port', '0', '--db', ':memory:', '--print-json'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const ready = await new Promise((resolve, reject) => {
  emulator.once('exit', (code) => reject(new Error(`pipes-emulator exited with ${code}`)));
  createInterface({ input: emulator.stdout }).once('line', (line) => resolve(JSON.parse(line)));
});

const env = { ...process.env, PIPESCTL_CONFIG_DIR: configDir, PIPES_HOST: ready.url, NO_COLOR: '1' };
delete env.PIPES_TOKEN;
delete env.PIPES_ORG;

let failures = 0;
/** Runs `pipesctl ...args`, shows it as a person would see it in a terminal, checks the exit code. */
function step(args, { input, expect = 0, note } = {}) {
  if (note) console.log(`\n# ${note}`);
  const shown = args.map((a) => (/[\s"']/.test(a) ? `'${a}'` : a)).join(' ');
  console.log(`$ pipesctl ${shown}${input !== undefined ? ' < token.txt' : ''}`);
  const res = spawnSync(process.execPath, [join(root, 'bin/pipesctl.js'), ...args], { cwd: configDir, env, input, encoding: 'utf8' });
  process.stdout.write(res.stdout);
  process.stdout.write(res.stderr);
  if (res.status !== expect) {
    failures++;
    console.log(`!! expected exit ${expect}, got ${res.status}`);
  } else if (expect !== 0) {
    console.log(`(exit ${res.status})`);
  }
  return res;
}

console.log(`pipes-emulator is running at ${ready.url} (seeded with user "demo" and org "acme")`);
console.log(`export PIPES_HOST=${ready.url}`);
const orgFile = join(configDir, 'platform.yaml');
const orgYaml = `# The org as it should be: pipesctl org apply converges to it
org:
  handle: platform
  display_name: Platform Team
people:
  - handle: demo
    role: owner
  - handle: jane
    role: member
  - email: ana@example.com
    role: member
`;
writeFileSync(orgFile, orgYaml);
console.log(`\n# platform.yaml\n${orgYaml}`);
try {
  step(['auth', 'status'], { expect: 4, note: 'Not logged in yet' });
  step(['login', '--with-token'], { input: `${ready.token}\n`, note: 'Log in with the token the emulator printed' });
  step(['auth', 'status']);
  step(['org', 'list'], { note: 'Which orgs do I belong to?' });
  step(['org', 'switch', 'acme'], { note: 'Make acme the default org' });
  step(['org', 'profile']);
  step(['people', 'list'], { note: 'Who is in acme?' });
  step(['people', 'invite', 'ana@example.com', 'ben@example.com', '--role', 'member'], { note: 'Invite two people' });
  step(['people', 'invite', 'ana@example.com', '--if-exists', 'skip'], { note: 'Run it again in CI: already invited, nothing to do' });
  step(['people', 'role', 'carol', 'owner'], { note: 'Make carol an owner' });
  step(['people', 'remove', 'bob', '--yes'], { note: 'Remove bob (on a terminal this asks y/N)' });
  step(['people', 'list', '--status', 'invited'], { note: 'Who has not accepted yet?' });
  step(['org', 'audit', '--limit', '5'], { note: 'Who changed what? The org\'s audit log, newest first' });
  step(['auth', 'status', '--json'], { note: 'Every command speaks JSON for scripts' });
  step(['org', 'usage'], { note: 'Usage this month against the plan' });
  step(['org', 'billing']);
  step(['org', 'delete', 'acme'], { expect: 2, note: 'Destructive commands want the handle typed, or --confirm off a terminal' });
  step(['org', 'apply', '-f', 'platform.yaml', '--yes'], { note: 'Declare an org in a file (platform.yaml, above) and apply it' });
  step(['org', 'apply', '-f', 'platform.yaml'], { note: 'Apply it again: nothing to do' });
  step(['org', 'export', '--org', 'platform']);
  step(['org', 'delete', 'platform', '--confirm', 'platform'], { note: 'Clean up' });
  step(['logout'], { note: 'Done' });
} finally {
  emulator.kill('SIGTERM');
  rmSync(configDir, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`\n${failures} step(s) did not end as expected`);
  process.exitCode = 1;
} else {
  console.log('\nDemo finished: every step ended with the expected exit code.');
}
