/**
 * FileTree: the namespace of an in-memory Vfs (directories and the files their entries name),
 * with POSIX error codes, so MemoryVfs and SimulatedVfs fail exactly where NodeVfs would.
 * A file entry refers to a file object (an inode); renaming moves the reference and removing
 * drops it, so handles already open keep their file, as on POSIX.
 *
 * Every mutation returns the entry changes it made, so SimulatedVfs can log them per directory
 * and decide at a crash which of them were durable.
 */
import { assert } from '../../lib/assert.js'
import { VfsError, type VfsOperation } from './vfs-error.js'
import { ancestorsOf, assertVfsPath, nameOf, parentOf } from './vfs-path.js'

export type FileTreeEntry<File> =
  | { readonly kind: 'File'; readonly file: File }
  | { readonly kind: 'Directory' }

/** One directory entry set (`entry`) or removed (`undefined`) by a mutation. */
export interface FileTreeChange<File> {
  readonly path: string
  readonly entry: FileTreeEntry<File> | undefined
}

const directoryEntry = { kind: 'Directory' } as const

export class FileTree<File> {
  /** Every entry but the root's, keyed by path. */
  readonly #entries = new Map<string, FileTreeEntry<File>>()

  findEntry(path: string): FileTreeEntry<File> | undefined {
    assertVfsPath(path)
    return path === '' ? directoryEntry : this.#entries.get(path)
  }

  /** The file at `path`; throws ENOENT, ENOTDIR or EISDIR as open(2) would. */
  getFile(path: string, operation: VfsOperation): File {
    const entry = this.findEntry(path)
    if (entry === undefined) throw this.#missing(path, operation)
    if (entry.kind === 'Directory') throw new VfsError({ code: 'EISDIR', operation, path })
    return entry.file
  }

  /** Adds a file entry at `path`, whose directory must exist; replaces no directory. */
  addFile(path: string, file: File, operation: VfsOperation): FileTreeChange<File>[] {
    this.#checkParent(path, operation)
    const existing = this.findEntry(path)
    if (existing?.kind === 'Directory') throw new VfsError({ code: 'EISDIR', operation, path })
    return [this.#set(path, { kind: 'File', file })]
  }

  remove(path: string): FileTreeChange<File>[] {
    this.getFile(path, 'remove')
    return [this.#set(path, undefined)]
  }

  /** Errors name `from` as their path and `to` in the detail, as NodeVfs cannot tell which of
   * the two rename(2) objected to. */
  rename(from: string, to: string): FileTreeChange<File>[] {
    const file = this.getFile(from, 'rename')
    try {
      this.#checkParent(to, 'rename')
    } catch (error) {
      if (!(error instanceof VfsError)) throw error
      throw new VfsError({
        code: error.code,
        operation: 'rename',
        path: from,
        detail: `to "${to}"`,
      })
    }
    if (this.findEntry(to)?.kind === 'Directory') {
      throw new VfsError({ code: 'EISDIR', operation: 'rename', path: from, detail: `to "${to}"` })
    }
    if (from === to) return []
    return [this.#set(from, undefined), this.#set(to, { kind: 'File', file })]
  }

  /** Creates `path` and its missing ancestors; returns one change per created directory. */
  mkdir(path: string): FileTreeChange<File>[] {
    assertVfsPath(path)
    const changes: FileTreeChange<File>[] = []
    for (const directory of [...ancestorsOf(path), path]) {
      const entry = this.findEntry(directory)
      if (entry === undefined) {
        changes.push(this.#set(directory, directoryEntry))
      } else if (entry.kind === 'File') {
        const code = directory === path ? 'EEXIST' : 'ENOTDIR'
        throw new VfsError({ code, operation: 'mkdir', path })
      }
    }
    return changes
  }

  list(directory: string): string[] {
    const entry = this.findEntry(directory)
    if (entry === undefined) throw this.#missing(directory, 'list')
    if (entry.kind === 'File')
      throw new VfsError({ code: 'ENOTDIR', operation: 'list', path: directory })
    const names: string[] = []
    for (const path of this.#entries.keys()) {
      if (path !== '' && parentOf(path) === directory) names.push(nameOf(path))
    }
    return names.sort()
  }

  /** Checks that `path` names an existing directory, as opening it for fsync would. */
  checkDirectory(path: string, operation: VfsOperation): void {
    const entry = this.findEntry(path)
    if (entry === undefined) throw this.#missing(path, operation)
    if (entry.kind === 'File') throw new VfsError({ code: 'ENOTDIR', operation, path })
  }

  /** Applies a change without checks; SimulatedVfs replays logged changes with it. */
  apply(change: FileTreeChange<File>): void {
    this.#set(change.path, change.entry)
  }

  /** Every path with its entry, in insertion order (deterministic for a given history). */
  entries(): IterableIterator<[string, FileTreeEntry<File>]> {
    return this.#entries.entries()
  }

  /**
   * Drops entries whose directory no longer exists, as after a crash that kept a file's entry
   * but lost the creation of its directory: such entries are unreachable. Shallow paths are
   * visited first, so one pass removes whole lost subtrees.
   */
  pruneOrphans(): void {
    const paths = [...this.#entries.keys()].sort((a, b) => depthOf(a) - depthOf(b))
    for (const path of paths) {
      if (this.findEntry(parentOf(path))?.kind !== 'Directory') this.#entries.delete(path)
    }
  }

  clone(): FileTree<File> {
    const copy = new FileTree<File>()
    for (const [path, entry] of this.#entries) copy.#entries.set(path, entry)
    return copy
  }

  #set(path: string, entry: FileTreeEntry<File> | undefined): FileTreeChange<File> {
    assert(path !== '', 'the root entry is never changed')
    if (entry === undefined) this.#entries.delete(path)
    else this.#entries.set(path, entry)
    return { path, entry }
  }

  #checkParent(path: string, operation: VfsOperation): void {
    assertVfsPath(path)
    assert(path !== '', 'the root is a directory, never a file')
    const parent = this.findEntry(parentOf(path))
    if (parent === undefined) throw this.#missing(path, operation)
    if (parent.kind === 'File') throw new VfsError({ code: 'ENOTDIR', operation, path })
  }

  /** ENOTDIR when a file sits where a directory of `path` should be, else ENOENT. */
  #missing(path: string, operation: VfsOperation): VfsError {
    for (const ancestor of ancestorsOf(path)) {
      const entry = this.#entries.get(ancestor)
      if (entry === undefined) break
      if (entry.kind === 'File') return new VfsError({ code: 'ENOTDIR', operation, path })
    }
    return new VfsError({ code: 'ENOENT', operation, path })
  }
}

function depthOf(path: string): number {
  let depth = 0
  for (let index = path.indexOf('/'); index >= 0; index = path.indexOf('/', index + 1)) depth++
  return depth
}
