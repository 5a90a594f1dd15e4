/**
 * "Another process" of the same app for A2U tests: a fresh copy of the A2U module, so its
 * per-wallet lock is its own (processes of one app share only Pi and the ledger).
 */
import { vi } from 'vitest';

export type A2UModule = typeof import('../../src/index');

/** A copy of the A2U module with its own module state, as a separate process has. */
export async function a2uModuleOfAnotherProcess(): Promise<A2UModule> {
  vi.resetModules();
  return import('../../src/index');
}
