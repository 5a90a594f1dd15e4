/**
 * @pi-kit/core: a framework-free, type-safe wrapper of the Pi browser SDK (`window.Pi`).
 * Safe to import during server-side rendering: nothing here touches `window` on import.
 */
export * from './types';
export * from './contract';
export * from './errors';
export * from './env';
export * from './loader';
export * from './payment';
export * from './transport';
export * from './store';
export * from './client';
export * from './views';
