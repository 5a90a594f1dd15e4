/**
 * A `fetch` that stands in for the network in the real-Pi browser tests (this machine cannot
 * reach Pi): records every request a server makes and answers as Pi's Platform API answers a
 * bad access token (401 `invalid_token`). Shared by the examples' real-Pi tests.
 */

/** A request the server made: where to, and with which `Authorization` header. */
export interface RecordedCall {
  url: string;
  authorization: string | null;
}

export function recordingPiFetch(): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const recording: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    calls.push({ url: request.url, authorization: request.headers.get('authorization') });
    return Response.json({ error: 'invalid_token', error_message: 'Invalid access token' }, { status: 401 });
  };
  return { fetch: recording, calls };
}
