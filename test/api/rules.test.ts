import { describe, expect, it } from 'vitest';
import { emailProblem, HANDLE_PATTERN_SOURCE, imageTypeOf, isEmail, isHandle } from '../../src/api/rules';

const DOCUMENT_PATTERN = new RegExp(HANDLE_PATTERN_SOURCE);

describe('isHandle', () => {
  it('accepts every handle the service can create, one character included', () => {
    for (const handle of ['a', '7', 'ab', 'a-b', 'acme', 'acme-corp', 'a1-b2-c3', 'x'.repeat(39)]) expect(isHandle(handle), handle).toBe(true);
  });

  it('refuses what the service cannot create', () => {
    for (const handle of ['', '-a', 'a-', 'a--b', 'A', 'a_b', 'a.b', 'a b', 'x'.repeat(40), 'é', 'a\u001b', `${'a-'.repeat(19)}a-b`]) {
      expect(isHandle(handle), JSON.stringify(handle)).toBe(false);
    }
  });

  it('decides exactly as the document pattern on every short string of a, 1 and -', () => {
    const alphabet = ['a', '1', '-'];
    let checked = 0;
    const walk = (prefix: string) => {
      expect(isHandle(prefix), prefix).toBe(DOCUMENT_PATTERN.test(prefix));
      checked++;
      if (prefix.length < 9) for (const c of alphabet) walk(prefix + c);
    };
    walk('');
    expect(checked).toBeGreaterThan(29_000);
  });

  it('decides exactly as the document pattern on long random handles (where the group limit bites)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const length = 25 + Math.floor(random() * 17);
      let s = '';
      for (let j = 0; j < length; j++) s += random() < 0.35 ? '-' : random() < 0.5 ? 'a' : '9';
      expect(isHandle(s), s).toBe(DOCUMENT_PATTERN.test(s));
    }
  });
});

describe('emails', () => {
  it('accepts plausible addresses', () => {
    for (const email of ['jane@example.com', 'Jane.Doe+pipes@mail.example.co.uk', 'a@b.c']) expect(isEmail(email), email).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['jane', 'no "@"'],
    ['a@b@c.com', 'more than one "@"'],
    ['@example.com', 'nothing before the "@"'],
    ['jane@', 'nothing after the "@"'],
    ['jane@example', 'the domain "example" has no dot'],
    ['jane@example..com', 'the domain "example..com" has an empty part'],
    ['ja ne@example.com', 'contains spaces'],
    ['x\u001b[31m@e.com', 'contains control characters'],
    ['x\u009b31m@e.com', 'contains control characters'],
    ['evil\u202eoops@e.com', 'contains control characters'],
  ])('refuses %j: %s', (email, problem) => {
    expect(emailProblem(email)).toBe(problem);
    expect(isEmail(email)).toBe(false);
  });

  it('refuses an address over 254 characters, counting characters', () => {
    expect(emailProblem(`${'a'.repeat(250)}@e.com`)).toBe('256 characters, at most 254');
    expect(isEmail(`${'é'.repeat(240)}@e.com`)).toBe(true);
  });

  it('refuses the pathological address that made a backtracking rule take seconds', () => {
    const hostile = `a@${'.'.repeat(150_000)}@`;
    expect(isEmail(hostile)).toBe(false);
    expect(emailProblem(hostile)).toBe('150003 characters, at most 254');
    // Also under the length limit, where the structure itself is checked.
    expect(isEmail(`a@${'.'.repeat(240)}@`)).toBe(false);
  });
});

describe('imageTypeOf', () => {
  const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

  it.each([
    ['image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['image/gif', bytes('GIF89a...')],
    ['image/gif', bytes('GIF87a')],
    ['image/webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 ')],
  ])('knows %s by its first bytes', (type, data) => {
    expect(imageTypeOf(data)).toBe(type);
  });

  it('refuses anything else, and files too short to tell', () => {
    expect(imageTypeOf(bytes('<svg/>'))).toBeUndefined();
    expect(imageTypeOf(bytes('RIFF\0\0\0\0WAVE'))).toBeUndefined();
    expect(imageTypeOf(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(imageTypeOf(new Uint8Array())).toBeUndefined();
  });
});
