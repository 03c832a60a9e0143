/**
 * DatabaseCore: the state sessions share: the kernel, the committed catalog version, hidden
 * row id counters, sequence state, the set of open sessions, and the parse and plan caches.
 */
import type { Catalog } from '../catalog/index.js'
import type { Kernel } from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { RowIds, SequenceStates } from '../sql/execute/index.js'
import { ParseCache } from '../sql/parse/index.js'
import type { EngineSession } from './engine-session.js'
import { PlanCache } from './plan-cache.js'

export class DatabaseCore {
  readonly kernel: Kernel
  #catalog: Catalog
  readonly rowIds = new RowIds()
  /** Every sequence's last value, shared by all sessions (loaded at open). */
  readonly sequences: SequenceStates
  readonly sessions = new Set<EngineSession>()
  readonly parseCache = new ParseCache()
  readonly planCache = new PlanCache()

  constructor(kernel: Kernel, catalog: Catalog) {
    this.kernel = kernel
    this.#catalog = catalog
    this.sequences = new SequenceStates(kernel)
  }

  get catalog(): Catalog {
    return this.#catalog
  }

  publishCatalog(catalog: Catalog): void {
    assert(catalog.version > this.#catalog.version, 'published catalogs move forward')
    this.#catalog = catalog
  }

  sessionClosed(session: EngineSession): void {
    this.sessions.delete(session)
  }
}
