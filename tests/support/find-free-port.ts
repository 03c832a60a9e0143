/**
 * findFreePort: a TCP port on 127.0.0.1 that nothing listens on right now, found by binding
 * port 0 and closing again. Another process could take it before the server binds it; on a
 * test machine that race is rare enough, and the server then fails loudly (exit 2).
 */
import { createServer } from 'node:net'

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        server.close()
        reject(new Error('no TCP address'))
        return
      }
      server.close(() => resolve(address.port))
    })
  })
}
