import type { PaymentRoute, PaymentRouteResponseBodies } from '../contract/routes';
import type { PaymentTransport } from '../contract/transport';
import { PiKitError } from '../errors/base';
import { ServerRequestError } from '../errors/transport';
import { DEV } from '../env/development';

/**
 * Calls one route of a (possibly custom) transport, so that whatever happens the
 * caller gets the route's answer with the PaymentDTO of `body.paymentId` as `payment`, or a
 * `PiKitError` (a custom transport's plain errors and malformed answers, including a
 * `payment` without that `identifier`, become `ServerRequestError`).
 */
export async function callTransport<R extends PaymentRoute>(
  transport: PaymentTransport,
  route: R,
  body: Parameters<PaymentTransport[R]>[0],
): Promise<PaymentRouteResponseBodies[R]> {
  const url = `(transport.${route})`;
  let answer: PaymentRouteResponseBodies[R];
  try {
    answer = (await (transport[route] as (b: typeof body) => Promise<PaymentRouteResponseBodies[R]>)(
      body,
    )) as PaymentRouteResponseBodies[R];
  } catch (error) {
    if (error instanceof PiKitError) throw error;
    throw new ServerRequestError(
      {
        route,
        url,
        status: null,
        body: null,
        problem: DEV ? `The payment transport's ${route} call failed.` : '',
      },
      { cause: error },
    );
  }
  // The route's own PaymentDTO: anything else would move the payment on with what is not its payment.
  if ((answer as Partial<PaymentRouteResponseBodies[R]> | null)?.payment?.identifier !== body.paymentId) {
    throw new ServerRequestError({
      route,
      url,
      status: null,
      body: null,
      problem: DEV
        ? `The payment transport's ${route} call resolved without { payment } (the PaymentDTO of payment ${body.paymentId}).`
        : '',
    });
  }
  return answer;
}
