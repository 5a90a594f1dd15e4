/**
 * The server side of the browser SDK's JSON bridge (`POST /__sim/rpc/{method}`,
 * see `sdk/bridge-protocol.ts`): checks the arguments and runs the operation on
 * the in-process backend of the network. Every refusal answers in Pi's error
 * shape with a 4xx (the engine's `PiNetworkError` keeps its code and status).
 */
import type { PaymentDTO } from '@pi-kit/core';
import type { PiNetwork } from '../engine/types';
import { BRIDGE_PATH, isBridgeMethod, type BridgeMethod } from '../sdk/bridge-protocol';
import { createNetworkBackend } from '../sdk/network-backend';
import { engineErrorResponse, jsonResponse, piErrorResponse } from './pi-error';

type ArgRule = 'string' | 'scopes' | 'object' | 'cancelReason' | 'adType';

const ARGS: Record<BridgeMethod, ArgRule[]> = {
  timings: [],
  authenticate: ['string', 'scopes'],
  createPayment: ['string', 'object'],
  paymentState: ['string'],
  incompletePaymentOf: ['string'],
  openPaymentOf: ['string'],
  submitTransaction: ['string'],
  cancelByUser: ['string', 'cancelReason'],
  expire: ['string'],
  balanceOf: ['string'],
  showAd: ['string', 'adType'],
  log: ['object'],
};

/** Options of {@link createBridgeHandler}. */
export interface BridgeOptions {
  /**
   * Asked after each successful `submitTransaction`: true makes the answer carry `crash: true`,
   * and the browser SDK then stops as a crashed page would (the app never hears of the signed
   * payment until the user signs in again). The console's "leave incomplete" scenario.
   */
  crashAfterSigning?: () => boolean;
}

/** A Fetch handler for `POST /__sim/rpc/{method}` on `network`. */
export function createBridgeHandler(network: PiNetwork, options: BridgeOptions = {}): (request: Request) => Promise<Response> {
  const backend = createNetworkBackend(network);
  return async (request) => {
    const method = new URL(request.url).pathname.slice(BRIDGE_PATH.length + 1);
    if (!isBridgeMethod(method)) return piErrorResponse(404, 'not_found', `Unknown simulator bridge method "${method}".`);
    if (request.method !== 'POST') return piErrorResponse(405, 'method_not_allowed', `Use POST ${BRIDGE_PATH}/${method}.`);
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return piErrorResponse(400, 'invalid_json', 'The request body must be JSON: { "args": [...] }.');
    }
    const args = (body as { args?: unknown } | null)?.args;
    const problem = argsProblem(ARGS[method], args);
    if (problem) return piErrorResponse(400, 'invalid_arguments', `${method}: ${problem}`);
    try {
      if (method === 'log') {
        const entry = (args as [Record<string, unknown>])[0];
        if (typeof entry.name !== 'string' || (entry.kind !== 'callback' && entry.kind !== 'sdk')) {
          return piErrorResponse(400, 'invalid_arguments', 'log: the entry needs kind ("callback" | "sdk") and name.');
        }
      }
      const run = backend[method] as (...a: unknown[]) => unknown;
      const result = await run(...(args as unknown[]));
      if (method === 'submitTransaction' && options.crashAfterSigning?.()) {
        const { identifier, user_uid } = result as PaymentDTO;
        network.log({ type: 'sdk.simulated_crash', paymentId: identifier, user: user_uid, after: 'signing' });
        return jsonResponse(200, { result, crash: true });
      }
      return jsonResponse(200, { result: result ?? null });
    } catch (error) {
      return engineErrorResponse(error);
    }
  };
}

function argsProblem(rules: ArgRule[], args: unknown): string | null {
  if (!Array.isArray(args)) return 'the body must be { "args": [...] }.';
  if (args.length !== rules.length) return `expected ${rules.length} argument(s), got ${args.length}.`;
  for (const [i, rule] of rules.entries()) {
    const value: unknown = args[i];
    const ok =
      rule === 'string'
        ? typeof value === 'string' && value !== ''
        : rule === 'scopes'
          ? Array.isArray(value) && value.every((scope) => typeof scope === 'string')
          : rule === 'object'
            ? typeof value === 'object' && value !== null && !Array.isArray(value)
            : rule === 'cancelReason'
              ? value === 'user' || value === 'insufficient_funds'
              : value === 'interstitial' || value === 'rewarded';
    if (!ok) return `argument ${i + 1} must be ${RULE_TEXT[rule]}.`;
  }
  return null;
}

const RULE_TEXT: Record<ArgRule, string> = {
  string: 'a non-empty string',
  scopes: 'an array of scope strings',
  object: 'a JSON object',
  cancelReason: '"user" or "insufficient_funds"',
  adType: '"interstitial" or "rewarded"',
};
