/**
 * JSON-serialisable values: what `metadata` may hold, since Pi stores and returns it as JSON
 * (payments.md, `paymentData` keys: "metadata: an arbitrary Javascript object").
 */

/** A JSON value: survives `JSON.stringify` → `JSON.parse` unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object, e.g. a payment's `metadata`. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * `T` where it is JSON, `never` where it is not (`Date`, `undefined`, functions, symbols,
 * bigints, class instances with methods): `metadata: M & JsonSafe<M>` makes
 * `{ at: new Date() }` a compile error while interfaces of plain fields stay accepted.
 */
export type JsonSafe<T> = unknown extends T
  ? T // `unknown` or `any`: nothing to check at compile time (validatePaymentData checks at run time)
  : T extends JsonValue
    ? T // already JSON (object literal types, JsonObject): accepted as it is
    : T extends string | number | boolean | null
      ? T
      : T extends undefined | symbol | bigint | Date | ((...args: never[]) => unknown)
        ? never
        : T extends readonly unknown[]
          ? { [I in keyof T]: JsonSafe<T[I]> }
          : T extends object
            ? { [K in keyof T]: JsonSafe<T[K]> }
            : never;
