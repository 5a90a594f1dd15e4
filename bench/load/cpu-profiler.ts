/**
 * A CPU profile of this process's main thread between `start()` and `stop(file)`, through the
 * inspector (as `node --cpu-prof` writes, but for one phase of the bench only): a `.cpuprofile`
 * that Chrome DevTools opens and `profile-breakdown.ts` summarises.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/** Sampling interval, µs: fine enough for requests of a few ms, cheap enough not to change them much. */
export const SAMPLING_INTERVAL_US = 200;

export interface CpuProfiler {
  start(): Promise<void>;
  /** Stops sampling and writes the profile as JSON to `file`. */
  stop(file: string): Promise<void>;
}

export function createCpuProfiler(): CpuProfiler {
  let session: Session | undefined;
  return {
    async start() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
      await session.post('Profiler.start');
    },
    async stop(file) {
      if (!session) throw new Error('cpu profiler: stop() before start()');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      await writeFile(file, JSON.stringify(profile));
    },
  };
}
