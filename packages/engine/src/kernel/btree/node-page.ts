/**
 * NodePage: a view over the body of one B+tree leaf or interior page. Both are slotted pages: a
 * slot array of cell offsets in key order grows up from the header, the cells grow down from the
 * end, and the free space lies between them. Removing a cell leaves a hole that is reclaimed by
 * compacting the cell area when an insert needs the room.
 *
 * Body format, version 1 (integers big-endian; `bodyBytes` is the PageStore's pageBodyBytes):
 *
 *   offset  size   field
 *   0       1      kind: 0x01 leaf, 0x02 interior (0x00, a zeroed page, is never valid)
 *   1       1      format version: 0x01
 *   2       2      cellCount
 *   4       2      cellAreaStart: offset of the lowest cell byte; cells lie in [cellAreaStart, bodyBytes)
 *   6       2      fragmentedBytes: bytes inside the cell area that belong to no cell
 *   8       2 × n  slot array: slot i holds the offset of cell i; slots are in key order
 *   ...            free space, up to cellAreaStart
 *   ...            cells, in any physical order
 *
 * Every cell starts with the same six bytes, so keys are found the same way in both kinds:
 *
 *   0       2      keyLength (at most btreeKeyBytesMax)
 *   2       4      leaf: valueLength, the whole value's length (at most valueBytesMax)
 *                  interior: the child's page number
 *   6       k      key
 *   leaf only:     the value itself when valueLength ≤ btreeInlineValueBytesMax, else a u32:
 *                  the first page of the value's overflow chain (overflow-chain.ts)
 *
 * An interior page with cells (child_0, key_0) … (child_n-1, key_n-1) routes a key K to the
 * child i with key_i ≤ K < key_i+1: key_i is the least key child i's subtree may hold. Cell 0's
 * lower bound is the parent's, so key_0 is always empty.
 *
 * Validity: kind and version as above; 8 + 2 × cellCount ≤ cellAreaStart ≤ bodyBytes; every cell
 * lies inside the cell area; cells do not overlap and their sizes plus fragmentedBytes add up to
 * bodyBytes − cellAreaStart; keys strictly increase by slot; an interior page has at least one
 * cell and an empty key_0. `NodePage.read` checks the header and every cell access checks that
 * cell's bounds, so a corrupt page raises InternalError instead of returning garbage;
 * `verifyLayout` checks the rest (overlaps, totals, order) for verifyBtree.
 */
import { assert } from '../../lib/assert.js'
import { btreeInlineValueBytesMax, btreeKeyBytesMax, valueBytesMax } from '../../limits.js'

const kindLeaf = 0x01
const kindInterior = 0x02
const formatVersion = 0x01
const headerBytes = 8
const slotBytes = 2
/** Bytes before the key in every cell: keyLength (u16) and valueLength or child (u32). */
const cellHeaderBytes = 6
const overflowReferenceBytes = 4

/**
 * Deepest tree accepted. A non-root interior page has at least two children and page numbers
 * have 32 bits, so a valid tree has fewer than 2^32 leaves and at most 33 levels. Every descent
 * asserts it, so a cycle in corrupt pages ends in InternalError, not a hang.
 */
export const btreeDepthMax = 33

/** Bytes of a page body that cells and slots may use. */
export function nodeCapacityBytes(bodyBytes: number): number {
  return bodyBytes - headerBytes
}

/** Where a leaf cell keeps its value: inline in the cell, or in an overflow chain. */
export type LeafValue =
  | { readonly kind: 'Inline'; readonly bytes: Uint8Array }
  | { readonly kind: 'Overflow'; readonly length: number; readonly firstPageNumber: number }

export class NodePage {
  readonly bytes: Uint8Array
  readonly pageNumber: number
  readonly isLeaf: boolean

  private constructor(bytes: Uint8Array, pageNumber: number, isLeaf: boolean) {
    this.bytes = bytes
    this.pageNumber = pageNumber
    this.isLeaf = isLeaf
  }

  /** A view over an existing node page; checks the header (format rule above). */
  static read(bytes: Uint8Array, pageNumber: number): NodePage {
    const kind = bytes[0]
    checkPage(kind === kindLeaf || kind === kindInterior, pageNumber, 'is a B+tree node')
    checkPage(bytes[1] === formatVersion, pageNumber, 'has node format version 1')
    const page = new NodePage(bytes, pageNumber, kind === kindLeaf)
    const count = page.cellCount
    const start = page.#cellAreaStart
    checkPage(headerBytes + slotBytes * count <= start, pageNumber, 'slots end before cells')
    checkPage(start <= bytes.length, pageNumber, 'cell area starts inside the page')
    checkPage(
      page.#fragmentedBytes <= bytes.length - start,
      pageNumber,
      'fragmented bytes lie inside the cell area',
    )
    checkPage(page.isLeaf || count > 0, pageNumber, 'an interior page has a child')
    return page
  }

  /** Formats `bytes` as an empty node page (an interior page must get a cell before use). */
  static format(bytes: Uint8Array, pageNumber: number, isLeaf: boolean): NodePage {
    assert(bytes.length <= 0xffff, 'node offsets fit in 16 bits')
    bytes[0] = isLeaf ? kindLeaf : kindInterior
    bytes[1] = formatVersion
    const page = new NodePage(bytes, pageNumber, isLeaf)
    page.#setHeader(0, bytes.length, 0)
    return page
  }

  get cellCount(): number {
    return readUint16(this.bytes, 2)
  }

  get #cellAreaStart(): number {
    return readUint16(this.bytes, 4)
  }

  get #fragmentedBytes(): number {
    return readUint16(this.bytes, 6)
  }

  /** Bytes held by the header, slots and cells. */
  get usedBytes(): number {
    return this.bytes.length - this.#freeBytes()
  }

  /**
   * Offset of cell `index`, after checking that its header and key lie inside the cell area.
   * Enough for comparing keys (the hot path of every search); code that reads past the key
   * uses #cellOffset, which checks the whole cell.
   */
  #keyCellOffset(index: number): number {
    const bytes = this.bytes
    checkPage(index >= 0 && index < this.cellCount, this.pageNumber, 'cell index in range')
    const offset = readUint16(bytes, headerBytes + slotBytes * index)
    const keyLength = readUint16(bytes, offset)
    checkPage(
      offset >= this.#cellAreaStart &&
        keyLength <= btreeKeyBytesMax &&
        offset + cellHeaderBytes + keyLength <= bytes.length,
      this.pageNumber,
      'a cell and its key lie inside the cell area',
    )
    return offset
  }

  /** Offset of cell `index`, after checking that the whole cell lies inside the cell area. */
  #cellOffset(index: number): number {
    const offset = this.#keyCellOffset(index)
    const size = this.#cellSizeAt(offset)
    checkPage(offset + size <= this.bytes.length, this.pageNumber, 'a cell lies inside the page')
    return offset
  }

  #cellSizeAt(offset: number): number {
    const keyLength = readUint16(this.bytes, offset)
    checkPage(keyLength <= btreeKeyBytesMax, this.pageNumber, 'key length within limit')
    if (!this.isLeaf) return cellHeaderBytes + keyLength
    const valueLength = readUint32(this.bytes, offset + 2)
    checkPage(valueLength <= valueBytesMax, this.pageNumber, 'value length within limit')
    return cellHeaderBytes + keyLength + storedValueBytes(valueLength)
  }

  /** Compares key `index` with `key`: negative, zero or positive as compareBytes. */
  compareKey(index: number, key: Uint8Array): number {
    const bytes = this.bytes
    const offset = this.#keyCellOffset(index)
    const length = readUint16(bytes, offset)
    const start = offset + cellHeaderBytes
    const shared = length < key.length ? length : key.length
    // Both ranges were bounds-checked above, so the indexed reads are numbers.
    for (let i = 0; i < shared; i++) {
      const difference = (bytes[start + i] as number) - (key[i] as number)
      if (difference !== 0) return difference
    }
    return length - key.length
  }

  /** A copy of key `index`. */
  keyAt(index: number): Uint8Array {
    const offset = this.#keyCellOffset(index)
    const start = offset + cellHeaderBytes
    return this.bytes.slice(start, start + readUint16(this.bytes, offset))
  }

  /** The first index whose key is ≥ `key` (or > `key` when `isStrict`); cellCount if none. */
  lowerBound(key: Uint8Array, isStrict = false): number {
    let low = 0
    let high = this.cellCount
    while (low < high) {
      const middle = (low + high) >>> 1
      const order = this.compareKey(middle, key)
      if (order < 0 || (isStrict && order === 0)) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Interior: the child whose subtree holds `key` (the last i with key_i ≤ key), or with
   * `isStrict` the last i with key_i < key, which is where the greatest key below `key` lies. */
  childIndexFor(key: Uint8Array, isStrict = false): number {
    assert(!this.isLeaf, 'only interior pages route keys')
    let low = 1
    let high = this.cellCount
    while (low < high) {
      const middle = (low + high) >>> 1
      const order = this.compareKey(middle, key)
      if (order < 0 || (!isStrict && order === 0)) low = middle + 1
      else high = middle
    }
    return low - 1
  }

  childAt(index: number): number {
    assert(!this.isLeaf, 'only interior cells have children')
    return readUint32(this.bytes, this.#cellOffset(index) + 2)
  }

  setChildAt(index: number, pageNumber: number): void {
    assert(!this.isLeaf, 'only interior cells have children')
    assert(pageNumber >= 0 && pageNumber <= 0xffff_ffff, 'page numbers fit in 32 bits')
    writeUint32(this.bytes, this.#cellOffset(index) + 2, pageNumber)
  }

  /** Leaf: where value `index` lives; an inline value is copied out. */
  valueAt(index: number): LeafValue {
    assert(this.isLeaf, 'only leaf cells have values')
    const offset = this.#cellOffset(index)
    const length = readUint32(this.bytes, offset + 2)
    const start = offset + cellHeaderBytes + readUint16(this.bytes, offset)
    if (length <= btreeInlineValueBytesMax) {
      return { kind: 'Inline', bytes: this.bytes.slice(start, start + length) }
    }
    return { kind: 'Overflow', length, firstPageNumber: readUint32(this.bytes, start) }
  }

  /**
   * Leaf: the offset in `bytes` of cell `index` when its value is inline (the key then lies in
   * bytes[offset + cellKeyOffset, + keyLength) and the value right after it, up to
   * inlineCellEnd), or -1 when the value lives in an overflow chain. For batched reads that
   * take no views.
   */
  inlineCellOffset(index: number): number {
    assert(this.isLeaf, 'only leaf cells have values')
    const offset = this.#cellOffset(index)
    return readUint32(this.bytes, offset + 2) <= btreeInlineValueBytesMax ? offset : -1
  }

  /** Leaf: the overflow chain of value `index`, if it has one (without copying inline values). */
  overflowAt(index: number): { length: number; firstPageNumber: number } | undefined {
    assert(this.isLeaf, 'only leaf cells have values')
    const offset = this.#cellOffset(index)
    const length = readUint32(this.bytes, offset + 2)
    if (length <= btreeInlineValueBytesMax) return undefined
    const start = offset + cellHeaderBytes + readUint16(this.bytes, offset)
    return { length, firstPageNumber: readUint32(this.bytes, start) }
  }

  /** A view of cell `index`'s bytes; valid only until this page changes. */
  cellAt(index: number): Uint8Array {
    const offset = this.#cellOffset(index)
    return this.bytes.subarray(offset, offset + this.#cellSizeAt(offset))
  }

  /** Copies of every cell, for splits and rebalancing (which rewrite the page they come from). */
  copyCells(): Uint8Array[] {
    const count = this.cellCount
    const start = this.#cellAreaStart
    const area = this.bytes.slice(start)
    const cells: Uint8Array[] = []
    for (let index = 0; index < count; index++) {
      const offset = this.#cellOffset(index)
      cells.push(area.subarray(offset - start, offset - start + this.#cellSizeAt(offset)))
    }
    return cells
  }

  /** Inserts `cell` as cell `index`; false (page unchanged) when it does not fit. */
  insertCell(index: number, cell: Uint8Array): boolean {
    const count = this.cellCount
    checkPage(index >= 0 && index <= count, this.pageNumber, 'insert position in range')
    this.#assertCellShape(cell)
    if (cell.length + slotBytes > this.#freeBytes()) return false
    if (cell.length + slotBytes > this.#contiguousFreeBytes()) this.#compact()
    const offset = this.#cellAreaStart - cell.length
    this.bytes.set(cell, offset)
    const slot = headerBytes + slotBytes * index
    this.bytes.copyWithin(slot + slotBytes, slot, headerBytes + slotBytes * count)
    writeUint16(this.bytes, slot, offset)
    this.#setHeader(count + 1, offset, this.#fragmentedBytes)
    return true
  }

  /** Overwrites cell `index` with `cell` when both have the same size; false otherwise. */
  replaceCellInPlace(index: number, cell: Uint8Array): boolean {
    const offset = this.#cellOffset(index)
    if (this.#cellSizeAt(offset) !== cell.length) return false
    this.#assertCellShape(cell)
    this.bytes.set(cell, offset)
    return true
  }

  removeCell(index: number): void {
    const count = this.cellCount
    const offset = this.#cellOffset(index)
    const size = this.#cellSizeAt(offset)
    const slot = headerBytes + slotBytes * index
    this.bytes.copyWithin(slot, slot + slotBytes, headerBytes + slotBytes * count)
    if (count === 1) this.#setHeader(0, this.bytes.length, 0)
    else if (offset === this.#cellAreaStart) {
      this.#setHeader(count - 1, offset + size, this.#fragmentedBytes)
    } else this.#setHeader(count - 1, this.#cellAreaStart, this.#fragmentedBytes + size)
  }

  /** Replaces the page's cells by `cells` (which must not be views into this page). */
  writeCells(cells: readonly Uint8Array[]): void {
    let offset = this.bytes.length
    assert(
      headerBytes + cellsBytes(cells) <= this.bytes.length,
      `page ${this.pageNumber}: cells fit`,
    )
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index] as Uint8Array
      assert(cell.buffer !== this.bytes.buffer, 'cells written to a page are not views into it')
      this.#assertCellShape(cell)
      offset -= cell.length
      this.bytes.set(cell, offset)
      writeUint16(this.bytes, headerBytes + slotBytes * index, offset)
    }
    this.#setHeader(cells.length, offset, 0)
  }

  /** Checks what `read` does not: cells within bounds, no overlaps, exact accounting, key order,
   * and an interior page's empty key_0. Throws InternalError on the first violation. */
  verifyLayout(): void {
    const count = this.cellCount
    const extents: { offset: number; size: number }[] = []
    for (let index = 0; index < count; index++) {
      const offset = this.#cellOffset(index)
      extents.push({ offset, size: this.#cellSizeAt(offset) })
      if (index > 0) {
        const previous = this.keyAt(index - 1)
        checkPage(this.compareKey(index, previous) > 0, this.pageNumber, 'keys increase')
      }
    }
    extents.sort((a, b) => a.offset - b.offset)
    let cellBytes = 0
    for (let index = 0; index < extents.length; index++) {
      const extent = extents[index] as { offset: number; size: number }
      const next = extents[index + 1]
      assert(
        next === undefined || extent.offset + extent.size <= next.offset,
        `page ${this.pageNumber}: cells do not overlap`,
      )
      cellBytes += extent.size
    }
    assert(
      cellBytes + this.#fragmentedBytes === this.bytes.length - this.#cellAreaStart,
      `page ${this.pageNumber}: cell area accounting adds up`,
    )
    if (!this.isLeaf) {
      checkPage(this.keyAt(0).length === 0, this.pageNumber, 'an interior key_0 is empty')
    }
  }

  #freeBytes(): number {
    return this.#contiguousFreeBytes() + this.#fragmentedBytes
  }

  #contiguousFreeBytes(): number {
    return this.#cellAreaStart - headerBytes - slotBytes * this.cellCount
  }

  /** Moves every cell to the end of the page, so all free space is contiguous. */
  #compact(): void {
    const cells = this.copyCells()
    let offset = this.bytes.length
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index] as Uint8Array
      offset -= cell.length
      this.bytes.set(cell, offset)
      writeUint16(this.bytes, headerBytes + slotBytes * index, offset)
    }
    this.#setHeader(cells.length, offset, 0)
  }

  #setHeader(count: number, cellAreaStart: number, fragmentedBytes: number): void {
    writeUint16(this.bytes, 2, count)
    writeUint16(this.bytes, 4, cellAreaStart)
    writeUint16(this.bytes, 6, fragmentedBytes)
  }

  /** A cell's size must agree with its own header, or the page would lose track of it. */
  #assertCellShape(cell: Uint8Array): void {
    assert(cell.length >= cellHeaderBytes, 'a cell holds at least its header')
    const keyLength = readUint16(cell, 0)
    const expected = this.isLeaf
      ? cellHeaderBytes + keyLength + storedValueBytes(readUint32(cell, 2))
      : cellHeaderBytes + keyLength
    checkPage(cell.length === expected, this.pageNumber, 'a new cell is well formed')
  }
}

/**
 * assert() that builds its message, naming the page, only on failure: these checks run on every
 * key comparison, and a template string per call would cost more than the comparison.
 */
export function checkPage(
  condition: boolean,
  pageNumber: number,
  message: string,
): asserts condition {
  if (!condition) assert(false, `page ${pageNumber}: ${message}`)
}

/** Bytes a leaf cell spends on a value of `valueLength` bytes. */
function storedValueBytes(valueLength: number): number {
  return valueLength <= btreeInlineValueBytesMax ? valueLength : overflowReferenceBytes
}

/** Bytes `cells` take on a page, slots included. */
export function cellsBytes(cells: readonly Uint8Array[]): number {
  let total = 0
  for (const cell of cells) total += cell.length + slotBytes
  return total
}

/** Bytes one cell takes on a page, its slot included. */
export function cellPageBytes(cell: Uint8Array): number {
  return cell.length + slotBytes
}

/** The largest leaf cell: a maximal key and a maximal inline value. */
/** Where the key of the cell at `offset` starts. */
export const cellKeyOffset = cellHeaderBytes

/** Length of the key of the cell at `offset`. */
export function cellKeyLength(bytes: Uint8Array, offset: number): number {
  return readUint16(bytes, offset)
}

/** End of the inline value of the leaf cell at `offset` (NodePage.inlineCellOffset). */
export function inlineCellEnd(bytes: Uint8Array, offset: number): number {
  return offset + cellHeaderBytes + readUint16(bytes, offset) + readUint32(bytes, offset + 2)
}

export const leafCellBytesMax = cellHeaderBytes + btreeKeyBytesMax + btreeInlineValueBytesMax

export function encodeLeafCell(key: Uint8Array, value: LeafValue): Uint8Array {
  const length = value.kind === 'Inline' ? value.bytes.length : value.length
  return encodeLeafCellInto(
    new Uint8Array(cellHeaderBytes + key.length + storedValueBytes(length)),
    key,
    value,
  )
}

/**
 * The cell as a view of `scratch` (at least leafCellBytesMax bytes), for a cell that is copied
 * into a page before the scratch is used again: it spares an allocation per put (a cell is
 * usually larger than V8 keeps on the heap, lib/bytes.ts).
 */
export function encodeLeafCellInto(
  scratch: Uint8Array,
  key: Uint8Array,
  value: LeafValue,
): Uint8Array {
  const length = value.kind === 'Inline' ? value.bytes.length : value.length
  assert(key.length <= btreeKeyBytesMax, 'leaf keys are within the limit')
  assert(
    (value.kind === 'Inline') === length <= btreeInlineValueBytesMax,
    'values are inline exactly when they are small',
  )
  const size = cellHeaderBytes + key.length + storedValueBytes(length)
  assert(size <= scratch.length, 'the cell fits its buffer')
  const cell = size === scratch.length ? scratch : scratch.subarray(0, size)
  writeUint16(cell, 0, key.length)
  writeUint32(cell, 2, length)
  cell.set(key, cellHeaderBytes)
  if (value.kind === 'Inline') cell.set(value.bytes, cellHeaderBytes + key.length)
  else writeUint32(cell, cellHeaderBytes + key.length, value.firstPageNumber)
  return cell
}

export function encodeInteriorCell(childPageNumber: number, key: Uint8Array): Uint8Array {
  assert(key.length <= btreeKeyBytesMax, 'separator keys are within the limit')
  assert(Number.isInteger(childPageNumber) && childPageNumber >= 0, 'child is a page number')
  assert(childPageNumber <= 0xffff_ffff, 'page numbers fit in 32 bits')
  const cell = new Uint8Array(cellHeaderBytes + key.length)
  writeUint16(cell, 0, key.length)
  writeUint32(cell, 2, childPageNumber)
  cell.set(key, cellHeaderBytes)
  return cell
}

/** The key of a standalone cell (a view). */
export function cellKey(cell: Uint8Array): Uint8Array {
  const keyLength = readUint16(cell, 0)
  return cell.subarray(cellHeaderBytes, cellHeaderBytes + keyLength)
}

/** The child of a standalone interior cell. */
export function cellChild(cell: Uint8Array): number {
  return readUint32(cell, 2)
}

// Big-endian integers at offsets the callers have checked (the header, or a cell whose extent
// was asserted), so the indexed reads are numbers.
function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number)
}

function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset] as number) * 0x100_0000 +
    (((bytes[offset + 1] as number) << 16) |
      ((bytes[offset + 2] as number) << 8) |
      (bytes[offset + 3] as number))
  )
}

function writeUint16(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 8
  bytes[offset + 1] = value & 0xff
}

function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24
  bytes[offset + 1] = (value >>> 16) & 0xff
  bytes[offset + 2] = (value >>> 8) & 0xff
  bytes[offset + 3] = value & 0xff
}

/**
 * The shortest key s with left < s ≤ right: a prefix of `right` one byte longer than the prefix
 * both share. Leaf splits put it in the parent instead of `right`, so keys with long common
 * prefixes still leave room for many children per interior page (suffix truncation).
 */
export function shortestSeparator(left: Uint8Array, right: Uint8Array): Uint8Array {
  const shared = Math.min(left.length, right.length)
  let prefix = 0
  while (prefix < shared && left[prefix] === right[prefix]) prefix++
  assert(prefix < right.length, 'the left key is below the right key')
  assert(
    prefix === left.length || (left[prefix] ?? 0) < (right[prefix] ?? 0),
    'the left key is below the right key',
  )
  return right.slice(0, prefix + 1)
}
