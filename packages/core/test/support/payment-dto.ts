import type { PaymentDTO } from '@pi-kit/core';

/**
 * A PaymentDTO shaped as Pi documents it (payments.md, Type `PaymentDTO`), for the
 * pure reducer tests that need a value to carry. Client tests use the simulator's.
 */
export function paymentDto(identifier: string, patch: { txid?: string | null; completed?: boolean; approved?: boolean } = {}): PaymentDTO {
  const txid = patch.txid ?? null;
  return {
    identifier,
    user_uid: 'uid_alice',
    amount: 3.1415,
    memo: 'Digital kitten #1234',
    metadata: { orderId: 1234 },
    from_address: 'GALICE',
    to_address: 'GAPP',
    direction: 'user_to_app',
    created_at: '2026-01-01T00:00:00.000Z',
    network: 'Pi Testnet',
    status: {
      developer_approved: patch.approved ?? txid !== null,
      transaction_verified: txid !== null,
      developer_completed: patch.completed ?? false,
      cancelled: false,
      user_cancelled: false,
    },
    transaction: txid ? { txid, verified: true, _link: `https://api.testnet.minepi.com/transactions/${txid}` } : null,
  };
}
