// Deterministic row contents: every workload and check derives a row's values from its id, so
// a reader can verify what it reads without keeping a copy, and every peer gets the same data.
//
// Benchmark table (durable workloads):  t (id int PRIMARY KEY, name text, amount int, active bool)
//   name   'customer-<id>-<8 pseudo-random letters>'   (about 25 bytes)
//   amount a pseudo-random integer in [0, 1,000,000)
//   active every third id

/** A 32-bit integer hash (the finaliser of MurmurHash3): well mixed, cheap, deterministic. */
export function hash32(value) {
  let h = value | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const letters = 'abcdefghijklmnopqrstuvwxyz'

/** `length` pseudo-random lowercase letters determined by `seed`. */
export function letterString(seed, length) {
  let out = ''
  let state = hash32(seed)
  for (let i = 0; i < length; i++) {
    state = hash32(state + i + 1)
    out += letters[state % 26]
  }
  return out
}

export function rowName(id) {
  return `customer-${id}-${letterString(id, 8)}`
}

export function rowAmount(id) {
  return hash32(id ^ 0x5bd1e995) % 1_000_000
}

export function rowActive(id) {
  return id % 3 === 0
}

/** The row as the benchmark table stores it: [id, name, amount, active]. */
export function benchRow(id) {
  return [id, rowName(id), rowAmount(id), rowActive(id)]
}

export const benchTableSql =
  'CREATE TABLE t (id int PRIMARY KEY, name text, amount int, active bool)'

/** `INSERT INTO <table> VALUES ($1, $2, $3, $4), ($5, ...)` for `rows` rows of 4 columns. */
export function insertStatement(table, rows, columns = 4) {
  const groups = []
  for (let row = 0; row < rows; row++) {
    const slots = []
    for (let column = 1; column <= columns; column++) slots.push(`$${row * columns + column}`)
    groups.push(`(${slots.join(', ')})`)
  }
  return `INSERT INTO ${table} VALUES ${groups.join(', ')}`
}

/** The ids 0..count-1 visited in a fixed scattered order (a multiplicative walk mod count). */
export function scatteredId(index, count) {
  // 2654435761 is odd and, for the counts used here, coprime with them often enough; the walk
  // only needs to be scattered, not a permutation.
  return Number((BigInt(index) * 2654435761n) % BigInt(count))
}
