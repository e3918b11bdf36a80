// The emulator's small parts on their own: the where parser, derived handles, the router,
// multipart parsing, the request log, and the schema validator the contract tests rely on.
import { describe, expect, it } from 'vitest';
import { EmulatorError } from '../../src/emulator/errors';
import { handleFromEmail } from '../../src/emulator/handles';
import { parseMultipart } from '../../src/emulator/multipart';
import { RequestLog } from '../../src/emulator/request-log';
import { Router } from '../../src/emulator/router';
import { parseUsageWhere } from '../../src/emulator/where';
import { imageTypeOf as sniffImageType, isHandle } from '../../src/api/rules';

function statusOf(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof EmulatorError ? err.status : -1;
  }
}

describe('usage where filter', () => {
  it('turns conditions into parameterised SQL with dates as ms', () => {
    expect(parseUsageWhere("usage_date >= '2026-01-01' AND usage_date < '2026-02-01' and dimension = 'compute'")).toEqual({
      sql: 'usage_date >= ? AND usage_date < ? AND dimension = ?',
      params: [Date.UTC(2026, 0, 1), Date.UTC(2026, 1, 1), 'compute'],
    });
    expect(parseUsageWhere("metric in ('user_count', 'db_execution_ms') and unit <> 'it''s'")).toEqual({
      sql: 'metric IN (?, ?) AND unit != ?',
      params: ['user_count', 'db_execution_ms', "it's"],
    });
    expect(parseUsageWhere('   ')).toBeNull();
  });

  it('rejects what it cannot parse with a 400', () => {
    for (const bad of ["usage_date >= '2026-13-45'", "drop table x", "dimension = compute", "dimension = 'a' or dimension = 'b'", "dimension = 'a' and", "metric in ('a'", "dimension ~ 'a'"]) {
      expect(statusOf(() => parseUsageWhere(bad)), bad).toBe(400);
    }
  });
});

/** A lookup over a set of taken handles that counts the questions asked. */
function lookupIn(taken: Set<string>) {
  const lookup = {
    calls: 0,
    inUse: (h: string) => {
      lookup.calls++;
      return taken.has(h);
    },
    highestSuffix: (stem: string) => {
      lookup.calls++;
      let highest = 0;
      for (const h of taken) {
        const m = h.startsWith(`${stem}-`) ? /^(\d+)/.exec(h.slice(stem.length + 1)) : null;
        if (m) highest = Math.max(highest, Number(m[1]));
      }
      return highest;
    },
  };
  return lookup;
}

describe('handles derived from emails', () => {
  it('finds the next free number in a constant number of lookups, however many share the local part', () => {
    const taken = new Set(['jane', ...Array.from({ length: 2000 }, (_, i) => `jane-${i + 2}`)]);
    const lookup = lookupIn(taken);
    expect(handleFromEmail('jane@example.com', lookup)).toBe('jane-2002');
    expect(lookup.calls).toBeLessThanOrEqual(3);
    // A long local part: the stem is shortened when the number grows a digit; each handle is new and valid.
    const made = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const counted = lookupIn(made);
      const handle = handleFromEmail(`${'y'.repeat(50)}@example.com`, counted);
      expect(isHandle(handle)).toBe(true);
      expect(made.has(handle)).toBe(false);
      expect(counted.calls).toBeLessThanOrEqual(5);
      made.add(handle);
    }
    expect([...made].filter((h) => h.endsWith('-10'))).toHaveLength(1);
  });


  it('sanitizes the local part and adds a numeric suffix when taken', () => {
    const taken = new Set(['ops', 'ops-2']);
    expect(handleFromEmail('Ops@example.com', lookupIn(taken))).toBe('ops-3');
    expect(handleFromEmail('first.last@example.com', lookupIn(new Set()))).toBe('first-last');
    expect(handleFromEmail('+++@example.com', lookupIn(new Set()))).toBe('user');
    const long = handleFromEmail(`${'a-'.repeat(30)}b@example.com`, lookupIn(new Set()));
    expect(isHandle(long)).toBe(true);
    const longTaken = handleFromEmail(`${'x'.repeat(60)}@example.com`, lookupIn(new Set(['x'.repeat(39)])));
    expect(longTaken).toMatch(/-2$/);
    expect(isHandle(longTaken)).toBe(true);
  });
});

describe('router', () => {
  const handler = () => ({ status: 200 });
  const router = new Router([
    { method: 'GET', path: '/api/v0/org/:org/member/:user', auth: true, handler },
    { method: 'POST', path: '/api/v0/org/:org/member/invite', auth: true, handler },
    { method: 'DELETE', path: '/api/v0/org/:org/member/invite', auth: true, handler },
    { method: 'DELETE', path: '/api/v0/org/:org/member/:user', auth: true, handler },
  ]);

  it('prefers literal segments and decodes parameters', () => {
    expect(router.match('DELETE', '/api/v0/org/acme/member/invite').route.path).toBe('/api/v0/org/:org/member/invite');
    expect(router.match('DELETE', '/api/v0/org/acme/member/jane').params).toEqual({ org: 'acme', user: 'jane' });
    expect(router.match('GET', '/api/v0/org/a%2Db/member/invite').params).toEqual({ org: 'a-b', user: 'invite' });
  });

  it('answers 405 for a known path with another method, 404 for unknown paths', () => {
    expect(statusOf(() => router.match('PUT', '/api/v0/org/acme/member/jane'))).toBe(405);
    expect(statusOf(() => router.match('GET', '/api/v0/org/acme'))).toBe(404);
  });
});

describe('multipart', () => {
  it('reads file fields and sniffs image types', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'),
      png,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const parts = parseMultipart('multipart/form-data; boundary=XyZ', body);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['note', undefined, undefined],
      ['avatar', 'a.png', 'image/png'],
    ]);
    expect(parts[1]!.data.equals(png)).toBe(true);
    expect(sniffImageType(parts[1]!.data)).toBe('image/png');
    expect(sniffImageType(Buffer.from('GIF89a....'))).toBe('image/gif');
    expect(sniffImageType(Buffer.from('<svg/>'))).toBeUndefined();
    expect(statusOf(() => parseMultipart('application/json', body))).toBe(400);
  });
});

describe('request log', () => {
  it('keeps the newest entries, oldest first', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 5; i++) log.add({ method: 'GET', path: `/${i}`, status: 200, at: i });
    expect(log.list().map((e) => e.path)).toEqual(['/3', '/4', '/5']);
    log.clear();
    expect(log.list()).toEqual([]);
  });

  it('shows a JSON body parsed and anything else as a note, with the time in ISO 8601', () => {
    const log = new RequestLog();
    const add = (contentType: string | undefined, body: string | Buffer) =>
      log.add({ method: 'POST', path: '/x', status: 201, at: Date.parse('2026-01-02T03:04:05.678Z'), contentType, rawBody: Buffer.from(body), userAgent: 'u'.repeat(300) });
    add('application/json; charset=utf-8', '{"email":"a@example.com"}');
    add('application/json', '{not json');
    add('text/plain', 'hello');
    add(undefined, 'hello');
    add('application/json', `"${'x'.repeat(70 * 1024)}"`);
    add('application/json', '');
    const shown = log.list();
    expect(shown.map((e) => e.body)).toEqual([
      { email: 'a@example.com' },
      '(malformed JSON)',
      '(text/plain)',
      '(no content type)',
      `(application/json, ${70 * 1024 + 2} bytes)`,
      undefined,
    ]);
    expect(shown[0]).toMatchObject({ method: 'POST', path: '/x', status: 201, time: '2026-01-02T03:04:05.678Z' });
    expect(shown[0]!.userAgent).toHaveLength(200);
  });
});
