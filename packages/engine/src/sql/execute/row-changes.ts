/**
 * Row changes: the kernel's change feed (keys and encoded values) turned into table rows, for
 * realtime, audit and replication. Changes to catalog keys and to tables that no longer exist
 * are left out; rows are decoded with the table definition as the catalog has it now.
 */
import { decodeRow, tablePrefix } from '../../access/index.js'
import type { Catalog, Table } from '../../catalog/index.js'
import type { ChangeEvent } from '../../kernel/index.js'
import type { Row } from '../../types/index.js'

export interface RowChange {
  readonly schema: string
  readonly table: string
  readonly tableOid: number
  readonly kind: 'insert' | 'update' | 'delete'
  readonly oldRow: Row | undefined
  readonly newRow: Row | undefined
}

/** One committed transaction's row changes, in commit order with the others. */
export interface ChangeBatch {
  /** LSN of the commit record: resume a subscription from here to get later transactions. */
  readonly lsn: number
  readonly commitTime: Date
  readonly transactionId: number
  readonly changes: readonly RowChange[]
}

export type ChangeBatchListener = (batch: ChangeBatch) => void

const tableDataTag = 0x10

function tableOf(key: Uint8Array, catalog: Catalog): Table | undefined {
  if (key[0] !== tableDataTag || key.length < 5) return undefined
  const oid = new DataView(key.buffer, key.byteOffset + 1, 4).getUint32(0)
  const table = catalog.findTableByOid(oid)
  return table !== undefined && tablePrefix(table).length === 5 ? table : undefined
}

export function toChangeBatch(event: ChangeEvent, catalog: Catalog): ChangeBatch {
  const changes: RowChange[] = []
  for (const change of event.changes) {
    const table = tableOf(change.key, catalog)
    if (table === undefined) continue
    const types = table.columns.map((column) => column.type)
    const oldRow = change.before === undefined ? undefined : decodeRow(change.before, types)
    const newRow = change.after === undefined ? undefined : decodeRow(change.after, types)
    const kind = oldRow === undefined ? 'insert' : newRow === undefined ? 'delete' : 'update'
    changes.push({
      schema: table.schema,
      table: table.name,
      tableOid: table.oid,
      kind,
      oldRow,
      newRow,
    })
  }
  return {
    lsn: event.lsn,
    commitTime: new Date(event.commitTimeMs),
    transactionId: event.transactionId,
    changes,
  }
}
