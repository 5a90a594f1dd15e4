'use client';
/**
 * @pi-kit/react: React bindings of pi-kit. A `<PiProvider>` holds one core client
 * (`createPiClient`), a `<PiClientProvider>` the client it is given (e.g. `createBarePiClient`'s);
 * hooks subscribe to slices of its zustand store.
 *
 * Testing helpers (`renderWithPi`, `renderHookWithPi`) are in `@pi-kit/react/testing`.
 */
export { PiClientProvider, PiProvider, type PiClientProviderProps, type PiProviderProps } from './provider/index';
export { usePiClient } from './hooks/use-pi-client';
export { usePiStore } from './hooks/use-pi-store';
export { usePiAuth, type UsePiAuthResult } from './hooks/use-pi-auth';
export { usePayment, type UsePaymentResult } from './hooks/use-payment';
export { usePiSdk, type PiSdkStatus, type UsePiSdkResult } from './hooks/use-pi-sdk';
export { useNativeFeatures, type UseNativeFeaturesResult } from './hooks/use-native-features';
export { useShareDialog, type UseShareDialogResult } from './hooks/use-share-dialog';
export { useAd, type UseAdResult } from './hooks/use-ad';
export { PiProviderMissingError, PiProviderPropsError } from './errors/index';
/** zustand's `useShallow`: wrap a `usePiStore` selector that returns a new object or array, so it is compared shallowly. */
export { useShallow } from 'zustand/react/shallow';
