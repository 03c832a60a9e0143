/**
 * Paths of the Vfs: relative to its root, '/'-separated, with no empty, '.' or '..' segments, no
 * backslash and no NUL; '' is the root. One spelling per file keeps the in-memory namespaces
 * simple (a path is a map key) and stops a path from escaping the root of a NodeVfs.
 */
import { assert } from '../../lib/assert.js'

/** Asserts that `path` is a well-formed Vfs path; a malformed one is a bug in the caller. */
export function assertVfsPath(path: string): void {
  if (path === '') return
  const segments = path.split('/')
  for (const segment of segments) {
    assert(segment !== '' && segment !== '.' && segment !== '..', `Vfs path "${path}" is canonical`)
    assert(!segment.includes('\\') && !segment.includes('\0'), `Vfs path "${path}" is portable`)
  }
}

/** The directory holding `path` ('' for the root's entries). */
export function parentOf(path: string): string {
  assert(path !== '', 'the root has no parent')
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

/** The last segment of `path`. */
export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** Every proper ancestor directory of `path`, root first, excluding the root itself. */
export function ancestorsOf(path: string): string[] {
  const segments = path === '' ? [] : path.split('/')
  const ancestors: string[] = []
  for (let count = 1; count < segments.length; count++) {
    ancestors.push(segments.slice(0, count).join('/'))
  }
  return ancestors
}
