/**
 * The console's calls to pi-sim (same origin): the state, and the scenarios
 * (`POST /__sim/scenarios/{name}`, see the simulator README, "The console").
 */
import type { ConsoleState } from './model';

/** A refusal of a scenario: Pi's error shape (`error`, `error_message`). */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `GET /__sim/state`. */
export async function fetchState(signal?: AbortSignal): Promise<ConsoleState> {
  const response = await fetch('/__sim/state', { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`pi-sim answered ${response.status} to GET /__sim/state.`);
  return (await response.json()) as ConsoleState;
}

/** Runs a scenario; resolves with its result, rejects with {@link ScenarioError}. */
export async function runScenario<T = unknown>(name: string, body: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/__sim/scenarios/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ScenarioError('network_error', 'pi-sim could not be reached: is it still running?');
  }
  const answer = (await response.json().catch(() => ({}))) as { result?: T; error?: string; error_message?: string };
  if (!response.ok) throw new ScenarioError(answer.error ?? 'error', answer.error_message ?? `pi-sim answered ${response.status}.`);
  return answer.result as T;
}
