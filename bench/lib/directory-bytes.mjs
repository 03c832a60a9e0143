// Bytes on disk under a directory: the sum of its regular files' sizes (apparent size, as
// `du --apparent-size -b`), recursing into subdirectories up to a fixed depth.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const depthMax = 8

export function directoryBytes(directory, depth = 0) {
  if (depth > depthMax) throw new Error(`${directory}: deeper than ${depthMax} levels`)
  let total = 0
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) total += directoryBytes(path, depth + 1)
    else if (entry.isFile()) total += statSync(path).size
  }
  return total
}

/** Size of one file, 0 when it does not exist. */
export function fileBytes(path) {
  try {
    return statSync(path).size
  } catch (error) {
    if (error?.code === 'ENOENT') return 0
    throw error
  }
}
