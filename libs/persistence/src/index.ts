export * from './persistence.module';
export * from './database-health';
export * from './save-if-newer';
export * from './plain-collection';
export * from './stored-schema';
export * from './tenant-collection';
