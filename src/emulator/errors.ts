// Domain errors raised by the store and the handlers. One place (http.ts, errorResponse)
// turns them into ErrorModel answers, so handlers never build error bodies by hand.
import type { ErrorDetailModel } from '../api/types';

export abstract class EmulatorError extends Error {
  abstract readonly status: number;
  readonly validationErrors?: ErrorDetailModel[];

  constructor(detail: string, validationErrors?: ErrorDetailModel[]) {
    super(detail);
    this.name = new.target.name;
    this.validationErrors = validationErrors;
  }
}

export class BadRequest extends EmulatorError {
  readonly status = 400;
}

/** A request field broke a rule; `location` is like `body.handle` or `query.limit`. */
export class Validation extends EmulatorError {
  readonly status = 400;
  constructor(location: string, message: string) {
    super(`${location}: ${message}`, [{ location, message }]);
  }
}

export class Unauthorized extends EmulatorError {
  readonly status = 401;
}

export class Forbidden extends EmulatorError {
  readonly status = 403;
}

export class NotFound extends EmulatorError {
  readonly status = 404;
}

export class MethodNotAllowed extends EmulatorError {
  readonly status = 405;
  readonly allow: string[];
  constructor(detail: string, allow: string[]) {
    super(detail);
    this.allow = allow;
  }
}

export class Conflict extends EmulatorError {
  readonly status = 409;
}

export class PreconditionFailed extends EmulatorError {
  readonly status = 412;
}

export class UnsupportedMediaType extends EmulatorError {
  readonly status = 415;
}

export class PayloadTooLarge extends EmulatorError {
  readonly status = 413;
}
