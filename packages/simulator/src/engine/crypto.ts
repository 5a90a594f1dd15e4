/**
 * Ed25519 and SHA-256 for the simulated ledger. Uses `@stellar/stellar-sdk`
 * everywhere; where Node's crypto is available (read through
 * `process.getBuiltinModule`, nothing imported, so browsers are unaffected) it
 * derives keys, signs and verifies with it, 15–20× faster and byte-identical
 * (Ed25519 signatures are deterministic).
 *
 * Node's crypto also keeps the simulator working in vitest's `jsdom` and
 * `happy-dom` environments: they replace the global `Uint8Array` with the DOM
 * realm's, so the Node build of `@stellar/stellar-sdk` (whose Ed25519 code checks
 * `instanceof Uint8Array` on Node `Buffer`s) refuses every key there.
 */
import { Keypair, StrKey, hash } from '@stellar/stellar-sdk';

interface NodeKeyObject {
  readonly type: string;
  export(options: { format: 'der'; type: 'spki' }): Uint8Array;
}
interface NodeCrypto {
  createPrivateKey(options: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): NodeKeyObject;
  createPublicKey(options: { key: Uint8Array; format: 'der'; type: 'spki' } | NodeKeyObject): NodeKeyObject;
  sign(algorithm: null, data: Uint8Array, key: NodeKeyObject): Uint8Array;
  verify(algorithm: null, data: Uint8Array, key: NodeKeyObject, signature: Uint8Array): boolean;
  createHash(algorithm: 'sha256'): { update(data: Uint8Array): { digest(): Uint8Array } };
  /** One-shot hashing (Node ≥ 20.12), cheaper than `createHash` for small inputs. */
  hash?(algorithm: 'sha256', data: Uint8Array, outputEncoding: 'buffer'): Uint8Array;
}

const nodeCrypto: NodeCrypto | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const mod = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
    return mod && typeof mod.sign === 'function' ? mod : undefined;
  } catch {
    return undefined;
  }
})();

const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const SPKI_ED25519_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** SHA-256. */
export function sha256(data: Uint8Array): Uint8Array {
  if (nodeCrypto?.hash) return nodeCrypto.hash('sha256', data, 'buffer');
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(data).digest();
  return new Uint8Array(hash(Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
}

/**
 * An Ed25519 key of a wallet on the simulated ledger: its Stellar address (`G…`) and raw public
 * key, and for a wallet the simulator signs for, its secret seed (`S…`) and raw 32-byte seed.
 */
export interface WalletKey {
  readonly publicKey: string;
  readonly rawPublicKey: Uint8Array;
  readonly secret?: string;
  readonly rawSeed?: Uint8Array;
}

function privateKeyObject(crypto: NodeCrypto, rawSeed: Uint8Array): NodeKeyObject {
  return crypto.createPrivateKey({ key: concat(PKCS8_ED25519_PREFIX, rawSeed), format: 'der', type: 'pkcs8' });
}

/** The wallet key of a raw 32-byte Ed25519 seed. */
export function walletKeyFromSeed(rawSeed: Uint8Array): Required<WalletKey> {
  const seed = new Uint8Array(rawSeed);
  const rawPublicKey = nodeCrypto
    ? new Uint8Array(nodeCrypto.createPublicKey(privateKeyObject(nodeCrypto, seed)).export({ format: 'der', type: 'spki' })).slice(-32)
    : new Uint8Array(Keypair.fromRawEd25519Seed(Buffer.from(seed)).rawPublicKey());
  return {
    publicKey: StrKey.encodeEd25519PublicKey(Buffer.from(rawPublicKey)),
    rawPublicKey,
    secret: StrKey.encodeEd25519SecretSeed(Buffer.from(seed)),
    rawSeed: seed,
  };
}

/** The wallet key of a Stellar secret seed (`S…`, 56 characters); throws when it is not one. */
export function walletKeyFromSecret(secret: string): Required<WalletKey> {
  return walletKeyFromSeed(new Uint8Array(StrKey.decodeEd25519SecretSeed(secret)));
}

/** A signer for one raw Ed25519 seed: keys converted once, reused for every signature. */
export class Signer {
  private nodePrivate: NodeKeyObject | undefined;
  private keypair: Keypair | undefined;
  constructor(private readonly rawSeed: Uint8Array) {}

  sign(data: Uint8Array): Uint8Array {
    if (nodeCrypto) {
      this.nodePrivate ??= privateKeyObject(nodeCrypto, this.rawSeed);
      return new Uint8Array(nodeCrypto.sign(null, data, this.nodePrivate));
    }
    this.keypair ??= Keypair.fromRawEd25519Seed(Buffer.from(this.rawSeed));
    return new Uint8Array(this.keypair.sign(Buffer.from(data)));
  }
}

/** A verifier for one public key (32 raw bytes). */
export class Verifier {
  private nodePublic: NodeKeyObject | undefined;
  private keypair: Keypair | undefined;
  constructor(private readonly rawPublicKey: Uint8Array) {}

  verify(data: Uint8Array, signature: Uint8Array): boolean {
    if (signature.length !== 64) return false;
    if (nodeCrypto) {
      try {
        this.nodePublic ??= nodeCrypto.createPublicKey({
          key: concat(SPKI_ED25519_PREFIX, this.rawPublicKey),
          format: 'der',
          type: 'spki',
        });
        return nodeCrypto.verify(null, data, this.nodePublic, signature);
      } catch {
        return false;
      }
    }
    try {
      this.keypair ??= new Keypair({ type: 'ed25519', publicKey: Buffer.from(this.rawPublicKey) });
      return this.keypair.verify(Buffer.from(data), Buffer.from(signature));
    } catch {
      return false;
    }
  }
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The bytes of a hex string (as {@link toHex} writes it). */
export function fromHex(hex: string): Uint8Array {
  return Buffer.from(hex, 'hex');
}

/** Base64 of bytes. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
