/**
 * Lossless storage of any JavaScript string in PostgreSQL `TEXT` and `JSONB`. PostgreSQL refuses
 * the NUL character (`invalid byte sequence for encoding "UTF8": 0x00`, and `\u0000` in JSONB) and
 * lone UTF-16 surrogates (not UTF-8; `unsupported Unicode escape sequence` in JSONB), while a
 * payment's `memo` and `metadata` may hold both: Pi's SDK accepts them.
 *
 * A string that has none of them, and does not start with the marker U+E000, is stored as it is
 * (every usual string). Any other is stored as the marker followed by the string in which each
 * NUL, lone surrogate and U+E000 is written `U+E000` + 4 lowercase hex digits of its code unit.
 * Decoding reverses it exactly; since a marked string escapes every U+E000 of its own, and an
 * unmarked one never starts with it, no stored string can be read two ways.
 */

const MARK = '\uE000';
/** Characters that are escaped inside a marked string. */
const SPECIAL = /[\0\uE000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Characters that force the marked form (U+E000 only at the start). */
const NEEDS_MARK = /\0|^\uE000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ESCAPE = /\uE000([0-9a-f]{4})/g;

/** A string as it is stored. */
export function encodeText(value: string): string {
  if (!NEEDS_MARK.test(value)) return value;
  return MARK + value.replace(SPECIAL, (c) => MARK + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** A stored string as it was given to {@link encodeText}. */
export function decodeText(stored: string): string {
  if (!stored.startsWith(MARK)) return stored;
  return stored.slice(1).replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** A JSON value with every string in it (object keys too) encoded by {@link encodeText}. */
export function encodeJson(value: unknown): unknown {
  return mapStrings(value, encodeText);
}

/** The inverse of {@link encodeJson}. */
export function decodeJson(value: unknown): unknown {
  return mapStrings(value, decodeText);
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties: a key such as "__proto__" stays a key, as JSON.parse keeps it.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapStrings(item, map)]));
  }
  return value;
}
