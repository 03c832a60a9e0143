/**
 * StorageMetrics: the embedded engine's storage counters as `bkg_db_*` metric families, read
 * from the engine when `/metrics` is rendered (as PostgreSQL's pg_stat_bgwriter and
 * pg_current_wal_lsn() are read on demand). The source is structural, so telemetry keeps
 * importing nothing but node.
 */
import type { MetricsCollector } from './prometheus-registry.js'
import { formatSingleSample } from './prometheus-text.js'

/** What the engine reports (the shape of the engine's StorageStatistics). */
export interface StorageStatisticsSource {
  storageStatistics(): {
    readonly checkpointsCompleted: number
    readonly walInsertLsn: number
    readonly walFlushLsn: number
    readonly redoLsn: number
    readonly vacuumPasses: number
    readonly vacuumRemovedVersions: number
  }
}

export class StorageMetrics implements MetricsCollector {
  readonly #source: StorageStatisticsSource

  constructor(source: StorageStatisticsSource) {
    this.#source = source
  }

  render(): string {
    const stats = this.#source.storageStatistics()
    return (
      formatSingleSample(
        'bkg_db_checkpoints_total',
        'Checkpoints completed since the server started (the one after recovery included).',
        'counter',
        stats.checkpointsCompleted,
      ) +
      formatSingleSample(
        'bkg_db_wal_insert_lsn_bytes',
        'End of the write-ahead log written, as a byte position.',
        'gauge',
        stats.walInsertLsn,
      ) +
      formatSingleSample(
        'bkg_db_wal_flush_lsn_bytes',
        'End of the write-ahead log known durable (fsynced), as a byte position.',
        'gauge',
        stats.walFlushLsn,
      ) +
      formatSingleSample(
        'bkg_db_wal_since_checkpoint_bytes',
        'Log written since the last checkpoint: what recovery would replay after a crash now.',
        'gauge',
        stats.walInsertLsn - stats.redoLsn,
      ) +
      formatSingleSample(
        'bkg_db_vacuum_passes_total',
        'Vacuum passes since the server started (VACUUM and autovacuum).',
        'counter',
        stats.vacuumPasses,
      ) +
      formatSingleSample(
        'bkg_db_vacuum_removed_versions_total',
        'Row versions vacuum removed since the server started.',
        'counter',
        stats.vacuumRemovedVersions,
      )
    )
  }
}
