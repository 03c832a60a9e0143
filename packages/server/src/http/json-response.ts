/**
 * jsonResponse: a Response carrying JSON text from stringifyJson (so int8 values stay exact),
 * and errorResponse: the JSON body of an error, with its status.
 *
 *   API problem:  { "code": "BKG-HTTP02", "message", "details"?, "hint"? }   (errors/api-error.ts)
 *   SQL error:    { "code": "42P01", "message", "details"?, "hint"?, "position"? }
 *                 status from errors/http-status.ts; `position` is 1-based, in characters.
 */
import type { SqlError } from '@bkg-db/engine'
import { type ApiError, httpStatusForSqlState } from '../errors/index.js'
import { type JsonValue, stringifyJson } from './stringify-json.js'

export const jsonContentType = 'application/json; charset=utf-8'

export function jsonResponse(
  body: JsonValue,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(stringifyJson(body), {
    status,
    headers: { 'content-type': jsonContentType, ...headers },
  })
}

export function apiErrorResponse(error: ApiError): Response {
  const headers: Record<string, string> =
    error.status === 401 ? { 'www-authenticate': 'Bearer realm="bkg-db"' } : {}
  const body = {
    code: error.code,
    message: error.message,
    details: error.details,
    hint: error.hint,
  }
  return jsonResponse(body, error.status, headers)
}

export function sqlErrorResponse(error: SqlError): Response {
  const body = {
    code: error.code,
    message: error.message,
    details: error.detail,
    hint: error.hint,
    position: error.position,
  }
  return jsonResponse(body, httpStatusForSqlState(error.code))
}
