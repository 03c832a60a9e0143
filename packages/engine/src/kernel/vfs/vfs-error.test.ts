// Tests of toVfsError: Node's errno codes map onto the codes the kernel distinguishes, the
// original error stays as the cause, and errors that are not system errors (bugs) pass through.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { toVfsError, VfsError } from './vfs-error.js'

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code, syscall: 'write', errno: -1 })
}

test('errno codes map onto VfsErrorCode, keeping the original as cause and detail', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['EIO', 'EIO', undefined],
    ['ENOSPC', 'ENOSPC', undefined],
    ['EDQUOT', 'ENOSPC', 'EDQUOT'],
    ['EPERM', 'EACCES', 'EPERM'],
    ['ENOTEMPTY', 'EEXIST', 'ENOTEMPTY'],
    ['ESTALE', 'EIO', 'ESTALE'],
  ]
  for (const [nodeCode, code, detail] of cases) {
    const original = systemError(nodeCode)
    const error = toVfsError(original, 'write', 'wal/0001')
    assert.equal(error.code, code)
    assert.equal(error.operation, 'write')
    assert.equal(error.path, 'wal/0001')
    assert.equal(error.cause, original)
    assert.equal(error.message.includes(detail ?? '('), detail !== undefined, error.message)
  }
})

test('a VfsError passes through; a non-system error is rethrown unchanged', () => {
  const vfsError = new VfsError({ code: 'EIO', operation: 'read', path: 'a' })
  assert.equal(toVfsError(vfsError, 'write', 'b'), vfsError)
  const bug = Object.assign(new TypeError('bad argument'), { code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(
    () => toVfsError(bug, 'write', 'b'),
    (error: unknown) => error === bug,
  )
  assert.throws(
    () => toVfsError('text', 'write', 'b'),
    (error: unknown) => error === 'text',
  )
})

test('the message names the operation, the path and the code', () => {
  const error = new VfsError({ code: 'ENOSPC', operation: 'write', path: 'data/main', detail: 'x' })
  assert.equal(error.message, 'write "data/main" failed: ENOSPC (x)')
  assert.equal(error.name, 'VfsError')
})
