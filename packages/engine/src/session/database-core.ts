/**
 * DatabaseCore: the state sessions share: the kernel, the committed catalog version, hidden
 * row id counters, and the set of open sessions.
 */
import { Catalog, type Table } from '../catalog/index.js'
import type { Kernel } from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { ParseCache } from '../sql/parse/index.js'
import type { Session } from './session.js'

export class DatabaseCore {
  readonly kernel: Kernel
  #catalog: Catalog = Catalog.empty()
  /** Next hidden row id per table. Not transactional (like a sequence): ids are never reused. */
  readonly #rowIds = new Map<number, bigint>()
  readonly sessions = new Set<Session>()
  readonly parseCache = new ParseCache()

  constructor(kernel: Kernel) {
    this.kernel = kernel
  }

  get catalog(): Catalog {
    return this.#catalog
  }

  publishCatalog(catalog: Catalog): void {
    assert(catalog.version > this.#catalog.version, 'published catalogs move forward')
    this.#catalog = catalog
  }

  nextRowId(table: Table): bigint {
    const next = (this.#rowIds.get(table.oid) ?? 0n) + 1n
    this.#rowIds.set(table.oid, next)
    return next
  }

  sessionClosed(session: Session): void {
    this.sessions.delete(session)
  }
}
