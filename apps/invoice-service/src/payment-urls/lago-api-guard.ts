/** Injection token of the outbound guard Lago's API is called through (payment-urls.module.ts). */
export const LAGO_API_GUARD = Symbol('LAGO_API_GUARD');
