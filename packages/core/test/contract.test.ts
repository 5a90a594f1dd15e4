import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE_BASE_PATH, PAYMENT_ROUTES, PiKitError, routePath } from '@pi-kit/core';

describe('route contract', () => {
  it('joins base path and route, ignoring trailing slashes', () => {
    expect(routePath(DEFAULT_ROUTE_BASE_PATH, 'approve')).toBe('/api/pi/approve');
    expect(routePath('/pay///', 'incomplete')).toBe('/pay/incomplete');
  });

  it('lists the four routes of the payment flow', () => {
    expect([...PAYMENT_ROUTES]).toEqual(['approve', 'complete', 'cancel', 'incomplete']);
  });
});

describe('PiKitError', () => {
  it('keeps code, short message, cause and derives details from the cause', () => {
    const cause = new Error('socket hang up');
    const error = new PiKitError('network_error', 'Could not reach the app server. Check its URL.', { cause });
    expect(error.code).toBe('network_error');
    expect(error.shortMessage).toBe('Could not reach the app server. Check its URL.');
    expect(error.details).toBe('socket hang up');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('Details: socket hang up');
    expect(error).toBeInstanceOf(Error);
  });
});
