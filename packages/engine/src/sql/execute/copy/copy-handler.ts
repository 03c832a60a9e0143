/**
 * What COPY ... FROM STDIN / TO STDOUT exchange with the client, without network code: the
 * session calls the handler the caller of `execute` supplied (pgwire's sends CopyInResponse,
 * CopyOutResponse, CopyData and CopyDone). Without one, COPY with STDIN or STDOUT fails 0A000.
 */

/** The overall format of COPY data, as CopyInResponse / CopyOutResponse announce it. */
export interface CopyStart {
  readonly format: 'text' | 'binary'
  /** Number of columns (every column has the overall format). */
  readonly columnCount: number
}

export interface CopyHandler {
  /**
   * COPY FROM STDIN: the client's data, chunk by chunk (chunks are the handler's; the engine
   * copies what it keeps), until the client says it is done. A client that fails the copy
   * makes the iteration throw (pgwire: 57014 `COPY from stdin failed: ...`).
   */
  copyIn(start: CopyStart): AsyncIterable<Uint8Array>
  /** COPY TO STDOUT begins; called once, before the first chunk. */
  copyOutBegin(start: CopyStart): Promise<void> | void
  /** One chunk of output; the returned promise settles when more may be written
   * (backpressure: a client that stops reading stops the COPY, not the server's memory). */
  copyOutData(chunk: Uint8Array): Promise<void> | void
  /** COPY TO STDOUT wrote its last chunk. */
  copyOutEnd(): Promise<void> | void
}

/** Options of Session.execute. */
export interface ExecuteOptions {
  /** Where COPY FROM STDIN reads and COPY TO STDOUT writes; none: such a COPY fails 0A000. */
  readonly copy?: CopyHandler
}
