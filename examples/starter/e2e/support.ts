/**
 * What the Chromium tests start: the installed `pi-sim` bin, the app's Express server pointed at
 * it, and Debian's `/usr/bin/chromium` (or `CHROMIUM_PATH`) driven by playwright-core.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { createApp } from '../server/app';

export interface PiSim {
  url: string;
  apiKey: string;
  stop(): void;
}

/** Starts `pi-sim` (the installed bin) on a free port, with the user alice; resolves its URL and API key from what it prints. */
export function startPiSim(): Promise<PiSim> {
  const child = spawn(fileURLToPath(new URL('../node_modules/.bin/pi-sim', import.meta.url)), ['--port', '0', '--user', 'alice:100'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const apiKey = /API key\s+(\S+)/.exec(output)?.[1];
      if (url && apiKey) resolve({ url, apiKey, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`pi-sim exited with ${code}: ${output}`)));
  });
}

/** Starts the app's server against `sim` on a free port (`apiKey`: the one to use, by default pi-sim's); resolves its port. */
export async function startAppServer(sim: PiSim, apiKey = sim.apiKey): Promise<{ server: Server; port: number }> {
  const server = createApp({ apiKey, network: 'Pi Testnet', platformBaseUrl: sim.url, horizonUrl: `${sim.url}/horizon` }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Headless Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
