/**
 * The console's HTTP API, also meant for scripts and tests (documented in the package README,
 * "The console"):
 *
 * | request | answer |
 * |---|---|
 * | `GET /__sim/state` | {@link ConsoleState}: users, the app wallet, payments, the ledger, scenarios in effect |
 * | `GET /__sim/events?after=SEQ` | the event log as server-sent events (`id` = `seq`), the events after `SEQ` (or `Last-Event-ID`) first, then live |
 * | `POST /__sim/scenarios/fail` | `{ target, mode, times, status?, delayMs? }`: the next `times` calls to `target` fail ({@link Scenarios.failNext}) |
 * | `POST /__sim/scenarios/clear-failures` | every failure scenario stops |
 * | `POST /__sim/scenarios/leave-incomplete` | `{ times? }`: the browser crashes right after the user signs the next payment(s) |
 * | `POST /__sim/scenarios/expire` | `{ paymentId }`: the open U2A payment expires now |
 * | `POST /__sim/scenarios/user-cancel` | `{ paymentId }`: the user cancels the payment in the wallet |
 * | `POST /__sim/scenarios/advance-clock` | `{ ms }`: the network's clock jumps ahead |
 * | `POST /__sim/scenarios/balance` | `{ who, balance }` or `{ who, add }`: sets or changes a wallet's balance (π) |
 * | `POST /__sim/scenarios/add-user` | `{ username, balance? }`: a new user with a funded wallet |
 *
 * A scenario answers `200 { result }`, or a 4xx in Pi's error shape (`{ error, error_message }`)
 * with the network's code. Scenario requests must send `Content-Type: application/json`, so that a
 * page of another origin cannot send them without the CORS preflight that only loopback pages pass.
 */
import type { PaymentDTO } from '@pi-kit/core';
import type { LedgerTransaction, PiNetwork, SimEvent } from '../engine/types';
import { engineErrorResponse, jsonResponse, piErrorResponse } from '../server/pi-error';
import { type ScenarioState, Scenarios } from './scenarios';

/** The path prefix of the console's API. */
export const CONSOLE_API_PATH = '/__sim';

/** A payment as the console shows it: Pi's `PaymentDTO` and, once cancelled, why. */
export type ConsolePayment = PaymentDTO & { cancel_reason: string | null };

/** What `GET /__sim/state` answers. Amounts in π. */
export interface ConsoleState {
  network: string;
  /** The network's clock, ms since the epoch. */
  now: number;
  app: { walletAddress: string; balance: number };
  users: Array<{ uid: string; username: string; walletAddress: string; balance: number }>;
  /** Oldest first. */
  payments: ConsolePayment[];
  /** The ledger, oldest first. */
  transactions: LedgerTransaction[];
  scenarios: ScenarioState;
  /** The `seq` of the last event so far (0: none). */
  lastSeq: number;
}

/** How often an idle event stream sends a comment line, so that proxies keep it open. */
const HEARTBEAT_MS = 15_000;

/** The console API of `network`: a Fetch handler for the paths under {@link CONSOLE_API_PATH}, and the scenarios it drives. */
export function createConsoleApi(network: PiNetwork, scenarios = new Scenarios(network)) {
  const routes: Record<string, (body: Record<string, unknown>) => unknown> = {
    fail: (body) => scenarios.failNext(body as never),
    'clear-failures': () => {
      scenarios.clearFailures();
      return scenarios.describe();
    },
    'leave-incomplete': (body) => scenarios.crashAfterSigning((body.times as number | undefined) ?? 1),
    expire: (body) => scenarios.expire(body.paymentId),
    'user-cancel': (body) => scenarios.userCancels(body.paymentId),
    'advance-clock': (body) => scenarios.advanceClock(body.ms),
    balance: (body) => scenarios.setBalance(body),
    'add-user': (body) => {
      const { uid, username, walletAddress } = scenarios.addUser(body);
      return { uid, username, walletAddress, balance: network.balanceOf(walletAddress) };
    },
  };

  async function scenario(name: string, request: Request): Promise<Response> {
    const run = Object.hasOwn(routes, name) ? routes[name] : undefined;
    if (!run) return piErrorResponse(404, 'not_found', `No scenario "${name}". Known: ${Object.keys(routes).join(', ')}.`);
    if (request.method !== 'POST') return piErrorResponse(405, 'method_not_allowed', `Use POST ${CONSOLE_API_PATH}/scenarios/${name}.`);
    if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json'))
      return piErrorResponse(415, 'unsupported_media_type', 'Send the scenario as JSON (Content-Type: application/json).');
    let body: unknown;
    try {
      const text = await request.text();
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      return piErrorResponse(400, 'invalid_json', 'The request body must be a JSON object.');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return piErrorResponse(400, 'invalid_json', 'The request body must be a JSON object.');
    try {
      return jsonResponse(200, { result: run(body as Record<string, unknown>) ?? null });
    } catch (error) {
      return engineErrorResponse(error);
    }
  }

  function handle(request: Request): Promise<Response> | Response {
    const url = new URL(request.url);
    const path = url.pathname.slice(CONSOLE_API_PATH.length);
    if (path.startsWith('/scenarios/')) return scenario(path.slice('/scenarios/'.length), request);
    if (request.method !== 'GET') return piErrorResponse(405, 'method_not_allowed', `Use GET ${url.pathname}.`);
    if (path === '/state') return jsonResponse(200, consoleState(network, scenarios));
    if (path === '/events') {
      const after = Number(request.headers.get('last-event-id') ?? url.searchParams.get('after') ?? 0);
      return eventStream(network, Number.isFinite(after) ? after : 0);
    }
    return piErrorResponse(404, 'not_found', `Nothing at ${request.method} ${url.pathname}. See the simulator README, "The console".`);
  }

  return { handle, scenarios };
}

/** The network as the console shows it. */
export function consoleState(network: PiNetwork, scenarios: Scenarios): ConsoleState {
  const reasons = new Map<string, string>();
  for (const event of network.events) if (event.type === 'payment.cancelled') reasons.set(event.payment.identifier, event.reason);
  return {
    network: network.network,
    now: network.now(),
    app: { walletAddress: network.app.walletAddress, balance: network.balanceOf(network.app.walletAddress) },
    users: network
      .users()
      .map(({ uid, username, walletAddress }) => ({ uid, username, walletAddress, balance: network.balanceOf(walletAddress) })),
    payments: network.payments().map((payment) => ({ ...payment, cancel_reason: reasons.get(payment.identifier) ?? null })),
    transactions: network.transactions(),
    scenarios: scenarios.describe(),
    lastSeq: network.events.length,
  };
}

/** The events after `after`, then every new one, as `text/event-stream`. Ends when the client goes away. */
function eventStream(network: PiNetwork, after: number): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the stream is closed: stop listening (never throw into the network's listeners)
        }
      };
      const send = (event: SimEvent) => write(`id: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = network.on(send);
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
      stop = () => {
        unsubscribe();
        clearInterval(heartbeat);
      };
      write('retry: 1000\n\n');
      for (const event of network.events.slice(Math.max(0, after))) send(event);
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' },
  });
}
