'use client';
/**
 * @pi-kit/react: React bindings of pi-kit. A `<PiProvider>` holds one core client
 * (`createPiClient`); hooks subscribe to slices of its zustand store.
 *
 * Testing helpers (`renderWithPi`, `renderHookWithPi`) are in `@pi-kit/react/testing`.
 */
export { PiProvider, type PiProviderProps } from './provider/index';
export * from './hooks/index';
export { PiProviderMissingError, PiProviderPropsError } from './errors/index';
/** zustand's `useShallow`: wrap a `usePiStore` selector that returns a new object or array, so it is compared shallowly. */
export { useShallow } from 'zustand/react/shallow';
