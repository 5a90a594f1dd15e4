import { type AppNetwork, PI_HORIZON_URLS } from '@pi-kit/core';

/**
 * Pi's Horizon API for a network: `https://api.testnet.minepi.com` for "Pi Testnet",
 * `https://api.mainnet.minepi.com` for "Pi Network". Source: docs/PI-PLATFORM.md ("A2U payments").
 */
export function horizonUrlFor(network: AppNetwork): string {
  return PI_HORIZON_URLS[network === 'Pi Network' ? 'Pi Network' : 'Pi Testnet'];
}
