/**
 * pi-kit's payment routes as a Next.js Route Handler: `POST /api/pi/approve|complete|cancel|incomplete`,
 * answered by the Fetch-API handler of `@pi-kit/server-adapters`.
 */
import { exampleServer } from '../../../../lib/payments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function POST(request: Request): Promise<Response> {
  return exampleServer().payments.fetch(request);
}
