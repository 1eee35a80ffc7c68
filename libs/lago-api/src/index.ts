export * from './guarded-fetch';
export * from './lago-api-client';
export * from './lago-api-error';
export * from './lago-api-clients';
