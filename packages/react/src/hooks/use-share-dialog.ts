'use client';
import { openShareDialog } from '@pi-kit/core';
import { useCallback } from 'react';
import { useClient } from './use-pi-client';
import { useSdkReady } from './use-sdk-ready';

/** What `useShareDialog()` returns. */
export interface UseShareDialogResult {
  /** The SDK is ready, so `share` can open the dialog. */
  canShare: boolean;
  /**
   * Opens the Pi Browser's share dialog (`Pi.openShareDialog(title, message)`).
   * Rejects with `NotInitializedError` (`not_initialized`) before the SDK is ready, or
   * `SdkCallError` (`sdk_call_failed`).
   */
  share(title: string, message: string): Promise<void>;
}

/**
 * The Pi Browser's share dialog.
 *
 * Source: Pi SDK reference, `Pi.openShareDialog`.
 * @throws {PiProviderMissingError} outside a `<PiProvider>`.
 *
 * ```tsx
 * const { share, canShare } = useShareDialog();
 * <button disabled={!canShare} onClick={() => share('π shop', 'Look what I bought').catch(() => {})}>Share</button>
 * ```
 */
export function useShareDialog(): UseShareDialogResult {
  const client = useClient('useShareDialog');
  const canShare = useSdkReady(client);
  const share = useCallback((title: string, message: string) => openShareDialog(client, title, message), [client]);
  return { canShare, share };
}
