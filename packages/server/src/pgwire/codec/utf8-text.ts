/** Text in protocol messages: UTF-8 only (client_encoding is always UTF8 here). */
import { SqlError, SqlState } from '@bkg-db/engine'

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Strict UTF-8 decoding: 22021 for bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, severity: 'ERROR' | 'FATAL'): string {
  try {
    return utf8.decode(bytes)
  } catch (error) {
    throw new SqlError(
      SqlState.characterNotInRepertoire,
      'invalid byte sequence for encoding "UTF8"',
      { severity },
      { cause: error },
    )
  }
}
