export { createFetchTransport, isRouteErrorBody, type FetchTransportOptions, type TransportHeaders } from './fetch-transport';
