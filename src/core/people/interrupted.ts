// The result of a bulk item that Ctrl-C kept from finishing: not sent, or (after a second
// Ctrl-C) sent but not waited for. Either way it belongs in the retry file.
import { CliError, EXIT } from '../../errors';

export class InterruptedItem extends CliError {
  readonly exitCode = EXIT.interrupted;
  /** `inFlight`: it had been sent when the run stopped waiting (it may have been done). */
  constructor(inFlight: boolean) {
    super('interrupted', inFlight ? 'interrupted while in flight: it may or may not have been done' : 'not sent: interrupted');
  }
}
