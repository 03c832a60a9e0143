/**
 * The built-in window functions (pg_proc entries with prokind 'w'): their names and signatures,
 * for the binder to resolve calls with the ordinary rules (polymorphic `anyelement`, and
 * `anycompatible` for lag/lead with a default). They have no `evaluate`: a window function reads
 * its whole partition, so the executor computes each by name (sql/execute/run-window.ts).
 * Aggregates used with OVER are the ordinary aggregates of the registry.
 */
import type { SqlType } from '../../types/index.js'
import type { ArgType } from './registry.js'

export type WindowFunctionName =
  | 'row_number'
  | 'rank'
  | 'dense_rank'
  | 'percent_rank'
  | 'cume_dist'
  | 'ntile'
  | 'lag'
  | 'lead'
  | 'first_value'
  | 'last_value'
  | 'nth_value'

export interface WindowFunctionDeclaration {
  readonly name: WindowFunctionName
  readonly args: readonly ArgType[]
  readonly returns: ArgType | ((argTypes: readonly SqlType[]) => SqlType)
}

const declarations: readonly WindowFunctionDeclaration[] = [
  { name: 'row_number', args: [], returns: 'int8' },
  { name: 'rank', args: [], returns: 'int8' },
  { name: 'dense_rank', args: [], returns: 'int8' },
  { name: 'percent_rank', args: [], returns: 'float8' },
  { name: 'cume_dist', args: [], returns: 'float8' },
  { name: 'ntile', args: ['int4'], returns: 'int4' },
  { name: 'lag', args: ['anyelement'], returns: 'anyelement' },
  { name: 'lag', args: ['anyelement', 'int4'], returns: 'anyelement' },
  { name: 'lag', args: ['anycompatible', 'int4', 'anycompatible'], returns: 'anycompatible' },
  { name: 'lead', args: ['anyelement'], returns: 'anyelement' },
  { name: 'lead', args: ['anyelement', 'int4'], returns: 'anyelement' },
  { name: 'lead', args: ['anycompatible', 'int4', 'anycompatible'], returns: 'anycompatible' },
  { name: 'first_value', args: ['anyelement'], returns: 'anyelement' },
  { name: 'last_value', args: ['anyelement'], returns: 'anyelement' },
  { name: 'nth_value', args: ['anyelement', 'int4'], returns: 'anyelement' },
]

/** Window functions by name (all live in pg_catalog). */
export const windowFunctions: ReadonlyMap<string, readonly WindowFunctionDeclaration[]> = (() => {
  const byName = new Map<string, WindowFunctionDeclaration[]>()
  for (const declaration of declarations) {
    const list = byName.get(declaration.name) ?? []
    list.push(declaration)
    byName.set(declaration.name, list)
  }
  return byName
})()
