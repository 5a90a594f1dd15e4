/**
 * The JSON shapes of Horizon's resources (accounts, transactions, operations,
 * fee stats) and problems, as `@stellar/stellar-sdk`'s `Horizon.Server` reads them.
 *
 * Source: Horizon API reference (resources "Account", "Transaction", "Operation",
 * "Fee Stats"; "Errors").
 */
import { formatStroops as formatAmount } from '@pi-kit/core';
import type { LedgerAccount, OperationRecord, TransactionRecord } from '../engine/ledger';
import type { Answer } from '../http/serve';

/** Horizon's timestamps have no milliseconds: `2026-01-01T00:00:00Z`. */
export function horizonTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const PROBLEM = 'application/problem+json; charset=utf-8';
const HAL = 'application/hal+json; charset=utf-8';

/** A HAL resource answer. */
export function hal(body: unknown, status = 200): Answer {
  return { status, body, contentType: HAL };
}

/** A Horizon problem answer. */
export function problem(
  status: number,
  kind: string,
  title: string,
  detail: string,
  extras?: Record<string, unknown>,
  error?: string,
): Answer {
  return {
    status,
    body: { type: `https://stellar.org/horizon-errors/${kind}`, title, status, detail, ...(extras ? { extras } : {}) },
    contentType: PROBLEM,
    error: error ?? kind,
  };
}

/** 404 Resource Missing. */
export function notFound(): Answer {
  return problem(
    404,
    'not_found',
    'Resource Missing',
    'The resource at the url requested was not found.  This usually occurs for one of two reasons:  The url requested is not valid, or no data in our database could be found with the parameters provided.',
  );
}

/** 400 Bad Request for an invalid field. */
export function badRequest(field: string, reason: string): Answer {
  return problem(400, 'bad_request', 'Bad Request', 'The request you sent was invalid in some way.', { invalid_field: field, reason });
}

/** The account resource. */
export function accountResource(base: string, a: LedgerAccount): unknown {
  const self = `${base}/accounts/${a.address}`;
  return {
    _links: {
      self: { href: self },
      transactions: { href: `${self}/transactions{?cursor,limit,order}`, templated: true },
      operations: { href: `${self}/operations{?cursor,limit,order}`, templated: true },
      payments: { href: `${self}/payments{?cursor,limit,order}`, templated: true },
      effects: { href: `${self}/effects{?cursor,limit,order}`, templated: true },
      offers: { href: `${self}/offers{?cursor,limit,order}`, templated: true },
      trades: { href: `${self}/trades{?cursor,limit,order}`, templated: true },
      data: { href: `${self}/data/{key}`, templated: true },
    },
    id: a.address,
    account_id: a.address,
    sequence: a.sequence.toString(),
    subentry_count: 0,
    last_modified_ledger: a.lastModifiedLedger,
    last_modified_time: horizonTime(a.lastModifiedAt),
    thresholds: { low_threshold: 0, med_threshold: 0, high_threshold: 0 },
    flags: { auth_required: false, auth_revocable: false, auth_immutable: false, auth_clawback_enabled: false },
    balances: [
      { balance: formatAmount(a.balance), buying_liabilities: '0.0000000', selling_liabilities: '0.0000000', asset_type: 'native' },
    ],
    signers: [{ weight: 1, key: a.address, type: 'ed25519_public_key' }],
    data: {},
    num_sponsoring: 0,
    num_sponsored: 0,
    paging_token: a.address,
  };
}

/** The transaction resource (also the success answer of `POST /transactions`). */
export function transactionResource(base: string, tx: TransactionRecord): unknown {
  const self = `${base}/transactions/${tx.hash}`;
  return {
    _links: {
      self: { href: self },
      account: { href: `${base}/accounts/${tx.source}` },
      ledger: { href: `${base}/ledgers/${tx.ledger}` },
      operations: { href: `${self}/operations{?cursor,limit,order}`, templated: true },
      effects: { href: `${self}/effects{?cursor,limit,order}`, templated: true },
      precedes: { href: `${base}/transactions?order=asc&cursor=${tx.id}` },
      succeeds: { href: `${base}/transactions?order=desc&cursor=${tx.id}` },
      transaction: { href: self },
    },
    id: tx.hash,
    paging_token: tx.id,
    successful: tx.successful,
    hash: tx.hash,
    ledger: tx.ledger,
    created_at: horizonTime(tx.closedAt),
    source_account: tx.source,
    source_account_sequence: tx.sequence.toString(),
    fee_account: tx.source,
    fee_charged: tx.feeCharged.toString(),
    max_fee: tx.maxFee.toString(),
    operation_count: tx.operations.length,
    envelope_xdr: tx.envelopeXdr(),
    result_xdr: tx.resultXdr(),
    memo_type: tx.memoType,
    ...(tx.memo !== null ? { memo: tx.memo } : {}),
    ...(tx.memoBytes !== null ? { memo_bytes: tx.memoBytes } : {}),
    signatures: tx.signatures(),
    ...(tx.timeBounds
      ? {
          valid_after: horizonTime(Number(tx.timeBounds.min) * 1000),
          ...(tx.timeBounds.max !== 0n ? { valid_before: horizonTime(Number(tx.timeBounds.max) * 1000) } : {}),
          preconditions: {
            timebounds: {
              min_time: tx.timeBounds.min.toString(),
              ...(tx.timeBounds.max !== 0n ? { max_time: tx.timeBounds.max.toString() } : {}),
            },
          },
        }
      : {}),
  };
}

/** The operation resource (native payments; other operations show their type only). */
export function operationResource(base: string, op: OperationRecord, successful: boolean): unknown {
  const self = `${base}/operations/${op.id}`;
  return {
    _links: {
      self: { href: self },
      transaction: { href: `${base}/transactions/${op.transactionHash}` },
      effects: { href: `${self}/effects` },
      succeeds: { href: `${base}/effects?order=desc&cursor=${op.id}` },
      precedes: { href: `${base}/effects?order=asc&cursor=${op.id}` },
    },
    id: op.id,
    paging_token: op.id,
    transaction_successful: successful,
    source_account: op.source,
    type: op.type,
    type_i: op.type === 'payment' ? 1 : undefined,
    created_at: horizonTime(op.createdAt),
    transaction_hash: op.transactionHash,
    ...(op.type === 'payment' ? { asset_type: 'native', from: op.from, to: op.to, amount: formatAmount(op.amount) } : {}),
  };
}

/**
 * A collection page as Horizon pages: `order` (`asc` default, or `desc`), `limit` (default 10, at
 * most 200) and `cursor` (a paging token: records after it in that order), with `next`/`prev` links.
 * `items` are in ascending order with their paging tokens.
 */
export function page<T>(self: string, url: URL, items: Array<{ token: string; item: T }>, render: (item: T) => unknown): unknown {
  const order = url.searchParams.get('order') === 'desc' ? 'desc' : 'asc';
  const limit = Math.min(Math.max(Math.trunc(Number(url.searchParams.get('limit'))) || 10, 1), 200);
  const cursorParam = url.searchParams.get('cursor');
  let cursor: bigint | undefined;
  try {
    cursor = cursorParam && cursorParam !== 'now' ? BigInt(cursorParam) : undefined;
  } catch {
    cursor = undefined;
  }
  let sorted = order === 'asc' ? items : [...items].reverse();
  if (cursorParam === 'now') sorted = order === 'asc' ? [] : sorted;
  if (cursor !== undefined) sorted = sorted.filter(({ token }) => (order === 'asc' ? BigInt(token) > cursor : BigInt(token) < cursor));
  const chosen = sorted.slice(0, limit);
  const link = (o: string, c: string | undefined): { href: string } => ({
    href: `${self}?${c !== undefined ? `cursor=${c}&` : ''}limit=${limit}&order=${o}`,
  });
  const last = chosen.at(-1)?.token ?? cursorParam ?? undefined;
  const first = chosen[0]?.token ?? cursorParam ?? undefined;
  return {
    _links: {
      self: link(order, cursorParam ?? undefined),
      next: link(order, last),
      prev: link(order === 'asc' ? 'desc' : 'asc', first),
    },
    _embedded: { records: chosen.map(({ item }) => render(item)) },
  };
}

/** The ledger resource (one transaction per ledger on the simulated network). */
export function ledgerResource(
  base: string,
  sequence: number,
  closedAt: number,
  txs: { successful: number; failed: number; operations: number },
  baseFee: bigint,
): unknown {
  const hex = (n: number): string => n.toString(16).padStart(64, '0');
  return {
    _links: {
      self: { href: `${base}/ledgers/${sequence}` },
      transactions: { href: `${base}/ledgers/${sequence}/transactions{?cursor,limit,order}`, templated: true },
      operations: { href: `${base}/ledgers/${sequence}/operations{?cursor,limit,order}`, templated: true },
    },
    id: hex(sequence),
    paging_token: (BigInt(sequence) << 32n).toString(),
    hash: hex(sequence),
    prev_hash: hex(sequence - 1),
    sequence,
    successful_transaction_count: txs.successful,
    failed_transaction_count: txs.failed,
    operation_count: txs.operations,
    tx_set_operation_count: txs.operations,
    closed_at: horizonTime(closedAt),
    total_coins: '100000000000.0000000',
    fee_pool: '0.0000000',
    base_fee_in_stroops: Number(baseFee),
    base_reserve_in_stroops: 10_000_000,
    max_tx_set_size: 1000,
    protocol_version: 19,
  };
}
