/**
 * The body of POST /query, decoded and checked:
 *
 *   { "sql": "SELECT $1::int + 1", "params": [41] }
 *
 * `sql` is a non-empty string (one statement, or several separated by `;` when there are no
 * params); `params`, if present, is an array of null, booleans, numbers and strings. Integers
 * beyond ±(2^53 − 1) are refused: JSON.parse has already rounded them, so the client must send
 * them as strings ("9007199254740993") for the engine to convert exactly.
 */
import type { ParameterValue } from '@bkg-db/engine'
import { ApiError } from '../../../errors/index.js'

export interface QueryRequest {
  readonly sql: string
  /** Undefined when absent or empty, so several statements may run without parameters. */
  readonly params: readonly ParameterValue[] | undefined
}

const knownFields = new Set(['sql', 'params'])

export function parseQueryRequest(bodyText: string): QueryRequest {
  let body: unknown
  try {
    body = JSON.parse(bodyText)
  } catch (error: unknown) {
    throw new ApiError(
      'BKG-HTTP01',
      'the request body is not valid JSON',
      { details: error instanceof Error ? error.message : String(error) },
      { cause: error },
    )
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(
      'BKG-HTTP02',
      'the request body must be a JSON object like {"sql": "SELECT 1"}',
    )
  }
  const fields = body as Readonly<Record<string, unknown>>
  const unknown = Object.keys(fields).find((name) => !knownFields.has(name))
  if (unknown !== undefined) {
    throw new ApiError(
      'BKG-HTTP08',
      `unknown field ${JSON.stringify(unknown)} in the request body`,
      {
        hint: 'The fields are "sql" and "params".',
      },
    )
  }
  const sql = fields['sql']
  if (typeof sql !== 'string' || sql.trim() === '') {
    throw new ApiError('BKG-HTTP02', '"sql" must be a non-empty string')
  }
  const params = parseParams(fields['params'])
  return { sql, params: params === undefined || params.length === 0 ? undefined : params }
}

function parseParams(params: unknown): readonly ParameterValue[] | undefined {
  if (params === undefined) return undefined
  if (!Array.isArray(params)) {
    throw new ApiError('BKG-HTTP03', '"params" must be an array', {
      details: `got ${describe(params)}`,
    })
  }
  return params.map((param: unknown, index) => parseParam(param, index))
}

function parseParam(param: unknown, index: number): ParameterValue {
  if (param === null || typeof param === 'boolean' || typeof param === 'string') return param
  if (typeof param === 'number') {
    if (Number.isInteger(param) && !Number.isSafeInteger(param)) {
      throw new ApiError('BKG-HTTP03', `params[${index}] is an integer JSON cannot carry exactly`, {
        hint: 'Send integers beyond ±9007199254740991 as strings, such as "9007199254740993".',
      })
    }
    return param
  }
  throw new ApiError(
    'BKG-HTTP03',
    `params[${index}] must be null, a boolean, a number or a string`,
    {
      details: `got ${describe(param)}`,
    },
  )
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}
