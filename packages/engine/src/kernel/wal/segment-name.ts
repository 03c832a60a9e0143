/**
 * WAL segment file names: the segment's start LSN as 16 hexadecimal digits, so names sort in
 * log order and say where they begin.
 */
export function segmentName(startLsn: number): string {
  return startLsn.toString(16).padStart(16, '0')
}

/** The start LSN of a segment file name, or undefined for other files. */
export function parseSegmentName(name: string): number | undefined {
  return /^[0-9a-f]{16}$/.test(name) ? Number.parseInt(name, 16) : undefined
}
