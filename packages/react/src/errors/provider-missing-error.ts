import { PiKitError, type PiKitErrorOptions } from '@pi-kit/core';

/**
 * A pi-kit hook was used outside a `<PiProvider>` (`code: "pi_provider_missing"`).
 * Wrap the part of the tree that uses `usePiAuth`, `usePayment`, … in
 * `<PiProvider options={…}>` (or `<PiProvider client={…}>`, `<PiClientProvider client={…}>`).
 * The message says so in development (`process.env.NODE_ENV !== 'production'`); in production
 * builds it names the hook only.
 */
export class PiProviderMissingError extends PiKitError<'pi_provider_missing'> {
  /** The hook that was called. */
  declare readonly hook: string;
  constructor(hook: string, options: PiKitErrorOptions = {}) {
    super(
      'pi_provider_missing',
      // Development only (bundlers replace NODE_ENV, as React's own checks need): the fix.
      process.env.NODE_ENV !== 'production'
        ? `${hook}() must be used inside <PiProvider>. Wrap your app (or this component's test) in <PiProvider options={{ sandbox: … }}> or <PiProvider client={client}>.`
        : `${hook}() outside <PiProvider>`,
      options,
      { name: 'PiProviderMissingError', hook },
    );
  }
}
