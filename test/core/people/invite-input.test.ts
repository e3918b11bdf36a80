import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors';
import { failedRowsCsv } from '../../../src/core/people/invite-input';
import { parseInviteFile, rowsFromArguments, settleInvites } from '../../../src/core/people/invite-input';

async function usageErrorOf(work: Promise<unknown> | (() => unknown)): Promise<UsageError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
}

describe('invite files: CSV', () => {
  it('reads a BOM, CRLF line ends, comments, blank lines and surrounding spaces', async () => {
    const text = '\uFEFF Email , Role \r\n# the team\r\n\r\n  Jane@Example.COM , owner \r\n   \r\nbob@example.com,\r\n# done\r\n';
    const { rows, notices } = await parseInviteFile(text, 'team.csv');
    expect(rows).toEqual([
      { input: 'jane@example.com', invitee: { email: 'jane@example.com' }, role: 'owner', where: 'line 4' },
      { input: 'bob@example.com', invitee: { email: 'bob@example.com' }, role: undefined, where: 'line 6' },
    ]);
    expect(notices).toEqual([]);
  });

  it('takes email and handle columns with one filled per row, and ignores other columns with a notice', async () => {
    const text = 'name,email,handle\nJane,jane@example.com,\nBob,,bob\n';
    const { rows, notices } = await parseInviteFile(text, 'team.csv');
    expect(rows.map((r) => r.invitee)).toEqual([{ email: 'jane@example.com' }, { handle: 'bob' }]);
    expect(notices).toEqual(['team.csv: ignoring column name']);
  });

  it('keeps a # inside a value and a quoted comma', async () => {
    const { rows } = await parseInviteFile('email\n"a#b@example.com"\n', 'f.csv');
    expect(rows[0]!.input).toBe('a#b@example.com');
  });

  it('names the file and the line of a bad row', async () => {
    const err = await usageErrorOf(parseInviteFile('email,role\njane@example.com,member\n\n# x\nnot-an-email,member\n', 'team.csv'));
    expect(err.message).toMatch(/^team\.csv line 5: invalid email "not-an-email" \(no "@"\)/);
    expect(err.message).toContain('Nothing was sent');
    expect(err.details).toEqual([{ file: 'team.csv', where: 'line 5', message: expect.stringContaining('invalid email') }]);
  });

  it('lists every bad row, with what is wrong with each', async () => {
    const text = 'email,handle,role\njane@example.com,jane,member\n,,\n,Bad_Handle,\nok@example.com,,admin\n,x@y.com,\n';
    const err = await usageErrorOf(parseInviteFile(text, 'team.csv'));
    expect(err.message).toContain('team.csv has 4 invalid rows');
    expect(err.message).toContain('line 2: give an email or a handle, not both');
    expect(err.message).toContain('line 4: invalid handle "Bad_Handle"');
    expect(err.message).toContain('line 5: invalid role "admin"');
    expect(err.message).toContain('line 6: "x@y.com" in the handle column looks like an email address');
  });

  it('refuses a header without an email or handle column, an empty file and a file with no rows', async () => {
    expect((await usageErrorOf(parseInviteFile('mail,role\na@b.co,member\n', 'f.csv'))).message).toContain('has no email or handle column');
    expect((await usageErrorOf(parseInviteFile('', 'f.csv'))).message).toContain('f.csv is empty');
    expect((await usageErrorOf(parseInviteFile('# only a comment\nemail\n', 'f.csv'))).message).toContain('f.csv lists no one to invite');
  });

  it('refuses a row with more fields than the header, and broken quoting, with the line', async () => {
    expect((await usageErrorOf(parseInviteFile('email\njane@example.com,owner\n', 'f.csv'))).message).toContain('line 2: 2 fields, but the header has 1');
    expect((await usageErrorOf(parseInviteFile('email\n"jane@example.com\n', 'f.csv'))).message).toMatch(/f\.csv( line \d+)?: not valid CSV/);
  });
});

describe('invite files: JSON', () => {
  it('reads an array or {"invites": [...]}', async () => {
    const list = [{ email: 'Jane@Example.com', role: 'owner' }, { handle: 'bob' }];
    for (const text of [JSON.stringify(list), JSON.stringify({ invites: list })]) {
      const { rows } = await parseInviteFile(text, 'team.json');
      expect(rows).toEqual([
        { input: 'jane@example.com', invitee: { email: 'jane@example.com' }, role: 'owner', where: 'item 1' },
        { input: 'bob', invitee: { handle: 'bob' }, role: undefined, where: 'item 2' },
      ]);
    }
  });

  it('names the item that is wrong', async () => {
    const err = await usageErrorOf(parseInviteFile('[{"email": "a@b.co"}, {"email": 42}, "bob"]', 'team.json'));
    expect(err.message).toContain('item 2: "email" must be a string');
    expect(err.message).toContain('item 3: expected an object');
    expect((await usageErrorOf(parseInviteFile('{"people": []}', 'team.json'))).message).toContain('expected a JSON array of invites');
    expect((await usageErrorOf(parseInviteFile('[{"email": ', 'team.json'))).message).toContain('team.json: not valid JSON');
  });
});

describe('settling the people to invite', () => {
  it('invites each person once, emails compared without case, and says which rows were dropped', async () => {
    const { rows } = await parseInviteFile('email,handle\njane@example.com,\nJANE@example.com,\n,bob\n,bob\n', 'team.csv');
    const { requests, notices } = settleInvites(rows, 'member', 'team.csv');
    expect(requests.map((r) => [r.input, r.role])).toEqual([
      ['jane@example.com', 'member'],
      ['bob', 'member'],
    ]);
    expect(notices).toEqual(['team.csv: ignored 2 duplicates (each person is invited once): line 3 (jane@example.com, as on line 2), line 5 (bob, as on line 4)']);
  });

  it('gives rows without a role the default, and refuses one person listed with two roles', async () => {
    const { rows } = await parseInviteFile('email,role\njane@example.com,\nbob@example.com,member\nJane@example.com,owner\n', 'team.csv');
    const err = await usageErrorOf(() => settleInvites(rows, 'member', 'team.csv'));
    expect(err.message).toContain('team.csv line 4: jane@example.com is listed again as owner, but as member on line 2');
    expect(settleInvites(rows, 'owner', 'team.csv').requests.map((r) => [r.input, r.role])).toEqual([
      ['jane@example.com', 'owner'],
      ['bob@example.com', 'member'],
    ]);
  });

  it('checks every argument and names the bad ones', async () => {
    expect(rowsFromArguments(['Jane@Example.com', 'bob']).map((r) => r.input)).toEqual(['jane@example.com', 'bob']);
    const err = await usageErrorOf(() => rowsFromArguments(['jane@example.com', 'nope@', 'Bad_Handle']));
    expect(err.message).toContain('argument 2: invalid email "nope@"');
    expect(err.message).toContain('argument 3: invalid user handle "Bad_Handle"');
  });
});

describe('--failed-to', () => {
  it('writes a CSV that reads back as the same people and roles', async () => {
    const text = '[{"email": "o\'neil,x@example.com", "role": "owner"}, {"handle": "bob"}, {"email": "#x@example.com"}, {"email": "q\\"uote@example.com"}]';
    const { rows } = await parseInviteFile(text, 'in.json');
    const requests = settleInvites(rows, 'member', 'in').requests;
    const csv = failedRowsCsv(requests);
    expect(csv.split('\n')[0]).toBe('email,handle,role');
    const back = settleInvites((await parseInviteFile(csv, 'failed.csv')).rows, 'member', 'failed.csv').requests;
    expect(back.map((r) => [r.input, r.role])).toEqual(requests.map((r) => [r.input, r.role]));
  });
});
