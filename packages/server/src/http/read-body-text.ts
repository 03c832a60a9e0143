/**
 * readBodyText: the request body as text, or ApiError BKG-HTTP09 when it cannot be read
 * (the client disconnected halfway, or sent broken chunked encoding). That is the client's
 * doing, so it is answered like bad input rather than logged as a server failure.
 */
import type { Context } from 'hono'
import { ApiError } from '../errors/index.js'

export async function readBodyText(c: Context): Promise<string> {
  try {
    return await c.req.text()
  } catch (error: unknown) {
    throw new ApiError(
      'BKG-HTTP09',
      'the request body could not be read',
      { details: error instanceof Error ? error.message : String(error) },
      { cause: error },
    )
  }
}
