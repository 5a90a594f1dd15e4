import type { IncompleteRequestBody, PaymentRouteResponseBodies } from '../contract/routes';
import type { PiKitError } from '../errors/base';
import { PaymentError } from '../errors/payment';
import type { PaymentDTO } from '../types/payment';
import { callTransport } from './call-transport';
import { inFlight } from '../util/in-flight';
import type { ClientContext } from './context';
import { DEV } from '../env/development';

/** Recovery of incomplete payments. Internal. */
export interface Recovery {
  /** Sends the payment to the `incomplete` route; concurrent calls for one payment share a request. */
  recover(payment: PaymentDTO): Promise<PaymentRouteResponseBodies['incomplete']>;
  /** `recover`, for SDK callbacks: failures are logged, never thrown. */
  onIncompletePaymentFound(payment: PaymentDTO): void;
  /** True while a recovery is under way. */
  busy(): boolean;
  /** Resolves once no recovery is under way. */
  idle(): Promise<void>;
}

/**
 * Creates the recovery of incomplete payments (the community guide's payment integration page, `onIncompletePaymentFound`;
 * payments.md, concurrent payments), shown in `state.incompletePayment`.
 */
export function createRecovery(ctx: ClientContext): Recovery {
  const underWay = new Map<string, Promise<PaymentRouteResponseBodies['incomplete']>>();

  function recover(payment: PaymentDTO): Promise<PaymentRouteResponseBodies['incomplete']> {
    if (!payment || typeof payment !== 'object' || typeof payment.identifier !== 'string') {
      return Promise.reject(
        new PaymentError(null, undefined, {
          details: DEV ? 'onIncompletePaymentFound was called without a PaymentDTO.' : 'no PaymentDTO',
        }),
      );
    }
    const id = payment.identifier;
    return inFlight(underWay, id, () => {
      const { store } = ctx;
      store.setState({ incompletePayment: { payment, status: 'recovering', outcome: null, error: null } });
      const body: IncompleteRequestBody = { paymentId: id, txid: payment.transaction?.txid ?? null };
      const token = ctx.accessToken();
      if (token) body.accessToken = token;
      const isShown = () => store.getState().incompletePayment?.payment.identifier === id;
      return callTransport(ctx.transport, 'incomplete', body).then(
        (answer) => {
          if (isShown())
            store.setState({ incompletePayment: { payment: answer.payment, status: 'resolved', outcome: answer.outcome, error: null } });
          return answer;
        },
        (error: PiKitError) => {
          if (isShown()) store.setState({ incompletePayment: { payment, status: 'failed', outcome: null, error } });
          throw error;
        },
      );
    });
  }

  return {
    recover,
    onIncompletePaymentFound(payment) {
      recover(payment).catch((error: unknown) => {
        ctx.logger.warn(
          DEV
            ? `Recovering incomplete payment ${payment?.identifier} failed; it will be offered again at the next authenticate.`
            : `incomplete ${payment?.identifier}`,
          error,
        );
      });
    },
    busy: () => underWay.size > 0,
    async idle() {
      while (underWay.size > 0) await Promise.allSettled([...underWay.values()]);
    },
  };
}
