import { PiKitError, type PiKitErrorOptions } from '@pi-kit/core';

/**
 * A pi-kit hook was used outside a `<PiProvider>` (`code: "pi_provider_missing"`).
 * Wrap the part of the tree that uses `usePiAuth`, `usePayment`, … in
 * `<PiProvider options={…}>` (or `<PiProvider client={…}>`).
 */
export class PiProviderMissingError extends PiKitError<'pi_provider_missing'> {
  override name = 'PiProviderMissingError';
  /** The hook that was called. */
  readonly hook: string;
  constructor(hook: string, options: PiKitErrorOptions = {}) {
    super(
      'pi_provider_missing',
      `${hook}() must be used inside <PiProvider>. Wrap your app (or this component's test) in <PiProvider options={{ sandbox: … }}> or <PiProvider client={client}>.`,
      options,
    );
    this.hook = hook;
  }
}
