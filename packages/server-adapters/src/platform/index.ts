export { createPiPlatformClient, PI_API_BASE_URL } from './client';
export type { AdStatusDTO, CallOptions, PiPlatformClient, PiPlatformClientOptions } from './client';
export { PiApiError } from './errors';
export type { PiApiErrorInit, PiApiErrorKind } from './errors';
