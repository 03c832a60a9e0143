/**
 * Running COPY FROM and COPY TO (bound in sql/bind/bind-copy.ts). COPY FROM reads the input
 * chunk by chunk through a CopyReader and stores each row through the bound INSERT's sink, so
 * defaults, identity, generated columns, constraints and foreign keys behave as INSERT's; an
 * error carries PostgreSQL's context (`COPY t, line 3, column b: "x"`). COPY TO runs the bound
 * SELECT and writes its rows in chunks of copyOutChunkBytes, waiting for the client between
 * chunks. Both are async (they wait for the client); everything else in a statement is not.
 */

import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { SqlError, SqlState, toSqlError } from '../../../errors/index.js'
import { TransactionConflict } from '../../../kernel/index.js'
import { copyOutChunkBytes, copyRowsPerBatch } from '../../../limits.js'
import {
  behaviourOf,
  formatValueText,
  isTypeImplementedWithoutBehaviour,
  parseValueText,
  type SqlType,
  type TypeContext,
  type Value,
} from '../../../types/index.js'
import type { BoundCopyFrom, BoundCopyTo } from '../../bind/index.js'
import { openInsert, openSelect } from '../execute-statement.js'
import type { ExecutionContext } from '../execution-context.js'
import type { CopyHandler } from './copy-handler.js'
import {
  binaryCopyHeader,
  CopyBinaryReader,
  type CopyReader,
  CopyTextReader,
  missingColumn,
} from './copy-reader.js'
import { binaryTrailer, formatBinaryTuple, formatTextLine } from './copy-writer.js'

/** Longest data shown in an error's context, as PostgreSQL's MAX_COPY_DATA_DISPLAY. */
const contextDataChars = 100

function shown(text: string): string {
  return text.length > contextDataChars ? `${text.slice(0, contextDataChars)}...` : text
}

/** The client's or the file's data. */
function inputOf(
  statement: BoundCopyFrom,
  handler: CopyHandler | undefined,
): AsyncIterable<Uint8Array> {
  const columnCount = statement.columnNames.length
  const format = statement.options.format === 'binary' ? 'binary' : 'text'
  if (statement.source.kind === 'File') {
    const path = statement.source.path
    return (async function* () {
      const stream = createReadStream(path)
      try {
        for await (const chunk of stream) yield chunk as Buffer
      } catch (error: unknown) {
        throw fileError(error, path, 'reading')
      }
    })()
  }
  if (handler === undefined) throw noClient('FROM STDIN')
  return handler.copyIn({ format, columnCount })
}

function noClient(what: string): SqlError {
  return new SqlError(
    SqlState.featureNotSupported,
    `COPY ${what} needs a client that speaks the COPY protocol (pgwire)`,
  )
}

function fileError(error: unknown, path: string, doing: 'reading' | 'writing'): SqlError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const reason =
    code === 'ENOENT'
      ? 'No such file or directory'
      : code === 'EACCES'
        ? 'Permission denied'
        : String((error as Error).message)
  return new SqlError(
    code === 'ENOENT' ? SqlState.undefinedFile : SqlState.ioError,
    doing === 'reading'
      ? `could not open file "${path}" for reading: ${reason}`
      : `could not open file "${path}" for writing: ${reason}`,
  )
}

/** text → value of `type`, with the type's typmod (varchar(n), numeric(p,s)) applied. */
function textInput(type: SqlType, types: TypeContext): (text: string) => Value {
  const applyTypmod = typmodOf(type)
  return (text) => {
    const value = parseValueText(text, type, types)
    return applyTypmod === undefined || value === null ? value : applyTypmod(value, type, false)
  }
}

function binaryInput(type: SqlType): (bytes: Uint8Array) => Value {
  const behaviour = behaviourOf(type)
  const applyTypmod = typmodOf(type)
  return (bytes) => {
    const value = behaviour.receive(bytes, type)
    return applyTypmod === undefined || value === null ? value : applyTypmod(value, type, false)
  }
}

function typmodOf(
  type: SqlType,
): ((value: Value, type: SqlType, isExplicit: boolean) => Value) | undefined {
  if (type.typmod < 0 || isTypeImplementedWithoutBehaviour(type)) return undefined
  const behaviour = behaviourOf(type)
  return behaviour.applyTypmod?.bind(behaviour)
}

/** Runs COPY FROM; returns the number of rows stored. */
export async function runCopyFrom(
  statement: BoundCopyFrom,
  context: ExecutionContext,
  handler: CopyHandler | undefined,
): Promise<number> {
  const input = inputOf(statement, handler)
  const sink = openInsert(statement.insert, context)
  const table = statement.table.name
  const names = statement.columnNames
  const types = context.environment.types
  let reader: CopyReader
  /** Converts each field, naming the line and column of a bad value; stores the row. */
  const storeRow = <T>(
    fields: readonly (T | null)[],
    line: number,
    convert: readonly ((field: T) => Value)[],
    describe: (field: T) => string,
  ): void => {
    const values: Value[] = new Array<Value>(names.length)
    for (let i = 0; i < names.length; i++) {
      if (i >= fields.length) throw missingColumn(names[i] ?? '')
      const field = fields[i] ?? null
      if (field === null) {
        values[i] = null
        continue
      }
      try {
        values[i] = (convert[i] as (field: T) => Value)(field)
      } catch (error: unknown) {
        throw toSqlError(error).withWhere(
          `COPY ${table}, line ${line}, column ${names[i] ?? ''}: "${shown(describe(field))}"`,
        )
      }
    }
    try {
      sink.store(values)
    } catch (error: unknown) {
      // PostgreSQL checks uniqueness when it flushes a batch of rows, where it no longer has
      // the line's text: its context names the line only. Other errors get the line's text.
      if (error instanceof SqlError && error.code === SqlState.uniqueViolation) {
        throw error.withWhere(`COPY ${table}, line ${line}`)
      }
      throw error
    }
  }
  if (statement.options.format === 'binary') {
    const convert = statement.columnTypes.map(binaryInput)
    reader = new CopyBinaryReader(names.length, (fields, line) =>
      storeRow(fields, line, convert, () => ''),
    )
  } else {
    const convert = statement.columnTypes.map((type) => textInput(type, types))
    reader = new CopyTextReader(
      statement.options,
      { names, forceNotNull: statement.forceNotNull, forceNull: statement.forceNull },
      (fields, line) => storeRow(fields, line, convert, (text) => text),
    )
  }
  let rowsBefore = 0
  const withContext = (error: unknown): SqlError => {
    const sqlError = toSqlError(error)
    if (sqlError.where !== undefined) return sqlError
    const lineText = reader.lineText
    return sqlError.withWhere(
      lineText === undefined || statement.options.format === 'binary'
        ? `COPY ${table}, line ${reader.lineNumber}`
        : `COPY ${table}, line ${reader.lineNumber}: "${shown(lineText)}"`,
    )
  }
  const iterator = input[Symbol.asyncIterator]()
  let isInputDone = false
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>
      try {
        next = await iterator.next()
      } catch (error: unknown) {
        // The client failed the COPY (or left) while the next line was being read.
        throw toSqlError(error).withWhere(`COPY ${table}, line ${reader.lineNumber + 1}`)
      }
      if (next.done === true) {
        isInputDone = true
        break
      }
      const chunk = next.value
      try {
        reader.push(chunk)
      } catch (error: unknown) {
        if (isConflict(error)) throw error
        throw withContext(error)
      }
      if (reader.lineNumber - rowsBefore >= copyRowsPerBatch) {
        rowsBefore = reader.lineNumber
        context.interrupt.check()
      }
    }
  } finally {
    // A failed COPY stops reading: let the input clean up (a file stream closes).
    if (!isInputDone) await iterator.return?.()
  }
  try {
    reader.end()
  } catch (error: unknown) {
    if (isConflict(error)) throw error
    throw withContext(error)
  }
  return sink.finish().rowCount ?? 0
}

/** A write met another transaction's (the session turns it into 40001 for COPY). */
function isConflict(error: unknown): boolean {
  return error instanceof TransactionConflict
}

/** Where COPY TO's output goes: the client, or a file. */
interface CopySink {
  write(chunk: Uint8Array): Promise<void> | void
  end(): Promise<void> | void
}

async function sinkOf(statement: BoundCopyTo, handler: CopyHandler | undefined): Promise<CopySink> {
  const format = statement.options.format === 'binary' ? 'binary' : 'text'
  if (statement.target.kind === 'File') {
    const path = statement.target.path
    const stream = createWriteStream(path, { flags: 'w', mode: 0o644 })
    try {
      await once(stream, 'open')
    } catch (error: unknown) {
      throw fileError(error, path, 'writing')
    }
    return {
      write: async (chunk) => {
        if (!stream.write(chunk)) await once(stream, 'drain')
      },
      end: () =>
        new Promise<void>((resolve, reject) =>
          stream.end((error?: Error | null) =>
            error ? reject(fileError(error, path, 'writing')) : resolve(),
          ),
        ),
    }
  }
  if (handler === undefined) throw noClient('TO STDOUT')
  await handler.copyOutBegin({ format, columnCount: statement.columnNames.length })
  return { write: (chunk) => handler.copyOutData(chunk), end: () => handler.copyOutEnd() }
}

const encoder = new TextEncoder()

/** Runs COPY TO; returns the number of rows written. */
export async function runCopyTo(
  statement: BoundCopyTo,
  context: ExecutionContext,
  handler: CopyHandler | undefined,
): Promise<number> {
  const sink = await sinkOf(statement, handler)
  const options = statement.options
  const types = context.environment.types
  const columnTypes = statement.columnTypes
  const isBinary = options.format === 'binary'
  const senders = isBinary ? columnTypes.map((type) => behaviourOf(type)) : []
  let pending: Uint8Array[] = []
  let pendingText = ''
  let pendingBytes = 0
  const flush = async (): Promise<void> => {
    if (pendingText.length > 0) {
      pending.push(encoder.encode(pendingText))
      pendingText = ''
    }
    if (pending.length === 0) return
    const chunk = pending.length === 1 ? (pending[0] as Uint8Array) : Buffer.concat(pending)
    pending = []
    pendingBytes = 0
    await sink.write(chunk)
  }
  if (isBinary) {
    pending.push(binaryCopyHeader())
    pendingBytes += 19
  } else if (options.header === true) {
    pendingText += formatTextLine(
      statement.columnNames,
      options,
      statement.columnNames.map(() => false),
    )
  }
  let count = 0
  // Rows are pulled from the plan one at a time and the plan waits while the client reads:
  // its snapshot keeps what it reads stable.
  for (const row of openSelect(statement.query, context, undefined)) {
    context.interrupt.tick()
    if (isBinary) {
      const tuple = formatBinaryTuple(
        row.map((value, i) =>
          value === null
            ? null
            : (senders[i] as ReturnType<typeof behaviourOf>).send(value, columnTypes[i] as SqlType),
        ),
      )
      pending.push(tuple)
      pendingBytes += tuple.length
    } else {
      const line = formatTextLine(
        row.map((value, i) => formatValueText(value, columnTypes[i] as SqlType, types)),
        options,
        statement.forceQuote,
      )
      pendingText += line
      pendingBytes += line.length
    }
    count++
    if (pendingBytes >= copyOutChunkBytes) await flush()
  }
  if (isBinary) pending.push(binaryTrailer())
  await flush()
  await sink.end()
  return count
}
