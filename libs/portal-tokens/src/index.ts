export * from './portal-token-codec';
