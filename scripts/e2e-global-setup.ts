import { existsSync } from 'node:fs';

/** Fails the browser tests early, with the fix, when Chromium is missing. */
export default function setup(): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    throw new Error(`Chromium not found at ${chromium}. Install Debian's package: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
}
