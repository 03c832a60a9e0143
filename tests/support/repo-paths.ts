/** Absolute paths the end-to-end tests need, computed from this file's compiled location
 * (tests/dist/support/), so tests run the same from any working directory. */
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

export const repoPaths = {
  root: repoRoot,
  /** The built `bkg-db` command (`npx tsc -b` builds it). */
  cli: fileURLToPath(new URL('../../../packages/server/dist/cli/bkg-db.js', import.meta.url)),
  psql: '/usr/bin/psql',
  pgbench: '/usr/bin/pgbench',
} as const
