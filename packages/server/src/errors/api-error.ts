/**
 * ApiError: a problem with an HTTP request itself (not with its SQL), sent as
 * `{ "code": "BKG-HTTP01", "message": ..., "details"?: ..., "hint"?: ... }`.
 *
 * Codes are `BKG-<group><nn>`, grouped by module. A code is never reused: when one is retired
 * it stays listed below, marked retired, so clients matching on it are never misled.
 *
 *   Code        Status  Meaning
 *   BKG-HTTP01  400     the request body is not valid JSON
 *   BKG-HTTP02  400     the body is not a JSON object with a non-empty string `sql`
 *   BKG-HTTP03  400     `params` is not an array of scalars (null, boolean, number, string), or
 *                       holds an integer JSON cannot carry exactly (send it as a string)
 *   BKG-HTTP04  413     the body is larger than httpBodyBytesMax (limits.ts)
 *   BKG-HTTP05  404     no route for this method and path
 *   BKG-HTTP06  503     the server is starting or shutting down
 *   BKG-HTTP07  500     unexpected failure while handling the request (a bug; see the log)
 *   BKG-HTTP08  400     the body has a field the operation does not know
 *   BKG-HTTP09  400     the body could not be read (the client disconnected while sending it)
 *   BKG-AUTH01  401     no API key (`Authorization: Bearer <key>` or `apikey: <key>`)
 *   BKG-AUTH02  401     the API key is not accepted
 *
 * SQL errors are not ApiErrors: they keep their SQLSTATE as `code` (errors/http-status.ts).
 */
import type { ErrorHttpStatus } from './http-status.js'

const statusByCode = {
  'BKG-HTTP01': 400,
  'BKG-HTTP02': 400,
  'BKG-HTTP03': 400,
  'BKG-HTTP04': 413,
  'BKG-HTTP05': 404,
  'BKG-HTTP06': 503,
  'BKG-HTTP07': 500,
  'BKG-HTTP08': 400,
  'BKG-HTTP09': 400,
  'BKG-AUTH01': 401,
  'BKG-AUTH02': 401,
} as const satisfies Readonly<Record<string, ErrorHttpStatus>>

export type ApiErrorCode = keyof typeof statusByCode

export interface ApiErrorFields {
  readonly details?: string
  readonly hint?: string
}

export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly code: ApiErrorCode
  readonly status: ErrorHttpStatus
  readonly details: string | undefined
  readonly hint: string | undefined

  constructor(
    code: ApiErrorCode,
    message: string,
    fields: ApiErrorFields = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.code = code
    this.status = statusByCode[code]
    this.details = fields.details
    this.hint = fields.hint
  }
}
