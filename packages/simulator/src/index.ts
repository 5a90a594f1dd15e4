/**
 * @pi-kit/simulator: a faithful local Pi Network (SDK, Platform API, blockchain)
 * for development and tests. See the package README.
 */
export * from './engine/index';
export * from './sdk/index';
export * from './app-server/index';
