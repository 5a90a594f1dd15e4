/**
 * One A2U submission at a time per app wallet in this process (the wallet's sequence
 * number allows no more), as Pi's Ruby gem does with a lock. Source: docs/PI-PLATFORM.md ("A2U payments").
 */
const tails = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task of the same wallet settled. */
export function withWalletLock<T>(walletAddress: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(walletAddress) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.catch(() => undefined);
  tails.set(walletAddress, tail);
  void tail.then(() => {
    if (tails.get(walletAddress) === tail) tails.delete(walletAddress);
  });
  return run;
}
