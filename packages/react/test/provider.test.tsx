import { createBarePiClient, createPiClient, type PiClient } from '@pi-kit/core';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  PiClientProvider,
  PiProvider,
  PiProviderMissingError,
  PiProviderPropsError,
  useAd,
  useNativeFeatures,
  usePayment,
  usePiAuth,
  usePiClient,
  usePiSdk,
  usePiStore,
  useShareDialog,
} from '../src/index';
import { cleanupPi, createPiHarness, renderWithPi } from '../src/testing/index';

afterEach(() => {
  cleanupPi();
  vi.restoreAllMocks();
});

/** Hides React's logging of an expected render error (React 18 also reports it as an uncaught window error). */
function quietErrors() {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const swallow = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', swallow);
  onTestFinished(() => window.removeEventListener('error', swallow));
}

function eventCount(events: readonly { type: string }[], type: string): number {
  return events.filter((event) => event.type === type).length;
}

function Status() {
  const { status, user } = usePiAuth();
  return <p data-testid="status">{status === 'authenticated' ? `@${user?.username}` : status}</p>;
}

describe('PiProvider', () => {
  it.each([
    ['usePiAuth', () => usePiAuth()],
    ['usePayment', () => usePayment()],
    ['usePiSdk', () => usePiSdk()],
    ['usePiClient', () => usePiClient()],
    ['usePiStore', () => usePiStore((state) => state.auth)],
    ['useNativeFeatures', () => useNativeFeatures()],
    ['useShareDialog', () => useShareDialog()],
    ['useAd', () => useAd('rewarded')],
  ] as Array<[string, () => unknown]>)('%s outside a provider throws PiProviderMissingError naming the hook', (name, hook) => {
    quietErrors();
    let thrown: unknown;
    try {
      renderHook(hook);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PiProviderMissingError);
    expect(thrown).toMatchObject({ code: 'pi_provider_missing', hook: name });
    expect((thrown as Error).message).toContain(`${name}() must be used inside <PiProvider>`);
  });

  it('needs exactly one of client and options (PiProviderPropsError)', () => {
    quietErrors();
    const { client, options } = createPiHarness();
    expect(() => render(<PiProvider {...({} as { options: never })} />)).toThrow(PiProviderPropsError);
    expect(() => render(<PiProvider {...({ client, options } as unknown as { client: PiClient })} />)).toThrow(
      /both `client` and `options`/,
    );
  });

  it('in production (NODE_ENV=production, as bundlers set it) the messages are short: the hook, or the problem', () => {
    vi.stubEnv('NODE_ENV', 'production');
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    const missing = new PiProviderMissingError('usePayment');
    expect(missing).toMatchObject({ code: 'pi_provider_missing', hook: 'usePayment', name: 'PiProviderMissingError' });
    expect(missing.message).toBe('usePayment() outside <PiProvider>');
    const props = new PiProviderPropsError('was given neither `client` nor `options`');
    expect(props).toMatchObject({ code: 'invalid_provider_props', name: 'PiProviderPropsError' });
    expect(props.message).toBe('<PiProvider> was given neither `client` nor `options`');
  });

  it('passes createPiClient errors through (sandbox must be explicit)', () => {
    quietErrors();
    expect(() => render(<PiProvider options={{} as never} />)).toThrow(/sandbox/);
  });

  it('with client: the hooks use that client', async () => {
    const { client } = createPiHarness();
    const { result } = renderHook(() => usePiClient(), { wrapper: ({ children }) => <PiProvider client={client}>{children}</PiProvider> });
    expect(result.current).toBe(client);
  });

  it('with options: one client per provider, kept across re-renders, never shared between providers', async () => {
    const alice = createPiHarness({ user: 'alice' });
    const bob = createPiHarness({ user: 'bob', network: alice.network });
    const seen: { a: PiClient[]; b: PiClient[] } = { a: [], b: [] };
    function Probe({ name }: { name: 'a' | 'b' }) {
      seen[name].push(usePiClient());
      return <Status />;
    }
    const tree = (label: string) => (
      <>
        <PiProvider options={alice.options} autoSignIn>
          <Probe name="a" />
          <span>{label}</span>
        </PiProvider>
        <PiProvider options={bob.options} autoSignIn>
          <Probe name="b" />
        </PiProvider>
      </>
    );
    const { rerender } = render(tree('first'));
    await waitFor(() => expect(screen.getAllByTestId('status').map((node) => node.textContent)).toEqual(['@alice', '@bob']));
    rerender(tree('second'));
    expect(new Set(seen.a).size).toBe(1);
    expect(new Set(seen.b).size).toBe(1);
    expect(seen.a[0]).not.toBe(seen.b[0]);
    expect(seen.a[0]).not.toBe(alice.client); // the provider made its own client from the options
  });

  it('loads and initialises the SDK on mount (Pi.init once, with the sandbox flag)', async () => {
    const { network } = renderWithPi(<Status />);
    await waitFor(() => expect(eventCount(network.events, 'sdk.init')).toBe(1));
    expect(network.events.find((event) => event.type === 'sdk.init')).toMatchObject({ details: { version: '2.0', sandbox: false } });
    expect(eventCount(network.events, 'sdk.authenticate')).toBe(0); // no autoSignIn
    expect(screen.getByTestId('status').textContent).toBe('idle');
  });

  it('autoSignIn with scopes signs in with those scopes', async () => {
    const { network, client } = renderWithPi(<Status />, { autoSignIn: ['payments', 'username', 'wallet_address'] });
    expect(await screen.findByText('@alice')).toBeTruthy();
    expect(client.store.getState().auth.scopes).toEqual(['payments', 'username', 'wallet_address']);
    expect(network.events.find((event) => event.type === 'sdk.authenticate')).toMatchObject({
      details: { scopes: ['payments', 'username', 'wallet_address'] },
    });
  });

  it('autoSignIn does not sign in again when a user is already signed in (remount)', async () => {
    const harness = createPiHarness();
    await harness.client.authenticate();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <PiProvider client={harness.client} autoSignIn>
        {children}
      </PiProvider>
    );
    const first = render(<Status />, { wrapper });
    expect(screen.getByTestId('status').textContent).toBe('@alice');
    first.unmount();
    render(<Status />, { wrapper });
    await waitFor(() => expect(eventCount(harness.network.events, 'sdk.init')).toBe(1));
    expect(eventCount(harness.network.events, 'sdk.authenticate')).toBe(1);
  });
});

describe('PiClientProvider (the client it is given, without createPiClient)', () => {
  it("with createBarePiClient on the page's window.Pi: initialises on mount, signs in (autoSignIn) and pays", async () => {
    const harness = createPiHarness();
    window.Pi = harness.pi; // what the page's own <script src=".../pi-sdk.js"> did
    onTestFinished(() => {
      delete window.Pi;
    });
    const client = createBarePiClient({ sandbox: false, logger: false, transport: harness.options.transport! });
    function Buy() {
      const { pay, phase, canPay } = usePayment();
      return (
        <>
          <Status />
          <button type="button" disabled={!canPay} onClick={() => void pay({ amount: 1, memo: 'One', metadata: {} }).catch(() => {})}>
            Buy
          </button>
          <p data-testid="phase">{phase}</p>
        </>
      );
    }
    render(
      <StrictMode>
        <PiClientProvider client={client} autoSignIn>
          <Buy />
        </PiClientProvider>
      </StrictMode>,
    );
    expect(await screen.findByText('@alice')).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Buy' }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(false));
    button.click();
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('completed'));
    expect(eventCount(harness.network.events, 'sdk.init')).toBe(1);
    expect(eventCount(harness.network.events, 'sdk.authenticate')).toBe(1);
    expect(eventCount(harness.network.events, 'payment.completed')).toBe(1);
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('without autoSignIn: initialises only; the hooks read the given client', async () => {
    const { client, network } = createPiHarness();
    const { result } = renderHook(() => usePiClient(), {
      wrapper: ({ children }) => <PiClientProvider client={client}>{children}</PiClientProvider>,
    });
    expect(result.current).toBe(client);
    await waitFor(() => expect(eventCount(network.events, 'sdk.init')).toBe(1));
    expect(eventCount(network.events, 'sdk.authenticate')).toBe(0);
  });
});

describe('React StrictMode (double render, double effects)', () => {
  it('with a client: the SDK is initialised once and the user authenticated once', async () => {
    const { network } = renderWithPi(<Status />, { strictMode: true, autoSignIn: true });
    expect(await screen.findByText('@alice')).toBeTruthy();
    expect(eventCount(network.events, 'sdk.init')).toBe(1);
    expect(eventCount(network.events, 'sdk.authenticate')).toBe(1);
    expect(eventCount(network.events, 'user.authenticated')).toBe(1);
  });

  it('with options: the provider creates its client once; init and authenticate happen once', async () => {
    const harness = createPiHarness();
    const clients = new Set<PiClient>();
    function Probe() {
      clients.add(usePiClient());
      return <Status />;
    }
    render(
      <StrictMode>
        <PiProvider options={harness.options} autoSignIn>
          <Probe />
        </PiProvider>
      </StrictMode>,
    );
    expect(await screen.findByText('@alice')).toBeTruthy();
    expect(clients.size).toBe(1);
    expect(eventCount(harness.network.events, 'sdk.init')).toBe(1);
    expect(eventCount(harness.network.events, 'sdk.authenticate')).toBe(1);
  });

  it('a payment started under StrictMode is created once and completes once', async () => {
    function Buy() {
      const { pay, phase, canPay } = usePayment();
      return (
        <>
          <button
            type="button"
            disabled={!canPay}
            onClick={() => void pay({ amount: 1, memo: 'One', metadata: {} }).catch(() => undefined)}
          >
            Buy
          </button>
          <p data-testid="phase">{phase}</p>
        </>
      );
    }
    const { network } = renderWithPi(<Buy />, { strictMode: true, autoSignIn: true });
    const button = await screen.findByRole('button', { name: 'Buy' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    button.click();
    await waitFor(() => expect(screen.getByTestId('phase').textContent).toBe('completed'));
    expect(eventCount(network.events, 'payment.created')).toBe(1);
    expect(eventCount(network.events, 'payment.completed')).toBe(1);
  });
});

describe('a client created outside React', () => {
  it('reflects state changes made through the client itself', async () => {
    const harness = createPiHarness();
    const client = createPiClient(harness.options);
    render(
      <PiProvider client={client}>
        <Status />
      </PiProvider>,
    );
    expect(screen.getByTestId('status').textContent).toBe('idle');
    await act(() => client.authenticate());
    expect(screen.getByTestId('status').textContent).toBe('@alice');
  });
});
