export * from './close-on-signals';
export * from './find-up';
