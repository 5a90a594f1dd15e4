/**
 * One request per key, shared by every caller (React StrictMode, double clicks, several
 * components): `start` runs only when `requests` holds no promise for `key`; its promise
 * is kept while pending, and after it resolved too when `keep` (later calls get the result
 * at once); once it rejected (or, without `keep`, settled) it is forgotten, so the next
 * call starts again. Internal.
 */
export function inFlight<K, T>(requests: Map<K, Promise<T>>, key: K, start: () => Promise<T>, keep?: boolean): Promise<T> {
  const shared = requests.get(key);
  if (shared) return shared;
  const attempt = start();
  requests.set(key, attempt);
  const forget = () => {
    if (requests.get(key) === attempt) requests.delete(key);
  };
  attempt.then(keep ? undefined : forget, forget);
  return attempt;
}
