/**
 * A Horizon API over the simulated ledger, as a Fetch handler that
 * `@stellar/stellar-sdk`'s `Horizon.Server` uses unchanged (`allowHttp: true`
 * for a local URL). Every answer carries a `Date` header from the network's
 * clock (the SDK reads server time from it).
 *
 * Routes: `GET /`, `GET /accounts/{id}`, `GET /accounts/{id}/transactions`,
 * `GET /accounts/{id}/payments`, `GET /fee_stats`, `POST /transactions` (form field `tx`),
 * `GET /transactions/{hash}`, `GET /transactions/{hash}/operations`, `GET /operations/{id}`,
 * `GET /ledgers`, `GET /ledgers/{sequence}`.
 * A path prefix before these (e.g. `/horizon/accounts/…`) is accepted and kept in links; the
 * root is `/` or the path of `network.horizonUrl`.
 *
 * Source: docs/PI-PLATFORM.md ("A2U payments"); Horizon API reference.
 */
import { TransactionBuilder } from '@stellar/stellar-sdk';
import type { HorizonEngine } from '../engine/ports';
import type { TransactionRecord } from '../engine/ledger';
import { readBody, serve, type Answer } from '../http/serve';
import {
  accountResource,
  badRequest,
  hal,
  horizonTime,
  ledgerResource,
  notFound,
  operationResource,
  page,
  problem,
  transactionResource,
} from './resources';

const ROOTS = new Set(['accounts', 'fee_stats', 'transactions', 'operations', 'ledgers']);

function feeStats(network: HorizonEngine): unknown {
  const fee = network.ledger.baseFee.toString();
  const distribution = Object.fromEntries(
    ['max', 'min', 'mode', 'p10', 'p20', 'p30', 'p40', 'p50', 'p60', 'p70', 'p80', 'p90', 'p95', 'p99'].map((k) => [k, fee]),
  );
  return {
    last_ledger: String(network.ledger.latestLedger),
    last_ledger_base_fee: fee,
    ledger_capacity_usage: '0.01',
    fee_charged: distribution,
    max_fee: distribution,
  };
}

function failure(envelope: string, resultCode: string, opResults: string[], resultXdr: string): Answer {
  return problem(
    400,
    'transaction_failed',
    'Transaction Failed',
    'The transaction failed when submitted to the stellar network. The `extras.result_codes` field on this response contains further details.  Descriptions of each code can be found at: https://developers.stellar.org/docs/data/apis/horizon/api-reference/errors/http-status-codes/horizon-specific/transaction-failed',
    {
      envelope_xdr: envelope,
      result_codes: resultCode === 'tx_failed' ? { transaction: resultCode, operations: opResults } : { transaction: resultCode },
      result_xdr: resultXdr,
    },
    resultCode,
  );
}

/** @internal Builds `network.horizon`. */
export function createHorizonHandler(network: HorizonEngine): (request: Request, options?: { mountPath?: string }) => Promise<Response> {
  const ledger = (): HorizonEngine['ledger'] => network.ledger;

  const submit = async (request: Request, base: string): Promise<Answer> => {
    const text = await readBody(request);
    if (text === undefined) return problem(413, 'too_large', 'Request Too Large', 'The request body is larger than 64 KiB.');
    const envelope = new URLSearchParams(text).get('tx');
    if (!envelope) return badRequest('tx', 'Missing the form field `tx` (base64 transaction envelope XDR).');
    let tx: ReturnType<typeof TransactionBuilder.fromXDR>;
    try {
      tx = TransactionBuilder.fromXDR(envelope, network.network);
    } catch {
      return problem(
        400,
        'transaction_malformed',
        'Transaction Malformed',
        'Horizon could not decode the transaction envelope in this request. A transaction should be an XDR TransactionEnvelope struct encoded using base64.  The envelope read from this request is echoed in the `extras.envelope_xdr` field of this response for your convenience.',
        { envelope_xdr: envelope },
      );
    }
    const result = ledger().submit(tx, envelope);
    if (result.outcome === 'applied' && result.record) network.onLedgerTransaction(result.record);
    if (result.record?.successful) return hal(transactionResource(base, result.record));
    return failure(envelope, result.resultCode, result.opResults, result.resultXdr);
  };

  let prefixOfUrl: string | undefined;
  const ownPrefixOf = (): string => (prefixOfUrl ??= new URL(network.horizonUrl).pathname.replace(/\/+$/, ''));

  const handle = async (request: Request, path: string, mountPath: string | undefined): Promise<Answer> => {
    const method = request.method.toUpperCase();
    const url = new URL(request.url);
    const segments = path.split('/').filter((s) => s !== '');
    const rootIndex = segments.findIndex((s) => ROOTS.has(s));
    const prefix = rootIndex > 0 ? `/${segments.slice(0, rootIndex).join('/')}` : '';
    const base = `${url.origin}${prefix}`;
    const route = rootIndex >= 0 ? segments.slice(rootIndex) : segments;
    const onlyGet = (answer: () => Answer): Answer =>
      method === 'GET' || method === 'HEAD'
        ? answer()
        : problem(405, 'method_not_allowed', 'Method Not Allowed', `${method} is not allowed on ${path}.`);

    if (route.length === 0 || rootIndex === -1) {
      // The root: `/`, the path of `network.horizonUrl`, or the path a server mounts Horizon at
      // (e.g. `/horizon`: stellar-sdk reads Horizon's clock there).
      const rootPath = segments.length > 0 ? `/${segments.join('/')}` : '';
      if (rootPath !== '' && rootPath !== ownPrefixOf() && rootPath !== mountPath?.replace(/\/+$/, '')) return notFound();
      const rootBase = `${url.origin}${rootPath}`;
      return onlyGet(() =>
        hal({
          _links: {
            account: { href: `${rootBase}/accounts/{account_id}`, templated: true },
            fee_stats: { href: `${rootBase}/fee_stats` },
            transaction: { href: `${rootBase}/transactions/{hash}`, templated: true },
            ledgers: { href: `${rootBase}/ledgers{?cursor,limit,order}`, templated: true },
          },
          horizon_version: 'pi-kit-simulator',
          core_version: 'pi-kit-simulator',
          history_latest_ledger: ledger().latestLedger,
          history_latest_ledger_closed_at: horizonTime(ledger().ledgerClosedAt(ledger().latestLedger) ?? network.now()),
          history_elder_ledger: ledger().genesisLedger,
          core_latest_ledger: ledger().latestLedger,
          network_passphrase: network.network,
          current_protocol_version: 19,
          supported_protocol_version: 19,
          core_supported_protocol_version: 19,
        }),
      );
    }

    const [root, id, sub] = route;
    if (route.length > 3) return notFound();

    if (root === 'fee_stats' && route.length === 1) return onlyGet(() => hal(feeStats(network)));

    if (root === 'accounts' && id !== undefined) {
      const account = ledger().account(id);
      if (!account) return onlyGet(notFound);
      if (route.length === 2) return onlyGet(() => hal(accountResource(base, account)));
      if (sub === 'transactions')
        return onlyGet(() =>
          hal(
            page(
              `${base}/accounts/${id}/transactions`,
              url,
              ledger()
                .allTransactions()
                .filter((tx) => tx.source === id || tx.operations.some((op) => op.from === id || op.to === id))
                .map((tx) => ({ token: tx.id, item: tx })),
              (tx) => transactionResource(base, tx),
            ),
          ),
        );
      if (sub === 'payments' || sub === 'operations')
        return onlyGet(() =>
          hal(
            page(
              `${base}/accounts/${id}/${sub}`,
              url,
              ledger()
                .allTransactions()
                .flatMap((tx) => tx.operations.map((op) => ({ token: op.id, item: { op, tx } })))
                .filter(({ item: { op } }) => op.from === id || op.to === id || op.source === id),
              ({ op, tx }) => operationResource(base, op, tx.successful),
            ),
          ),
        );
      return notFound();
    }

    if (root === 'transactions') {
      if (route.length === 1) {
        if (method === 'POST') return submit(request, base);
        return onlyGet(() =>
          hal(
            page(
              `${base}/transactions`,
              url,
              ledger()
                .allTransactions()
                .map((tx) => ({ token: tx.id, item: tx })),
              (tx) => transactionResource(base, tx),
            ),
          ),
        );
      }
      const tx: TransactionRecord | undefined = ledger().transaction(id!);
      if (!tx) return onlyGet(notFound);
      if (route.length === 2) return onlyGet(() => hal(transactionResource(base, tx)));
      if (sub === 'operations' || sub === 'payments')
        return onlyGet(() =>
          hal(
            page(
              `${base}/transactions/${tx.hash}/${sub}`,
              url,
              tx.operations.map((op) => ({ token: op.id, item: op })),
              (op) => operationResource(base, op, tx.successful),
            ),
          ),
        );
      return notFound();
    }

    if (root === 'ledgers' && route.length <= 2) {
      const ledgerOf = (sequence: number): unknown => {
        const txs = ledger()
          .allTransactions()
          .filter((tx) => tx.ledger === sequence);
        return ledgerResource(
          base,
          sequence,
          ledger().ledgerClosedAt(sequence) ?? network.now(),
          {
            successful: txs.filter((tx) => tx.successful).length,
            failed: txs.filter((tx) => !tx.successful).length,
            operations: txs.reduce((n, tx) => n + tx.operations.length, 0),
          },
          ledger().baseFee,
        );
      };
      if (route.length === 2) {
        const sequence = Number(id);
        if (!Number.isInteger(sequence) || ledger().ledgerClosedAt(sequence) === undefined) return onlyGet(notFound);
        return onlyGet(() => hal(ledgerOf(sequence)));
      }
      const sequences = Array.from({ length: ledger().latestLedger - ledger().genesisLedger + 1 }, (_, i) => ledger().genesisLedger + i);
      return onlyGet(() =>
        hal(
          page(
            `${base}/ledgers`,
            url,
            sequences.map((sq) => ({ token: (BigInt(sq) << 32n).toString(), item: sq })),
            ledgerOf,
          ),
        ),
      );
    }

    if (root === 'operations' && route.length === 2) {
      const op = ledger().operation(id!);
      if (!op) return onlyGet(notFound);
      const tx = ledger().transaction(op.transactionHash);
      return onlyGet(() => hal(operationResource(base, op, tx?.successful ?? false)));
    }
    return notFound();
  };

  const faultBody = (status: number): Answer =>
    status >= 400
      ? problem(
          status,
          status >= 500 ? 'server_error' : 'simulated_fault',
          status >= 500 ? 'Internal Server Error' : 'Simulated Fault',
          `Simulated failure (injected fault), HTTP ${status}.`,
        )
      : hal({}, status);

  return (request, options) =>
    serve(
      network,
      'horizon',
      request,
      (r, path) => handle(r, path, options?.mountPath),
      faultBody,
      () => ({ date: new Date(network.now()).toUTCString() }),
    );
}
