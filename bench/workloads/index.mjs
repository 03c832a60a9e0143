// The workloads, in the order they run and print.
import { analyticsWorkload } from './analytics.mjs'
import { diskLoadWorkload } from './disk-load.mjs'
import { durableCommitsWorkload } from './durable-commits.mjs'
import { indexRangeWorkload } from './index-range.mjs'
import { memoryCrudWorkload } from './memory-crud.mjs'
import { pgbenchWorkload } from './pgbench.mjs'
import { preparedWorkload } from './prepared.mjs'
import { recoveryWorkload } from './recovery.mjs'

export const workloads = [
  memoryCrudWorkload,
  diskLoadWorkload,
  durableCommitsWorkload,
  recoveryWorkload,
  indexRangeWorkload,
  analyticsWorkload,
  preparedWorkload,
  pgbenchWorkload,
]
