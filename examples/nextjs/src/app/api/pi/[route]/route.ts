/**
 * pi-kit's payment routes as a Next.js Route Handler: `POST /api/pi/approve|complete|cancel|incomplete`,
 * answered by the Fetch-API handler of `@pi-kit/server-adapters`. In an app whose handlers
 * are a module constant this is just `export const POST = payments.fetch;`; here they are
 * created on the first request, so `next build` needs no API key and the same build runs
 * against the simulator or real Pi.
 */
import { exampleServer } from '../../../../lib/payments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return exampleServer().payments.fetch(request);
}
