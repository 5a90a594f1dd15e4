import { PiKitError, type PiKitErrorOptions } from '@pi-kit/core';

/**
 * `<PiProvider>` was given neither `client` nor `options`, or both
 * (`code: "invalid_provider_props"`). Pass exactly one: a client made with
 * `createPiClient(…)`, or the options to make one.
 */
export class PiProviderPropsError extends PiKitError<'invalid_provider_props'> {
  override name = 'PiProviderPropsError';
  constructor(problem: string, options: PiKitErrorOptions = {}) {
    super(
      'invalid_provider_props',
      `<PiProvider> ${problem}: pass exactly one of \`client\` (from createPiClient) or \`options\` (createPiClient's options).`,
      options,
    );
  }
}
