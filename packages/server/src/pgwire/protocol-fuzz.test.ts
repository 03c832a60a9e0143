/**
 * Protocol fuzzing: random and mutated startup packets, SASL messages and post-authentication
 * messages against servers in front of the real engine. Asserts the server never crashes (no
 * unhandled error, the listener keeps accepting), never hangs (a health client gets `SELECT 1`
 * answered within a deadline after every batch of cases), drops every fuzzed connection in the
 * end, and keeps memory bounded.
 *
 *   FUZZ_CASES=5000 SEED=1234 node scripts/run-tests.mjs protocol-fuzz
 *
 * The seed is printed (as a test diagnostic) so a failing run can be replayed with SEED=.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Database } from '@bkg-db/engine'
import type { PgServer } from './index.js'
import {
  connectPostgres,
  cstring,
  frontendMessage,
  int32,
  RawClient,
  ScramClient,
  saslInitialResponse,
  startEngineServer,
  startServerFor,
  startupPacket,
} from './test-doubles.test.js'

const cases = Number(process.env['FUZZ_CASES'] ?? 300)
const seed = Number(process.env['SEED'] ?? Math.floor(Math.random() * 2 ** 31))
const caseDeadlineMs = 250
const healthDeadlineMs = 5000
const heapGrowthBytesMax = 256 * 1024 * 1024

/** mulberry32: small, seedable, good enough to pick mutations. */
function random(seedValue: number): () => number {
  let state = seedValue >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state)
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32
  }
}

type Phase = 'startup' | 'sasl' | 'ready'

class Fuzzer {
  readonly #next: () => number

  constructor(seedValue: number) {
    this.#next = random(seedValue)
  }

  int(limit: number): number {
    return Math.floor(this.#next() * limit)
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)]
    assert.ok(item !== undefined)
    return item
  }

  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(256)))
  }

  /** Flips, inserts, deletes or overwrites a few bytes; sometimes rewrites a length field. */
  mutate(message: Buffer): Buffer {
    let bytes = Buffer.from(message)
    const rounds = 1 + this.int(4)
    for (let round = 0; round < rounds; round++) {
      const at = this.int(Math.max(bytes.length, 1))
      switch (this.int(5)) {
        case 0:
          if (bytes.length > 0) bytes[at] = (bytes[at] ?? 0) ^ (1 << this.int(8))
          break
        case 1:
          bytes = Buffer.concat([
            bytes.subarray(0, at),
            this.bytes(1 + this.int(8)),
            bytes.subarray(at),
          ])
          break
        case 2:
          bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + this.int(8))])
          break
        case 3:
          if (bytes.length >= 5)
            bytes.writeInt32BE(
              this.pick([0, 3, 4, 7, -1, 0x7fff_ffff, 70_000, this.int(200)]),
              this.pick([0, 1]),
            )
          break
        default:
          bytes = bytes.subarray(0, at)
      }
    }
    return bytes
  }

  startupMessage(): Buffer {
    const valid = this.pick([
      startupPacket({ user: 'postgres', database: 'postgres' }),
      startupPacket({ user: 'postgres', options: '-c statement_timeout=100' }),
      Buffer.concat([int32(8), int32(80877103)]),
      Buffer.concat([int32(8), int32(80877104)]),
      Buffer.concat([int32(16), int32(80877102), int32(this.int(100)), int32(this.int(2 ** 31))]),
    ])
    return this.int(4) === 0 ? this.bytes(this.int(64)) : this.mutate(valid)
  }

  saslMessage(): Buffer {
    const client = new ScramClient('secret')
    const valid = this.pick([
      saslInitialResponse('SCRAM-SHA-256', client.first()),
      saslInitialResponse('SCRAM-SHA-256', 'n,,n=,r='),
      frontendMessage('p', Buffer.from('c=biws,r=abc,p=AAAA')),
      frontendMessage('p', cstring('secret')),
    ])
    return this.int(4) === 0 ? frontendMessage('p', this.bytes(this.int(80))) : this.mutate(valid)
  }

  readyMessage(): Buffer {
    const valid = this.pick([
      frontendMessage(
        'Q',
        cstring(this.pick(['SELECT 1', 'BEGIN', 'SELECT $1', ';', 'COMMIT', 'ROLLBACK'])),
      ),
      frontendMessage(
        'P',
        Buffer.concat([cstring('s'), cstring('SELECT $1::int'), Buffer.from([0, 1]), int32(23)]),
      ),
      frontendMessage(
        'B',
        Buffer.concat([
          cstring(''),
          cstring('s'),
          Buffer.from([0, 0, 0, 1]),
          int32(1),
          Buffer.from('7'),
          Buffer.from([0, 0]),
        ]),
      ),
      frontendMessage('D', Buffer.concat([Buffer.from('S'), cstring('s')])),
      frontendMessage('E', Buffer.concat([cstring(''), int32(0)])),
      frontendMessage('C', Buffer.concat([Buffer.from('P'), cstring('')])),
      frontendMessage('S'),
      frontendMessage('H'),
      frontendMessage('F', this.bytes(12)),
      frontendMessage('d', this.bytes(8)),
      frontendMessage('X'),
    ])
    if (this.int(5) === 0)
      return frontendMessage(String.fromCharCode(this.int(128)), this.bytes(this.int(40)))
    return this.int(2) === 0 ? valid : this.mutate(valid)
  }
}

let database: Database
let server: PgServer
let trusting: PgServer

before(async () => {
  ;({ database, server } = await startEngineServer())
  trusting = await startServerFor(database, {
    trust: ['127.0.0.0/8'],
    authenticationTimeoutMs: 2000,
  })
})

after(async () => {
  await Promise.all([server.close(), trusting.close()])
  await database.close()
})

/** Runs one case: connects, reaches `phase`, sends 1-4 fuzzed messages, reads until the deadline. */
async function runCase(fuzzer: Fuzzer): Promise<void> {
  const phase = fuzzer.pick<Phase>(['startup', 'sasl', 'ready', 'ready'])
  const client = await RawClient.connect(phase === 'ready' ? trusting.port : server.port)
  try {
    if (phase !== 'startup') {
      client.send(startupPacket({ user: 'postgres', database: 'postgres' }))
      await client.expect('R')
      if (phase === 'ready') await client.readUntil('Z')
    }
    const count = 1 + fuzzer.int(4)
    for (let index = 0; index < count; index++) {
      const message =
        phase === 'startup'
          ? fuzzer.startupMessage()
          : phase === 'sasl'
            ? fuzzer.saslMessage()
            : fuzzer.readyMessage()
      client.send(message)
    }
    // Whatever the server answers, or nothing: the deadline bounds the case, not the server.
    await Promise.race([
      client.ended,
      new Promise((resolve) => setTimeout(resolve, caseDeadlineMs)),
    ])
  } finally {
    client.socket.destroy()
  }
}

async function assertHealthy(): Promise<void> {
  const probe = connectPostgres(server.port).then(async (client) => {
    try {
      return (await client.query('SELECT 1 AS one')).rows
    } finally {
      await client.end()
    }
  })
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error('the server did not answer a health query in time')),
      healthDeadlineMs,
    ),
  )
  assert.deepEqual(await Promise.race([probe, timeout]), [{ one: 1 }])
}

describe('pgwire protocol fuzzing', () => {
  it(`survives ${cases} random and mutated message sequences`, async (t) => {
    t.diagnostic(`SEED=${seed} FUZZ_CASES=${cases}`)
    const heapBefore = process.memoryUsage().heapUsed
    const batch = 8
    for (let done = 0; done < cases; done += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, cases - done) }, (_, index) =>
          runCase(new Fuzzer(seed + done + index)),
        ),
      )
      if (done % (batch * 10) === 0) await assertHealthy()
    }
    await assertHealthy()
    const deadline = Date.now() + 10_000
    while (server.connectionCount + trusting.connectionCount > 0) {
      assert.ok(Date.now() < deadline, 'every fuzzed connection is closed in the end')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const growth = process.memoryUsage().heapUsed - heapBefore
    assert.ok(growth < heapGrowthBytesMax, `heap grew by ${growth} bytes (SEED=${seed})`)
  })
})
