export * from './event-envelope';
export * from './event-contract';
export * from './rpc-contract';
export * from './service-name';
export * from './errors/error-code';
export * from './errors/domain-error';
export * from './errors/zod-details';
export * from './rpc/health-check.rpc';
