/**
 * The starter's page and server together, against a simulated Pi (see `pi-test-world.ts`):
 * a purchase, the user cancelling in the wallet, the server refusing a wrong amount, and an
 * incomplete payment recovered when the user signs in again.
 */
import { PiProvider } from '@pi-kit/react';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../src/App';
import { createPiTestWorld, type PiTestWorld } from './pi-test-world';

afterEach(cleanup);

function renderApp() {
  render(
    <PiProvider options={{ sandbox: false }}>
      <App />
    </PiProvider>,
  );
}

async function signIn() {
  fireEvent.click(await screen.findByRole('button', { name: 'Sign in with Pi' }));
  await screen.findByText('Signed in as alice');
}

async function buyKitten(world: PiTestWorld) {
  fireEvent.click(await screen.findByRole('button', { name: 'Buy for 3.14 π' }));
  return world.pi.wallet.next(); // the payment waiting in alice's wallet
}

describe('the starter app', () => {
  it('sells a kitten: the user approves in the wallet, the server completes and delivers once', async () => {
    const world = createPiTestWorld();
    renderApp();
    await signIn();
    const payment = await buyKitten(world);
    expect(payment).toMatchObject({ amount: 3.14, memo: 'Digital kitten', metadata: { productId: 'kitten' } });
    await act(async () => world.pi.wallet.approve(payment.identifier));

    await screen.findByText('Thank you! Your purchase is delivered.');
    expect(screen.getByLabelText('payment phase').textContent).toBe('completed');
    expect([...world.deliveries]).toEqual([[payment.identifier, 'kitten']]);
    expect(world.network.getPayment(payment.identifier)?.status).toMatchObject({
      developer_approved: true,
      transaction_verified: true,
      developer_completed: true,
    });
  });

  it('the user cancels in the wallet: nothing is delivered and they can buy again', async () => {
    const world = createPiTestWorld();
    renderApp();
    await signIn();
    const payment = await buyKitten(world);
    await act(async () => world.pi.wallet.reject(payment.identifier));

    await waitFor(() => expect(screen.getByLabelText('payment phase').textContent).toBe('cancelled'));
    expect(world.deliveries.size).toBe(0);
    expect(world.network.getPayment(payment.identifier)?.status.user_cancelled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'New payment' }));
    expect(screen.getByRole('button', { name: 'Buy for 3.14 π' })).toHaveProperty('disabled', false);
  });

  it("the server refuses a payment whose amount is not the price (a tampered page): it ends at once with the server's message, and the user can pay again", async () => {
    const world = createPiTestWorld();
    // A page that changes the amount before it reaches Pi, as a tampered browser could (once).
    const createPayment = world.pi.createPayment.bind(world.pi);
    world.pi.createPayment = (data, callbacks) => {
      world.pi.createPayment = createPayment;
      return createPayment({ ...data, amount: 0.01 }, callbacks);
    };
    renderApp();
    await signIn();
    fireEvent.click(await screen.findByRole('button', { name: 'Buy for 3.14 π' }));

    // findByRole waits at most a second: the refusal ends the payment at once, not at Pi's expiry.
    expect((await screen.findByRole('alert')).textContent).toBe('Digital kitten costs 3.14 π.');
    expect(screen.getByLabelText('payment phase').textContent).toBe('failed');
    expect(screen.getByRole('button', { name: 'Buy for 3.14 π' })).toHaveProperty('disabled', false);
    expect(world.answers).toContainEqual({
      route: 'approve',
      status: 409,
      body: { error: { code: 'wrong_amount', message: 'Digital kitten costs 3.14 π.' } },
    });
    const [refused] = world.network.payments();
    expect(refused?.amount).toBe(0.01);
    // The server cancelled it at Pi right after its answer.
    await waitFor(() =>
      expect(world.network.getPayment(refused!.identifier)?.status).toMatchObject({ developer_approved: false, cancelled: true }),
    );
    expect(world.deliveries.size).toBe(0);

    // The next payment goes through.
    fireEvent.click(screen.getByRole('button', { name: 'New payment' }));
    const payment = await buyKitten(world);
    await act(async () => world.pi.wallet.approve(payment.identifier));
    await screen.findByText('Thank you! Your purchase is delivered.');
    expect([...world.deliveries]).toEqual([[payment.identifier, 'kitten']]);
  });

  it('recovers an incomplete payment when the user signs in again: completed at Pi and delivered', async () => {
    const world = createPiTestWorld();
    // An earlier visit: alice paid (approved, signed, on the chain), but the page closed before
    // the app's /complete. Pi keeps the payment incomplete and blocks her next payment.
    const { accessToken } = world.network.authenticate('alice', ['username', 'payments']);
    const earlier = world.network.createPayment('alice', { amount: 3.14, memo: 'Digital kitten', metadata: { productId: 'kitten' } });
    const approved = await fetch('http://localhost/api/pi/approve', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paymentId: earlier.identifier, accessToken }),
    });
    expect(approved.status).toBe(200);
    world.network.submitTransaction(earlier.identifier);

    renderApp();
    await signIn();

    await waitFor(() => expect(world.network.getPayment(earlier.identifier)?.status.developer_completed).toBe(true));
    expect([...world.deliveries]).toEqual([[earlier.identifier, 'kitten']]);
    expect(await screen.findByRole('button', { name: 'Buy for 3.14 π' })).toHaveProperty('disabled', false);
  });
});
