/**
 * Seeded, deterministic random streams (sfc32 seeded through splitmix32), so a
 * network created with the same seed issues the same ids and keys.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A deterministic random stream. */
export class RandomStream {
  // sfc32's four words of state, named as in its reference implementation (PractRand).
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `stream` separates independent sequences of the same seed (ids, keys, faults). */
  constructor(seed: number, stream: number) {
    const mix = splitmix32((Math.floor(seed) ^ Math.imul(stream + 1, 0x27d4eb2f)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix() | 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Where the stream is: its four 32-bit words as unsigned integers (the arithmetic is modulo 2³², so the sign is only how JS holds them), for a snapshot. */
  position(): [number, number, number, number] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }

  /** Moves the stream to a `position()` it had (four integers 0 … 2³²−1): it goes on as it would have. */
  moveTo(position: readonly [number, number, number, number]): void {
    [this.a, this.b, this.c, this.d] = position;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      let v = this.nextUint32();
      for (let j = i; j < Math.min(n, i + 4); j++) {
        out[j] = v & 0xff;
        v >>>= 8;
      }
    }
    return out;
  }

  /** A string of `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string {
    // Character codes, then one string: a flat string, not a chain of `length` concatenations (ids are kept for the network's life).
    const codes = new Array<number>(length);
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(this.nextUint32() % alphabet.length);
    return String.fromCharCode(...codes);
  }

  /** A version-4 UUID (the shape of Pi's `uid`). */
  uuid(): string {
    const hex = this.string(32, '0123456789abcdef');
    const variant = '89ab'[this.nextUint32() % 4];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Letters and digits. */
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Lowercase letters and digits. */
export const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Base64url characters. */
export const BASE64URL = `${ALPHANUMERIC}-_`;

/** A random seed for a network created without one. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff) >>> 0;
}
