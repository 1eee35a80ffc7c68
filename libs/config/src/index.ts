export * from './parse-config';
export * from './common-env';
export * from './log-levels';
export * from './messaging-config';
