import { fromAcceptLanguage } from '@portico/contracts';
import type { FastifyRequest } from 'fastify';

/** What a portal request may carry about its language (set by PortalSessionGuard). */
export type PortalLocaleSource = FastifyRequest & {
  portalSession?: { locale: string };
  portalLocaleHint?: string;
};

/**
 * The language of a portal answer: the verified session's; else, when the session could not be
 * verified right now, the customer's last known one; else the browser's `Accept-Language`.
 */
export function portalLocaleOf(request: PortalLocaleSource): string {
  return (
    request.portalSession?.locale ??
    request.portalLocaleHint ??
    fromAcceptLanguage(request.headers['accept-language'])
  );
}

export { fromAcceptLanguage } from '@portico/contracts';
