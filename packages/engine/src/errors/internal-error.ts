/** A bug inside bkg-db (a broken invariant). Reported to clients as SQLSTATE XX000. */
export class InternalError extends Error {
  override readonly name = 'InternalError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}
