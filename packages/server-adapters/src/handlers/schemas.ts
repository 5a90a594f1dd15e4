/**
 * zod schemas of the request bodies of the route contract (`@pi-kit/core` `contract/routes.ts`).
 */
import type { PaymentRoute, PaymentRouteRequestBodies } from '@pi-kit/core';
import { z } from 'zod';

const paymentId = z
  .string()
  .trim()
  .min(1, 'paymentId is required')
  .max(256)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'paymentId has characters Pi ids never have');
const txid = z
  .string()
  .trim()
  .min(1, 'txid is required')
  .max(256)
  .regex(/^[A-Za-z0-9_-]+$/, 'txid has characters a transaction id never has');
const accessToken = z.string().min(1, 'accessToken is required').max(8192);

/** One schema per route; unknown keys are dropped. */
export const routeSchemas = {
  approve: z.object({ paymentId, accessToken }),
  complete: z.object({ paymentId, txid, accessToken: accessToken.optional() }),
  cancel: z.object({ paymentId, accessToken: accessToken.optional() }),
  incomplete: z.object({ paymentId, txid: txid.nullable(), accessToken: accessToken.optional() }),
} satisfies { [R in PaymentRoute]: z.ZodType<PaymentRouteRequestBodies[R]> };
