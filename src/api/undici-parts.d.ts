// Types for the undici modules the client loads directly rather than through its index (see
// src/api/undici.ts): the same classes and functions the index re-exports.
declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export default Agent;
}

declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';
  function request(this: Dispatcher, opts: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default request;
}

declare module 'undici/lib/web/fetch/formdata.js' {
  export { FormData } from 'undici';
}
