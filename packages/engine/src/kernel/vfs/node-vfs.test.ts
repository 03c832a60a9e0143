// Tests of NodeVfs beyond the Vfs contract: the root must be absolute, files and directories are
// private to their owner, a close while an fdatasync is in flight waits for it (a reused
// descriptor must never be synced by mistake), and system errors arrive as VfsErrors with causes.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { InternalError } from '../../errors/index.js'
import { NodeVfs } from './node-vfs.js'
import { VfsError } from './vfs-error.js'

const root = mkdtempSync(join(tmpdir(), 'bkg-db-node-vfs-'))
after(() => rmSync(root, { recursive: true, force: true }))

const openDescriptors = (): number => readdirSync('/proc/self/fd').length

test('the root must be an absolute path', () => {
  assert.throws(() => new NodeVfs({ root: 'relative/dir' }), InternalError)
  assert.equal(new NodeVfs({ root: `${root}/x/..` }).root, root)
})

test('created files and directories are private to their owner', () => {
  const vfs = new NodeVfs({ root })
  vfs.mkdir('private/inner')
  vfs.open('private/inner/f', { create: true }).close()
  assert.equal(statSync(join(root, 'private/inner/f')).mode & 0o077, 0)
  assert.equal(statSync(join(root, 'private/inner')).mode & 0o077, 0)
})

test('close while a sync is in flight defers the descriptor close until the sync completes', {
  skip: !existsSync('/proc/self/fd') && 'needs /proc/self/fd',
}, async () => {
  const vfs = new NodeVfs({ root })
  const before = openDescriptors()
  const file = vfs.open('deferred', { create: true })
  file.write(new Uint8Array(4096).fill(1), 0)
  const syncs = [file.sync(), file.sync()]
  file.close()
  assert.equal(openDescriptors(), before + 1, 'the descriptor stays open for the syncs')
  await Promise.all(syncs)
  assert.equal(openDescriptors(), before, 'the last sync closed it')
})

test('system errors become VfsErrors that keep the original as cause', () => {
  const vfs = new NodeVfs({ root })
  try {
    vfs.open('missing', { create: false })
    assert.fail('open of a missing file succeeded')
  } catch (error) {
    assert.ok(error instanceof VfsError)
    assert.equal(error.code, 'ENOENT')
    assert.ok(error.cause instanceof Error && 'syscall' in error.cause)
  }
})

test('the root itself can be created, listed and synced', async () => {
  const vfs = new NodeVfs({ root: join(root, 'fresh', 'data') })
  assert.equal(vfs.exists(''), false)
  vfs.mkdir('')
  assert.deepEqual(vfs.list(''), [])
  await vfs.syncDirectory('')
})
