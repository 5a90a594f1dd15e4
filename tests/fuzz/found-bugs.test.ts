/**
 * Bugs `pnpm fuzz` found in server-adapters, kept as regression tests (both fixed:
 * 57d9539 for the token, 081dd36 for /incomplete).
 */
import { describe, expect, it } from 'vitest';
import { APP, createFixture } from './fixture';

const post = (f: Awaited<ReturnType<typeof createFixture>>, route: string, body: unknown) =>
  f.handlers.fetch(
    new Request(`${APP}/api/pi/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );

describe('server-adapters bugs', () => {
  it("POST /incomplete without an access token does not cancel another user's payment in progress", async () => {
    const f = await createFixture();
    const { identifier } = f.payments.awaitingApproval; // bob's, waiting for approval, no transaction
    const response = await post(f, 'incomplete', { paymentId: identifier, txid: null });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(f.network.getPayment(identifier)!.status.cancelled).toBe(false);
  });

  it('an access token with control characters is refused with a 4xx, not 502 pi_unavailable', async () => {
    const f = await createFixture();
    for (const accessToken of ['\u0000', 'a\nb']) {
      const response = await post(f, 'approve', { paymentId: f.payments.awaitingApproval.identifier, accessToken });
      expect(response.status).toBeLessThan(500);
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });
});
