import { Keypair, StrKey } from '@stellar/stellar-sdk';
import { A2UError } from './errors';

/**
 * Checks an app wallet seed and returns its keypair. The seed never appears in the error.
 *
 * @throws A2UError `invalid_wallet_seed` unless it is a Stellar secret seed: starts with `S`, 56 characters, valid checksum.
 */
export function walletKeypair(seed: unknown): Keypair {
  if (typeof seed !== 'string' || seed.length !== 56 || !seed.startsWith('S') || !StrKey.isValidEd25519SecretSeed(seed)) {
    const shape =
      typeof seed === 'string'
        ? `a string of ${seed.length} characters${seed.startsWith('S') ? '' : ' not starting with "S"'}`
        : typeof seed;
    throw new A2UError(
      'invalid_wallet_seed',
      `The app wallet seed must be a Stellar secret seed: "S" followed by 55 characters (got ${shape}). Copy it from the Pi developer portal; keep it server-side.`,
    );
  }
  return Keypair.fromSecret(seed);
}
