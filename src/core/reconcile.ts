// A request that creates something, sent so that it takes effect at most once. Retrying is the
// client's job (it replays only what certainly was not processed); an answer that says the
// request may have been processed (a 5xx, a reset, a timeout) is reconciled here: look, then
// decide — it is there (done), or it is not, and it is sent once more, looked at again if
// that answer is uncertain too. No loop beyond that.
import { mayHaveBeenProcessed } from '../errors';

export async function sendReconciled<T>(send: () => Promise<T>, lookup: () => Promise<T | undefined>): Promise<{ value: T; confirmed: boolean }> {
  let lastError: unknown;
  for (const _attempt of [1, 2]) {
    try {
      return { value: await send(), confirmed: false };
    } catch (err) {
      if (!mayHaveBeenProcessed(err)) throw err;
      lastError = err;
    }
    let found: T | undefined;
    try {
      found = await lookup();
    } catch {
      // Cannot tell whether it landed: the uncertain answer is the error to report.
      throw lastError;
    }
    if (found !== undefined) return { value: found, confirmed: true };
  }
  throw lastError;
}
