import type { SimulatedPiNetwork } from '../engine/network';
export function createHorizonHandler(_network: SimulatedPiNetwork): (request: Request) => Promise<Response> {
  return async () => new Response('{"status":404}', { status: 404 });
}
