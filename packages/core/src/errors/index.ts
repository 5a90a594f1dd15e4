export { PiKitError, type PiKitErrorOptions } from './base';
