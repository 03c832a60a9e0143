// Wall time and this process's CPU time (user + system) of a piece of work. CPU time is the
// steadier figure on a shared machine: other processes stretch wall time, not our CPU time.
// It only covers work done in this process, so it means nothing for a peer that does its work
// in a server (PostgreSQL).
import { performance } from 'node:perf_hooks'

export function startStopwatch() {
  const wallStart = performance.now()
  const cpuStart = process.cpuUsage()
  return {
    stop() {
      const cpu = process.cpuUsage(cpuStart)
      return {
        seconds: (performance.now() - wallStart) / 1000,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      }
    },
  }
}

/** A rate measurement (higher is better) from an operation count and a stopwatch reading. */
export function rateMeasurement({ key, label, unit, operations, time, peer }) {
  return {
    key,
    label,
    unit,
    higherIsBetter: true,
    value: operations / time.seconds,
    operations,
    seconds: time.seconds,
    ...(peer.isInProcess ? { cpuMicrosPerOperation: (time.cpuSeconds * 1e6) / operations } : {}),
  }
}
