/**
 * The network's event log: every API call, payment change and SDK callback, numbered, stamped with
 * the network's clock and deep-frozen, with listeners. Part of the engine's pure state.
 */
import type { PaymentDTO } from '@pi-kit/core';
import type { SimEvent, SimEventInput, SimEventListener } from './types';

/** The event log of one network. */
export class EventLog {
  private readonly list: SimEvent[] = [];
  private listeners: SimEventListener[] = [];

  constructor(private readonly clock: () => number) {}

  /** Every event so far, oldest first. */
  get events(): readonly SimEvent[] {
    return this.list;
  }

  /** Calls `listener` with every later event; returns the function that stops it. */
  on(listener: SimEventListener): () => void {
    if (typeof listener !== 'function') throw new TypeError('network.on(listener): listener must be a function.');
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Puts back the events of a snapshot (`seq` 1 … n, checked by the snapshot's reader) into this
   * new, empty log, frozen; the next event is n + 1. Tells no listener.
   */
  restore(events: readonly SimEvent[]): void {
    for (const event of events) this.list.push(deepFreeze(event));
  }

  /** Appends an event (numbered, stamped, frozen) and tells the listeners; a listener's error never stops the others. */
  append(input: SimEventInput): SimEvent {
    if (!input || typeof input.type !== 'string') throw new TypeError('network.log(event): event must have a string `type`.');
    const event = freezeEvent(stamped(input, this.list.length + 1, this.clock()));
    this.list.push(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's bug must not corrupt the network: report it, asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    return event;
  }
}

/** Freezes `value` and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** Freezes an event: its own fields, and a payment snapshot it carries (the common case, done without a walk). */
function freezeEvent(event: SimEvent): SimEvent {
  const payment = (event as { payment?: PaymentDTO }).payment;
  if (payment && typeof payment === 'object' && 'status' in payment) {
    Object.freeze(payment.status);
    if (payment.transaction) Object.freeze(payment.transaction);
    deepFreeze(payment.metadata);
    Object.freeze(payment);
    Object.freeze(event);
    for (const key in event) if (key !== 'payment') deepFreeze((event as unknown as Record<string, unknown>)[key]);
    return event;
  }
  return deepFreeze(event);
}

/**
 * A copy of an event with its `seq` and `at`, as `{ ...input, seq, at }` gives, but built with
 * `Object.assign`: V8 gives every frozen object spread-copied in a hot loop a map of its own (a
 * new hidden class per event, which then costs memory and makes every later access megamorphic).
 * An own `__proto__` key (from `JSON.parse`) is the one case `Object.assign` would treat
 * differently (it would set the prototype), so that case keeps the spread.
 */
function stamped(input: SimEventInput, seq: number, at: number): SimEvent {
  if (Object.hasOwn(input, '__proto__')) return { ...input, seq, at } as SimEvent;
  const event = Object.assign({}, input) as SimEventInput & { seq: number; at: number };
  event.seq = seq;
  event.at = at;
  return event;
}
