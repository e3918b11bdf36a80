// Keeps secrets out of debug traces and error messages: the bearer token, tokens in JSON
// bodies (the login redeem answer carries one), and one-time codes in query strings.

const MASK = '****';

/** JSON fields whose values are secrets. `next_token` is a page cursor and stays visible. */
const SECRET_FIELDS = new Set(['token', 'code', 'password', 'secret', 'client_secret', 'access_token', 'refresh_token']);
/** Query parameters whose values are secrets: the login code, the invite token. */
const SECRET_PARAMS = new Set(['code', 't', 'token']);
/** Pipes user and temporary tokens, wherever they turn up in free text. */
const TOKEN_PATTERN = /\b((?:tpt|spt|tptt|sptt)_)[A-Za-z0-9_-]+/g;
const JSON_SECRET_PATTERN = new RegExp(`("(?:${[...SECRET_FIELDS].join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"?`, 'g');

/** Masks the values of secret query parameters in a path or URL. */
export function redactQuery(pathOrUrl: string): string {
  const q = pathOrUrl.indexOf('?');
  if (q < 0) return pathOrUrl;
  const params = new URLSearchParams(pathOrUrl.slice(q + 1));
  let changed = false;
  for (const key of [...new Set(params.keys())]) {
    if (SECRET_PARAMS.has(key)) {
      params.set(key, MASK);
      changed = true;
    }
  }
  return changed ? `${pathOrUrl.slice(0, q)}?${params.toString().replaceAll('%2A', '*')}` : pathOrUrl;
}

/** Masks secret fields of a JSON document given as text; falls back to pattern matching when it does not parse. */
export function redactJsonText(text: string): string {
  try {
    return JSON.stringify(redactValue(JSON.parse(text)));
  } catch {
    return text.replace(JSON_SECRET_PATTERN, `$1"${MASK}"`);
  }
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.has(k) && v != null ? MASK : redactValue(v)]),
    );
  }
  return value;
}

/** Last line of defence for any text that leaves the client: masks known secrets and anything shaped like a token. */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join(MASK);
  return out.replace(TOKEN_PATTERN, `$1${MASK}`);
}

export function redactHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') return value.replace(/^(\w+)\s.*$/, `$1 ${MASK}`);
  if (lower === 'cookie' || lower === 'set-cookie') return MASK;
  return value;
}
