/**
 * How the corpus runner (parent) and a file worker (a child process that runs files one after
 * another) talk. The parent writes a RunFileRequest as one JSON line to the worker's stdin and
 * waits for that file to end before sending the next. The worker writes one JSON line per
 * finished record to its stdout, synchronously (fs.writeSync) before it starts the next record,
 * then a `done` (or `failed`) line. So when the parent kills a worker at the end of a file's
 * budget, every finished record has been reported, and the first record without a result is the
 * one that was running.
 */
import type { RecordResult } from './run-file.js'

export type Backend =
  | { readonly kind: 'engine' }
  /** A database of its own, created and dropped by the parent. */
  | { readonly kind: 'pg'; readonly url: string }

export interface RunFileRequest {
  readonly path: string
  readonly backend: Backend
}

export type WorkerLine =
  /** The worker has loaded its modules and waits for requests. */
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: RecordResult }
  | { readonly kind: 'done' }
  /** The file could not be run to its end (unreadable, no connection, runner bug). */
  | { readonly kind: 'failed'; readonly message: string }

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

export function isRunFileRequest(value: unknown): value is RunFileRequest {
  if (!isObject(value) || typeof value['path'] !== 'string') return false
  const backend = value['backend']
  if (!isObject(backend)) return false
  if (backend['kind'] === 'engine') return true
  return backend['kind'] === 'pg' && typeof backend['url'] === 'string'
}

function isRecordResult(value: unknown): value is RecordResult {
  return (
    isObject(value) &&
    typeof value['line'] === 'number' &&
    typeof value['isPass'] === 'boolean' &&
    (value['reason'] === undefined || typeof value['reason'] === 'string') &&
    (value['detail'] === undefined || typeof value['detail'] === 'string') &&
    (value['cause'] === undefined || typeof value['cause'] === 'string')
  )
}

export function isWorkerLine(value: unknown): value is WorkerLine {
  if (!isObject(value)) return false
  switch (value['kind']) {
    case 'result':
      return isRecordResult(value['result'])
    case 'ready':
    case 'done':
      return true
    case 'failed':
      return typeof value['message'] === 'string'
    default:
      return false
  }
}
