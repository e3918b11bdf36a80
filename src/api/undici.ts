// The parts of undici the client uses, loaded module by module. undici's index also loads
// fetch, WebSocket, EventSource, caches and cookies — three times the code, and about as many
// milliseconds of start-up for every command that sends a request.
import type { Agent, Dispatcher, FormData } from 'undici';

export interface Undici {
  Agent: typeof Agent;
  /** undici's `request` API on a given dispatcher. */
  request(dispatcher: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  /** undici's own FormData class, the only one its request bodies encode; loaded when first asked for. */
  loadFormData(): Promise<typeof FormData>;
}

export async function loadUndici(): Promise<Undici> {
  const [agent, api] = await Promise.all([import('undici/lib/dispatcher/agent.js'), import('undici/lib/api/api-request.js')]);
  const request = api.default;
  return {
    Agent: agent.default,
    request: (dispatcher, opts) => request.call(dispatcher, opts),
    loadFormData: async () => (await import('undici/lib/web/fetch/formdata.js')).FormData,
  };
}
