/**
 * CORS for browser pages served from other localhost ports (an app's dev
 * server loading `/pi-sdk.js` and calling the bridge). Only loopback origins
 * (`localhost`, `127.0.0.1`, `[::1]`, any port, http or https) are allowed.
 */

/** The CORS headers for a request from `origin`, or none for other origins. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!origin || !isLoopbackOrigin(origin)) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

/** True for `http(s)://localhost|127.0.0.1|[::1](:port)`. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const { protocol, hostname } = new URL(origin);
    return (protocol === 'http:' || protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}
