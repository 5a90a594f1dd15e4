export { PiProviderMissingError } from './provider-missing-error';
export { PiProviderPropsError } from './provider-props-error';
