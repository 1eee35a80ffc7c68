export * from './test-environment';
export * from './wait-for';
export * from './broker-admin';
export * from './app-process';
export * from './portico-stack';
export * from './lago-deliveries';
export * from './pdf-text';
export * from './tcp-proxy';
