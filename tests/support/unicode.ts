/**
 * Strings a user can send, for property tests and fuzzing: any code point, with NUL, lone
 * surrogates, a surrogate pair, quotes, a backslash, U+2028 and `%00` weighted in (what
 * PostgreSQL, JSON and URL handling trip on).
 */
import fc from 'fast-check';

/** Any string of at most `maxLength` code units of the kinds above. */
export const anyText = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\\', '"', "'", '\u2028', '%00'),
      },
    ),
    maxLength,
  });
