// Runs the Vfs contract suite (vfs-contract.ts) against every implementation: MemoryVfs, NodeVfs
// on a fresh temporary directory per test, and SimulatedVfs with torn crashes, whose restarted
// view after `crash()` is the same simulator.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryVfs } from './memory-vfs.js'
import { NodeVfs } from './node-vfs.js'
import { SimulatedVfs } from './simulated-vfs.js'
import { describeVfsContract } from './vfs-contract.js'

describeVfsContract('MemoryVfs', () => ({ vfs: new MemoryVfs(), dispose: () => {} }))

describeVfsContract('NodeVfs', () => {
  const root = mkdtempSync(join(tmpdir(), 'bkg-db-vfs-'))
  return {
    vfs: new NodeVfs({ root }),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  }
})

let simulatorSeed = 0
describeVfsContract('SimulatedVfs', () => {
  simulatorSeed++
  const vfs = new SimulatedVfs({ seed: simulatorSeed, crashUnsynced: 'torn' })
  return {
    vfs,
    crash: () => {
      vfs.crash()
      return vfs
    },
    dispose: () => {},
  }
})
