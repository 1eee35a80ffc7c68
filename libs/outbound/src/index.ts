export * from './address-policy';
export * from './allow-list';
export * from './outbound-config';
export * from './outbound-errors';
export * from './outbound-guard';
