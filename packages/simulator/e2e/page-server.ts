/**
 * A shop page for the browser tests, served on its own localhost port (another origin than the
 * simulator's, as an app's page is), through the simulator's node listener.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeListener } from '../src/server/node-adapter';

export interface PageServer {
  /** `http://localhost:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` on a free port of 127.0.0.1. */
export async function startPageServer(handler: (request: Request) => Promise<Response>): Promise<PageServer> {
  const server = createServer(nodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An HTML answer. */
export function htmlResponse(html: string): Response {
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
