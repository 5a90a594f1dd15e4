// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PI_SDK_URL, SdkLoadError, loadPiSdk, type PiSdk } from '@pi-kit/core';

/** Stands for the object Pi's script installs; the loader only checks that it exists and returns it. */
const installed = { marker: 'window.Pi' } as unknown as PiSdk;
let urlCounter = 0;
let url = '';

function scripts(): HTMLScriptElement[] {
  return Array.from(document.querySelectorAll('script'));
}

beforeEach(() => {
  url = `https://sdk.test/pi-sdk-${++urlCounter}.js`; // each test its own memo entry
  delete window.Pi;
  document.head.innerHTML = '';
});
afterEach(() => {
  vi.useRealTimers();
  delete window.Pi;
});

describe('loadPiSdk (browser)', () => {
  it("defaults to Pi's URL", () => {
    expect(PI_SDK_URL).toBe('https://sdk.minepi.com/pi-sdk.js');
  });

  it('resolves at once with an existing window.Pi, adding no script', async () => {
    window.Pi = installed;
    await expect(loadPiSdk({ url })).resolves.toBe(installed);
    expect(scripts()).toHaveLength(0);
  });

  it('injects one async script, shared by concurrent callers, and resolves with window.Pi on load', async () => {
    const first = loadPiSdk({ url });
    const second = loadPiSdk({ url });
    expect(second).toBe(first);
    expect(scripts()).toHaveLength(1);
    const script = scripts()[0]!;
    expect(script.src).toBe(url);
    expect(script.async).toBe(true);
    window.Pi = installed;
    script.dispatchEvent(new Event('load'));
    await expect(first).resolves.toBe(installed);
  });

  it('reuses a script tag already in the page', async () => {
    const tag = document.createElement('script');
    tag.src = url;
    document.head.appendChild(tag);
    const loading = loadPiSdk({ url });
    expect(scripts()).toHaveLength(1);
    window.Pi = installed;
    tag.dispatchEvent(new Event('load'));
    await expect(loading).resolves.toBe(installed);
  });

  it('rejects with reason script_error when the script fails, and retries with a fresh tag', async () => {
    const failing = loadPiSdk({ url });
    scripts()[0]!.dispatchEvent(new Event('error'));
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SdkLoadError);
    expect((error as SdkLoadError).reason).toBe('script_error');
    expect((error as SdkLoadError).url).toBe(url);
    expect(scripts()).toHaveLength(0);

    const retry = loadPiSdk({ url });
    expect(retry).not.toBe(failing);
    expect(scripts()).toHaveLength(1);
    window.Pi = installed;
    scripts()[0]!.dispatchEvent(new Event('load'));
    await expect(retry).resolves.toBe(installed);
  });

  it('rejects with reason missing_global when the script loads without defining window.Pi', async () => {
    const loading = loadPiSdk({ url });
    scripts()[0]!.dispatchEvent(new Event('load'));
    await expect(loading).rejects.toMatchObject({ code: 'sdk_load_failed', reason: 'missing_global' });
  });

  it('rejects with reason timeout after timeoutMs', async () => {
    vi.useFakeTimers();
    const loading = loadPiSdk({ url, timeoutMs: 5_000 });
    const settled = loading.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(scripts()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled).toMatchObject({ code: 'sdk_load_failed', reason: 'timeout' });
    expect(scripts()).toHaveLength(0);
  });

  it('rejects an empty url or a non-positive timeout with InvalidOptionError', async () => {
    await expect(loadPiSdk({ url: '' })).rejects.toMatchObject({ code: 'invalid_option', option: 'url' });
    await expect(loadPiSdk({ url, timeoutMs: -1 })).rejects.toMatchObject({ code: 'invalid_option', option: 'timeoutMs' });
    expect(scripts()).toHaveLength(0);
  });

  it('ignores onServer in a browser', async () => {
    window.Pi = installed;
    await expect(loadPiSdk({ url, onServer: 'reject' })).resolves.toBe(installed);
  });
});
