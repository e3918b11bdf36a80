// Turns `--host` / `PIPES_HOST` into the addresses pipesctl talks to. Pure: nothing is sent.
import { InvalidInputError } from './errors';

export const DEFAULT_HOST = 'pipes.turbot.com';
const API_PATH = '/api/v0';

export interface HostTarget {
  /** Config key: the bare host name (`pipes.turbot.com`), or `host:port` when a port is given (`127.0.0.1:7070`). */
  key: string;
  /** The host name alone, without port or IPv6 brackets. */
  hostname: string;
  /** Base of every API path, e.g. `https://pipes.turbot.com/api/v0`. */
  apiBase: string;
  /** The web console, e.g. `https://pipes.turbot.com` (the login page lives here). */
  webBase: string;
}

/** Resolves a bare host or a URL; plain http is refused unless it stays on this machine. */
export function resolveHost(input: string | undefined): HostTarget {
  const raw = input?.trim() || DEFAULT_HOST;
  const isUrl = raw.includes('://');
  const url = parse(isUrl ? raw : `https://${raw}`, raw);
  // Echo the input without any credentials, query or fragment it may carry.
  const shown = isUrl ? `${url.protocol}//${url.host}${url.pathname}` : raw;

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(shown, `unsupported scheme ${url.protocol.replace(/:$/, '')}`);
  }
  if (!url.hostname) throw invalid(shown, 'no host name');
  if (url.username || url.password) throw invalid(shown, 'credentials do not belong in the host');
  if (url.search || url.hash) throw invalid(shown, 'a query string or fragment does not belong in the host');
  if (!isUrl && url.pathname !== '/') throw invalid(shown, 'a bare host cannot carry a path (give a full URL instead)');

  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol === 'http:' && !isLoopback(hostname)) {
    throw new InvalidInputError(
      `refusing plain http for ${url.host}: https is required so the token is never sent unencrypted over the network`,
      { code: 'insecure_host', hint: 'Use an https:// URL; plain http is accepted only for loopback addresses (127.0.0.1, localhost, ::1).' },
    );
  }

  // A URL is taken as given; tolerate one that already names the API base.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v0$/, '');
  const webBase = `${url.protocol}//${url.host}${path}`;
  return { key: url.host, hostname, apiBase: `${webBase}${API_PATH}`, webBase };
}

/**
 * 127.0.0.0/8, ::1 and `localhost`: traffic that never leaves the machine. Nothing else, not
 * even `localhost.` (a fully qualified name that resolvers may send to DNS).
 */
export function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return octets !== null && octets.slice(1).every((o) => Number(o) <= 255);
}

function parse(candidate: string, raw: string): URL {
  try {
    return new URL(candidate);
  } catch {
    throw invalid(raw.replace(/\/\/[^/@]*@/, '//****@'), 'not a host name or URL');
  }
}

function invalid(raw: string, why: string): InvalidInputError {
  return new InvalidInputError(`invalid host "${raw}": ${why}`, {
    code: 'invalid_host',
    hint: 'Give a host name such as pipes.turbot.com, or a URL such as https://pipes.example.com or http://127.0.0.1:7070.',
  });
}
