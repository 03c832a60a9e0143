/**
 * Child process entry: runs sqllogictest files, one at a time as the parent asks (a JSON line on
 * stdin each), each on a fresh database, and reports each record's result as a JSON line on
 * stdout (worker-protocol.ts). Exits when stdin ends. Running files in a child process is what
 * bounds time: engine statements run synchronously, so only killing the process can stop one.
 * One worker serves many files so that start-up (loading the engine) is paid once per worker,
 * not once per file.
 */
import { readFileSync, writeSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { openEngineConnection } from './engine-connection.js'
import { parseSlt } from './parse-slt.js'
import { runRecords, type SltConnection } from './run-file.js'
import { isRunFileRequest, type RunFileRequest, type WorkerLine } from './worker-protocol.js'

const stdoutFd = 1

/** Writes a line to stdout before returning (a full pipe makes a non-blocking fd say EAGAIN). */
function writeLine(line: WorkerLine): void {
  const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8')
  let offset = 0
  while (offset < bytes.length) {
    try {
      offset += writeSync(stdoutFd, bytes, offset)
    } catch (error: unknown) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EAGAIN')) throw error
    }
  }
}

async function openConnection(request: RunFileRequest): Promise<SltConnection> {
  if (request.backend.kind === 'engine') return openEngineConnection()
  // Loaded only for --pg: node-postgres would add to every engine worker's start-up.
  const { openPgConnection } = await import('./pg-connection.js')
  return openPgConnection(request.backend.url)
}

async function runFile(text: string): Promise<void> {
  const request: unknown = JSON.parse(text)
  if (!isRunFileRequest(request)) throw new Error(`bad request: ${text}`)
  const records = parseSlt(readFileSync(request.path, 'utf8'))
  const connection = await openConnection(request)
  try {
    await runRecords(records, connection, (result) => writeLine({ kind: 'result', result }))
  } finally {
    await connection.close()
  }
}

async function main(): Promise<void> {
  writeLine({ kind: 'ready' })
  for await (const text of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (text.trim() === '') continue
    try {
      await runFile(text)
      writeLine({ kind: 'done' })
    } catch (error: unknown) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
      writeLine({ kind: 'failed', message })
    }
  }
}

// Exit when the parent closes stdin: nothing a file left behind (timers, sockets) may keep the
// process alive.
main().finally(() => process.exit(0))
