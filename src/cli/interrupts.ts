// Ctrl-C for commands that must finish cleanly (bulk runs): while a command listens, SIGINT
// is handed to it instead of ending the process; otherwise SIGINT does what it always does.
export interface Interrupts {
  /** Calls `handler` on each Ctrl-C until the returned function is called. */
  listen(handler: () => void): () => void;
}

export function processInterrupts(): Interrupts {
  return {
    listen(handler) {
      const onSignal = () => handler();
      process.on('SIGINT', onSignal);
      return () => {
        process.off('SIGINT', onSignal);
      };
    },
  };
}
