/**
 * Starts the app's server. Against `pi-sim` (development):
 *   PI_API_KEY=<the key pi-sim prints> PI_PLATFORM_URL=http://127.0.0.1:4100 PI_HORIZON_URL=http://127.0.0.1:4100/horizon
 * Against Pi (sandbox or production): PI_API_KEY from the developer portal, and PI_NETWORK.
 */
import { createApp } from './app';

const env = process.env;
if (!env.PI_API_KEY) {
  console.error('Set PI_API_KEY: the key pi-sim prints, or your app key from the Pi developer portal.');
  process.exit(1);
}
const port = Number(env.PORT ?? 3001);
createApp({
  apiKey: env.PI_API_KEY,
  network: env.PI_NETWORK === 'Pi Network' ? 'Pi Network' : 'Pi Testnet',
  dataDir: env.DATA_DIR ?? './data/payments',
  ...(env.PI_PLATFORM_URL ? { platformBaseUrl: env.PI_PLATFORM_URL } : {}),
  ...(env.PI_HORIZON_URL ? { horizonUrl: env.PI_HORIZON_URL } : {}),
}).listen(port, '127.0.0.1', () => console.log(`starter server on http://127.0.0.1:${port}`));
