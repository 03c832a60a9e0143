/**
 * UTF-8 for the json family's binary forms: what a client sends must be valid UTF-8 without
 * NUL, or it is 22021 as PostgreSQL's encoding check reports it.
 */
import { SqlError, SqlState } from '../../errors/index.js'

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text)
}

/** Length of the sequence a lead byte starts (1 for a byte that cannot lead one). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2
  if (lead >= 0xe0 && lead <= 0xef) return 3
  if (lead >= 0xf0 && lead <= 0xf4) return 4
  return 1
}

function invalidSequence(bytes: Uint8Array, at: number): SqlError {
  const length = Math.min(sequenceLength(bytes[at] ?? 0), bytes.length - at)
  const shown = [...bytes.subarray(at, at + length)]
    .map((byte) => `0x${byte.toString(16).padStart(2, '0')}`)
    .join(' ')
  return new SqlError(
    SqlState.characterNotInRepertoire,
    `invalid byte sequence for encoding "UTF8": ${shown}`,
  )
}

/** Position of the first malformed sequence, or -1. */
function firstMalformed(bytes: Uint8Array): number {
  let at = 0
  while (at < bytes.length) {
    const lead = bytes[at] ?? 0
    if (lead < 0x80) {
      at++
      continue
    }
    const length = sequenceLength(lead)
    try {
      decoder.decode(bytes.subarray(at, at + length))
    } catch {
      return at
    }
    at += length
  }
  return -1
}

/** Decodes UTF-8 text, rejecting NUL and malformed sequences with PostgreSQL's 22021 (the
 * first problem in the bytes is the one reported). */
export function decodeUtf8Text(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0)
  let text: string | undefined
  try {
    text = decoder.decode(bytes)
  } catch {
    text = undefined
  }
  const malformed = text === undefined ? Math.max(0, firstMalformed(bytes)) : -1
  const bad = [nul, malformed].filter((at) => at >= 0)
  if (bad.length > 0) throw invalidSequence(bytes, Math.min(...bad))
  return text ?? ''
}
