/**
 * App-to-user (A2U) payments: create → submit on the blockchain → complete, plus cancel
 * and recovery, as Pi's Node and Ruby SDKs do it (payments_advanced.md, docs/PI-PLATFORM.md ("A2U payments")),
 * without their defects (typed errors, no single cached payment, the incomplete list unwrapped,
 * a double submission refused, submissions serialised per wallet, Horizon 5xx and `tx_too_early` retried,
 * a transaction built only once the ledger shows the payment unpaid up to the wallet's sequence
 * number, so that processes sharing a wallet neither fail on `tx_bad_seq` nor pay twice).
 */
import { Asset, Horizon, Memo, Operation, TransactionBuilder, type Transaction } from '@stellar/stellar-sdk';
import type { A2UPaymentArgs, AppNetwork, PaymentDTO } from '@pi-kit/core';
import { PiConfigError } from '../errors/config-error';
import { horizonUrlFor } from '../horizon/urls';
import { createPiPlatformClient, type PiPlatformClient, type PiPlatformClientOptions } from '../platform/client';
import { PiApiError } from '../platform/errors';
import { backoffDelay, sleep } from '../platform/retry';
import { A2UError } from './errors';
import { resolveLogger, type PaymentLogger } from '../handlers/logger';
import { logStep } from './step-log';
import { withWalletLock } from './wallet-lock';
import { walletKeypair } from './wallet-seed';

export interface A2UClientOptions {
  /** The app's server API key; or pass `platform`. */
  apiKey?: string;
  /** A Platform API client, or options for one (with `apiKey`). */
  platform?: PiPlatformClient | Omit<PiPlatformClientOptions, 'apiKey'>;
  /** The app wallet's secret seed (`S…`, 56 characters). Kept in memory only; never logged. */
  walletSeed: string;
  /** Refuse payments of the other network; default: the payment's own network decides. */
  network?: AppNetwork;
  /** Horizon URL; default Pi's Horizon of the payment's network. */
  horizonUrl?: string;
  /** Fixed fee per operation in stroops; default Horizon's base fee (`fetchBaseFee`). */
  baseFee?: number;
  /** Validity of a transaction in seconds (time bounds from Horizon's clock); default 180, at least 30. */
  timeoutSeconds?: number;
  /** Retries of a submission after Horizon 5xx, network errors or `tx_too_early`; default 3. */
  horizonRetries?: number;
  /** Delay before the first Horizon retry in ms (doubled each time); default 500. */
  retryDelayMs?: number;
  /**
   * Where each step is logged (`{ debug, info, warn, error }(message, fields)`, as the payment
   * handlers' `logger`): `console` by default, `false` for nothing. One line per step with the
   * payment id, txid, code, Pi's status and the duration; an `error` line with the fix when Pi
   * refuses the API key, the payment is of the other network, or Pi is unreachable. Never the
   * API key or the wallet seed.
   */
  logger?: PaymentLogger | false;
}

/** What `recoverIncompletePayments` did, by payment id. */
export interface A2URecoveryReport {
  /** Had a transaction on the blockchain: completed on Pi now. */
  completed: string[];
  /** Had no transaction: submitted and completed now. */
  submitted: string[];
  failed: Array<{ paymentId: string; code: string; message: string }>;
}

/** The A2U client. Every method rejects with `A2UError` or `PiApiError`. */
export interface A2UClient {
  /** The app wallet's public address (`G…`). */
  readonly walletAddress: string;
  /**
   * `POST /v2/payments`: creates the payment (`amount` in π, to user `uid`); not retried (see
   * `PiPlatformClient.createA2UPayment`). When Pi refuses it because the app's ongoing A2U payment is
   * not finished (`ongoing_payment_found`), finishes that one first (`recoverIncompletePayments`),
   * then creates; `A2UError` `ongoing_payment` when finishing it fails.
   */
  createPayment(args: A2UPaymentArgs): Promise<PaymentDTO>;
  /**
   * Builds, signs and submits the payment's Stellar transaction (source = app wallet,
   * one native payment of `amount` to `to_address`, memo = payment id, fee from Horizon,
   * time bounds) and resolves its hash, the txid. Re-reads the payment first and refuses
   * one that already has a transaction (`payment_has_txid`), is cancelled, completed, of
   * the wrong direction, network or wallet. Safe with several processes sharing the wallet: built
   * only once Horizon lists the wallet's transactions up to its sequence number and none paid this
   * payment; after `tx_bad_seq` it looks again, then rebuilds or resolves the txid that paid it.
   * Source: payments_advanced.md (A2U flow), docs/PI-PLATFORM.md ("A2U payments").
   */
  submitPayment(paymentId: string): Promise<string>;
  /** `POST /v2/payments/{id}/complete` with the txid. */
  completePayment(paymentId: string, txid: string): Promise<PaymentDTO>;
  /** create → submit → complete. Resolves the completed payment. One `pay()` of a client runs at a time. */
  pay(args: A2UPaymentArgs): Promise<PaymentDTO>;
  /** `POST /v2/payments/{id}/cancel` (only before a transaction exists). */
  cancelPayment(paymentId: string): Promise<PaymentDTO>;
  /** `GET /v2/payments/incomplete_server_payments`: the array. */
  getIncompleteServerPayments(): Promise<PaymentDTO[]>;
  /** Finishes every incomplete A2U payment: completes those with a transaction, submits and completes the others. */
  recoverIncompletePayments(): Promise<A2URecoveryReport>;
}

/**
 * Creates an A2U client.
 *
 * @throws A2UError `invalid_wallet_seed`; PiConfigError `invalid_config` without `apiKey`/`platform`.
 */
export function createA2UClient(options: A2UClientOptions): A2UClient {
  const keypair = walletKeypair(options?.walletSeed);
  const walletAddress = keypair.publicKey();
  const platform: PiPlatformClient =
    typeof (options.platform as PiPlatformClient | undefined)?.getPayment === 'function'
      ? (options.platform as PiPlatformClient)
      : (() => {
          if (!options.apiKey) throw new PiConfigError('createA2UClient: `apiKey` (or a `platform` client) is required.');
          return createPiPlatformClient({ ...((options.platform as object | undefined) ?? {}), apiKey: options.apiKey });
        })();
  const timeoutSeconds = Math.max(30, options.timeoutSeconds ?? 180);
  const policy = { retries: options.horizonRetries ?? 3, baseDelayMs: options.retryDelayMs ?? 500 };

  function horizonFor(network: AppNetwork): Horizon.Server {
    const url = options.horizonUrl ?? horizonUrlFor(network);
    return new Horizon.Server(url, { allowHttp: url.startsWith('http:') });
  }

  function check(payment: PaymentDTO): void {
    const id = payment.identifier;
    if (payment.direction !== 'app_to_user')
      throw new A2UError('wrong_direction', `Payment ${id} is user-to-app; only A2U payments are submitted by the app.`, { paymentId: id });
    if (options.network && payment.network !== options.network)
      throw new A2UError('wrong_network', `Payment ${id} is on "${payment.network}", not "${options.network}".`, { paymentId: id });
    if (payment.from_address !== walletAddress)
      throw new A2UError(
        'wrong_source_wallet',
        `Payment ${id} must be paid from ${payment.from_address}, not from the configured wallet ${walletAddress}.`,
        { paymentId: id },
      );
    if (payment.status.cancelled || payment.status.user_cancelled)
      throw new A2UError('payment_cancelled', `Payment ${id} is cancelled; create a new one.`, { paymentId: id });
    if (payment.status.developer_completed)
      throw new A2UError('payment_already_completed', `Payment ${id} is already completed.`, { paymentId: id });
    if (payment.transaction) {
      throw new A2UError(
        'payment_has_txid',
        `Payment ${id} already has transaction ${payment.transaction.txid}: submitting again would pay twice. Complete it instead.`,
        { paymentId: id },
      );
    }
  }

  /**
   * This payment's transaction on the wallet's current sequence number, built only once the
   * ledger shows that no transaction of the wallet up to that number paid it. The account is read
   * before the wallet's transactions, so the list covers its sequence number; a list that does not
   * reach it (a Horizon behind the one that answered for the account) gives `undefined`: look again
   * later. When the payment is found paid: its hash once one of our transactions reached Horizon
   * (`sent`: it may be ours, e.g. its answer was lost), else `payment_has_txid`.
   * @throws {A2UError} `payment_has_txid`; `horizon_unavailable` when the list cannot be read.
   */
  async function prepare(server: Horizon.Server, payment: PaymentDTO, sent: boolean): Promise<Transaction | string | undefined> {
    const id = payment.identifier;
    const [account, fee] = await Promise.all([
      server.loadAccount(walletAddress),
      options.baseFee !== undefined ? Promise.resolve(options.baseFee) : server.fetchBaseFee(),
    ]);
    const sequence = BigInt(account.sequenceNumber());
    // Pi links a transaction to its payment by memo, maybe with a delay: ask the ledger too.
    const ledger = await findLandedPayment(server, walletAddress, payment);
    if (ledger === 'unknown') {
      throw new A2UError(
        'horizon_unavailable',
        sent
          ? `The wallet's sequence changed while submitting payment ${id} and Horizon could not tell whether it was paid; run recoverIncompletePayments() later.`
          : `Horizon could not list the app wallet's transactions; payment ${id} was not submitted. Try again later.`,
        { paymentId: id },
      );
    }
    if (ledger.hash !== undefined) {
      if (sent) return ledger.hash;
      throw new A2UError('payment_has_txid', `Payment ${id} was already paid by transaction ${ledger.hash}: complete it instead.`, {
        paymentId: id,
      });
    }
    if (ledger.latestSequence !== undefined && ledger.latestSequence < sequence) return undefined;
    // Horizon's clock, known from its last answers (stellar-sdk keeps it): no extra request.
    const timebounds = await server.fetchTimebounds(timeoutSeconds);
    return new TransactionBuilder(account, { fee: String(fee), networkPassphrase: payment.network, timebounds })
      .addOperation(Operation.payment({ destination: payment.to_address, asset: Asset.native(), amount: payment.amount.toFixed(7) }))
      .addMemo(Memo.text(id))
      .build();
  }

  async function submit(paymentId: string): Promise<string> {
    check(await platform.getPayment(paymentId));
    return withWalletLock(walletAddress, async () => {
      // Read again inside the lock: an earlier submission of this payment may just have finished.
      const payment = await platform.getPayment(paymentId);
      check(payment);
      const server = horizonFor(payment.network);
      /** Set once a transaction of ours reached Horizon: from then on, a transaction paying this payment may be ours. */
      let sent = false;
      let transaction: Transaction | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          if (!transaction) {
            const prepared = await prepare(server, payment, sent);
            if (typeof prepared === 'string') return prepared;
            if (prepared === undefined) {
              // This Horizon has not yet listed the wallet's latest transaction: look again shortly.
              if (attempt > policy.retries) {
                throw new A2UError(
                  'horizon_unavailable',
                  `Horizon did not list the app wallet's latest transactions after ${attempt} attempts; payment ${paymentId} was not submitted. Try again later.`,
                  { paymentId },
                );
              }
              await sleep(backoffDelay(policy, attempt));
              continue;
            }
            transaction = prepared;
            transaction.sign(keypair);
          }
          sent = true;
          const result = await server.submitTransaction(transaction);
          return result.hash;
        } catch (error) {
          if (error instanceof A2UError) throw error;
          const info = horizonFailure(error);
          // `tx_bad_seq`: the wallet's sequence moved (another process of this wallet, or an earlier
          // attempt of ours whose answer was lost). The next attempt rebuilds, after looking at the
          // ledger again: never a second transaction for a payment already paid.
          const rebuild =
            info.transactionCode === 'tx_bad_seq' || info.transactionCode === 'tx_too_early' || info.transactionCode === 'tx_too_late';
          if (rebuild) transaction = undefined;
          const retryable =
            info.transactionCode === 'tx_bad_seq' ||
            info.transactionCode === 'tx_too_early' ||
            info.status === undefined ||
            info.status >= 500 ||
            info.status === 429;
          if (!retryable || attempt > policy.retries) {
            if (info.transactionCode === 'tx_bad_seq') {
              // Out of attempts, but an earlier one of ours may have paid it (its answer lost): look once more.
              const ledger = await findLandedPayment(server, walletAddress, payment);
              if (ledger !== 'unknown' && ledger.hash !== undefined) return ledger.hash;
            }
            if (info.status !== undefined && info.status < 500 && info.transactionCode !== 'tx_too_early') {
              throw new A2UError(
                'transaction_failed',
                `Horizon refused the transaction of payment ${paymentId} (${info.transactionCode ?? info.status}${info.operationCodes?.length ? `: ${info.operationCodes.join(', ')}` : ''}).`,
                {
                  cause: error,
                  paymentId,
                  resultCodes: { transaction: info.transactionCode, operations: info.operationCodes },
                },
              );
            }
            throw new A2UError(
              'horizon_unavailable',
              `Horizon did not accept the transaction of payment ${paymentId} after ${attempt} attempts; try again later (the payment has no txid yet).`,
              { cause: error, paymentId },
            );
          }
          await sleep(backoffDelay(policy, attempt));
        }
      }
    });
  }

  const logger = resolveLogger(options.logger);

  /** The tail of this client's `pay()` calls, which run one after another. */
  let payments: Promise<unknown> = Promise.resolve();
  function serially<T>(run: () => Promise<T>): Promise<T> {
    const result = payments.then(run, run);
    payments = result.catch(() => undefined);
    return result;
  }

  /**
   * `POST /v2/payments`. Pi allows one ongoing A2U payment per app (its backend SDKs: "You need to
   * complete the ongoing payment first to create a new one."): when Pi refuses for that reason, the
   * ongoing payments are finished first (`recoverIncompletePayments`: completed when paid, else paid
   * and completed), then the payment is created. Source: https://github.com/pi-apps/pi-nodejs (README).
   */
  async function create(args: A2UPaymentArgs): Promise<PaymentDTO> {
    try {
      return await platform.createA2UPayment(args);
    } catch (error) {
      if (!(error instanceof PiApiError && error.code === 'ongoing_payment_found')) throw error;
      const report = await client.recoverIncompletePayments();
      const [failed] = report.failed;
      if (failed) {
        throw new A2UError(
          'ongoing_payment',
          `Pi refused a new A2U payment: the app's ongoing payment ${failed.paymentId} must be finished first, and finishing it failed (${failed.code}: ${failed.message}). Run recoverIncompletePayments() again later.`,
          { cause: error, paymentId: failed.paymentId },
        );
      }
      return platform.createA2UPayment(args);
    }
  }

  const client: A2UClient = {
    walletAddress,
    createPayment: (args) =>
      logStep(
        logger,
        'create',
        undefined,
        () => create(args),
        (payment) => ({ paymentId: payment.identifier }),
      ),
    submitPayment: (paymentId) =>
      logStep(
        logger,
        'submit',
        paymentId,
        () => submit(paymentId),
        (txid) => ({ txid }),
      ),
    completePayment: (paymentId, txid) =>
      logStep(
        logger,
        'complete',
        paymentId,
        () => platform.completePayment(paymentId, txid),
        () => ({ txid }),
      ),
    pay: (args) =>
      // One payment of this client at a time: Pi allows one ongoing A2U payment per app.
      serially(async () => {
        const payment = await client.createPayment(args);
        const txid = await client.submitPayment(payment.identifier);
        return client.completePayment(payment.identifier, txid);
      }),
    cancelPayment: (paymentId) => logStep(logger, 'cancel', paymentId, () => platform.cancelPayment(paymentId)),
    getIncompleteServerPayments: () => platform.getIncompleteServerPayments(),
    recoverIncompletePayments: () =>
      logStep(
        logger,
        'recover',
        undefined,
        async () => {
          const report: A2URecoveryReport = { completed: [], submitted: [], failed: [] };
          for (const payment of await platform.getIncompleteServerPayments()) {
            const id = payment.identifier;
            try {
              if (payment.transaction) {
                await client.completePayment(id, payment.transaction.txid);
                report.completed.push(id);
              } else {
                const txid = await client.submitPayment(id);
                await client.completePayment(id, txid);
                report.submitted.push(id);
              }
            } catch (error) {
              const code = error instanceof A2UError || error instanceof PiApiError ? error.code : 'internal_error';
              report.failed.push({ paymentId: id, code, message: error instanceof Error ? error.message : String(error) });
            }
          }
          return report;
        },
        (report) => ({ completed: report.completed.length, submitted: report.submitted.length, failed: report.failed.length }),
      ),
  };
  return client;
}

/** Transactions per page of the wallet's list (Horizon's maximum). */
const PAGE_SIZE = 200;
/** Pages read at most (100,000 transactions) before the ledger check gives up as `'unknown'`. */
const MAX_PAGES = 500;
/** A transaction older than the payment by more than this cannot pay it (its memo is the payment's id): clocks of Pi and Horizon may differ. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * The ledger check of a payment, from the app wallet's transactions, newest first:
 * - `hash`: that of a successful transaction of the wallet with memo = the payment's id, looked
 *   for back to the payment's creation (page after page: incoming payments count too), or
 *   `undefined` when there is none;
 * - `latestSequence`: the highest sequence number of the wallet's own transactions on the first
 *   page (`undefined` when none is);
 * - `'unknown'` when Horizon could not be read (or the wallet had more than 100,000 transactions since).
 */
async function findLandedPayment(
  server: Horizon.Server,
  walletAddress: string,
  payment: PaymentDTO,
): Promise<{ hash: string | undefined; latestSequence: bigint | undefined } | 'unknown'> {
  const since = Date.parse(payment.created_at) - CLOCK_SKEW_MS;
  let latestSequence: bigint | undefined;
  try {
    let page = await server.transactions().forAccount(walletAddress).order('desc').limit(PAGE_SIZE).call();
    for (let pages = 1; ; pages++) {
      const own = page.records.filter((tx) => tx.source_account === walletAddress);
      if (pages === 1) {
        for (const tx of own) {
          const sequence = /^\d+$/.test(String(tx.source_account_sequence)) ? BigInt(tx.source_account_sequence) : undefined;
          if (sequence !== undefined && (latestSequence === undefined || sequence > latestSequence)) latestSequence = sequence;
        }
      }
      const hash = own.find((tx) => tx.successful && tx.memo === payment.identifier)?.hash;
      if (hash !== undefined) return { hash, latestSequence };
      const oldest = page.records.at(-1);
      // The end of the list, or back before the payment existed: nothing older can have paid it.
      if (page.records.length < PAGE_SIZE || !oldest || !(Date.parse(oldest.created_at) >= since))
        return { hash: undefined, latestSequence };
      if (pages >= MAX_PAGES) return 'unknown';
      page = await page.next();
    }
  } catch {
    return 'unknown';
  }
}

/** Reads Horizon's status and result codes from whatever stellar-sdk rejected with. */
function horizonFailure(error: unknown): {
  status: number | undefined;
  transactionCode: string | undefined;
  operationCodes: string[] | undefined;
} {
  const e = error as { response?: { status?: number; data?: unknown; extras?: unknown } } & { status?: number };
  const data = (e?.response?.data ?? e?.response) as
    | { status?: number; extras?: { result_codes?: { transaction?: string; operations?: string[] } } }
    | undefined;
  const codes = data?.extras?.result_codes;
  const status = e?.response?.status ?? data?.status ?? e?.status;
  return {
    status: typeof status === 'number' ? status : undefined,
    transactionCode: codes?.transaction,
    operationCodes: codes?.operations,
  };
}
