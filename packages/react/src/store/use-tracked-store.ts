'use client';
import { useMemo, useRef, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { shallowEqual } from './shallow-equal';

/**
 * Subscribes a component to `build(state)` of a zustand vanilla store, so that it
 * re-renders only when what it uses changes:
 *
 * - with `select`: when `select(build(state))` changes, compared shallowly (`shallowEqual`:
 *   plain objects and arrays by their values, anything else by identity);
 * - without: when a property the component actually read changed (`Object.is`), the
 *   way TanStack Query's tracked results (used by wagmi) work: `const { phase } =
 *   usePayment()` re-renders on phase changes only. Properties read accumulate over
 *   renders; reads return the latest value.
 *
 * `build` must return a plain object whose functions are stable (created once per
 * client). On the server and during hydration the store's initial state is read
 * (zustand's `getInitialState`), so SSR markup and the first client render match.
 * Internal: the hooks use it.
 */
export function useStoreView<S, R extends object, T = R>(
  store: Pick<StoreApi<S>, 'getState' | 'getInitialState' | 'subscribe'>,
  build: (state: S) => R,
  select?: (result: R) => T,
): R | T {
  const tracked = useRef<Set<keyof R> | null>(null);
  tracked.current ??= new Set();
  /** The last value returned to React: changes only when what is used changed. */
  const rendered = useRef<{ value: R | T } | null>(null);
  /** The last object built, whatever changed (what a first read of a property sees). */
  const latest = useRef<R | null>(null);

  const view = (state: S): R | T => {
    const built = build(state);
    latest.current = built;
    const next = select ? select(built) : built;
    const previous = rendered.current;
    if (previous && (select ? shallowEqual(previous.value, next) : samePicked(previous.value as R, built, tracked.current!)))
      return previous.value;
    rendered.current = { value: next };
    return next;
  };
  // What zustand's `useStore(store, view)` does, without its module.
  const slice = useSyncExternalStore(
    store.subscribe,
    () => view(store.getState()),
    () => view(store.getInitialState()),
  );

  const tracking = !select;
  return useMemo(
    () => (tracking ? trackedView(slice as R, tracked.current!, () => latest.current ?? (slice as R)) : slice),
    [slice, tracking],
  );
}

function samePicked<R extends object>(a: R, b: R, keys: ReadonlySet<keyof R>): boolean {
  if (typeof a !== 'object' || a === null) return false;
  for (const key of keys) if (!Object.is(a[key], b[key])) return false;
  return true;
}

/** A read-only object with the properties of `source`, recording which ones are read. */
function trackedView<R extends object>(source: R, tracked: Set<keyof R>, latest: () => R): R {
  // `source` gives the keys and the identity (a new view only when something read changed).
  const view = {} as R;
  for (const key of Object.keys(source) as Array<keyof R>) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get() {
        tracked.add(key);
        // The latest built value: during render it is this render's (uSES just read the store);
        // afterwards (event handlers, tests) it is the newest. A tracked value never differs from
        // the rendered one for long: its change re-renders the component.
        return latest()[key];
      },
    });
  }
  return Object.freeze(view);
}
