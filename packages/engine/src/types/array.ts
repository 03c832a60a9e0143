/**
 * SQL array values: PostgreSQL arrays are multi-dimensional with per-dimension lower bounds
 * (default 1). Elements are stored flat in row-major order; an empty array has no dimensions.
 * The element type is static (the array's SqlType.element), not stored in the value.
 */
import type { Value } from './value.js'

export class SqlArray {
  readonly elements: readonly Value[]
  /** Length of each dimension; [] for an empty array. */
  readonly dimensions: readonly number[]
  /** Lower bound of each dimension (1 unless given as '[0:2]={...}'). */
  readonly lowerBounds: readonly number[]

  constructor(
    elements: readonly Value[],
    dimensions: readonly number[] = elements.length === 0 ? [] : [elements.length],
    lowerBounds: readonly number[] = dimensions.map(() => 1),
  ) {
    this.elements = elements
    this.dimensions = dimensions
    this.lowerBounds = lowerBounds
  }
}
