import { createFetchTransport } from '../transport/fetch-transport';
import { loadPiSdk } from '../loader/load-pi-sdk';
import { assembleClient } from './assemble-client';
import { createClientContext, type ClientDefaults } from './context';
import type { PiClientOptions } from './options';
import type { PiClient } from './pi-client';

/** `createPiClient`'s SDK and transport: Pi's script, loaded; the fetch transport. */
const DEFAULTS: ClientDefaults = {
  sdk: (options) => loadPiSdk({ url: options.sdkUrl, timeoutMs: options.sdkLoadTimeoutMs }),
  transport: (options) => createFetchTransport({ baseUrl: options.serverUrl, basePath: options.basePath }),
};

/**
 * Creates a Pi client. Nothing happens until `init`/`authenticate` is called, so it
 * is safe to create during SSR. Without `sdk` it loads Pi's script (`loadPiSdk`), without
 * `transport` it reaches the app server with `createFetchTransport`; an app that ships its own
 * `<script>` and transport uses `createBarePiClient`, which bundles neither.
 *
 * ```ts
 * const client = createPiClient({ sandbox: false });
 * await client.authenticate(['username', 'payments']);
 * const payment = client.createPayment({ amount: 3.14, memo: 'Kitten #1234', metadata: { orderId: 1234 } });
 * payment.on('phase', (phase) => console.log(phase));
 * const completed = await payment; // PaymentDTO, after the server's /complete succeeded
 * ```
 *
 * Source: Pi SDK reference (`Pi.init`, `Pi.authenticate`, `Pi.createPayment`), payments.md and the community guide's payment pages (docs/PI-PLATFORM.md).
 *
 * @throws {InvalidOptionError} (`code: "invalid_option"`, `option` naming it) without an explicit
 * boolean `sandbox`, with a non-positive `authTimeoutMs`/`sdkRetryTimeoutMs`, an unknown
 * `onPaymentConcurrency`, a `logger` other than `false` or `{ warn, error }` functions, or
 * another option of the wrong type (`sdkUrl`, `version`, `serverUrl`, `basePath`: strings;
 * `sdk`: a `PiSdk` or a function; `transport`: an object; `onInvariantViolation`: a function).
 */
export function createPiClient(options: PiClientOptions): PiClient {
  return assembleClient(createClientContext(options, DEFAULTS));
}
