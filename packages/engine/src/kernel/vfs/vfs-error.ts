/**
 * VfsError: an operating error of the file layer (STYLE.md §5, kind 2): the disk failed, is full,
 * or a file is not where it was expected. It is expected, never a bug; the kernel maps it to a
 * SQLSTATE (ENOSPC to 53100 disk_full, the rest to 58030 io_error) and, when durability is in
 * doubt, enters its failed state. Misuse of the seam (a closed file, a bad path) is a bug and
 * throws InternalError through `assert` instead.
 */

/** The error codes the kernel distinguishes. Node's other errno codes arrive as 'EIO', with the
 * original error as `cause` (see `toVfsError`). */
export type VfsErrorCode =
  | 'EIO'
  | 'ENOSPC'
  | 'ENOENT'
  | 'EEXIST'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'EACCES'
  | 'EROFS'
  | 'EMFILE'

export type VfsOperation =
  | 'open'
  | 'read'
  | 'write'
  | 'size'
  | 'truncate'
  | 'sync'
  | 'close'
  | 'exists'
  | 'list'
  | 'remove'
  | 'rename'
  | 'mkdir'
  | 'syncDirectory'

export class VfsError extends Error {
  override readonly name = 'VfsError'
  readonly code: VfsErrorCode
  readonly operation: VfsOperation
  /** The path as the caller gave it to the Vfs (relative to its root); for `rename`, the
   * source, with the target in the message. */
  readonly path: string

  constructor(
    fields: { code: VfsErrorCode; operation: VfsOperation; path: string; detail?: string },
    options?: { cause?: unknown },
  ) {
    const detail = fields.detail === undefined ? '' : ` (${fields.detail})`
    super(`${fields.operation} "${fields.path}" failed: ${fields.code}${detail}`, options)
    this.code = fields.code
    this.operation = fields.operation
    this.path = fields.path
  }
}

/** How Node's errno codes map onto `VfsErrorCode`; codes not listed become 'EIO'. */
const nodeCodes: ReadonlyMap<string, VfsErrorCode> = new Map<string, VfsErrorCode>([
  ['EIO', 'EIO'],
  ['ENOSPC', 'ENOSPC'],
  ['EDQUOT', 'ENOSPC'],
  ['EFBIG', 'ENOSPC'],
  ['ENOENT', 'ENOENT'],
  ['EEXIST', 'EEXIST'],
  ['ENOTEMPTY', 'EEXIST'],
  ['EISDIR', 'EISDIR'],
  ['ENOTDIR', 'ENOTDIR'],
  ['EACCES', 'EACCES'],
  ['EPERM', 'EACCES'],
  ['EROFS', 'EROFS'],
  ['EMFILE', 'EMFILE'],
  ['ENFILE', 'EMFILE'],
])

/**
 * Converts what `node:fs` threw into a VfsError, keeping the original as `cause`. Anything that
 * is not a system error (one without `syscall`, such as ERR_INVALID_ARG_TYPE) is a bug and is
 * rethrown unchanged.
 */
export function toVfsError(
  error: unknown,
  operation: VfsOperation,
  path: string,
  detail?: string,
): VfsError {
  if (error instanceof VfsError) return error
  const systemCode = systemCodeOf(error)
  if (systemCode === undefined) throw error
  const code = nodeCodes.get(systemCode) ?? 'EIO'
  const details = [code === systemCode ? '' : systemCode, detail ?? ''].filter(
    (part) => part !== '',
  )
  const fields = { code, operation, path }
  return new VfsError(details.length === 0 ? fields : { ...fields, detail: details.join(', ') }, {
    cause: error,
  })
}

/** The errno code of a Node system error (one with `syscall`), else undefined. */
function systemCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('syscall' in error) || !('code' in error)) return undefined
  return typeof error.code === 'string' ? error.code : undefined
}
