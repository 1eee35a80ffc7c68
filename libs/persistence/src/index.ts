export * from './persistence.module';
export * from './database-health';
