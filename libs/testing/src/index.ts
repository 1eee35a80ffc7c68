export * from './test-environment';
export * from './wait-for';
export * from './broker-admin';
