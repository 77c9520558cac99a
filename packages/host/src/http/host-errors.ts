/** The host's own errors: a project that cannot load or start, and a request answered with an error status. */

/** A module, a start, or the project's names went wrong: the message says what and where, never a secret. */
export class ProjectError extends Error {
  override name = 'ProjectError';
}

/** A request the host answers with `status` and `{ error: { code, message, … } }`. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More fields of the error object (`path`, `issues`). */
    readonly details: { readonly [key: string]: unknown } = {},
  ) {
    super(message);
  }
}
