import type { SimulatedPiNetwork } from '../engine/network';
export function createPlatformApiHandler(_network: SimulatedPiNetwork): (request: Request) => Promise<Response> {
  return async () => new Response('{"error":"not_found","error_message":"not implemented yet"}', { status: 404 });
}
