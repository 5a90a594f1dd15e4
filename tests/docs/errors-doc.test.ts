/**
 * docs/ERRORS.md cannot drift from the code: every error code of core (`PiKitErrorCode`) has a row,
 * and every code of the app server's routes (`ROUTE_ERROR_STATUS`) has a row with its status.
 */
import { readFileSync } from 'node:fs';
import { ROUTE_ERROR_STATUS } from '@pi-kit/core';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const doc = read('docs/ERRORS.md');
const rows = new Map([...doc.matchAll(/^\| `([a-z_]+)` +\| ([^|]+)\|/gm)].map((match) => [match[1]!, match[2]!.trim()] as const));

describe('docs/ERRORS.md', () => {
  it("has a row for every code of core's PiKitErrorCode", () => {
    const union = read('packages/core/src/errors/codes.ts');
    const codes = [...union.matchAll(/\| '([a-z_]+)'/g)].map((match) => match[1]!);
    expect(codes.length).toBeGreaterThan(15);
    expect(codes.filter((code) => !rows.has(code))).toEqual([]);
  });

  it('has a row for every route error code, with its HTTP status', () => {
    for (const [code, status] of Object.entries(ROUTE_ERROR_STATUS)) expect(rows.get(code), code).toBe(String(status));
  });
});
