/**
 * The published `pi-sdk-react@2.0.0`, measured like pi-kit (`measure`): its tarball from
 * the npm registry (`npm pack`, cached under `node_modules/.cache/pi-kit-size`), an entry
 * importing its two hooks, `react` external and `pi-sdk-js` external (not on npm).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measure, type BundleSize } from './measure';

const cache = fileURLToPath(new URL('../../node_modules/.cache/pi-kit-size/', import.meta.url));

export async function measurePiSdkReact(): Promise<{ ok: true; size: BundleSize } | { ok: false; reason: string }> {
  const dir = `${cache}pi-sdk-react-2.0.0`;
  try {
    if (!existsSync(`${dir}/package/dist/index.js`)) {
      mkdirSync(dir, { recursive: true });
      execFileSync('npm', ['pack', 'pi-sdk-react@2.0.0', '--pack-destination', dir, '--silent'], { stdio: 'pipe', timeout: 60_000 });
      execFileSync('tar', ['xzf', `${dir}/pi-sdk-react-2.0.0.tgz`, '-C', dir], { stdio: 'pipe' });
    }
  } catch (error) {
    return { ok: false, reason: `npm pack failed: ${String(error).split('\n')[0]}` };
  }
  const size = await measure('pi-sdk-react@2.0.0', `export { usePiConnection, usePiPurchase } from './package/dist/index.js';`, {
    external: ['react', 'react-dom', 'pi-sdk-js'],
    resolveDir: dir,
  });
  return { ok: true, size };
}
