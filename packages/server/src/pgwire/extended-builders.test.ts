/**
 * Builders of the extended query protocol's frontend messages for tests (this file holds no
 * tests itself): Parse, Bind (text or binary parameters, format codes), Describe, Execute,
 * Close, Sync and Query, as a driver would send them.
 */
import { cstring, frontendMessage, int32 } from './test-doubles.test.js'

export function int16(value: number): Buffer {
  const bytes = Buffer.alloc(2)
  bytes.writeInt16BE(value, 0)
  return bytes
}

export const parse = (name: string, sql: string, types: number[] = []): Buffer =>
  frontendMessage(
    'P',
    Buffer.concat([cstring(name), cstring(sql), int16(types.length), ...types.map(int32)]),
  )

export function bind(
  portal: string,
  statement: string,
  params: (string | Buffer | null)[] = [],
  options: { paramFormats?: number[]; resultFormats?: number[] } = {},
): Buffer {
  const paramFormats = options.paramFormats ?? []
  const resultFormats = options.resultFormats ?? []
  return frontendMessage(
    'B',
    Buffer.concat([
      cstring(portal),
      cstring(statement),
      int16(paramFormats.length),
      ...paramFormats.map(int16),
      int16(params.length),
      ...params.map((param) => {
        if (param === null) return int32(-1)
        const bytes = typeof param === 'string' ? Buffer.from(param, 'utf8') : param
        return Buffer.concat([int32(bytes.length), bytes])
      }),
      int16(resultFormats.length),
      ...resultFormats.map(int16),
    ]),
  )
}

export const describeMessage = (target: 'S' | 'P', name: string): Buffer =>
  frontendMessage('D', Buffer.concat([Buffer.from(target), cstring(name)]))
export const execute = (portal: string, maxRows = 0): Buffer =>
  frontendMessage('E', Buffer.concat([cstring(portal), int32(maxRows)]))
export const close = (target: 'S' | 'P', name: string): Buffer =>
  frontendMessage('C', Buffer.concat([Buffer.from(target), cstring(name)]))
export const sync = (): Buffer => frontendMessage('S')
export const query = (sql: string): Buffer => frontendMessage('Q', cstring(sql))
