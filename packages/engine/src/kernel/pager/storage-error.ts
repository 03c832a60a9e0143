/**
 * Errors of the storage layers as clients see them: I/O failures are 58030 (53100 when the disk
 * is full), damaged data is XX001, and each names the file and the offset or page involved, so
 * an operator can find it. After such an error the kernel enters its failed state.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import { pageBytes } from '../../limits.js'

export function ioError(operation: string, path: string, cause: unknown): SqlError {
  // A bug caught on an I/O path stays a bug (XX000), not an I/O error.
  if (cause instanceof InternalError) throw cause
  const code = (cause as { code?: unknown } | null)?.code
  const reason = cause instanceof Error ? cause.message : String(cause)
  if (code === 'ENOSPC') {
    return new SqlError(
      SqlState.diskFull,
      `could not ${operation} file "${path}": No space left on device`,
      {},
      { cause },
    )
  }
  return new SqlError(
    SqlState.ioError,
    `could not ${operation} file "${path}": ${reason}`,
    {},
    { cause },
  )
}

export function corruptPage(path: string, pageNumber: number, reason: string): SqlError {
  return new SqlError(
    SqlState.dataCorrupted,
    `invalid page in file "${path}": page ${pageNumber} at offset ${pageNumber * pageBytes}: ${reason}`,
  )
}

export function failedState(reason: string): SqlError {
  return new SqlError(
    SqlState.ioError,
    `the database is in a failed state after a storage error and accepts no more writes until it is reopened: ${reason}`,
  )
}
