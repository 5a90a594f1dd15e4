/**
 * A minimal typed event emitter: `on` returns the unsubscribe function; a listener
 * that throws does not stop the others (its error goes to `onListenerError`).
 */
export type Listener<Args extends unknown[]> = (...args: Args) => void;

/** The emitter behind `PaymentHandle.on`. Internal. */
export interface Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void;
  emit<K extends keyof Events>(event: K, ...args: Events[K]): void;
}

/** Creates an {@link Emitter}. Internal. */
export function createEmitter<Events extends { [K in keyof Events]: unknown[] }>(
  onListenerError: (error: unknown) => void,
): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<unknown>>();
  return {
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => void set.delete(listener);
    },
    emit(event, ...args) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as Listener<typeof args>)(...args);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
  };
}
