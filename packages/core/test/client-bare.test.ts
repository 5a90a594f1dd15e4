// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionError, SdkLoadError, createBarePiClient, type PaymentTransport } from '@pi-kit/core';
import { createPiHarness, type PiHarness } from '@pi-kit/simulator/testing';

let world: PiHarness | undefined;
afterEach(() => {
  world?.dispose();
  world = undefined;
  delete window.Pi;
  document.head.innerHTML = '';
});

/** A simulated Pi world; its client's transport reaches the simulated app server. */
function simulated(): { world: PiHarness; transport: PaymentTransport } {
  world = createPiHarness({ user: 'alice', balance: 10 });
  return { world, transport: world.options.transport! };
}

describe('createBarePiClient: no script loader, no default transport', () => {
  it("uses the page's window.Pi and the given transport: signs in and pays", async () => {
    const { world, transport } = simulated();
    window.Pi = world.pi; // what the page's own <script src=".../pi-sdk.js"> did
    const client = createBarePiClient({ sandbox: false, logger: false, transport });
    await expect(client.init()).resolves.toBe(world.pi);
    await expect(client.authenticate()).resolves.toMatchObject({ user: { username: 'alice' } });
    const completed = await client.createPayment({ amount: 1.5, memo: 'Kitten', metadata: { id: 1 } });
    expect(completed.status).toMatchObject({ developer_approved: true, developer_completed: true });
    expect(client.store.getState().payment?.phase).toBe('completed');
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('without window.Pi: init rejects with SdkLoadError (missing_global), injects no script, and succeeds once the script ran', async () => {
    const { world, transport } = simulated();
    const client = createBarePiClient({ sandbox: false, logger: false, transport });
    const error = await client.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkLoadError);
    expect(error).toMatchObject({
      reason: 'missing_global',
      details: expect.stringMatching(/createBarePiClient uses the page's own window\.Pi/),
    });
    expect(client.store.getState().sdk).toMatchObject({ status: 'error', error });
    expect(document.querySelectorAll('script')).toHaveLength(0);
    window.Pi = world.pi;
    await expect(client.init()).resolves.toBe(world.pi);
  });

  it('takes `sdk` as createPiClient does', async () => {
    const { world, transport } = simulated();
    const client = createBarePiClient({ sandbox: false, logger: false, transport, sdk: async () => world.pi });
    await expect(client.init()).resolves.toBe(world.pi);
  });

  it('requires a transport: InvalidOptionError naming it', () => {
    for (const options of [{ sandbox: false }, { sandbox: false, transport: undefined }]) {
      const error = (() => {
        try {
          createBarePiClient(options as never);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe('transport');
    }
    // The other options are checked first, as by createPiClient.
    expect(() => createBarePiClient({} as never)).toThrow(expect.objectContaining({ option: 'sandbox' }));
  });
});
