// Who may talk to the emulator. It runs next to a developer's browser, so a web page must not
// be able to drive it: not by a cross-origin request (Origin), not after DNS rebinding (Host).
//
// - Host must name the emulator: a loopback name or address, the bound address (with a
//   wildcard bind: the machine's own addresses and name), or the host of --public-url. Else 421.
// - Origin, when sent, must be the emulator's own origin in one of those names and its port (or
//   the --public-url origin). Else 403. Clients that are not browsers send no Origin.
// - Content types are checked per route once the request is matched (app.ts): a page cannot send
//   application/json without a CORS preflight, which the emulator never grants.
import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';
import type { IncomingHttpHeaders } from 'node:http';
import { errorModel, type Reply } from './http';

export interface GuardOptions {
  /** The port the emulator listens on. */
  port: number;
  /** The address it is bound to. */
  bind: string;
  /** Where users reach it when that is not the bound address (a proxy, a container port). */
  publicUrl?: URL;
}

/** 127.0.0.0/8, ::1, and `localhost`: the names that never leave the machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:127\.\d+\.\d+\.\d+$/.test(h)) return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

export function isWildcard(bind: string): boolean {
  return bind === '0.0.0.0' || bind === '::' || bind === '[::]';
}

/** The machine's own interface addresses (for a wildcard bind). */
export function localAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) out.push(info.address.toLowerCase());
  }
  return out;
}

/** The host part of a Host header or URL authority, lower-cased, brackets kept off IPv6. */
function hostOf(authority: string): string | undefined {
  try {
    return new URL(`http://${authority}`).hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  } catch {
    return undefined;
  }
}

export class Guard {
  private readonly port: number;
  private readonly names = new Set<string>();
  private readonly publicOrigin?: string;

  constructor(opts: GuardOptions) {
    this.port = opts.port;
    const bind = opts.bind.toLowerCase().replace(/^\[(.*)\]$/, '$1');
    this.names.add(bind);
    if (isWildcard(opts.bind)) {
      for (const address of localAddresses()) this.names.add(address);
      this.names.add(hostname().toLowerCase());
    }
    if (opts.publicUrl) {
      this.names.add(opts.publicUrl.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
      this.publicOrigin = opts.publicUrl.origin;
    }
  }

  /** Verdicts on Host and Origin values seen, so parsing happens once per value (bounded). */
  private readonly hostVerdicts = new Map<string, boolean>();
  private readonly originVerdicts = new Map<string, boolean>();

  private cached(cache: Map<string, boolean>, value: string, decide: (value: string) => boolean): boolean {
    let verdict = cache.get(value);
    if (verdict === undefined) {
      verdict = decide(value);
      if (cache.size >= 64) cache.clear();
      cache.set(value, verdict);
    }
    return verdict;
  }

  private knownHost(host: string): boolean {
    return isLoopbackHost(host) || this.names.has(host);
  }

  /** The answer for a request that must not be served at all, or undefined to serve it. */
  refuse(path: string, headers: IncomingHttpHeaders): Reply | undefined {
    const ok = headers.host !== undefined && this.cached(this.hostVerdicts, headers.host, (value) => {
      const host = hostOf(value);
      return host !== undefined && this.knownHost(host);
    });
    if (!ok) {
      const detail = `this server answers only to its own addresses (such as 127.0.0.1 or localhost), not to the Host '${String(headers.host ?? '')}'; start it with --public-url to add a name`;
      return { status: 421, body: errorModel(421, path, detail) };
    }
    const origin = headers.origin;
    if (origin !== undefined && !this.cached(this.originVerdicts, origin, (value) => this.ownOrigin(value))) {
      const detail = `requests from web pages of other origins are refused (Origin '${origin}')`;
      return { status: 403, body: errorModel(403, path, detail) };
    }
    return undefined;
  }

  private ownOrigin(origin: string): boolean {
    if (this.publicOrigin !== undefined && origin === this.publicOrigin) return true;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' || url.origin !== origin) return false;
    const port = url.port === '' ? 80 : Number(url.port);
    return port === this.port && this.knownHost(url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1'));
  }
}
