/**
 * MemoryVfs: files kept in memory, for `:memory:` databases and fast tests. Everything written
 * is "durable" at once, so `sync` and `syncDirectory` resolve immediately; nothing survives the
 * process. It follows NodeVfs's error codes (checked by the contract suite) so that code tested
 * here behaves the same on disk. For power loss and faults, use SimulatedVfs.
 */
import { assert } from '../../lib/assert.js'
import { ByteImage, memoryFileBytesMax } from './byte-image.js'
import { FileTree } from './file-tree.js'
import type { Vfs, VfsFile } from './vfs.js'
import { VfsError } from './vfs-error.js'
import { assertVfsOffset } from './vfs-offset.js'

export class MemoryVfs implements Vfs {
  readonly #tree = new FileTree<ByteImage>()

  open(path: string, options: { create: boolean }): VfsFile {
    const entry = this.#tree.findEntry(path)
    if (entry === undefined && options.create) {
      const image = new ByteImage()
      this.#tree.addFile(path, image, 'open')
      return new MemoryFile(path, image)
    }
    return new MemoryFile(path, this.#tree.getFile(path, 'open'))
  }

  exists(path: string): boolean {
    return this.#tree.findEntry(path) !== undefined
  }

  list(directory: string): string[] {
    return this.#tree.list(directory)
  }

  remove(path: string): void {
    this.#tree.remove(path)
  }

  rename(from: string, to: string): void {
    this.#tree.rename(from, to)
  }

  mkdir(path: string): void {
    this.#tree.mkdir(path)
  }

  syncDirectory(path: string): Promise<void> {
    try {
      this.#tree.checkDirectory(path, 'syncDirectory')
    } catch (error) {
      return Promise.reject(error)
    }
    return Promise.resolve()
  }

  syncDirectoryBlocking(path: string): void {
    this.#tree.checkDirectory(path, 'syncDirectory')
  }
}

class MemoryFile implements VfsFile {
  readonly path: string
  readonly #image: ByteImage
  #isClosed = false

  constructor(path: string, image: ByteImage) {
    this.path = path
    this.#image = image
  }

  read(buffer: Uint8Array, offset: number): number {
    this.#assertOpen()
    assertVfsOffset(offset)
    return this.#image.read(buffer, offset)
  }

  write(buffer: Uint8Array, offset: number): void {
    this.#assertOpen()
    assertVfsOffset(offset)
    if (offset + buffer.length > memoryFileBytesMax) {
      throw new VfsError({ code: 'ENOSPC', operation: 'write', path: this.path })
    }
    this.#image.write(buffer, offset)
  }

  size(): number {
    this.#assertOpen()
    return this.#image.size
  }

  truncate(length: number): void {
    this.#assertOpen()
    assertVfsOffset(length)
    if (length > memoryFileBytesMax) {
      throw new VfsError({ code: 'ENOSPC', operation: 'truncate', path: this.path })
    }
    this.#image.truncate(length)
  }

  sync(): Promise<void> {
    this.#assertOpen()
    return Promise.resolve()
  }

  syncBlocking(): void {
    this.#assertOpen()
  }

  close(): void {
    this.#assertOpen()
    this.#isClosed = true
  }

  #assertOpen(): void {
    assert(!this.#isClosed, `file "${this.path}" is used after close`)
  }
}
