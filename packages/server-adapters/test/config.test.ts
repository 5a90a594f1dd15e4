/**
 * piConfigFromEnv: the real-Pi settings of docs/REAL-PI.md, validated, and the key and
 * wallet seed never in an error message.
 */
import { Keypair } from '@stellar/stellar-sdk';
import { describe, expect, it } from 'vitest';
import { PiConfigError, piConfigFromEnv } from '../src/index';

const KEY = 'test-api-key-3b9f1c7d-never-shown';
const SEED = Keypair.random().secret();

function errorOf(run: () => unknown): PiConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PiConfigError);
    return error as PiConfigError;
  }
  throw new Error('expected a PiConfigError');
}

describe('piConfigFromEnv', () => {
  it('returns undefined without PI_API_KEY (or with a blank one): the caller uses the simulator', () => {
    expect(piConfigFromEnv({})).toBeUndefined();
    expect(piConfigFromEnv({ PI_API_KEY: '   ', PI_SANDBOX: 'true' })).toBeUndefined();
  });

  it("picks Pi's real endpoints for the network, with the sandbox flag as given", () => {
    expect(piConfigFromEnv({ PI_API_KEY: ` ${KEY}\n`, PI_SANDBOX: 'true' })).toEqual({
      apiKey: KEY,
      network: 'Pi Testnet',
      sandbox: true,
      apiBaseUrl: 'https://api.minepi.com',
      horizonUrl: 'https://api.testnet.minepi.com',
      sdkUrl: 'https://sdk.minepi.com/pi-sdk.js',
      walletSeed: undefined,
    });
    expect(piConfigFromEnv({ PI_API_KEY: KEY, PI_SANDBOX: 'false', PI_NETWORK: 'Pi Network', PI_WALLET_SEED: SEED })).toMatchObject({
      network: 'Pi Network',
      sandbox: false,
      horizonUrl: 'https://api.mainnet.minepi.com',
      walletSeed: SEED,
    });
  });

  it.each([
    ['no PI_SANDBOX', { PI_API_KEY: KEY }, /PI_SANDBOX=true/],
    ['PI_SANDBOX not true/false', { PI_API_KEY: KEY, PI_SANDBOX: 'yes' }, /PI_SANDBOX=true/],
    ['an unknown PI_NETWORK', { PI_API_KEY: KEY, PI_SANDBOX: 'true', PI_NETWORK: 'mainnet' }, /"mainnet"/],
    ['PI_NETWORK set to the key', { PI_API_KEY: KEY, PI_SANDBOX: 'true', PI_NETWORK: KEY }, /PI_NETWORK must be/],
    // The last character changed (never to itself), so the seed's checksum fails.
    [
      'a malformed PI_WALLET_SEED',
      { PI_API_KEY: KEY, PI_SANDBOX: 'true', PI_WALLET_SEED: `${SEED.slice(0, 55)}${SEED.endsWith('X') ? 'Y' : 'X'}` },
      /PI_WALLET_SEED/,
    ],
    [
      'a public key as PI_WALLET_SEED',
      { PI_API_KEY: KEY, PI_SANDBOX: 'true', PI_WALLET_SEED: Keypair.random().publicKey() },
      /PI_WALLET_SEED/,
    ],
    ['PI_WALLET_SEED without PI_API_KEY', { PI_WALLET_SEED: SEED }, /PI_API_KEY is not/],
  ])('refuses %s with invalid_config, never showing the key or the seed', (_name, env, message) => {
    const error = errorOf(() => piConfigFromEnv(env));
    expect(error.code).toBe('invalid_config');
    expect(error.message).toMatch(message);
    const shown = `${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}`;
    expect(shown).not.toContain(KEY);
    expect(shown).not.toContain(SEED);
    expect(shown).not.toContain(SEED.slice(0, 55));
  });
});
