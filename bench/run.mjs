// `npm run bench`: prints figures and ratios against baselines measured in the same run.
// Not a test: nothing here fails the build; targets are shown beside the figures.
import { benchStartup } from './startup.mjs';

const startup = await benchStartup();
const over = startup.filter((r) => !r.ok);
console.log(over.length ? `\n${over.length} figure(s) over target.` : '\nAll figures within target.');
