export * from './formatting';
export * from './locales-dir';
export * from './translation-files';
export * from './i18n-options';
export * from './placeholders';
export * from './address';
