// The parts of undici the client uses, through undici's public API only. Loaded on the first
// request (see client.ts), so commands that send nothing never pay for it.
import type { Agent, Dispatcher, FormData } from 'undici';

export interface Undici {
  Agent: typeof Agent;
  /** undici's `request` API on a given dispatcher. */
  request(dispatcher: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  /** undici's own FormData class, the only one its request bodies encode. */
  loadFormData(): Promise<typeof FormData>;
}

export async function loadUndici(): Promise<Undici> {
  const undici = await import('undici');
  return {
    Agent: undici.Agent,
    request: (dispatcher, opts) => dispatcher.request(opts),
    loadFormData: async () => undici.FormData,
  };
}
