/** Injection token of the outbound guard logos are fetched through (see parties.module.ts). */
export const LOGO_GUARD = Symbol('LOGO_GUARD');
