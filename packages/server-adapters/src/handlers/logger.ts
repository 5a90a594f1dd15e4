/**
 * The payment handlers' log: one structured line per route call, and an error line with the fix
 * when the server is misconfigured. Only ids, statuses, codes and durations go into a line: never
 * a token, an API key, a wallet seed, or a request body.
 */

/** Fields of a log line: plain values only (route, paymentId, status, code, durationMs, fix). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Where the handlers log: `{ debug, info, warn, error }(message, fields)`. `console` by default;
 * any logger with these four methods fits; `false` logs nothing.
 */
export interface PaymentLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** The default: `console`, each line prefixed `[pi-kit]`, with its fields. */
export const consolePaymentLogger: PaymentLogger = {
  debug: (message, fields) => console.debug(`[pi-kit] ${message}`, fields ?? {}),
  info: (message, fields) => console.info(`[pi-kit] ${message}`, fields ?? {}),
  warn: (message, fields) => console.warn(`[pi-kit] ${message}`, fields ?? {}),
  error: (message, fields) => console.error(`[pi-kit] ${message}`, fields ?? {}),
};

const silent: PaymentLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** The logger of an option value (`undefined`: console; `false`: silent). */
export function resolveLogger(option: PaymentLogger | false | undefined): PaymentLogger {
  if (option === false) return silent;
  return option ?? consolePaymentLogger;
}

/**
 * The fix for a failure that is the server's configuration, not the request: Pi refused the API
 * key, the payment is of the other network, or Pi cannot be reached.
 */
export function misconfiguration(status: number, code: string | undefined): string | undefined {
  if (code === 'pi_unauthorized')
    return 'Pi refused the server API key (401): set `apiKey` to the key of this app in the Pi developer portal (and the matching network).';
  if (code === 'wrong_network')
    return 'The payment is on the other Pi network: set `network` to the network of this app in the Pi developer portal ("Pi Testnet" for the sandbox).';
  if (code === 'pi_unavailable' || code === 'pi_timeout')
    return "Pi's Platform API did not answer: check this server's outbound HTTPS to api.minepi.com (or `platform.baseUrl`), then retry.";
  if (status === 502 && code?.startsWith('pi_'))
    return "Pi's Platform API refused the request: see `code` and check the API key and network.";
  return undefined;
}
