// `npm run bench`: prints figures and ratios against baselines measured in the same run.
// Not a test: nothing here fails the build; targets are shown beside the figures.
import { benchBulk } from './bulk.mjs';
import { benchEmail } from './emulator-email.mjs';
import { benchListing } from './emulator-listing.mjs';
import { benchEmulator } from './emulator-throughput.mjs';
import { benchInstallSize } from './install-size.mjs';
import { benchInvites } from './invites.mjs';
import { benchStartup } from './startup.mjs';
import { benchTable } from './table.mjs';

const results = [
  ...benchInstallSize(),
  ...(await benchStartup()),
  ...(await benchInvites()),
  ...(await benchBulk()),
  ...(await benchTable()),
  ...(await benchListing()),
  ...(await benchEmulator()),
  ...(await benchEmail()),
];
const over = results.filter((r) => r.ok === false);
console.log(over.length ? `\n${over.length} figure(s) off target: ${over.map((r) => r.name).join(', ')}.` : '\nAll figures on target.');
