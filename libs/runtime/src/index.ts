export * from './cluster-metrics';
export * from './close-on-signals';
export * from './find-up';
export * from './ops-server';
export * from './service-ops';
export * from './portico-logger';
