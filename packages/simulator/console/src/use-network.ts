/**
 * The live network: its state from `GET /__sim/state`, and its event log from the server-sent
 * events of `/__sim/events` (the browser reconnects by itself, from the last event it saw). Each
 * event schedules one refresh of the state, at most every {@link REFRESH_MS}.
 */
import { useEffect, useRef, useState } from 'react';
import { fetchState } from './api';
import type { ConsoleState, SimEvent } from './model';

const REFRESH_MS = 150;

/** What {@link useNetwork} gives. */
export interface LiveNetwork {
  state: ConsoleState | null;
  events: SimEvent[];
  /** `live` while the event stream is open. */
  connection: 'connecting' | 'live' | 'reconnecting';
  /** Asks for the state again now (after a scenario). */
  refresh(): void;
}

export function useNetwork(): LiveNetwork {
  const [state, setState] = useState<ConsoleState | null>(null);
  const [events, setEvents] = useState<SimEvent[]>([]);
  const [connection, setConnection] = useState<LiveNetwork['connection']>('connecting');
  const refreshRef = useRef<() => void>(() => {});

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const load = () => {
      timer = undefined;
      fetchState()
        .then((next) => {
          if (!stopped) setState(next);
        })
        .catch(() => undefined);
    };
    const schedule = () => {
      timer ??= setTimeout(load, REFRESH_MS);
    };
    refreshRef.current = load;
    load();
    const source = new EventSource('/__sim/events');
    let pending: SimEvent[] = [];
    let frame: number | undefined;
    source.onopen = () => setConnection('live');
    source.onerror = () => setConnection('reconnecting');
    source.onmessage = (message) => {
      pending.push(JSON.parse(message.data) as SimEvent);
      // One render per animation frame, however many events arrive.
      frame ??= requestAnimationFrame(() => {
        frame = undefined;
        const batch = pending;
        pending = [];
        setEvents((current) => {
          const last = current.at(-1)?.seq ?? 0;
          const fresh = batch.filter((event) => event.seq > last);
          return fresh.length === 0 ? current : [...current, ...fresh];
        });
      });
      schedule();
    };
    return () => {
      stopped = true;
      source.close();
      if (timer) clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, []);

  return { state, events, connection, refresh: () => refreshRef.current() };
}
