/**
 * requireAdminKey: lets a request through only when it presents the admin key, as
 * `Authorization: Bearer <key>` or `apikey: <key>`. Supabase clients send both headers; the
 * request passes when either holds the key. Keys are compared in constant time.
 */
import type { MiddlewareHandler } from 'hono'
import { secretEquals } from '../../credentials.js'
import { ApiError } from '../../errors/index.js'

const bearerPattern = /^Bearer[ \t]+(\S+)[ \t]*$/i

export function requireAdminKey(adminKey: string): MiddlewareHandler {
  return async function checkAdminKey(c, next) {
    const presented: string[] = []
    const authorization = c.req.header('authorization')
    const bearer = authorization === undefined ? undefined : bearerPattern.exec(authorization)?.[1]
    if (bearer !== undefined) presented.push(bearer)
    const apiKey = c.req.header('apikey')
    if (apiKey !== undefined && apiKey !== '') presented.push(apiKey)
    if (presented.length === 0) {
      throw new ApiError('BKG-AUTH01', 'this operation needs the admin key', {
        hint: 'Send "Authorization: Bearer <key>" or "apikey: <key>"; bkg-db start prints the key.',
      })
    }
    // Every presented key is compared, so the time taken does not reveal which one matched.
    const matches = presented.map((key) => secretEquals(key, adminKey))
    if (!matches.includes(true)) {
      throw new ApiError('BKG-AUTH02', 'the API key is not the admin key')
    }
    await next()
  }
}
