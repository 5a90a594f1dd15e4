/**
 * Runs a scenario from a button or form: tracks that it is running, and says what happened in
 * one status line (an `aria-live` region reads it out).
 */
import { createContext, useCallback, useContext, useState } from 'react';
import { runScenario, ScenarioError } from './api';

/** The last scenario's outcome. */
export interface ActionStatus {
  kind: 'ok' | 'error';
  text: string;
}

/** Runs a scenario, then refreshes the state. */
export type RunAction = (name: string, body: Record<string, unknown>, done: string) => Promise<boolean>;

export const ActionContext = createContext<{ run: RunAction; busy: boolean }>({ run: async () => false, busy: false });

export function useActions(refresh: () => void) {
  const [status, setStatus] = useState<ActionStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback<RunAction>(
    async (name, body, done) => {
      setBusy(true);
      try {
        await runScenario(name, body);
        setStatus({ kind: 'ok', text: done });
        return true;
      } catch (error) {
        const text = error instanceof ScenarioError ? `${error.message} (${error.code})` : String(error);
        setStatus({ kind: 'error', text });
        return false;
      } finally {
        setBusy(false);
        refresh();
      }
    },
    [refresh],
  );
  return { run, busy, status };
}

/** The scenario runner of the page. */
export function useAction() {
  return useContext(ActionContext);
}
