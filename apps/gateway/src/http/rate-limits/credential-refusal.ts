import { DomainError } from '@portico/contracts';
import { httpStatusFor } from '../errors/http-status';

/**
 * Whether an authentication error says the credential was wrong (counted against the client
 * address), as opposed to a service being away (not the client's fault, not counted).
 */
export function isCredentialRefusal(error: unknown): boolean {
  if (!(error instanceof DomainError)) return false;
  const status = httpStatusFor(error.code);
  return status === 401 || status === 403 || status === 404;
}
