// How a long bulk run is asked to stop (Ctrl-C): first to start nothing new and let what is
// in flight finish, then — asked again — to stop waiting for what is in flight.
export class StopSignal {
  #stopping = false;
  #abandoned = false;
  #abandon!: () => void;
  /** Resolves once the work in flight is to be abandoned. */
  readonly abandoned: Promise<void> = new Promise((resolve) => {
    this.#abandon = resolve;
  });

  /** No new item is to start. */
  get stopping(): boolean {
    return this.#stopping;
  }

  /** Items in flight are no longer waited for. */
  get isAbandoned(): boolean {
    return this.#abandoned;
  }

  /** The first call stops new work; the second abandons the work in flight. Returns which happened. */
  request(): 'stop' | 'abandon' {
    if (!this.#stopping) {
      this.#stopping = true;
      return 'stop';
    }
    this.#abandoned = true;
    this.#abandon();
    return 'abandon';
  }
}
