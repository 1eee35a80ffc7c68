export * from './close-on-signals';
export * from './ops-server';
export * from './service-ops';
export * from './portico-logger';
