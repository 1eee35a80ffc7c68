import { DomainError, ErrorCode } from '@portico/contracts';

/**
 * A handler failure is worth retrying only if time can fix it (a database or service briefly
 * away). A DomainError about the message itself will fail the same way every time.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof DomainError)) return true;
  switch (error.code) {
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.ServiceTimeout:
    case ErrorCode.PdfRendererBusy:
    case ErrorCode.PdfRenderTimeout:
    case ErrorCode.Internal:
    case ErrorCode.TooManyRequests:
      return true;
    case ErrorCode.ValidationFailed:
    case ErrorCode.NotFound:
    case ErrorCode.CustomerNotFound:
    case ErrorCode.OrganizationNotFound:
    case ErrorCode.ApiKeyNotFound:
    case ErrorCode.InvoiceNotFound:
    case ErrorCode.Conflict:
    case ErrorCode.OrganizationAlreadyExists:
    case ErrorCode.Unauthorized:
    case ErrorCode.WebhookSignatureInvalid:
    case ErrorCode.PortalTokenInvalid:
    case ErrorCode.PortalTokenExpired:
    case ErrorCode.PortalSessionRevoked:
    case ErrorCode.Forbidden:
      return false;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
