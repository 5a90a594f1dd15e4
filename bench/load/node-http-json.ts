/**
 * One HTTP request over node:http (the global agent) whose answer is JSON: the plain way a
 * server calls Pi without fetch, as the bare baselines of `pnpm bench --bare-node-http` and
 * `pnpm bench:transport` do. Resolves the parsed answer, whatever its status.
 */
import { request } from 'node:http';

export function requestJson(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<unknown> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: payload ? { ...headers, 'Content-Length': payload.length } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
