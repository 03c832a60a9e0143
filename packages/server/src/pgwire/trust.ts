/**
 * `pg.trust`: client addresses allowed in without a password (PostgreSQL's `trust` method in
 * pg_hba.conf), as CIDR blocks such as "127.0.0.1/32" or "::1/128". Empty by default: every
 * client authenticates with SCRAM-SHA-256.
 */
import { BlockList, isIP } from 'node:net'

/** Whether `text` is an IPv4 or IPv6 CIDR block (address/prefix). */
export function isCidr(text: string): boolean {
  return parseCidr(text) !== undefined
}

/** A predicate telling whether a socket's remote address lies in one of `cidrs`. */
export function trustedAddresses(cidrs: readonly string[]): (address: string) => boolean {
  if (cidrs.length === 0) return () => false
  const list = new BlockList()
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr)
    if (parsed === undefined) throw new Error(`invalid CIDR block "${cidr}"`)
    list.addSubnet(parsed.address, parsed.prefix, parsed.family)
  }
  return (address) => {
    // An IPv4 client of a dual-stack listener shows as ::ffff:a.b.c.d.
    const plain =
      address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
    const family = isIP(plain)
    if (family === 0) return false
    return list.check(plain, family === 4 ? 'ipv4' : 'ipv6')
  }
}

function parseCidr(
  text: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const slash = text.indexOf('/')
  const address = slash < 0 ? text : text.slice(0, slash)
  const family = isIP(address)
  if (family === 0) return undefined
  const bits = family === 4 ? 32 : 128
  const prefixText = slash < 0 ? String(bits) : text.slice(slash + 1)
  if (!/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > bits) return undefined
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' }
}
