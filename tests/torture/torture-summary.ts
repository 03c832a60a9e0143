/**
 * The torture's totals over all cycles, as plain data (for a JSON report) and as the text block
 * the runner prints and docs/reliability.md quotes.
 */
import { formatBytes, type TortureReport } from './torture.js'

export interface TortureTotals {
  readonly seed: number
  readonly cycles: number
  readonly ackedTransfers: number
  readonly ackedPairs: number
  readonly asyncAcked: number
  readonly asyncLost: number
  readonly inDoubt: number
  readonly inDoubtApplied: number
  readonly inDoubtLost: number
  readonly inDoubtAmbiguous: number
  readonly aborted: number
  readonly lost: number
  readonly torn: number
  readonly phantom: number
  readonly asyncHoles: number
  readonly killsDuringRecovery: number
  readonly smallCacheRestarts: number
  readonly frequentCheckpointRestarts: number
  readonly checkpointsUnderLoad: number
  readonly loadsWithCheckpoints: number
  readonly firstStartMs: number
  readonly recoveryMs: {
    readonly min: number
    readonly median: number
    readonly p95: number
    readonly max: number
  }
  readonly finalWalBytes: number
  readonly finalDataBytes: number
  readonly maxWalBytes: number
  readonly errorCodes: Readonly<Record<string, number>>
  readonly durationMs: number
  readonly build: TortureReport['build']
  readonly failure: string | undefined
}

export function totalsOf(report: TortureReport): TortureTotals {
  const sum = (pick: (cycle: TortureReport['cycles'][number]) => number): number =>
    report.cycles.reduce((total, cycle) => total + pick(cycle), 0)
  const recovery = report.cycles.map((cycle) => cycle.recoveryMs).sort((a, b) => a - b)
  const last = report.cycles.at(-1)
  return {
    seed: report.seed,
    cycles: report.cycles.length,
    ackedTransfers: sum((c) => c.check.ackedTransfers),
    ackedPairs: sum((c) => c.check.ackedPairs),
    asyncAcked: sum((c) => c.check.asyncAcked),
    asyncLost: sum((c) => c.check.asyncLost),
    inDoubt: sum((c) => c.check.inDoubt),
    inDoubtApplied: sum((c) => c.check.inDoubtApplied),
    inDoubtLost: sum((c) => c.check.inDoubtLost),
    inDoubtAmbiguous: sum((c) => c.check.inDoubtAmbiguous),
    aborted: sum((c) => c.check.aborted),
    lost: sum((c) => c.check.lost + c.check.unexplainedBalances),
    torn: sum((c) => c.check.torn + c.check.tornReads),
    phantom: sum((c) => c.check.phantom),
    asyncHoles: sum((c) => c.check.asyncHoles),
    killsDuringRecovery: report.cycles.filter((c) => c.killedDuringRecovery).length,
    smallCacheRestarts: report.cycles.filter((c) => c.cacheBytes < 64 * 1024 * 1024).length,
    frequentCheckpointRestarts: report.cycles.filter((c) => c.checkpointTimeoutMs !== undefined)
      .length,
    checkpointsUnderLoad: sum((c) => c.checkpointsUnderLoad),
    loadsWithCheckpoints: report.cycles.filter((c) => c.checkpointsUnderLoad > 0).length,
    firstStartMs: report.firstStartMs,
    recoveryMs: {
      min: recovery[0] ?? 0,
      median: percentile(recovery, 0.5),
      p95: percentile(recovery, 0.95),
      max: recovery.at(-1) ?? 0,
    },
    finalWalBytes: last?.walBytes ?? 0,
    finalDataBytes: last?.dataBytes ?? 0,
    maxWalBytes: Math.max(0, ...report.cycles.map((c) => c.walBytes)),
    errorCodes: Object.fromEntries([...report.errorCodes].sort()),
    durationMs: report.durationMs,
    build: report.build,
    failure: report.failure,
  }
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? 0
}

/** `replay` is the command that reruns this run with its seed (it differs for the smoke). */
export function formatTotals(totals: TortureTotals, replay: string): string {
  const ms = (value: number): string => `${Math.round(value)} ms`
  const codes = Object.entries(totals.errorCodes)
    .map(([code, count]) => `${code} x${count}`)
    .join(', ')
  const { recoveryMs: recovery, build } = totals
  const lines: [string, string][] = [
    [
      'kill cycles',
      `${totals.cycles} (+${totals.killsDuringRecovery} kills during recovery, ` +
        `${totals.smallCacheRestarts} restarts with a 1 MiB cache)`,
    ],
    [
      'checkpoints under load',
      `${totals.checkpointsUnderLoad} in ${totals.loadsWithCheckpoints} loads (` +
        `${totals.frequentCheckpointRestarts} restarts checkpointing every 100-400 ms)`,
    ],
    [
      'acknowledged commits',
      `${totals.ackedTransfers + totals.ackedPairs} synchronous (${totals.ackedTransfers} ` +
        `transfers, ${totals.ackedPairs} pair transactions), ${totals.asyncAcked} asynchronous`,
    ],
    [
      'in doubt at the kill',
      `${totals.inDoubt}: ${totals.inDoubtApplied} applied, ${totals.inDoubtLost} lost ` +
        `(${totals.inDoubtAmbiguous} transfers explained more than one way)`,
    ],
    [
      'async acked, lost',
      `${totals.asyncLost} of ${totals.asyncAcked} (allowed with synchronous_commit = off); ` +
        `write-order holes ${totals.asyncHoles}`,
    ],
    [
      'never committed',
      `${totals.aborted} attempts (cut by the kill before COMMIT, or refused: ` +
        `${codes === '' ? 'no server errors' : codes})`,
    ],
    ['LOST acknowledged', String(totals.lost)],
    ['TORN transactions', String(totals.torn)],
    ['PHANTOM rows', String(totals.phantom)],
    [
      'recovery',
      `spawn to /healthz 200: min ${ms(recovery.min)}, median ${ms(recovery.median)}, ` +
        `p95 ${ms(recovery.p95)}, max ${ms(recovery.max)}; ` +
        `first start on an empty directory ${ms(totals.firstStartMs)}`,
    ],
    [
      'on disk at the end',
      `WAL ${formatBytes(totals.finalWalBytes)} (max ${formatBytes(totals.maxWalBytes)}), ` +
        `data ${formatBytes(totals.finalDataBytes)}`,
    ],
    ['duration', `${(totals.durationMs / 1000).toFixed(1)} s`],
    [
      'server build',
      `${build.fingerprint}${build.changedDuringRun ? ' (CHANGED during the run)' : ''}`,
    ],
  ]
  if (totals.failure !== undefined) {
    lines.push(['FAILURE', totals.failure], ['replay', `SEED=${totals.seed} ${replay}`])
  }
  const verdict = totals.failure === undefined ? 'PASSED' : 'FAILED'
  return [
    `torture ${verdict} (seed ${totals.seed})`,
    ...lines.map(([label, value]) => `  ${label.padEnd(22)} ${value}`),
  ].join('\n')
}
