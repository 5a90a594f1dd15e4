import type { PaymentDTO, Scope } from '@pi-kit/core';
import {
  act,
  cleanup,
  render,
  renderHook,
  type RenderHookOptions,
  type RenderHookResult,
  type RenderOptions,
  type RenderResult,
} from '@testing-library/react';
import { StrictMode, type ComponentType, type ReactElement, type ReactNode } from 'react';
import { PiProvider } from '../provider/pi-provider';
import { createPiHarness, disposeHarnesses, type PiHarness, type PiHarnessOptions } from '@pi-kit/simulator/testing';

/** Options of {@link renderWithPi} and {@link renderHookWithPi}: the simulated world, and how to render. */
export interface PiRenderOptions extends PiHarnessOptions {
  /** Sign in when the provider mounts (`<PiProvider autoSignIn>`): `true` for `['username', 'payments']`, or scopes. Default false. */
  autoSignIn?: boolean | Scope[];
  /** Render inside `<StrictMode>` (double renders and effects, as in development). Default false. */
  strictMode?: boolean;
  /** A wrapper inside the provider (e.g. your router or theme). */
  wrapper?: ComponentType<{ children: ReactNode }>;
}

/** The simulated world plus helpers that drive the wallet inside `act`. */
export interface PiRenderControls extends PiHarness {
  /**
   * Waits for the next payment the user must decide on (the wallet must be `'manual'`),
   * signs it inside `act`, and returns it (as the wallet saw it).
   */
  approveNextPayment(): Promise<PaymentDTO>;
  /** Like `approveNextPayment`, but the user rejects it (the app gets `onCancel`). */
  rejectNextPayment(): Promise<PaymentDTO>;
}

function controls(harness: PiHarness): PiRenderControls {
  const decide = async (decision: 'approve' | 'reject') => {
    const payment = await harness.wallet.next();
    await act(async () => {
      harness.wallet[decision](payment.identifier);
    });
    return payment;
  };
  return { ...harness, approveNextPayment: () => decide('approve'), rejectNextPayment: () => decide('reject') };
}

function piWrapper(harness: PiHarness, options: PiRenderOptions) {
  const { autoSignIn = false, strictMode = false, wrapper: Inner } = options;
  // biome-ignore lint/correctness/noComponentHookFactories: RTL's `wrapper` must close over this render's harness; it is created once per renderWithPi call and reused by rerender, so no state is lost.
  return function PiTestWrapper({ children }: { children: ReactNode }) {
    const content = Inner ? <Inner>{children}</Inner> : children;
    const tree = (
      <PiProvider client={harness.client} autoSignIn={autoSignIn}>
        {content}
      </PiProvider>
    );
    return strictMode ? <StrictMode>{tree}</StrictMode> : tree;
  };
}

/**
 * Renders `ui` (with @testing-library/react) inside a `<PiProvider>` wired to the
 * simulator: a Pi network, a simulated `window.Pi` for `user`, and a simulated app
 * server as the client's transport. Returns RTL's result plus the network, wallet and
 * client, so a test reads:
 *
 * ```tsx
 * const { network, approveNextPayment } = renderWithPi(<Shop />, { user: 'alice', wallet: 'manual', autoSignIn: true });
 * await userEvent.click(await screen.findByRole('button', { name: 'Buy' }));
 * await approveNextPayment();
 * expect(await screen.findByText('completed')).toBeTruthy();
 * expect(network.payments()[0]?.status.developer_completed).toBe(true);
 * ```
 *
 * Options: {@link PiRenderOptions} plus RTL's `RenderOptions` (except `wrapper`, which goes inside the provider).
 */
export function renderWithPi(
  ui: ReactElement,
  options: PiRenderOptions & Omit<RenderOptions, 'wrapper' | 'queries'> = {},
): RenderResult & PiRenderControls {
  const { user, balance, wallet, network, pi, client, basePath, autoSignIn, strictMode, wrapper, ...renderOptions } = options;
  const harness = createPiHarness(definedOnly({ user, balance, wallet, network, pi, client, basePath }));
  const result = render(ui, { ...renderOptions, wrapper: piWrapper(harness, definedOnly({ autoSignIn, strictMode, wrapper })) });
  return Object.assign(result, controls(harness));
}

/**
 * Renders a hook (with @testing-library/react's `renderHook`) inside a `<PiProvider>`
 * wired to the simulator, like {@link renderWithPi}.
 *
 * ```ts
 * const { result, approveNextPayment } = renderHookWithPi(() => usePayment(), { wallet: 'manual', autoSignIn: true });
 * await waitFor(() => expect(result.current.canPay).toBe(true));
 * ```
 */
export function renderHookWithPi<Result, Props = undefined>(
  hook: (props: Props) => Result,
  options: PiRenderOptions & Omit<RenderHookOptions<Props>, 'wrapper' | 'queries'> = {},
): RenderHookResult<Result, Props> & PiRenderControls {
  const { user, balance, wallet, network, pi, client, basePath, autoSignIn, strictMode, wrapper, ...hookOptions } = options;
  const harness = createPiHarness(definedOnly({ user, balance, wallet, network, pi, client, basePath }));
  const result = renderHook(hook, {
    ...hookOptions,
    wrapper: piWrapper(harness, definedOnly({ autoSignIn, strictMode, wrapper })),
  } as RenderHookOptions<Props>);
  return Object.assign(result, controls(harness));
}

/**
 * Unmounts what RTL rendered and stops every simulated SDK's timers. Registered after each
 * test automatically when the test runner's `afterEach` is a global (Jest, Vitest with
 * `globals: true`); otherwise call it in your own `afterEach`.
 */
export function cleanupPi(): void {
  cleanup();
  disposeHarnesses();
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const globalAfterEach = (globalThis as { afterEach?: (fn: () => void) => void }).afterEach;
if (typeof globalAfterEach === 'function') globalAfterEach(() => disposeHarnesses());
