/**
 * The Vfs contract suite (STYLE.md §7, one suite per seam): what every Vfs must do, run against
 * each implementation by vfs-contract.test.ts, so that code tested on MemoryVfs or SimulatedVfs
 * behaves the same on disk. Each case says which invariant of vfs/index.ts it pins. Not a test
 * file itself: it only defines the cases for a subject the caller supplies.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { InternalError } from '../../errors/index.js'
import type { Vfs, VfsFile } from './vfs.js'
import { VfsError, type VfsErrorCode, type VfsOperation } from './vfs-error.js'

export interface VfsContractSubject {
  readonly vfs: Vfs
  /** Simulates power loss and returns the Vfs as the restarted process sees it; only a
   * simulator can. */
  readonly crash?: () => Vfs
  /** Releases what the subject holds (a temporary directory). */
  readonly dispose: () => void
}

/** Registers the contract's tests for the subjects `makeSubject` creates, one per test. */
export function describeVfsContract(name: string, makeSubject: () => VfsContractSubject): void {
  const withVfs = (body: (vfs: Vfs, subject: VfsContractSubject) => Promise<void> | void) => {
    return async (): Promise<void> => {
      const subject = makeSubject()
      try {
        await body(subject.vfs, subject)
      } finally {
        subject.dispose()
      }
    }
  }
  describe(`Vfs contract: ${name}`, () => {
    describeReadWrite(withVfs)
    describeNamespace(withVfs)
    describeDurability(withVfs)
    describeMisuse(withVfs)
  })
}

type WithVfs = (
  body: (vfs: Vfs, subject: VfsContractSubject) => Promise<void> | void,
) => () => Promise<void>

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values)

function readAll(file: VfsFile): Uint8Array {
  const buffer = new Uint8Array(file.size())
  assert.equal(file.read(buffer, 0), buffer.length)
  return buffer
}

function writeFile(vfs: Vfs, path: string, content: Uint8Array): void {
  const file = vfs.open(path, { create: true })
  file.truncate(0)
  file.write(content, 0)
  file.close()
}

function contentOf(vfs: Vfs, path: string): Uint8Array {
  const file = vfs.open(path, { create: false })
  const content = readAll(file)
  file.close()
  return content
}

/** Asserts that `action` fails with a VfsError of `code` (and `operation`, when given). */
function assertVfsError(action: () => unknown, code: VfsErrorCode, operation?: VfsOperation): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof VfsError, `expected a VfsError, got ${String(error)}`)
    assert.equal(error.code, code)
    if (operation !== undefined) assert.equal(error.operation, operation)
    return true
  })
}

async function assertRejectsWith(promise: Promise<unknown>, code: VfsErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof VfsError, `expected a VfsError, got ${String(error)}`)
    assert.equal(error.code, code)
    return true
  })
}

function describeReadWrite(withVfs: WithVfs): void {
  test(
    'invariant 1: writes read back at any offset, through any handle',
    withVfs((vfs) => {
      const file = vfs.open('a', { create: true })
      assert.equal(file.size(), 0)
      file.write(bytes(1, 2, 3, 4, 5), 0)
      file.write(bytes(9, 9), 1)
      const other = vfs.open('a', { create: false })
      const buffer = new Uint8Array(3)
      assert.equal(other.read(buffer, 2), 3)
      assert.deepEqual(buffer, bytes(9, 4, 5))
      assert.equal(other.size(), 5)
      other.close()
      file.close()
    }),
  )

  test(
    'invariant 1: reads are short only at the end of the file',
    withVfs((vfs) => {
      const file = vfs.open('a', { create: true })
      file.write(bytes(1, 2, 3), 0)
      const buffer = new Uint8Array(8).fill(7)
      assert.equal(file.read(buffer, 1), 2)
      assert.deepEqual(buffer, bytes(2, 3, 7, 7, 7, 7, 7, 7))
      assert.equal(file.read(buffer, 3), 0)
      assert.equal(file.read(buffer, 100), 0)
      assert.equal(file.read(new Uint8Array(0), 0), 0)
      file.close()
    }),
  )

  test(
    'invariant 1: a write past the end zero-fills the gap',
    withVfs((vfs) => {
      const file = vfs.open('a', { create: true })
      file.write(bytes(1), 0)
      file.write(bytes(5), 4)
      assert.deepEqual(readAll(file), bytes(1, 0, 0, 0, 5))
      file.write(new Uint8Array(0), 100)
      assert.equal(file.size(), 5, 'an empty write changes nothing')
      file.close()
    }),
  )

  test(
    'invariant 1: truncate shrinks, and extending again shows zeros',
    withVfs((vfs) => {
      const file = vfs.open('a', { create: true })
      file.write(bytes(1, 2, 3, 4), 0)
      file.truncate(2)
      assert.deepEqual(readAll(file), bytes(1, 2))
      file.truncate(4)
      assert.deepEqual(readAll(file), bytes(1, 2, 0, 0))
      file.close()
    }),
  )

  test(
    'invariant 1: large writes round-trip',
    withVfs((vfs) => {
      const file = vfs.open('a', { create: true })
      const big = new Uint8Array(3 * 1024 * 1024 + 17).map((_, index) => index % 251)
      file.write(big, 4096)
      const back = new Uint8Array(big.length)
      assert.equal(file.read(back, 4096), big.length)
      assert.deepEqual(back, big)
      file.close()
    }),
  )

  test(
    'invariant 1: any sequence of writes and truncates matches a byte-array model',
    withVfs((vfs) => {
      const operation = fc.oneof(
        fc.record({ offset: fc.nat(3000), data: fc.uint8Array({ maxLength: 700 }) }),
        fc.record({ length: fc.nat(3500) }),
      )
      let run = 0
      fc.assert(
        fc.property(fc.array(operation, { maxLength: 30 }), (operations) => {
          run++
          const file = vfs.open(`model-${run}`, { create: true })
          let model = new Uint8Array(0)
          for (const step of operations) {
            if ('data' in step) {
              if (step.data.length === 0) continue
              file.write(step.data, step.offset)
              const end = Math.max(model.length, step.offset + step.data.length)
              const next = new Uint8Array(end)
              next.set(model)
              next.set(step.data, step.offset)
              model = next
            } else {
              file.truncate(step.length)
              const next = new Uint8Array(step.length)
              next.set(model.subarray(0, step.length))
              model = next
            }
          }
          assert.deepEqual(readAll(file), model)
          file.close()
        }),
        { numRuns: 60 },
      )
    }),
  )
}

function describeNamespace(withVfs: WithVfs): void {
  test(
    'open: ENOENT when missing or its directory is, EISDIR for a directory',
    withVfs((vfs) => {
      assertVfsError(() => vfs.open('missing', { create: false }), 'ENOENT', 'open')
      assertVfsError(() => vfs.open('no/such', { create: true }), 'ENOENT', 'open')
      vfs.mkdir('d')
      assertVfsError(() => vfs.open('d', { create: true }), 'EISDIR', 'open')
      writeFile(vfs, 'f', bytes(1))
      assertVfsError(() => vfs.open('f/x', { create: true }), 'ENOTDIR', 'open')
      const error = (() => {
        try {
          vfs.open('missing', { create: false })
        } catch (caught) {
          return caught
        }
        return undefined
      })()
      assert.ok(error instanceof VfsError)
      assert.equal(error.path, 'missing')
    }),
  )

  test(
    'open with create keeps an existing file',
    withVfs((vfs) => {
      writeFile(vfs, 'a', bytes(1, 2))
      const file = vfs.open('a', { create: true })
      assert.deepEqual(readAll(file), bytes(1, 2))
      file.close()
    }),
  )

  test(
    'mkdir is recursive and idempotent; list is sorted and names directories',
    withVfs((vfs) => {
      vfs.mkdir('x/y/z')
      vfs.mkdir('x/y')
      vfs.mkdir('')
      for (const name of ['b', 'a', 'C', 'a2', '10', '9']) writeFile(vfs, `x/${name}`, bytes(0))
      assert.deepEqual(vfs.list('x'), ['10', '9', 'C', 'a', 'a2', 'b', 'y'])
      assert.deepEqual(vfs.list('x/y/z'), [])
      assert.ok(vfs.list('').includes('x'))
      assertVfsError(() => vfs.list('nope'), 'ENOENT', 'list')
      assertVfsError(() => vfs.list('x/a'), 'ENOTDIR', 'list')
      assertVfsError(() => vfs.mkdir('x/a'), 'EEXIST', 'mkdir')
      assertVfsError(() => vfs.mkdir('x/a/b'), 'ENOTDIR', 'mkdir')
    }),
  )

  test(
    'exists answers for files, directories and the root, never throws for a miss',
    withVfs((vfs) => {
      vfs.mkdir('d')
      writeFile(vfs, 'd/f', bytes(1))
      assert.equal(vfs.exists(''), true)
      assert.equal(vfs.exists('d'), true)
      assert.equal(vfs.exists('d/f'), true)
      assert.equal(vfs.exists('d/g'), false)
      assert.equal(vfs.exists('d/f/g'), false)
    }),
  )

  test(
    'invariant 3: rename replaces the target atomically; open handles keep their file',
    withVfs((vfs) => {
      writeFile(vfs, 'old', bytes(1, 1))
      writeFile(vfs, 'new', bytes(2, 2, 2))
      const handle = vfs.open('new', { create: false })
      vfs.rename('new', 'old')
      assert.equal(vfs.exists('new'), false)
      assert.deepEqual(contentOf(vfs, 'old'), bytes(2, 2, 2))
      handle.write(bytes(3), 0)
      assert.deepEqual(contentOf(vfs, 'old'), bytes(3, 2, 2), 'the handle follows its file')
      handle.close()
      vfs.mkdir('d')
      vfs.rename('old', 'd/moved')
      assert.deepEqual(vfs.list('d'), ['moved'])
      assertVfsError(() => vfs.rename('missing', 'x'), 'ENOENT', 'rename')
      assertVfsError(() => vfs.rename('d/moved', 'nodir/x'), 'ENOENT', 'rename')
      vfs.mkdir('empty')
      assertVfsError(() => vfs.rename('d/moved', 'empty'), 'EISDIR', 'rename')
      assertVfsError(() => vfs.rename('d/moved', 'd'), 'EISDIR', 'rename')
    }),
  )

  test(
    'remove drops the entry; open handles keep working',
    withVfs((vfs) => {
      writeFile(vfs, 'a', bytes(4, 5))
      const handle = vfs.open('a', { create: false })
      vfs.remove('a')
      assert.equal(vfs.exists('a'), false)
      assert.deepEqual(readAll(handle), bytes(4, 5))
      handle.close()
      assertVfsError(() => vfs.remove('a'), 'ENOENT', 'remove')
      vfs.mkdir('d')
      assertVfsError(() => vfs.remove('d'), 'EISDIR', 'remove')
      assertVfsError(() => vfs.open('a', { create: false }), 'ENOENT')
    }),
  )
}

function describeDurability(withVfs: WithVfs): void {
  test(
    'invariant 2: sync and syncDirectory resolve; their blocking twins return',
    withVfs(async (vfs) => {
      vfs.mkdir('d')
      const file = vfs.open('d/f', { create: true })
      file.write(bytes(1), 0)
      await file.sync()
      file.syncBlocking()
      await vfs.syncDirectory('d')
      await vfs.syncDirectory('')
      vfs.syncDirectoryBlocking('d')
      await Promise.all([file.sync(), file.sync(), vfs.syncDirectory('d')])
      file.close()
    }),
  )

  test(
    'invariant 4: syncing a missing directory fails with ENOENT',
    withVfs(async (vfs) => {
      await assertRejectsWith(vfs.syncDirectory('missing'), 'ENOENT')
      assertVfsError(() => vfs.syncDirectoryBlocking('missing'), 'ENOENT', 'syncDirectory')
    }),
  )

  test(
    'invariant 2: synced data and synced entries survive power loss',
    withVfs(async (vfs, subject) => {
      if (subject.crash === undefined) return
      vfs.mkdir('d')
      await vfs.syncDirectory('')
      const file = vfs.open('d/f', { create: true })
      file.write(bytes(1, 2, 3), 0)
      file.write(bytes(9), 5)
      await file.sync()
      await vfs.syncDirectory('d')
      const other = vfs.open('d/g', { create: true })
      other.write(bytes(7), 0)
      other.syncBlocking()
      vfs.syncDirectoryBlocking('d')
      const restarted = subject.crash()
      assert.deepEqual(contentOf(restarted, 'd/f'), bytes(1, 2, 3, 0, 0, 9))
      assert.deepEqual(contentOf(restarted, 'd/g'), bytes(7))
    }),
  )
}

function describeMisuse(withVfs: WithVfs): void {
  test(
    'invariant 5: any use of a closed file throws InternalError',
    withVfs((vfs) => {
      const file = vfs.open('a', { create: true })
      file.close()
      const uses: Array<() => unknown> = [
        () => file.read(new Uint8Array(1), 0),
        () => file.write(bytes(1), 0),
        () => file.size(),
        () => file.truncate(0),
        () => file.sync(),
        () => file.syncBlocking(),
        () => file.close(),
      ]
      for (const use of uses) assert.throws(use, InternalError)
    }),
  )

  test(
    'invariant 5: malformed paths and offsets throw InternalError',
    withVfs((vfs) => {
      for (const path of ['/abs', '../up', 'a/../b', 'a//b', './a', 'a/', 'a\\b']) {
        assert.throws(() => vfs.open(path, { create: true }), InternalError, path)
        assert.throws(() => vfs.exists(path), InternalError, path)
      }
      const file = vfs.open('a', { create: true })
      assert.throws(() => file.write(bytes(1), -1), InternalError)
      assert.throws(() => file.read(new Uint8Array(1), 0.5), InternalError)
      assert.throws(() => file.truncate(-1), InternalError)
      file.close()
    }),
  )
}
