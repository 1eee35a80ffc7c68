/** The OutboundGuard every call to an organization's Lago API goes through (wallet top-ups). */
export const LAGO_API_GUARD = Symbol('LAGO_API_GUARD');
