import { PiKitError, type PiKitErrorOptions } from '@pi-kit/core';

/**
 * `<PiProvider>` was given neither `client` nor `options`, or both
 * (`code: "invalid_provider_props"`). Pass exactly one: a client made with
 * `createPiClient(…)`, or the options to make one. The message says so in development
 * (`process.env.NODE_ENV !== 'production'`); in production builds it states the problem only.
 */
export class PiProviderPropsError extends PiKitError<'invalid_provider_props'> {
  constructor(problem: string, options: PiKitErrorOptions = {}) {
    super(
      'invalid_provider_props',
      // Development only (bundlers replace NODE_ENV, as React's own checks need): the fix.
      process.env.NODE_ENV !== 'production'
        ? `<PiProvider> ${problem}: pass exactly one of \`client\` (from createPiClient) or \`options\` (createPiClient's options).`
        : `<PiProvider> ${problem}`,
      options,
      { name: 'PiProviderPropsError' },
    );
  }
}
