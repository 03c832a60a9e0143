/**
 * CRC-32C (Castagnoli), the checksum of pages and WAL records: better error detection than
 * CRC-32 for storage, and the one PostgreSQL, ext4 and iSCSI use. Table-driven, slicing by eight
 * bytes (eight tables of 256 entries, 8 KiB): every page read or written and every WAL record
 * is checksummed, and eight bytes per step run several times faster than one.
 */

const polynomial = 0x82f63b78

/** tables[k][n]: the CRC of byte n followed by k zero bytes. */
const tables = (() => {
  const all = new Uint32Array(8 * 256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ polynomial : c >>> 1
    all[n] = c >>> 0
  }
  for (let n = 0; n < 256; n++) {
    let c = all[n] as number
    for (let k = 1; k < 8; k++) {
      c = (all[c & 0xff] as number) ^ (c >>> 8)
      all[k * 256 + n] = c >>> 0
    }
  }
  return all
})()

/** CRC-32C of `bytes[start, end)`, continuing from `previous` (0 to start). */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length, previous = 0): number {
  const t = tables
  let crc = ~previous >>> 0
  let i = start
  // Indexed reads below stay inside [start, end) and the tables: they are numbers.
  for (; i + 8 <= end; i += 8) {
    crc ^=
      (bytes[i] as number) |
      ((bytes[i + 1] as number) << 8) |
      ((bytes[i + 2] as number) << 16) |
      ((bytes[i + 3] as number) << 24)
    crc =
      (t[1792 + (crc & 0xff)] as number) ^
      (t[1536 + ((crc >>> 8) & 0xff)] as number) ^
      (t[1280 + ((crc >>> 16) & 0xff)] as number) ^
      (t[1024 + (crc >>> 24)] as number) ^
      (t[768 + (bytes[i + 4] as number)] as number) ^
      (t[512 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number)
  }
  for (; i < end; i++) crc = (t[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8)
  return ~crc >>> 0
}
