// Identifiers and secrets in the shapes the Pipes API uses: `o_` + 20 characters of
// [0-9a-v] (base32hex), login request ids `spttr_<20>_<26>`, tokens `tpt_...`.
import { randomBytes } from 'node:crypto';

const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

// Random bytes are drawn from the system in blocks: one call per id costs more than the id.
const POOL_SIZE = 4096;
let pool = randomBytes(POOL_SIZE);
let used = 0;

function take(count: number): Buffer {
  if (used + count > POOL_SIZE) {
    pool = randomBytes(POOL_SIZE);
    used = 0;
  }
  const bytes = pool.subarray(used, used + count);
  used += count;
  return bytes;
}

function randomChars(alphabet: string, count: number): string {
  const bytes = take(count);
  let out = '';
  // 256 is a multiple of 32, so masking keeps base32 uniform; base36 tolerates slight bias.
  for (let i = 0; i < count; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

export type IdPrefix =
  | 'o' // org
  | 'u' // user
  | 't' // tenant
  | 'm' // org member
  | 'w' // workspace
  | 'k' // token
  | 'p' // plan
  | 'a'; // audit record

/** The last time part handed out: ids made later sort later, even within one millisecond. */
let lastTime = 0;

/** 10 base32hex characters (50 bits) of a strictly increasing millisecond count. */
function timeChars(): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  let n = lastTime;
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = BASE32HEX[n % 32]! + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/**
 * A resource id like `o_0123456789abcdefghij`: 10 characters that grow with each id made, then
 * 10 random ones. Rows made together (a bulk add, one org's invites) get neighbouring ids, so a
 * list in (created_at, id) order reads the table in the order it was written.
 */
export function newId(prefix: IdPrefix | 'sub' | 'si' | 'price' | 'in' | 'pm'): string {
  return `${prefix}_${timeChars()}${randomChars(BASE32HEX, 10)}`;
}

export function newLoginRequestId(): string {
  return `spttr_${randomChars(BASE32HEX, 20)}_${randomChars(BASE36, 26)}`;
}

export function newTokenSecret(): string {
  return `tpt_${randomChars(BASE32HEX, 40)}`;
}

/** The 6-digit code a browser shows after confirming a login request. */
export function newLoginCode(): string {
  const n = randomBytes(4).readUInt32BE(0) % 1_000_000;
  return n.toString().padStart(6, '0');
}
