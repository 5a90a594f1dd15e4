/**
 * A minimal typed event emitter: `on` returns the unsubscribe function; a listener
 * that throws does not stop the others (its error goes to `onListenerError`).
 */
export type Listener<Args extends unknown[]> = (...args: Args) => void;

/** The emitter behind `PaymentHandle.on`. Internal. */
export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  readonly #listeners = new Map<keyof Events, Set<(...args: never[]) => void>>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as unknown as (...args: never[]) => void);
    return () => {
      set.delete(listener as unknown as (...args: never[]) => void);
    };
  }

  emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    const set = this.#listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as unknown as Listener<Events[K]>)(...args);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
