import { describe, expect, it } from 'vitest';
import { ApiError, RateLimitError } from '../../src/api/errors';
import { sendReconciled } from '../../src/core/reconcile';

const request = { method: 'POST', path: '/org' };
const uncertain = () => new ApiError(503, request, undefined, { maybeProcessed: true, statusText: 'Service Unavailable' });

/** A send that answers from a script, and a lookup that reports what "landed". */
function scripted(answers: ('ok' | 'lost-landed' | 'lost' | 'limited')[]) {
  let landed: string | undefined;
  const calls: string[] = [];
  return {
    calls,
    send: async () => {
      const answer = answers.shift();
      calls.push(`send ${answer}`);
      if (answer === 'ok') return (landed = 'created');
      if (answer === 'lost-landed') {
        landed = 'created';
        throw uncertain();
      }
      if (answer === 'lost') throw uncertain();
      throw new RateLimitError(request, undefined, { host: 'h', attempts: 6 });
    },
    lookup: async () => {
      calls.push(`lookup ${landed ?? 'none'}`);
      return landed;
    },
  };
}

describe('sendReconciled', () => {
  it('a plain success is sent once', async () => {
    const s = scripted(['ok']);
    expect(await sendReconciled(s.send, s.lookup)).toEqual({ value: 'created', confirmed: false });
    expect(s.calls).toEqual(['send ok']);
  });

  it('an uncertain answer that did land is confirmed by a lookup, not sent again', async () => {
    const s = scripted(['lost-landed']);
    expect(await sendReconciled(s.send, s.lookup)).toEqual({ value: 'created', confirmed: true });
    expect(s.calls).toEqual(['send lost-landed', 'lookup created']);
  });

  it('an uncertain answer that did not land is sent once more; twice uncertain and absent fails', async () => {
    const once = scripted(['lost', 'ok']);
    expect(await sendReconciled(once.send, once.lookup)).toEqual({ value: 'created', confirmed: false });
    expect(once.calls).toEqual(['send lost', 'lookup none', 'send ok']);

    const twice = scripted(['lost', 'lost', 'ok']);
    await expect(sendReconciled(twice.send, twice.lookup)).rejects.toMatchObject({ status: 503 });
    expect(twice.calls).toEqual(['send lost', 'lookup none', 'send lost', 'lookup none']);
  });

  it('an answer that certainly was not processed (the client gave up on 429s) is not sent again', async () => {
    const s = scripted(['limited', 'ok']);
    await expect(sendReconciled(s.send, s.lookup)).rejects.toBeInstanceOf(RateLimitError);
    expect(s.calls).toEqual(['send limited']);
  });
});
